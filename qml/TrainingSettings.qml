import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// What to train (three choices, named for what they do, with advice for the
// dataset's size), then, for "Train from scratch", the model and the settings
// that matter most; the rest folded away.
Pane {
    id: root
    property TrainingModel training
    padding: 8
    background: Rectangle { color: Theme.panel; border.color: Theme.border }
    enabled: !training.running

    component NumberField: TextField {
        property real number
        signal edited(real value)
        text: String(number)
        validator: DoubleValidator { bottom: 0 }
        selectByMouse: true
        onEditingFinished: { const v = Number(text); if (!isNaN(v)) edited(v); text = Qt.binding(() => String(number)) }
    }

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
        width: parent.width
        spacing: 4

        Label { text: qsTr("What to train"); font.bold: true }
        ButtonGroup { id: choices }
        RadioButton {
            objectName: "choiceMap"
            ButtonGroup.group: choices
            text: qsTr("Personal map (fast)")
            checked: root.training.choice === "map"
            onToggled: if (checked) root.training.choice = "map"
            ToolTip.visible: hovered
            ToolTip.text: qsTr("A small 2D map over the best bundled model, fitted to your grooves in seconds")
        }
        RadioButton {
            objectName: "choiceFineTune"
            ButtonGroup.group: choices
            text: qsTr("Fine-tune the bundled model")
            checked: root.training.choice === "finetune"
            onToggled: if (checked) root.training.choice = "finetune"
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The bundled model trains a few epochs on your grooves, then a map over it (minutes)")
        }
        RadioButton {
            objectName: "choiceScratch"
            ButtonGroup.group: choices
            text: qsTr("Train from scratch")
            checked: root.training.choice === "scratch"
            onToggled: if (checked) root.training.choice = "scratch"
            ToolTip.visible: hovered
            ToolTip.text: qsTr("A new model with the settings below (needs many grooves; tens of minutes)")
        }
        CheckBox {
            objectName: "mapAxes"
            visible: root.training.choice !== "scratch"
            text: qsTr("Axes: density →, loudness ↑")
            checked: root.training.mapAxes
            onToggled: root.training.mapAxes = checked
            ToolTip.visible: hovered
            ToolTip.text: qsTr("The map keeps your grooves in order of density along x and of loudness along y, so dragging right adds hits and dragging up plays harder. Your own grooves decode a little less exactly.")
        }
        Label {
            objectName: "choiceAdvice"
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            color: Theme.textDim
            text: root.training.choiceAdvice
        }

        GridLayout {
            Layout.fillWidth: true
            Layout.topMargin: 6
            visible: root.training.choice === "scratch"
            columns: 2
            columnSpacing: Theme.spacing
            rowSpacing: 4

            Label { text: qsTr("Model"); color: Theme.textDim }
            ComboBox {
                objectName: "modelType"
                Layout.fillWidth: true
                model: root.training.modelTypes()
                currentIndex: Math.max(0, model.indexOf(root.training.settings.modelType))
                onActivated: root.training.settings.modelType = currentText
            }
            Label { visible: root.training.settings.modelType === "transformer"; text: qsTr("Input"); color: Theme.textDim }
            ComboBox {
                objectName: "inputMode"
                visible: root.training.settings.modelType === "transformer"
                Layout.fillWidth: true
                model: ["full", "groove"]
                currentIndex: Math.max(0, model.indexOf(root.training.settings.inputMode))
                onActivated: root.training.settings.inputMode = currentText
                ToolTip.visible: hovered
                ToolTip.text: qsTr("full: a map of drums like the other models; groove: learns to turn a rhythm into drums (drumify, the Groove panel)")
            }
            Label { text: qsTr("Flat manifold"); color: Theme.textDim }
            CheckBox {
                objectName: "flat"
                checked: root.training.settings.flat
                onToggled: root.training.settings.flat = checked
                ToolTip.visible: hovered
                ToolTip.text: qsTr("FM-Music-VAE flat-manifold penalty (experimental): equal steps in z give similar changes")
            }
            Label { visible: root.training.fastTrainingAvailable; text: qsTr("Fast training"); color: Theme.textDim }
            CheckBox {
                objectName: "fastTraining"
                visible: root.training.fastTrainingAvailable
                enabled: root.training.settings.modelType === "rhythmvae" && !root.training.settings.flat
                checked: root.training.settings.fastTraining
                onToggled: root.training.settings.fastTraining = checked
                ToolTip.visible: hovered
                ToolTip.text: qsTr("bfloat16 mixed precision on this CPU: about 1.6x faster for the RhythmVAE, same quality in our tests (not for the recurrent model or the flat penalty)")
            }
            Label { visible: root.training.settings.flat; text: qsTr("Flatness eta"); color: Theme.textDim }
            NumberField { objectName: "flatEta"; visible: root.training.settings.flat; Layout.fillWidth: true; number: root.training.settings.flatEta; onEdited: (v) => root.training.settings.flatEta = v }
            Label { text: qsTr("Latent size"); color: Theme.textDim }
            SpinBox { objectName: "latent"; from: 2; to: 256; editable: true; value: root.training.settings.latent; onValueModified: root.training.settings.latent = value }
            Label { text: qsTr("Epochs"); color: Theme.textDim }
            SpinBox { objectName: "epochs"; from: 1; to: 5000; editable: true; value: root.training.settings.epochs; onValueModified: root.training.settings.epochs = value }
            Label { text: qsTr("Batch"); color: Theme.textDim }
            SpinBox { objectName: "batch"; from: 1; to: 4096; editable: true; value: root.training.settings.batch; onValueModified: root.training.settings.batch = value }
            Label { text: qsTr("Learning rate"); color: Theme.textDim }
            NumberField { Layout.fillWidth: true; number: root.training.settings.learningRate; onEdited: (v) => root.training.settings.learningRate = v }
            Label { text: qsTr("Beta (KL)"); color: Theme.textDim }
            NumberField { Layout.fillWidth: true; number: root.training.settings.beta; onEdited: (v) => root.training.settings.beta = v }
            Label { text: qsTr("Free bits"); color: Theme.textDim }
            NumberField { Layout.fillWidth: true; number: root.training.settings.freeBits; onEdited: (v) => root.training.settings.freeBits = v }
            Label { text: qsTr("Early stop patience"); color: Theme.textDim }
            SpinBox { from: 0; to: 1000; editable: true; value: root.training.settings.earlyStopPatience; onValueModified: root.training.settings.earlyStopPatience = value }

            CheckBox {
                id: advanced
                objectName: "advanced"
                Layout.columnSpan: 2
                text: qsTr("Advanced settings")
            }
            Label { visible: advanced.checked; text: qsTr("Hidden width"); color: Theme.textDim }
            SpinBox { visible: advanced.checked; from: 8; to: 4096; editable: true; value: root.training.settings.hidden; onValueModified: root.training.settings.hidden = value }
            Label { visible: advanced.checked; text: qsTr("Weight decay"); color: Theme.textDim }
            NumberField { visible: advanced.checked; Layout.fillWidth: true; number: root.training.settings.weightDecay; onEdited: (v) => root.training.settings.weightDecay = v }
            Label { visible: advanced.checked; text: qsTr("KL anneal"); color: Theme.textDim }
            ComboBox {
                objectName: "klAnneal"
                visible: advanced.checked
                Layout.fillWidth: true
                model: ["none", "linear", "cyclic"]
                currentIndex: Math.max(0, model.indexOf(root.training.settings.klAnneal))
                onActivated: root.training.settings.klAnneal = currentText
            }
            Label { visible: advanced.checked && root.training.settings.klAnneal !== "none"; text: qsTr("KL warm-up epochs"); color: Theme.textDim }
            SpinBox { visible: advanced.checked && root.training.settings.klAnneal !== "none"; from: 0; to: 5000; editable: true; value: root.training.settings.klWarmupEpochs; onValueModified: root.training.settings.klWarmupEpochs = value }
            Label { visible: advanced.checked; text: qsTr("Gradient clip"); color: Theme.textDim }
            NumberField { visible: advanced.checked; Layout.fillWidth: true; number: root.training.settings.clipNorm; onEdited: (v) => root.training.settings.clipNorm = v }
            Label { visible: advanced.checked; text: qsTr("Threads (0 = auto)"); color: Theme.textDim }
            SpinBox { visible: advanced.checked; from: 0; to: 256; editable: true; value: root.training.settings.threads; onValueModified: root.training.settings.threads = value }
            Label { visible: advanced.checked; text: qsTr("Seed"); color: Theme.textDim }
            SpinBox { visible: advanced.checked; from: 0; to: 1000000; editable: true; value: root.training.settings.seed; onValueModified: root.training.settings.seed = value }
            Button {
                Layout.columnSpan: 2
                text: qsTr("Defaults")
                onClicked: root.training.restoreDefaults()
            }
        }
        }
    }
}
