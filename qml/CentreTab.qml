import QtQuick
import QtQuick.Controls

// A tab of the centre pane: the current one is raised and underlined in the accent colour.
TabButton {
    id: root
    width: implicitWidth + 28
    contentItem: Label {
        text: root.text
        color: root.checked ? Theme.text : Theme.textDim
        font.bold: root.checked
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
    }
    background: Rectangle {
        color: root.checked ? Theme.panelRaised : Theme.window
        Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 2; color: Theme.accent; visible: root.checked }
    }
}
