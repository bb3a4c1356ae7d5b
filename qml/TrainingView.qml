import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Groovescape.Ui

// The training dashboard: model and settings on the left, progress and the
// live loss / learning-rate curves on the right. Points are appended per
// epoch report (a queued signal), never by re-reading the whole history.
Item {
    id: root
    objectName: "trainingView"
    property alias training: training
    property alias lossChart: lossChart

    TrainingModel {
        id: training
        onEpochReported: (epoch, values) => lossChart.append(epoch, values)
        onRunningChanged: if (running && history.count === 0) lossChart.clearAll()
        onSaved: modelLibrary.library.refresh()
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        ColumnLayout {
            Layout.preferredWidth: 280
            Layout.fillHeight: true
            spacing: 0
            TrainingSettings {
                Layout.fillWidth: true
                Layout.fillHeight: true
                training: training
            }
            ModelLibrary {
                id: modelLibrary
                Layout.fillWidth: true
                Layout.preferredHeight: 200
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.margins: 8
            spacing: Theme.spacing

            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "startButton"
                    text: qsTr("Start")
                    enabled: training.canStart
                    onClicked: training.start()
                }
                Button {
                    objectName: "stopButton"
                    text: qsTr("Stop")
                    enabled: training.running
                    onClicked: training.stop()
                }
                Button {
                    objectName: "resumeButton"
                    text: qsTr("Resume")
                    enabled: training.canResume
                    onClicked: training.resume()
                }
                ProgressBar {
                    objectName: "trainProgress"
                    Layout.fillWidth: true
                    value: training.progress
                }
                Label {
                    color: Theme.textDim
                    text: training.epochsPlanned > 0
                          ? qsTr("epoch %1/%2 · %3 samples/s · %4 s left").arg(training.epoch)
                                .arg(training.epochsPlanned).arg(training.samplesPerSecond.toFixed(0))
                                .arg(training.remainingSeconds.toFixed(0))
                          : ""
                }
            }
            Label {
                objectName: "trainMessage"
                Layout.fillWidth: true
                color: Theme.textDim
                elide: Text.ElideRight
                text: training.message !== "" ? training.message
                      : (training.canStart ? qsTr("Ready to train on %1.").arg(Session.datasetName)
                                           : qsTr("Import a dataset to train a model."))
            }
            LossChart {
                id: lossChart
                objectName: "lossChart"
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
        }
    }
}
