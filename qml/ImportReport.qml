import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// The selected file's note report: the MIDI notes the drum map dropped (number,
// General MIDI name, count) and the voices that took the rest, with hits.
ColumnLayout {
    id: root
    property var report: ({})
    readonly property var unmapped: report.unmapped || []
    readonly property var voices: report.voices || []
    spacing: 2

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
