import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// Voices x steps of Session's groove. Click toggles a hit, a vertical drag sets
// velocity, Shift + horizontal drag sets micro-timing; one drag is one undo step.
// The header switches to the piano roll (the same clip as exported MIDI notes),
// places the edited groove on the map (P) and holds the draggable clip tile.
Rectangle {
    id: root
    color: Theme.panel

    property alias model: grooveModel
    property alias pianoRoll: pianoRoll
    property alias clipTile: clipTile
    // "grid" or "roll"; remembered across starts.
    property string view: bottomSettings.value("bottom/view", "grid") === "roll" ? "roll" : "grid"
    onViewChanged: bottomSettings.setValue("bottom/view", view)
    SettingsStore { id: bottomSettings }

    function placeOnMap() {
        if (App.session.hasModel) App.session.requestPlaceOnMap()
    }
    Shortcut { sequence: "P"; context: Qt.ApplicationShortcut; enabled: App.session.hasModel; onActivated: root.placeOnMap() }
    property int playStep: -1          // fed by the transport; -1 hides the playhead
    readonly property int labelWidth: 132
    readonly property real cellWidth: Math.max(8, (cells.width) / Math.max(1, App.session.steps))
    readonly property real cellHeight: Math.max(14, Math.min(30, (height - header.height - 8) / Math.max(1, App.session.voices)))

    GrooveModel { id: grooveModel; session: App.session }

    function cellAt(x, y) {
        return { step: Math.floor(x / cellWidth), voice: Math.floor(y / cellHeight) }
    }

    RowLayout {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 4 }
        height: 24
        Row {
            spacing: 0
            Repeater {
                model: [{ key: "grid", text: qsTr("Drum grid") }, { key: "roll", text: qsTr("Piano roll") }]
                delegate: Button {
                    required property var modelData
                    objectName: "view_" + modelData.key
                    text: modelData.text
                    checkable: true; checked: root.view === modelData.key
                    flat: !checked; font.bold: checked
                    implicitHeight: 24
                    onClicked: root.view = modelData.key
                }
            }
        }
        Label {
            text: qsTr("%1 hits · %2 steps · %3 · from %4").arg(grooveModel.hitCount).arg(App.session.steps)
                  .arg(App.session.drumMapName).arg(App.session.grooveSource)
            color: Theme.textDim; font.pixelSize: Theme.smallFont
        }
        Item { Layout.fillWidth: true }
        ToolButton { text: qsTr("Undo"); enabled: grooveModel.canUndo; onClicked: grooveModel.undo()
                     ToolTip.visible: hovered; ToolTip.text: grooveModel.undoText + " (Ctrl+Z)" }
        ToolButton { text: qsTr("Redo"); enabled: grooveModel.canRedo; onClicked: grooveModel.redo()
                     ToolTip.visible: hovered; ToolTip.text: grooveModel.redoText + " (Ctrl+Shift+Z)" }
        ToolButton { text: qsTr("Clear"); enabled: grooveModel.hitCount > 0; onClicked: grooveModel.clear() }
        Button {
            objectName: "placeOnMapButton"
            text: qsTr("Place on map")
            enabled: App.session.hasModel && grooveModel.hitCount > 0
            implicitHeight: 24
            onClicked: root.placeOnMap()
            ToolTip.visible: hovered
            ToolTip.text: App.session.hasModel ? qsTr("Encode this groove and move the map cursor there (P)")
                                           : qsTr("Load a model to place grooves on its map")
        }
        ClipTile { id: clipTile; Layout.preferredWidth: 170 }
    }

    PianoRoll {
        id: pianoRoll
        objectName: "pianoRoll"
        visible: root.view === "roll"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom; topMargin: 4 }
        playStep: root.playStep
    }

    // Voice names with mute / solo.
    Column {
        id: labels
        visible: root.view === "grid"
        anchors { left: parent.left; top: header.bottom; leftMargin: 4; topMargin: 4 }
        width: root.labelWidth
        Repeater {
            model: App.session.voiceNames
            delegate: Rectangle {
                required property int index
                required property string modelData
                width: labels.width; height: root.cellHeight
                color: index % 2 ? Theme.panel : Theme.panelRaised
                Label {
                    anchors { left: parent.left; leftMargin: 6; verticalCenter: parent.verticalCenter }
                    width: parent.width - 56; elide: Text.ElideRight
                    text: modelData; color: Theme.text; font.pixelSize: Theme.smallFont
                }
                Row {
                    anchors { right: parent.right; rightMargin: 4; verticalCenter: parent.verticalCenter }
                    spacing: 2
                    VoiceToggle {
                        objectName: "mute" + index
                        label: "M"; on: grooveModel.muted[index] === true; onColor: Theme.danger
                        height: root.cellHeight - 4
                        onToggled: grooveModel.setMuted(index, !on)
                    }
                    VoiceToggle {
                        objectName: "solo" + index
                        label: "S"; on: grooveModel.soloed[index] === true; onColor: Theme.good
                        height: root.cellHeight - 4
                        onToggled: grooveModel.setSoloed(index, !on)
                    }
                }
            }
        }
    }

    Item {
        id: cells
        objectName: "cells"
        visible: root.view === "grid"
        anchors { left: labels.right; right: parent.right; top: header.bottom; leftMargin: 2; rightMargin: 6; topMargin: 4 }
        height: root.cellHeight * App.session.voices
        clip: true

        Repeater {
            model: grooveModel
            delegate: Item {
                required property int step
                required property int voice
                required property bool hit
                required property double velocity
                required property double offset
                required property bool beatStart
                x: step * root.cellWidth; y: voice * root.cellHeight
                opacity: grooveModel.audible[voice] === false ? 0.35 : 1
                width: root.cellWidth; height: root.cellHeight
                Rectangle {
                    anchors.fill: parent; anchors.margins: 1
                    color: Math.floor(step / App.session.stepsPerBeat) % 2 ? Theme.cellEmpty : Theme.cellBeat
                }
                Rectangle {
                    visible: hit
                    width: parent.width - 4; height: parent.height - 4; radius: 2
                    y: 2
                    // Micro-timing: offset -1..1 is half a step early..late.
                    x: 2 + offset * root.cellWidth / 2
                    color: Qt.rgba(0.88, 0.63, 0.19, 0.25 + 0.75 * velocity)
                    border.color: Theme.accent; border.width: 1
                }
            }
        }
        // Beat and bar lines above the cells.
        Repeater {
            model: App.session.steps
            delegate: Rectangle {
                required property int index
                visible: index > 0 && index % App.session.stepsPerBeat === 0
                x: index * root.cellWidth - width / 2; y: 0
                width: index % App.session.stepsPerBar === 0 ? 2 : 1; height: cells.height
                color: index % App.session.stepsPerBar === 0 ? Theme.barLine : Theme.beatLine
            }
        }
        Rectangle {
            objectName: "playhead"
            visible: root.playStep >= 0 && root.playStep < App.session.steps
            x: root.playStep * root.cellWidth; width: root.cellWidth; height: cells.height
            color: "transparent"; border.color: Theme.playhead; border.width: 2
        }

        MouseArea {
            id: mouse
            objectName: "gridMouse"
            anchors.fill: parent
            property var cell: null
            property point start
            property double startValue: 0
            property bool dragging: false
            property bool timing: false
            onPressed: (ev) => {
                cell = root.cellAt(ev.x, ev.y)
                start = Qt.point(ev.x, ev.y)
                dragging = false
                timing = (ev.modifiers & Qt.ShiftModifier) !== 0
                startValue = timing ? grooveModel.offsetAt(cell.step, cell.voice)
                                    : (grooveModel.hitAt(cell.step, cell.voice) ? grooveModel.velocityAt(cell.step, cell.voice) : 0.8)
            }
            onPositionChanged: (ev) => {
                if (!cell) return
                const dx = ev.x - start.x, dy = ev.y - start.y
                if (!dragging && Math.abs(timing ? dx : dy) < 4) return
                if (!dragging) { dragging = true; grooveModel.beginEdit() }
                if (timing)
                    grooveModel.setOffset(cell.step, cell.voice, startValue + 2 * dx / root.cellWidth)
                else
                    grooveModel.setVelocity(cell.step, cell.voice, startValue - dy / 100)
            }
            onReleased: {
                if (!cell) return
                if (dragging)
                    grooveModel.endEdit(timing ? qsTr("Change timing") : qsTr("Change velocity"))
                else if (!timing)
                    grooveModel.toggle(cell.step, cell.voice)
                cell = null
            }
        }
    }
}
