import QtQuick
import QtQuick.Controls

// A small M / S button for a voice row.
Rectangle {
    id: root
    property string label
    property bool on: false
    property color onColor: Theme.accent
    signal toggled()
    width: 18; radius: 2
    color: on ? onColor : Theme.window
    border.color: Theme.border
    Label { anchors.centerIn: parent; text: root.label; font.pixelSize: 10; color: root.on ? Theme.window : Theme.textDim }
    MouseArea { anchors.fill: parent; onClicked: root.toggled() }
}
