import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// Play a rhythm, get drums: the input lane (click steps, tap T or the pad while the loop
// plays, or play any note on the MIDI input), the redirect toggles, style, temperature and
// variation; Follow answers every loop you play one loop later; A/B crossfades two answers.
Rectangle {
    id: root
    color: Theme.window
    readonly property var acc: App.accompaniment
    // The lane lines up with the drum grid below it (DrumGrid.labelWidth and its margins).
    readonly property int labelWidth: 138
    readonly property int rightMargin: 6
    // The model loads the first time the tab shows.
    onVisibleChanged: if (visible) acc.ensureLoaded()
    Component.onCompleted: if (visible) acc.ensureLoaded()

    Shortcut { sequence: "G"; context: Qt.ApplicationShortcut; enabled: root.visible && root.acc.ready; onActivated: root.acc.generate() }
    Shortcut { sequence: "T"; context: Qt.ApplicationShortcut; enabled: root.visible; onActivated: root.acc.tap(0.8) }
    Shortcut { sequence: "F"; context: Qt.ApplicationShortcut; enabled: root.visible && root.acc.ready; onActivated: root.acc.follow = !root.acc.follow }

    ColumnLayout {
        anchors { fill: parent; leftMargin: 8; rightMargin: 8; topMargin: 6; bottomMargin: 4 }
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Button {
                objectName: "generateButton"
                text: qsTr("Generate  (G)")
                enabled: root.acc.ready
                highlighted: true
                onClicked: root.acc.generate()
            }
            Switch {
                objectName: "followSwitch"
                text: qsTr("Follow (F)")
                enabled: root.acc.ready
                checked: root.acc.follow
                onToggled: root.acc.follow = checked
                ToolTip.visible: hovered; ToolTip.delay: 600
                ToolTip.text: qsTr("While the loop plays, every loop you play is answered with drums for the next one")
            }
            Switch {
                objectName: "lockSwitch"
                text: qsTr("Lock to rhythm")
                checked: root.acc.lockToRhythm
                onToggled: root.acc.lockToRhythm = checked
                ToolTip.visible: hovered; ToolTip.delay: 600
                ToolTip.text: qsTr("Drums only where you played, and at least one drum on each of those steps")
            }
            Button {
                objectName: "tapPad"
                text: qsTr("Tap  (T)")
                // A pad: the press is the tap, as on a drum pad.
                onPressed: root.acc.tap(0.8)
                ToolTip.visible: hovered; ToolTip.delay: 600
                ToolTip.text: qsTr("Tap the rhythm in time while the loop plays; a MIDI input's notes count too")
            }
            Button {
                text: qsTr("Clear lane")
                flat: true
                onClicked: root.acc.clearLane()
            }
            Label {
                objectName: "grooveStatus"
                Layout.fillWidth: true
                text: root.acc.status
                color: Theme.textDim
                elide: Text.ElideRight
                ToolTip.visible: statusMouse.containsMouse && truncated; ToolTip.text: text
                MouseArea { id: statusMouse; anchors.fill: parent; hoverEnabled: true; acceptedButtons: Qt.NoButton }
            }
            Label {
                text: root.acc.ready ? root.acc.modelName : ""
                color: Theme.textDim; font.pixelSize: Theme.smallFont
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 16

            ColumnLayout {
                // As wide as the five Without buttons; the styles wrap to it and the sliders take the rest.
                Layout.preferredWidth: withoutRow.implicitWidth
                Layout.alignment: Qt.AlignTop
                spacing: 4
                Label { text: qsTr("Without (the hits move to other drums)"); color: Theme.textDim }
                Row {
                    id: withoutRow
                    spacing: 4
                    Repeater {
                        model: root.acc.groups
                        delegate: Button {
                            required property int index
                            required property string modelData
                            objectName: "without_" + modelData
                            text: modelData
                            checkable: true
                            checked: root.acc.without[index] === true
                            onToggled: root.acc.setWithout(index, checked)
                            implicitHeight: 26
                        }
                    }
                }
                Label { text: qsTr("Style"); color: Theme.textDim }
                Flow {
                    Layout.preferredWidth: withoutRow.implicitWidth
                    spacing: 4
                    Repeater {
                        model: [""].concat(root.acc.styles)
                        delegate: Button {
                            required property string modelData
                            objectName: "style_" + (modelData === "" ? "any" : modelData)
                            text: modelData === "" ? qsTr("any") : modelData
                            checkable: true
                            autoExclusive: false
                            checked: root.acc.style === modelData
                            onClicked: root.acc.style = modelData
                            implicitHeight: 24
                            font.pixelSize: Theme.smallFont
                        }
                    }
                }
            }

            GridLayout {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                columns: 2
                columnSpacing: 12
                rowSpacing: 2
                ValueRow {
                    Layout.fillWidth: true
                    label: qsTr("Temperature"); sliderName: "temperatureSlider"
                    from: 0.1; to: 3; neutral: 1; value: root.acc.temperature
                    onEdited: (v) => root.acc.temperature = v
                }
                ValueRow {
                    Layout.fillWidth: true
                    label: qsTr("Variation"); sliderName: "variationSlider"
                    from: 0; to: 1; neutral: 0; value: root.acc.variation
                    onEdited: (v) => root.acc.variation = v
                }
                ValueRow {
                    Layout.fillWidth: true
                    label: qsTr("Memory"); sliderName: "memorySlider"
                    from: 1; to: 8; neutral: 1; decimals: 0; value: root.acc.memory
                    onEdited: (v) => root.acc.memory = Math.round(v)
                }
                ValueRow {
                    Layout.fillWidth: true
                    label: qsTr("Follow by"); sliderName: "followAmountSlider"
                    from: 0; to: 1; neutral: 1; value: root.acc.followAmount
                    onEdited: (v) => root.acc.followAmount = v
                }
                RowLayout {
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    spacing: 4
                    Button { objectName: "storeA"; text: root.acc.hasA ? qsTr("A ✓") : qsTr("Store A"); implicitHeight: 26; onClicked: root.acc.storeA() }
                    Slider {
                        objectName: "crossfadeSlider"
                        Layout.fillWidth: true
                        enabled: root.acc.hasA && root.acc.hasB
                        from: 0; to: 1; value: root.acc.crossfade
                        onMoved: root.acc.crossfade = value
                        ToolTip.visible: hovered; ToolTip.delay: 600
                        ToolTip.text: qsTr("Crossfade between the stored A and B drums")
                    }
                    Button { objectName: "storeB"; text: root.acc.hasB ? qsTr("B ✓") : qsTr("Store B"); implicitHeight: 26; onClicked: root.acc.storeB() }
                }
                ValueRow {
                    Layout.columnSpan: 2
                    Layout.fillWidth: true
                    label: qsTr("A/B cycles per loop (0 = off)"); sliderName: "oscillationSlider"
                    from: 0; to: 2; neutral: 0; value: root.acc.oscillationRate
                    onEdited: (v) => root.acc.oscillationRate = v
                }
            }
        }

        // The input rhythm, as a lane in line with the drum grid's steps below.
        Item {
            id: laneRow
            objectName: "inputLane"
            Layout.fillWidth: true
            Layout.leftMargin: -8
            Layout.rightMargin: -8
            implicitHeight: 34
            readonly property int steps: Math.max(1, root.acc.steps)
            readonly property real cellWidth: (laneRow.width - root.labelWidth - root.rightMargin) / steps
            Label {
                x: 6; width: root.labelWidth - 10
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("Input rhythm")
                color: Theme.accent; font.bold: true
                horizontalAlignment: Text.AlignRight
            }
            Repeater {
                model: laneRow.steps
                delegate: Rectangle {
                    id: cell
                    required property int index
                    readonly property real velocity: Number(root.acc.lane[index] || 0)
                    readonly property real live: Number(root.acc.livePass[index] || 0)
                    objectName: "laneStep" + index
                    x: root.labelWidth + index * laneRow.cellWidth
                    width: laneRow.cellWidth - 1
                    height: laneRow.height
                    color: index % root.acc.stepsPerBar === 0 || index % 4 === 0 ? Theme.cellBeat : Theme.cellEmpty
                    border.color: index === root.acc.liveStep ? Theme.playhead : "transparent"
                    Rectangle {  // the lane's hit: height is velocity
                        anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 2 }
                        height: (parent.height - 4) * cell.velocity
                        color: Theme.hit
                        visible: cell.velocity > 0
                    }
                    Rectangle {  // what this pass caught so far
                        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 2 }
                        width: 6; height: 6; radius: 3
                        color: Theme.playhead
                        visible: cell.live > 0
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: (mouse) => root.acc.toggleStep(cell.index, Math.max(0.2, 1 - mouse.y / height))
                    }
                }
            }
        }
    }
}
