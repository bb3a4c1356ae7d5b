import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// The selected file's note report: the MIDI notes the drum map dropped (number,
// General MIDI name, count), the voices that took the rest, with hits, and the
// notes of the song's other channels, which the import did not read as drums
// (with the choice of another drum channel for this file).
ColumnLayout {
    id: root
    property var report: ({})
    property bool busy: false
    readonly property var unmapped: report.unmapped || []
    readonly property var voices: report.voices || []
    readonly property var otherChannels: report.otherChannels || []
    spacing: 2
    // The musician picked another drum channel for this file (the browser re-imports).
    signal drumChannelChosen(int fileIndex, int channel)

    RowLayout {
        Layout.fillWidth: true
        visible: root.report.file !== undefined
        spacing: 4
        Label {
            objectName: "otherChannelsSummary"
            Layout.fillWidth: true; elide: Text.ElideRight
            color: Theme.textDim; font.pixelSize: Theme.smallFont
            text: root.otherChannels.length === 0
                  ? qsTr("Drums from channel %1; no notes on other channels").arg(root.report.drumChannel)
                  : qsTr("Drums from channel %1; %2 notes on other channels not read (%3)")
                        .arg(root.report.drumChannel).arg(root.report.otherChannelNotes)
                        .arg(root.otherChannels.map(c => qsTr("ch %1: %2").arg(c.channel).arg(c.count)).join(", "))
            ToolTip.visible: otherMouse.containsMouse && truncated; ToolTip.text: text
            MouseArea { id: otherMouse; anchors.fill: parent; hoverEnabled: true }
        }
        Label { text: qsTr("This file's drums:"); color: Theme.textDim; font.pixelSize: Theme.smallFont }
        SpinBox {
            objectName: "fileDrumChannelBox"
            from: 1; to: 16
            editable: true
            enabled: !root.busy
            implicitWidth: 84
            value: root.report.drumChannel || 10
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Read this file's drums from another MIDI channel (a song that keeps them off channel 10)")
            onValueModified: root.drumChannelChosen(root.report.fileIndex, value)
        }
    }

    Label {
        objectName: "unmappedSummary"
        Layout.fillWidth: true; elide: Text.ElideRight
        color: Theme.textDim; font.pixelSize: Theme.smallFont
        text: root.report.file === undefined ? ""
              : root.unmapped.length === 0
                ? qsTr("%1 drum notes, all mapped (%2)").arg(root.report.drumNotes).arg(root.report.mapName)
                : qsTr("%1 of %2 drum notes unmapped (%3):").arg(root.report.unmappedTotal).arg(root.report.drumNotes).arg(root.report.mapName)
    }
    Flow {
        Layout.fillWidth: true
        spacing: 4
        Repeater {
            objectName: "unmappedNotes"
            model: root.unmapped
            Rectangle {
                required property var modelData
                width: noteLabel.implicitWidth + 10; height: 18; radius: 3
                color: Theme.panelRaised; border.color: Theme.danger
                Label {
                    id: noteLabel
                    anchors.centerIn: parent
                    text: qsTr("%1 %2 ×%3").arg(modelData.note).arg(modelData.name).arg(modelData.count)
                    color: Theme.text; font.pixelSize: 10
                }
            }
        }
    }
    Flow {
        Layout.fillWidth: true
        spacing: 4
        visible: root.voices.length > 0
        Repeater {
            model: root.voices
            Rectangle {
                required property var modelData
                width: voiceLabel.implicitWidth + 10; height: 18; radius: 3
                color: Theme.panelRaised; border.color: Theme.border
                opacity: modelData.hits > 0 ? 1 : 0.5
                ToolTip.visible: voiceMouse.containsMouse
                ToolTip.text: qsTr("notes %1").arg(modelData.notes)
                MouseArea { id: voiceMouse; anchors.fill: parent; hoverEnabled: true }
                Label {
                    id: voiceLabel
                    anchors.centerIn: parent
                    text: modelData.name + " " + modelData.hits
                    color: Theme.text; font.pixelSize: 10
                }
            }
        }
    }
}
