import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Groovescape.Ui
import Groovescape.App

// The training dashboard in two columns: on the left what to train, its
// settings, start / stop / resume and progress; on the right two tabs, the
// live loss / learning-rate curves beside the last run's evaluation, and the
// model library. At 1366x768 the right column is ~350 px tall: the curves
// under a row of buttons and the library were ~45 px tall (issue 17 finding
// 9/10), and the library beside them lost its wide table; as tabs each gets
// the whole column. A run's start shows the curves. Points are appended
// per epoch report (a queued signal), never by re-reading the whole history.
Item {
    id: root
    objectName: "trainingView"
    readonly property TrainingModel training: App.training
    property alias lossChart: lossChart
    property alias library: modelLibrary.library

    Connections {
        target: root.training
        function onEpochReported(epoch, values) { lossChart.append(epoch, values) }
        function onPhaseChanged() { if (root.training.phase === "training" && root.training.history.count === 0) lossChart.clearAll() }
        function onRunningChanged() { if (root.training.running) rightTabs.currentIndex = 0 }
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.preferredWidth: 280
            Layout.minimumWidth: 280
            Layout.maximumWidth: 280
            Layout.fillHeight: true
            spacing: 4

            TrainingSettings {
                Layout.fillWidth: true
                Layout.fillHeight: true
                training: root.training
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: 8
                Layout.rightMargin: 8
                Button {
                    objectName: "startButton"
                    Layout.fillWidth: true
                    text: qsTr("Start")
                    enabled: root.training.canStart
                    onClicked: root.training.start()
                }
                Button {
                    objectName: "stopButton"
                    Layout.fillWidth: true
                    text: qsTr("Stop")
                    enabled: root.training.running
                    onClicked: root.training.stop()
                }
                Button {
                    objectName: "resumeButton"
                    Layout.fillWidth: true
                    text: qsTr("Resume")
                    enabled: root.training.canResume
                    onClicked: root.training.resume()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Train the last model %1 more epochs").arg(root.training.settings.epochs)
                }
            }
            ProgressBar {
                objectName: "trainProgress"
                Layout.fillWidth: true
                Layout.leftMargin: 8
                Layout.rightMargin: 8
                value: root.training.progress
                indeterminate: root.training.phase === "preparing" || root.training.phase === "fine-tuning"
                               || root.training.phase === "evaluating"
            }
            Label {
                objectName: "progressLabel"
                Layout.fillWidth: true
                Layout.leftMargin: 8
                color: Theme.textDim
                elide: Text.ElideRight
                // "left" only while epochs run: after the run it would go on counting down (first-hour report).
                text: root.training.epochsPlanned <= 0 ? ""
                      : root.training.phase === "training"
                      ? qsTr("epoch %1/%2 · %3 samples/s · %4 left").arg(root.training.epoch)
                            .arg(root.training.epochsPlanned).arg(root.training.samplesPerSecond.toFixed(0))
                            .arg(root.duration(root.training.remainingSeconds))
                      : qsTr("epoch %1/%2 · %3 samples/s").arg(root.training.epoch)
                            .arg(root.training.epochsPlanned).arg(root.training.samplesPerSecond.toFixed(0))
            }
            Label {
                objectName: "trainMessage"
                Layout.fillWidth: true
                Layout.leftMargin: 8
                Layout.rightMargin: 8
                Layout.bottomMargin: 6
                color: Theme.textDim
                wrapMode: Text.WordWrap
                maximumLineCount: 4
                elide: Text.ElideRight
                text: root.training.message !== "" ? root.training.message
                      : (root.training.canStart ? qsTr("Ready to train on %1.").arg(App.session.datasetName)
                                           : qsTr("Import a dataset to train a model."))
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0

            TabBar {
                id: rightTabs
                objectName: "trainTabs"
                Layout.fillWidth: true
                CentreTab { objectName: "curvesTab"; text: qsTr("Curves") }
                CentreTab { objectName: "libraryTab"; text: qsTr("Model library (%1)").arg(modelLibrary.library.count) }
            }
            StackLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                currentIndex: rightTabs.currentIndex

                RowLayout {
                    spacing: 0
                    LossChart {
                        id: lossChart
                        objectName: "lossChart"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        history: root.training.history
                    }
                    Pane {
                        objectName: "runEvaluation"
                        visible: runTable.hasFigures || root.training.phase === "evaluating"
                        Layout.fillHeight: true
                        Layout.preferredWidth: 230
                        padding: 8
                        background: Rectangle { color: Theme.panel; border.color: Theme.border }
                        ColumnLayout {
                            anchors.fill: parent
                            EvalTable {
                                id: runTable
                                Layout.fillWidth: true
                                title: qsTr("This run (validation)")
                                figures: root.training.evaluation
                            }
                            BusyIndicator {
                                visible: root.training.phase === "evaluating"
                                running: visible
                                Layout.alignment: Qt.AlignHCenter
                            }
                            Item { Layout.fillHeight: true }
                        }
                    }
                }

                ModelLibrary {
                    id: modelLibrary
                    objectName: "modelLibrary"
                    training: root.training
                }
            }
        }
    }

    function duration(seconds) {
        const s = Math.max(0, Math.round(seconds))
        return s >= 3600 ? qsTr("%1 h %2 min").arg(Math.floor(s / 3600)).arg(Math.floor(s % 3600 / 60))
             : s >= 60 ? qsTr("%1 min %2 s").arg(Math.floor(s / 60)).arg(s % 60)
             : qsTr("%1 s").arg(s)
    }
}
