import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// Interpolation: A and B from the cursor (click a point first to start from
// a window) or from bookmarks, steps, linear or spherical, audition each step,
// play the whole path as a sequence (the step heard is ringed on the map),
// export as MIDI or WAV (decoded, rendered and written off the GUI thread).
ColumnLayout {
    id: root
    property MapController controller
    property InterpolationModel interpolation
    spacing: 4

    Label { text: qsTr("Interpolation"); color: Theme.text; font.bold: true }
    RowLayout {
        Layout.fillWidth: true
        Button { objectName: "setA"; text: root.interpolation.hasA ? qsTr("A ✓") : qsTr("Set A"); Layout.fillWidth: true
                 onClicked: root.interpolation.setAFromCursor() }
        Button { objectName: "setB"; text: root.interpolation.hasB ? qsTr("B ✓") : qsTr("Set B"); Layout.fillWidth: true
                 onClicked: root.interpolation.setBFromCursor() }
    }
    RowLayout {
        Layout.fillWidth: true
        Label { text: qsTr("Steps"); color: Theme.textDim }
        SpinBox { from: 2; to: 64; value: root.interpolation.steps; editable: true
                  onValueModified: root.interpolation.steps = value; Layout.fillWidth: true }
    }
    CheckBox { text: qsTr("Spherical (slerp)"); checked: root.interpolation.spherical
               onToggled: root.interpolation.spherical = checked }
    Flow {
        Layout.fillWidth: true
        spacing: 2
        Repeater {
            model: root.interpolation
            Button {
                text: String(model.step + 1)
                width: 30
                highlighted: root.interpolation.player.playing ? root.interpolation.player.playingStep === model.step
                                                               : root.interpolation.current === model.step
                onClicked: root.interpolation.audition(model.step)
            }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Button {
            objectName: "playPath"
            text: root.interpolation.player.playing ? qsTr("Stop path") : qsTr("Play path")
            Layout.fillWidth: true
            enabled: root.interpolation.path.length > 0 && !root.interpolation.player.decoding
            onClicked: root.interpolation.player.playing ? root.interpolation.stopPath() : root.interpolation.playPath()
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Every step in turn, as one multi-bar sequence")
        }
        CheckBox {
            objectName: "loopPath"
            text: qsTr("Loop")
            checked: root.interpolation.player.loop
            onToggled: root.interpolation.player.loop = checked
        }
    }
    Button {
        objectName: "exportPath"
        text: qsTr("Export path as MIDI…")
        Layout.fillWidth: true
        enabled: root.interpolation.path.length > 0 && !root.interpolation.player.exporting
        onClicked: exportDialog.open()
    }
    Button {
        objectName: "exportPathWav"
        text: qsTr("Export path as WAV…")
        Layout.fillWidth: true
        enabled: root.interpolation.path.length > 0 && !root.interpolation.player.exporting
        onClicked: wavDialog.open()
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Every step in turn with the current kit, tempo and swing")
    }
    Label {
        Layout.fillWidth: true
        visible: root.interpolation.message !== ""
        text: root.interpolation.message
        color: Theme.textDim
        wrapMode: Text.Wrap
        font.pixelSize: Theme.smallFont
    }
    FileChooser {
        id: exportDialog
        objectName: "pathMidiDialog"
        title: qsTr("Export the path as one MIDI clip")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: root.interpolation.suggestedName + ".mid"
        nameFilters: [qsTr("MIDI files (*.mid)")]
        defaultSuffix: "mid"
        onAccepted: root.interpolation.exportMidi(selectedFile)
    }
    FileChooser {
        id: wavDialog
        objectName: "pathWavDialog"
        title: qsTr("Export the path as WAV (current kit, tempo, swing)")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: root.interpolation.suggestedName + ".wav"
        nameFilters: [qsTr("WAV files (*.wav)")]
        defaultSuffix: "wav"
        onAccepted: root.interpolation.exportWav(selectedFile)
    }
}
