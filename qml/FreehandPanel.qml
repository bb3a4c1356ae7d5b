import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// The freehand path (RhythmVAE's automation): record the cursor while you
// move it (and while the groove plays), replay the movement (the cursor and
// the sound follow it), play it as a sequence, export it as one MIDI clip or WAV.
ColumnLayout {
    id: root
    property FreehandPath freehand
    spacing: 4

    Label { text: qsTr("Freehand path"); color: Theme.text; font.bold: true }
    RowLayout {
        Layout.fillWidth: true
        Button {
            objectName: "recordFreehand"
            text: root.freehand.recording ? qsTr("■ Stop") : qsTr("● Record")
            Layout.fillWidth: true
            onClicked: root.freehand.recording ? root.freehand.stopRecording() : root.freehand.startRecording()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Record how the cursor moves")
        }
        Button {
            objectName: "replayFreehand"
            text: root.freehand.replaying ? qsTr("Stop") : qsTr("Replay")
            Layout.fillWidth: true
            enabled: root.freehand.count > 0 && !root.freehand.recording
            onClicked: root.freehand.replaying ? root.freehand.stopReplay() : root.freehand.replay()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Move the cursor as recorded")
        }
        CheckBox {
            text: qsTr("Loop")
            checked: root.freehand.loop
            onToggled: root.freehand.loop = checked
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Button {
            objectName: "sequenceFreehand"
            text: root.freehand.player.playing ? qsTr("Stop") : qsTr("As sequence")
            Layout.fillWidth: true
            enabled: root.freehand.count > 0 && !root.freehand.recording
            onClicked: root.freehand.player.playing ? root.freehand.player.stop() : root.freehand.playAsSequence()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Each recorded position in turn, as a multi-bar sequence")
        }
        Button {
            text: qsTr("Clear")
            enabled: root.freehand.count > 0
            onClicked: root.freehand.clear()
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Label { text: qsTr("Bars"); color: Theme.textDim }
        SpinBox {
            id: barsBox
            objectName: "freehandBars"
            from: 0; to: 256; value: 0; editable: true
            Layout.fillWidth: true
            textFromValue: (v) => v === 0 ? qsTr("each move") : String(v)
            valueFromText: (t) => t === qsTr("each move") ? 0 : parseInt(t)
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Clip length: one groove per recorded position, or N grooves evenly over the recording")
        }
    }
    Button {
        objectName: "exportFreehand"
        text: qsTr("Export freehand as MIDI…")
        Layout.fillWidth: true
        enabled: root.freehand.count > 0 && !root.freehand.recording && !root.freehand.player.exporting
        onClicked: exportDialog.open()
    }
    Button {
        objectName: "exportFreehandWav"
        text: qsTr("Export freehand as WAV…")
        Layout.fillWidth: true
        enabled: root.freehand.count > 0 && !root.freehand.recording && !root.freehand.player.exporting
        onClicked: wavDialog.open()
        ToolTip.visible: hovered
        ToolTip.text: qsTr("The same grooves as the MIDI clip, with the current kit, tempo and swing")
    }
    Label {
        Layout.fillWidth: true
        visible: root.freehand.message !== ""
        text: root.freehand.message
        color: Theme.textDim
        wrapMode: Text.Wrap
        font.pixelSize: Theme.smallFont
    }
    FileChooser {
        id: exportDialog
        objectName: "freehandMidiDialog"
        title: qsTr("Export the freehand path as one MIDI clip")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: "freehand-path.mid"
        nameFilters: [qsTr("MIDI files (*.mid)")]
        defaultSuffix: "mid"
        onAccepted: root.freehand.exportMidi(selectedFile, barsBox.value)
    }
    FileChooser {
        id: wavDialog
        objectName: "freehandWavDialog"
        title: qsTr("Export the freehand path as WAV (current kit, tempo, swing)")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: "freehand-path.wav"
        nameFilters: [qsTr("WAV files (*.wav)")]
        defaultSuffix: "wav"
        onAccepted: root.freehand.exportWav(selectedFile, barsBox.value)
    }
}
