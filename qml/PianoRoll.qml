import QtQuick
import QtQuick.Controls
import Groovescape.Ui
import Groovescape.App

// The current groove as the MIDI notes File > Export writes (PianoRollModel uses the
// writer's own conversion): one row per note in use, highest at the top, labelled
// with its number and General MIDI name; notes placed by tick (micro-timing shows
// as a shift off the step lines), shaded by velocity; beat/bar lines and a playhead.
Rectangle {
    id: root
    color: Theme.panel

    property alias model: rollModel
    property int playStep: -1
    readonly property int labelWidth: 150
    readonly property real rowHeight: Math.max(12, Math.min(26, height / Math.max(1, rollModel.rowNotes.length)))
    readonly property real ticksPerPixel: Math.max(1, rollModel.endTick) / Math.max(1, notes.width)

    PianoRollModel { id: rollModel; session: App.session }

    Column {
        id: labels
        objectName: "rollLabels"
        anchors { left: parent.left; top: parent.top; leftMargin: 4 }
        width: root.labelWidth
        Repeater {
            model: rollModel.rowNames
            delegate: Rectangle {
                required property int index
                required property string modelData
                width: labels.width; height: root.rowHeight
                color: index % 2 ? Theme.panel : Theme.panelRaised
                Label {
                    anchors { left: parent.left; leftMargin: 6; verticalCenter: parent.verticalCenter }
                    width: parent.width - 8; elide: Text.ElideRight
                    text: modelData; color: Theme.text; font.pixelSize: Theme.smallFont
                }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: rollModel.noteCount === 0
        text: qsTr("No notes: the groove is empty")
        color: Theme.textDim
    }

    Item {
        id: notes
        objectName: "rollNotes"
        anchors { left: labels.right; right: parent.right; top: parent.top; leftMargin: 2; rightMargin: 6 }
        height: root.rowHeight * rollModel.rowNotes.length
        clip: true

        Repeater {
            model: rollModel.rowNotes.length
            delegate: Rectangle {
                required property int index
                y: index * root.rowHeight; width: notes.width; height: root.rowHeight
                color: index % 2 ? Theme.cellEmpty : Theme.cellBeat
            }
        }
        // Step, beat and bar lines: a step is ticksPerStep ticks.
        Repeater {
            model: App.session.steps
            delegate: Rectangle {
                required property int index
                readonly property bool bar: index % App.session.stepsPerBar === 0
                readonly property bool beat: index % App.session.stepsPerBeat === 0
                visible: index > 0
                x: index * rollModel.ticksPerStep / root.ticksPerPixel; y: 0
                width: bar ? 2 : 1; height: notes.height
                color: bar ? Theme.barLine : (beat ? Theme.beatLine : Qt.rgba(1, 1, 1, 0.04))
            }
        }
        Repeater {
            model: rollModel
            delegate: Rectangle {
                required property int tick
                required property int endTick
                required property int velocity
                required property int row
                required property int note
                objectName: "note"
                x: tick / root.ticksPerPixel
                y: row * root.rowHeight + 2
                width: Math.max(3, (endTick - tick) / root.ticksPerPixel)
                height: root.rowHeight - 4
                radius: 2
                color: Qt.rgba(0.88, 0.63, 0.19, 0.2 + 0.8 * velocity / 127)
                border.color: Theme.accent; border.width: 1
                ToolTip.visible: noteHover.hovered
                ToolTip.text: qsTr("%1 %2 · tick %3 · velocity %4").arg(note).arg(rollModel.gmDrumName(note))
                              .arg(tick).arg(velocity)
                HoverHandler { id: noteHover }
            }
        }
        Rectangle {
            objectName: "rollPlayhead"
            visible: root.playStep >= 0 && root.playStep < App.session.steps
            x: root.playStep * rollModel.ticksPerStep / root.ticksPerPixel
            width: 2; height: notes.height
            color: Theme.playhead
        }
    }
}
