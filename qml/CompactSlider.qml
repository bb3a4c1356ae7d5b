import QtQuick
import QtQuick.Controls

// A slider for rows of many (the per-voice controls): a thin track filled from
// `origin` (the neutral value) to the handle, and a small handle; double-click
// returns it to the origin.
Slider {
    id: root
    property real origin: from
    signal reset()
    implicitHeight: 20
    padding: 6

    background: Rectangle {
        x: root.leftPadding
        y: root.topPadding + root.availableHeight / 2 - height / 2
        width: root.availableWidth
        height: 3
        radius: 1.5
        color: Theme.border
        Rectangle {
            readonly property real originX: (root.origin - root.from) / (root.to - root.from) * parent.width
            readonly property real handleX: root.visualPosition * parent.width
            x: Math.min(originX, handleX)
            width: Math.abs(handleX - originX)
            height: parent.height
            radius: 1.5
            color: Theme.accent
        }
    }
    handle: Rectangle {
        x: root.leftPadding + root.visualPosition * (root.availableWidth - width)
        y: root.topPadding + root.availableHeight / 2 - height / 2
        width: 11; height: 11; radius: 5.5
        color: root.pressed ? Theme.accent : Theme.text
        border.color: Theme.border
    }
    // The slider takes the press itself (a TapHandler inside never sees the second click): two presses
    // within the platform's double-click interval are a double-click, acted on after the release (once
    // the slider's own release handling, which reports a move, is done).
    property double lastPress: 0
    property bool resetOnRelease: false
    onPressedChanged: {
        if (pressed) {
            const now = Date.now()
            resetOnRelease = now - lastPress <= Qt.styleHints.mouseDoubleClickInterval
            lastPress = now
        } else if (resetOnRelease) {
            resetOnRelease = false
            lastPress = 0
            Qt.callLater(root.reset)
        }
    }
}
