import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// The blend surface: a bookmark at each corner of a square pad; drag the puck and the groove blends them
// (bilinear in the latent space). The map's cursor follows, so it plays, records and exports as anywhere.
ColumnLayout {
    id: root
    property BlendSurface blend
    property BookmarkModel bookmarks
    spacing: 4

    Label { text: qsTr("Blend four bookmarks"); color: Theme.text; font.bold: true }
    Label {
        Layout.fillWidth: true
        text: root.bookmarks && root.bookmarks.count < 2 ? qsTr("Pin a few bookmarks first (Bookmarks tab).")
              : root.blend.message !== "" ? root.blend.message
              : qsTr("Drag in the square: each corner is a bookmark.")
        color: Theme.textDim
        font.pixelSize: Theme.smallFont
        wrapMode: Text.Wrap
    }

    component CornerBox: ComboBox {
        required property int corner
        objectName: "blendCorner" + corner
        Layout.fillWidth: true
        model: root.bookmarks
        textRole: "name"
        currentIndex: root.blend.corners[corner] ?? -1
        displayText: currentIndex < 0 ? qsTr("corner…") : currentText
        onActivated: (i) => root.blend.setCorner(corner, i)
        font.pixelSize: Theme.smallFont
    }

    RowLayout { Layout.fillWidth: true; CornerBox { corner: 0 } CornerBox { corner: 1 } }
    Rectangle {
        id: pad
        objectName: "blendPad"
        Layout.fillWidth: true
        Layout.preferredHeight: width
        Layout.maximumHeight: 220
        color: Theme.window
        border.color: root.blend.ready ? Theme.accent : Theme.border
        opacity: root.blend.ready ? 1 : 0.5
        Rectangle {
            objectName: "blendPuck"
            width: 14; height: 14; radius: 7
            color: Theme.accent
            x: root.blend.position.x * (pad.width - width)
            y: root.blend.position.y * (pad.height - height)
        }
        MouseArea {
            anchors.fill: parent
            enabled: root.blend.ready
            preventStealing: true  // inside a scroll view: a drag moves the puck, not the panel
            function follow(mouse) { root.blend.moveTo(mouse.x / width, mouse.y / height) }
            onPressed: (mouse) => follow(mouse)
            onPositionChanged: (mouse) => follow(mouse)
        }
    }
    RowLayout { Layout.fillWidth: true; CornerBox { corner: 2 } CornerBox { corner: 3 } }
}
