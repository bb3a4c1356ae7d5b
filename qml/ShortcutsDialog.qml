import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Help > Keyboard shortcuts: every key the app answers, in one list.
Dialog {
    id: root
    objectName: "shortcutsDialog"
    title: qsTr("Keyboard shortcuts")
    modal: true
    standardButtons: Dialog.Close
    anchors.centerIn: Overlay.overlay
    readonly property var entries: [
        ["Space", qsTr("Play / stop")],
        ["Ctrl+T", qsTr("Type a tempo (Enter keeps it)")],
        ["Ctrl+E", qsTr("Export the groove as a MIDI clip")],
        ["Ctrl+Shift+E", qsTr("Export the groove as a WAV")],
        ["Ctrl+O", qsTr("Import MIDI files or a folder")],
        ["Ctrl+N", qsTr("New project")],
        ["Ctrl+Shift+O", qsTr("Open a project")],
        ["Ctrl+S", qsTr("Save the project")],
        ["Ctrl+Shift+S", qsTr("Save the project under a new name")],
        ["Ctrl+Z", qsTr("Undo a grid edit")],
        ["Ctrl+Shift+Z", qsTr("Redo")],
        ["P", qsTr("Place the edited groove on the map")],
        ["G", qsTr("Groove tab: drums from the input rhythm")],
        ["T", qsTr("Groove tab: tap the input rhythm (while playing)")],
        ["F", qsTr("Groove tab: follow on / off")],
        ["F1", qsTr("About Groovescape")],
        ["Ctrl+Q", qsTr("Quit")],
        [qsTr("Click a cell"), qsTr("Grid: add or remove a hit")],
        [qsTr("Drag up / down"), qsTr("Grid: velocity")],
        [qsTr("Shift+drag"), qsTr("Grid: micro-timing")],
        [qsTr("Wheel / right-drag"), qsTr("Map: zoom / pan")],
        [qsTr("Double-click a slider"), qsTr("Back to its neutral value")],
        [qsTr("Double-click a bookmark"), qsTr("Rename it (Enter keeps, Esc cancels)")]
    ]
    GridLayout {
        columns: 2
        columnSpacing: 18
        rowSpacing: 4
        Repeater {
            model: root.entries.length * 2
            Label {
                required property int index
                text: root.entries[Math.floor(index / 2)][index % 2]
                color: index % 2 === 0 ? Theme.accent : Theme.text
                font.family: index % 2 === 0 ? Theme.mono : font.family
            }
        }
    }
}
