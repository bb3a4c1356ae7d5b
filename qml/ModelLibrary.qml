import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The model library: the models you trained and the bundled ones, each with
// the data and settings it was trained with and its evaluation table. Click a
// column title to sort; select a row for its details and actions (Open,
// Evaluate on the current dataset, Train more, Rename, Export, Delete).
Pane {
    id: root
    readonly property ModelLibraryModel library: App.library
    property TrainingModel training
    property int currentRow: -1
    readonly property var current: currentRow >= 0 && currentRow < list.count ? list.itemAtIndex(currentRow) : null
    padding: 6
    background: Rectangle { color: Theme.panel; border.color: Theme.border }

    Component.onCompleted: root.library.refresh()
    Connections {
        target: root.library
        function onRenamed(from, to, ok) { if (ok) root.currentRow = root.library.rowOf(to) }
        function onRemoved() { root.currentRow = -1 }
        function onRefreshed() { root.currentRow = Math.min(root.currentRow, root.library.count - 1) }
    }

    // Columns: title, role to sort by, width, text of a row.
    readonly property var columns: [
        { title: qsTr("Model"), role: "name", width: 190 },
        { title: qsTr("Type"), role: "type", width: 76 },
        { title: qsTr("z"), role: "latent", width: 28 },
        { title: qsTr("Trained on"), role: "trainWindows", width: 128 },
        { title: qsTr("Epochs"), role: "epochs", width: 48 },
        { title: qsTr("Time"), role: "trainingSeconds", width: 50 },
        { title: qsTr("F1"), role: "hitF1", width: 44 },
        { title: qsTr("P / R"), role: "hitPrecision", width: 76 },
        { title: qsTr("vel / off MSE"), role: "velocityMse", width: 100 },
        { title: qsTr("smooth"), role: "smoothnessMean", width: 76 },
        { title: qsTr("attr r d / v / o"), role: "densityCorrelation", width: 136 },
    ]

    // Mean of the stored overall feature overlaps of prior samples (eval --save, Evaluate), or undefined.
    function featureOverlap(evaluation) {
        let sum = 0, n = 0
        for (const key in evaluation)
            if (key.startsWith("feature_overlap_")) { sum += evaluation[key]; ++n }
        return n > 0 ? sum / n : undefined
    }
    function num(v, digits) { return v === undefined || v === null ? "—" : Number(v).toFixed(digits) }
    function duration(s) {
        s = Math.round(s)
        return s >= 3600 ? (s / 3600).toFixed(1) + " h" : s >= 60 ? Math.round(s / 60) + " min" : s + " s"
    }
    function cell(column, m) {
        switch (column) {
        case 0: return (m.path === App.session.modelPath ? "● " : "") + m.name
        case 1: return m.type + (m.flat ? " flat" : "") + (m.mapAxes ? " axes" : "")
        case 2: return m.latent
        case 3: return m.dataset === "" ? "—" : qsTr("%1 · %2 · %3 st.").arg(m.dataset).arg(m.trainWindows).arg(m.styleCount)
        case 4: return m.epochs
        case 5: return root.duration(m.trainingSeconds)
        case 6: return root.num(m.hitF1, 3)
        case 7: return root.num(m.hitPrecision, 2) + " / " + root.num(m.hitRecall, 2)
        case 8: return root.num(m.velocityMse, 3) + " / " + root.num(m.offsetMse, 3)
        case 9: return root.num(m.smoothnessMean, 2) + " / " + root.num(m.smoothnessMax, 0)
        case 10: return root.num(m.densityCorrelation, 2) + " / " + root.num(m.velocityCorrelation, 2) + " / " + root.num(m.offsetCorrelation, 2)
        }
        return ""
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 3

        RowLayout {
            Layout.fillWidth: true
            Label { text: qsTr("Model library"); color: Theme.text; font.bold: true }
            Label {
                Layout.fillWidth: true
                text: qsTr("%1 models · ● on the map now · figures on validation windows · bundled models (italic) are read-only").arg(root.library.count)
                color: Theme.textDim
                font.pixelSize: Theme.smallFont
                elide: Text.ElideRight
            }
            BusyIndicator { running: root.library.busy || root.library.evaluating; visible: running; Layout.preferredWidth: 18; Layout.preferredHeight: 18 }
            // On the title line, always in view: the actions below already fill the pane at 1366 pixels.
            ToolButton {
                objectName: "showFeatures"
                text: qsTr("Features…")
                font.bold: enabled
                enabled: root.current !== null && root.library.featureComparisonPath === root.current.model.path
                onClicked: featureDialog.open()
                ToolTip.visible: hovered
                ToolTip.text: enabled ? qsTr("Generated against real grooves: feature distributions and velocity heat maps")
                                      : qsTr("Evaluate a model: the comparison of its grooves with the dataset's shows here")
            }
            ToolButton { text: qsTr("Refresh"); onClicked: root.library.refresh() }
        }

        // The actions stay at the top, always in view, whatever the pane's height (the first-hour report:
        // selecting a row pushed them out of view).
        RowLayout {
            objectName: "libraryActions"
            Layout.fillWidth: true
            readonly property bool usable: root.current !== null && root.current.model.error === ""
            readonly property bool own: usable && !root.current.model.bundled
            id: actions
            Button { objectName: "openModel"; text: qsTr("Open"); enabled: actions.usable; onClicked: root.library.open(root.currentRow) }
            Button {
                objectName: "evaluateModel"
                text: root.library.evaluating ? qsTr("Cancel evaluation") : qsTr("Evaluate")
                enabled: root.library.evaluating || (actions.own && App.session.hasDataset)
                onClicked: root.library.evaluating ? root.library.cancelEvaluation() : root.library.evaluate(root.currentRow)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Evaluate on the validation split of %1 and store the figures in the model file").arg(App.session.datasetName)
            }
            Button {
                text: qsTr("Train more")
                enabled: actions.usable && root.training !== null && root.training.canStart
                onClicked: root.training.resumeFile(root.current.model.path)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Resume training this model on the current dataset")
            }
            Button { text: qsTr("Rename…"); enabled: actions.own; onClicked: { renameField.text = root.current.model.name; renameDialog.open() } }
            Button { text: qsTr("Export…"); enabled: actions.usable; onClicked: exportDialog.open() }
            Button { text: qsTr("Delete…"); enabled: actions.own; onClicked: deleteDialog.open() }
            Label {
                objectName: "libraryMessage"
                Layout.fillWidth: true
                text: root.library.message
                color: Theme.textDim
                font.pixelSize: Theme.smallFont
                elide: Text.ElideRight
            }
        }

        // Column titles: click to sort, again to reverse.
        Row {
            Layout.fillWidth: true
            spacing: 0
            Repeater {
                model: root.columns
                Label {
                    width: modelData.width
                    text: modelData.title + (root.library.sortRole === modelData.role ? (root.library.sortAscending ? " ▲" : " ▼") : "")
                    color: Theme.textDim
                    font.pixelSize: Theme.smallFont
                    font.bold: true
                    elide: Text.ElideRight
                    MouseArea {
                        anchors.fill: parent
                        cursorShape: Qt.PointingHandCursor
                        onClicked: root.library.sortBy(modelData.role, root.library.sortRole === modelData.role ? !root.library.sortAscending : modelData.role === "name")
                    }
                }
            }
        }

        ListView {
            id: list
            objectName: "modelList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 4 * 22
            clip: true
            model: root.library
            currentIndex: root.currentRow
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar {}
            delegate: Rectangle {
                id: rowItem
                required property int index
                required property var model
                width: ListView.view.width
                height: 22
                readonly property bool loaded: model.path === App.session.modelPath
                color: root.currentRow === index ? Theme.panelRaised : "transparent"
                border.color: loaded ? Theme.accent : "transparent"
                Row {
                    anchors.verticalCenter: parent.verticalCenter
                    Repeater {
                        model: root.columns.length
                        Label {
                            required property int index
                            width: root.columns[index].width
                            text: rowItem.model.error !== "" && index > 0 ? (index === 3 ? rowItem.model.error : "")
                                  : root.cell(index, rowItem.model)
                            color: rowItem.model.error !== "" ? Theme.danger
                                   : index === 6 && rowItem.model.hasEvaluation ? Theme.accent : Theme.text
                            font.pixelSize: Theme.smallFont
                            font.family: index >= 4 ? Theme.mono : font.family
                            font.italic: index === 0 && rowItem.model.bundled
                            font.bold: index === 0 && rowItem.loaded
                            elide: index === 0 ? Text.ElideMiddle : Text.ElideRight
                            ToolTip.visible: index === 0 && nameHover.containsMouse && truncated
                            ToolTip.text: rowItem.model.name + (rowItem.loaded ? qsTr(" (on the map now)") : "")
                        }
                    }
                }
                Label {
                    anchors { right: parent.right; rightMargin: 4; verticalCenter: parent.verticalCenter }
                    visible: rowItem.model.evaluating  // bundled models are shown in italics
                    text: qsTr("evaluating… %1 %").arg(Math.round(root.library.evaluationProgress * 100))
                    color: Theme.textDim
                    font.pixelSize: Theme.smallFont
                }
                MouseArea {
                    id: nameHover
                    anchors.fill: parent
                    hoverEnabled: true
                    onClicked: root.currentRow = rowItem.index
                    onDoubleClicked: root.library.open(rowItem.index)
                }
            }
        }

        // The selected model: settings and data, and what can be done with it.
        Label {
            objectName: "modelDetails"
            Layout.fillWidth: true
            visible: root.current !== null
            color: Theme.textDim
            font.pixelSize: Theme.smallFont
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            text: {
                if (!root.current) return ""
                const m = root.current.model
                if (m.error !== "") return m.path + ": " + m.error
                const overlap = root.featureOverlap(m.evaluation)
                return (overlap === undefined ? "" : qsTr("feature overlap (samples vs real, mean) %1 · ").arg(overlap.toFixed(2)))
                    + qsTr("width %1 · %2 parameters · lr %3 · beta %4 · free bits %5 · KL anneal %6%7 · batch not stored · %8 train / %9 validation windows · styles: %10")
                    .arg(m.hidden).arg(Number(m.parameters).toLocaleString(Qt.locale("en_US"), "f", 0))
                    .arg(Number(m.learningRate).toExponential(1)).arg(m.beta).arg(m.freeBits).arg(m.klAnneal)
                    .arg(m.flat ? qsTr(" · flat eta %1").arg(m.flatEta) : "")
                    .arg(m.trainWindows).arg(m.validationWindows).arg(m.styles)
            }
        }
        // Evaluation progress: the phase, a bar over the whole run, and Cancel beside it.
        RowLayout {
            objectName: "evaluationProgressRow"
            Layout.fillWidth: true
            visible: root.library.evaluating
            Label {
                objectName: "evaluationPhase"
                text: qsTr("Evaluating: %1").arg(root.library.evaluationPhase)
                color: Theme.text
                font.pixelSize: Theme.smallFont
            }
            ProgressBar {
                objectName: "evaluationBar"
                Layout.fillWidth: true
                from: 0; to: 1
                value: root.library.evaluationProgress
            }
            Label {
                text: Math.round(root.library.evaluationProgress * 100) + " %"
                color: Theme.textDim
                font.pixelSize: Theme.smallFont
            }
            Button {
                objectName: "cancelEvaluation"
                text: qsTr("Cancel")
                onClicked: root.library.cancelEvaluation()
            }
        }
    }

    // The global feature comparison of the last evaluation: generated grooves (samples from the prior, or
    // reconstructions of the validation windows) against the real windows.
    Dialog {
        id: featureDialog
        objectName: "featureDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent.width - 24, 1340)
        height: parent.height - 24
        modal: true
        padding: 8
        title: qsTr("Feature comparison: %1 on %2 validation windows").arg(root.current ? root.current.model.name : "")
            .arg(root.library.featureComparison.windows || 0)
        standardButtons: Dialog.Close
        readonly property var comparison: root.library.featureComparison
        readonly property string source: sourceBox.currentIndex === 0 ? "prior" : "reconstruction"
        readonly property var set: comparison[source] || ({})

        ColumnLayout {
            anchors.fill: parent
            spacing: 6
            RowLayout {
                Layout.fillWidth: true
                Label { text: qsTr("Generated:"); color: Theme.text }
                ComboBox {
                    id: sourceBox
                    objectName: "featureSource"
                    implicitWidth: 300
                    model: [qsTr("samples from the prior (z ~ N(0, I))"), qsTr("reconstructions of the windows")]
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Blue: real · amber: generated, on shared bins. The number is the overlapping area (1 = same distribution); KL(real ‖ generated) in nats, smoothed (0 = same).")
                    color: Theme.textDim
                    font.pixelSize: Theme.smallFont
                    wrapMode: Text.Wrap
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.fillHeight: true
                spacing: 10
                ScrollView {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 3
                    clip: true
                    contentWidth: availableWidth
                    FeatureCharts {
                        objectName: "featureCharts"
                        width: parent.width
                        columns: width > 900 ? 4 : 3
                        set: featureDialog.set
                    }
                }
                ColumnLayout {
                    Layout.fillHeight: true
                    Layout.preferredWidth: 2
                    Layout.maximumWidth: 470
                    Layout.minimumWidth: 380
                    VelocityHeatMaps {
                        objectName: "velocityHeatMaps"
                        Layout.fillWidth: true
                        comparison: featureDialog.comparison
                        source: featureDialog.source
                        generatedTitle: sourceBox.currentIndex === 0 ? qsTr("Samples from the prior") : qsTr("Reconstructions")
                    }
                    Label {
                        text: featureDialog.source === "prior" ? qsTr("Per style: prior samples carry no style; choose reconstructions.")
                                                               : qsTr("Per style (windows real / generated): mean overlap over the features")
                        color: Theme.textDim
                        font.pixelSize: Theme.smallFont
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                        Layout.topMargin: 6
                    }
                    ListView {
                        objectName: "styleOverlaps"
                        Layout.fillWidth: true
                        Layout.fillHeight: true
                        clip: true
                        model: featureDialog.set.styles || []
                        ScrollBar.vertical: ScrollBar {}
                        delegate: RowLayout {
                            required property var modelData
                            width: ListView.view.width
                            Label { text: modelData.style; color: Theme.text; font.pixelSize: Theme.smallFont; Layout.preferredWidth: 110; elide: Text.ElideRight }
                            Label { text: modelData.real + " / " + modelData.generated; color: Theme.textDim; font.pixelSize: Theme.smallFont; font.family: Theme.mono; Layout.preferredWidth: 80 }
                            Rectangle {
                                Layout.fillWidth: true
                                height: 8
                                color: Theme.cellEmpty
                                Rectangle { width: parent.width * modelData.overlap; height: parent.height; color: Theme.accentDim }
                            }
                            Label { text: Number(modelData.overlap).toFixed(2); color: Theme.text; font.pixelSize: Theme.smallFont; font.family: Theme.mono }
                        }
                    }
                }
            }
        }
    }

    Dialog {
        id: renameDialog
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Rename model")
        standardButtons: Dialog.Ok | Dialog.Cancel
        TextField { id: renameField; width: 320; selectByMouse: true; onAccepted: renameDialog.accept() }
        onAccepted: root.library.rename(root.currentRow, renameField.text)
    }
    Dialog {
        id: deleteDialog
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Delete model")
        standardButtons: Dialog.Yes | Dialog.No
        Label { text: root.current ? qsTr("Delete %1 from the library? The file is removed.").arg(root.current.model.name) : "" }
        onAccepted: root.library.remove(root.currentRow)
    }
    FileChooser {
        id: exportDialog
        objectName: "modelExportDialog"
        mode: FileChooser.SaveFile
        kind: "models"
        title: qsTr("Export model")
        suggestedName: root.current ? String(root.current.model.path).split("/").pop() : "model.gsm"
        nameFilters: [qsTr("Groovescape models (*.gsm *.gsmodel)")]
        defaultSuffix: "gsm"
        onAccepted: root.library.exportTo(root.currentRow, selectedFile)
    }
}
