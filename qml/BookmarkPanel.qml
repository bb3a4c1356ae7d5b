import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// Bookmarks: pin the cursor with a name; click to recall, double-click to
// rename, × to delete; A / B use one as an interpolation end.
ColumnLayout {
    id: root
    property BookmarkModel bookmarks
    property InterpolationModel interpolation
    spacing: 4

    Label { text: qsTr("Bookmarks"); color: Theme.text; font.bold: true }
    RowLayout {
        Layout.fillWidth: true
        TextField { id: nameField; objectName: "bookmarkName"; Layout.fillWidth: true; placeholderText: qsTr("name")
                    onAccepted: pinButton.clicked() }
        Button { id: pinButton; objectName: "pinBookmark"; text: qsTr("Pin")
                 onClicked: { root.bookmarks.pin(nameField.text); nameField.clear() } }
    }
    ListView {
        objectName: "bookmarkList"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(contentHeight, 160)
        clip: true
        model: root.bookmarks
        delegate: RowLayout {
            width: ListView.view.width
            spacing: 2
            TextField {
                Layout.fillWidth: true
                text: model.name
                readOnly: !activeFocus
                onEditingFinished: root.bookmarks.rename(index, text)
                TapHandler { onTapped: root.bookmarks.recall(index) }
            }
            ToolButton { objectName: "bookmarkA"; text: "A"; onClicked: root.interpolation.setAFromBookmark(root.bookmarks, index)
                         ToolTip.visible: hovered; ToolTip.text: qsTr("Interpolate from this bookmark") }
            ToolButton { objectName: "bookmarkB"; text: "B"; onClicked: root.interpolation.setBFromBookmark(root.bookmarks, index)
                         ToolTip.visible: hovered; ToolTip.text: qsTr("Interpolate to this bookmark") }
            ToolButton { text: "×"; onClicked: root.bookmarks.remove(index) }
        }
    }
}
