import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A menu item that shows its keyboard shortcut at the right, as desktop menus do.
MenuItem {
    id: root
    property string hint
    contentItem: RowLayout {
        spacing: 24
        Label {
            text: root.text.replace("&", "")
            color: root.enabled ? Theme.text : Theme.textDim
            Layout.fillWidth: true
        }
        Label {
            text: root.hint
            color: Theme.textDim
            font.pixelSize: Theme.smallFont
            visible: root.hint !== ""
        }
    }
}
