import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// Bookmarks: pin the cursor with a name; click to recall, double-click to
// rename, × to delete; A / B use one as an interpolation end. Tick rows (or
// type a tag) to choose a set; Export ▾ writes the ticked bookmarks, or all of
// them, in list order as one MIDI clip or WAV (decoded and written off the GUI thread).
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
                 onClicked: { root.bookmarks.pin(nameField.text); nameField.clear(); nameField.focus = false } }
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
            CheckBox {
                objectName: "bookmarkSelect"
                checked: model.selected
                onToggled: root.bookmarks.setSelected(index, checked)
                ToolTip.visible: hovered; ToolTip.text: qsTr("Export this bookmark in the set")
            }
            // The name is a label: a click recalls, a double click renames (Enter keeps, Esc cancels). It takes
            // the keyboard only while renaming, so Space stays play/stop (the first-hour report: a click put a
            // caret in the name and Space typed into it).
            Item {
                id: nameCell
                property bool editing: false
                Layout.fillWidth: true
                implicitHeight: nameEditor.implicitHeight
                Label {
                    objectName: "bookmarkLabel"
                    anchors { left: parent.left; top: parent.top; bottom: parent.bottom; right: otherModelMark.left }
                    visible: !nameCell.editing
                    text: model.name
                    color: Theme.text
                    elide: Text.ElideRight
                    verticalAlignment: Text.AlignVCenter
                    leftPadding: 6
                    ToolTip.visible: nameMouse.containsMouse && truncated; ToolTip.text: model.name
                    MouseArea {
                        id: nameMouse
                        anchors.fill: parent
                        hoverEnabled: true
                        onClicked: root.bookmarks.recall(index)
                        onDoubleClicked: {
                            nameCell.editing = true
                            nameEditor.text = model.name
                            nameEditor.selectAll()
                            nameEditor.forceActiveFocus()
                        }
                    }
                }
                // Pinned on another model: recall plays its groove as it was and places it here by encoding.
                Label {
                    id: otherModelMark
                    objectName: "bookmarkOtherModel"
                    anchors { right: parent.right; verticalCenter: parent.verticalCenter }
                    visible: model.otherModel && !nameCell.editing
                    width: visible ? implicitWidth + 4 : 0
                    text: "◇"
                    color: Theme.textDim
                    ToolTip.visible: otherHover.containsMouse
                    ToolTip.text: qsTr("Made on another model: plays its groove as it was, placed on this map by encoding")
                    MouseArea { id: otherHover; anchors.fill: parent; hoverEnabled: true; onClicked: root.bookmarks.recall(index) }
                }
                TextField {
                    id: nameEditor
                    objectName: "bookmarkNameEditor"
                    anchors.fill: parent
                    visible: nameCell.editing
                    function finish(keep) {
                        if (!nameCell.editing)
                            return
                        nameCell.editing = false
                        if (keep && text !== model.name)
                            root.bookmarks.rename(index, text)
                        focus = false  // back to the window: Space plays again
                    }
                    onAccepted: finish(true)
                    onActiveFocusChanged: if (!activeFocus) finish(true)
                    Keys.onEscapePressed: finish(false)
                }
            }
            ToolButton { objectName: "bookmarkA"; text: "A"; Layout.preferredWidth: 26; onClicked: root.interpolation.setAFromBookmark(root.bookmarks, index)
                         ToolTip.visible: hovered; ToolTip.text: qsTr("Interpolate from this bookmark") }
            ToolButton { objectName: "bookmarkB"; text: "B"; Layout.preferredWidth: 26; onClicked: root.interpolation.setBFromBookmark(root.bookmarks, index)
                         ToolTip.visible: hovered; ToolTip.text: qsTr("Interpolate to this bookmark") }
            ToolButton { text: "×"; Layout.preferredWidth: 26; onClicked: root.bookmarks.remove(index) }
        }
    }
    RowLayout {
        Layout.fillWidth: true
        visible: root.bookmarks !== null && root.bookmarks.count > 0
        TextField {
            id: tagField
            objectName: "bookmarkTag"
            Layout.fillWidth: true
            placeholderText: qsTr("tag")
            onAccepted: root.bookmarks.selectTagged(text)
            ToolTip.visible: hovered; ToolTip.text: qsTr("Enter: tick the bookmarks with this tag")
        }
        ToolButton {
            text: qsTr("None")
            enabled: root.bookmarks !== null && root.bookmarks.selectedCount > 0
            onClicked: { root.bookmarks.clearSelection(); tagField.clear() }
            ToolTip.visible: hovered; ToolTip.text: qsTr("Untick all: export every bookmark")
        }
        ToolButton {
            objectName: "exportBookmarks"
            readonly property bool exporting: root.bookmarks !== null && root.bookmarks.player.exporting
            text: exporting ? qsTr("Exporting…") : qsTr("Export ▾")
            enabled: !exporting
            onClicked: bookmarkExportMenu.popup()
            ToolTip.visible: hovered
            ToolTip.text: !root.bookmarks ? ""
                          : root.bookmarks.selectedCount > 0 ? qsTr("Export the %1 ticked bookmarks as one clip").arg(root.bookmarks.selectedCount)
                                                             : qsTr("Export all %1 bookmarks as one clip").arg(root.bookmarks.count)
            Menu {
                id: bookmarkExportMenu
                MenuItem { text: qsTr("Set as MIDI clip…"); onTriggered: midiDialog.open() }
                MenuItem { text: qsTr("Set as WAV (current kit)…"); onTriggered: wavDialog.open() }
            }
        }
    }
    Label {
        Layout.fillWidth: true
        visible: text !== ""
        text: root.bookmarks ? root.bookmarks.message : ""
        color: Theme.textDim
        wrapMode: Text.Wrap
        font.pixelSize: Theme.smallFont
    }
    FileChooser {
        id: midiDialog
        objectName: "bookmarkMidiDialog"
        title: qsTr("Export the bookmarks as one MIDI clip")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: "bookmarks.mid"
        nameFilters: [qsTr("MIDI files (*.mid)")]
        defaultSuffix: "mid"
        onAccepted: root.bookmarks.exportMidi(selectedFile)
    }
    FileChooser {
        id: wavDialog
        objectName: "bookmarkWavDialog"
        title: qsTr("Export the bookmarks as one WAV (current kit, tempo, swing)")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: "bookmarks.wav"
        nameFilters: [qsTr("WAV files (*.wav)")]
        defaultSuffix: "wav"
        onAccepted: root.bookmarks.exportWav(selectedFile)
    }
}
