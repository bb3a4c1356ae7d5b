import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The map's side panel: colouring, original / decoded, sampling (global and
// per voice), attribute sliders and "randomise near here".
Pane {
    id: root
    property MapController controller
    property MapItem mapItem
    property BookmarkModel bookmarks
    property InterpolationModel interpolation
    property FreehandPath freehand
    property BlendSurface blend
    padding: 8
    background: Rectangle { color: Theme.panel; border.color: Theme.border }
    enabled: controller.ready

    // Three tabs, so that every tool is one click away on a 768-pixel screen (the first-hour report: the
    // path, freehand and bookmark tools sat below the fold of one long scroll column).
    TabBar {
        id: toolTabs
        objectName: "mapToolTabs"
        anchors { left: parent.left; right: parent.right; top: parent.top }
        SettingsStore { id: toolSettings }
        currentIndex: Number(toolSettings.value("map/toolTab", 0))
        onCurrentIndexChanged: toolSettings.setValue("map/toolTab", currentIndex)
        CentreTab { objectName: "soundTab"; text: qsTr("Sound"); width: implicitWidth }
        CentreTab { objectName: "pathTab"; text: qsTr("Path"); width: implicitWidth }
        CentreTab { objectName: "bookmarksTab"; text: qsTr("Bookmarks"); width: implicitWidth }
        CentreTab { objectName: "blendTab"; text: qsTr("Blend"); width: implicitWidth }
    }
    StackLayout {
        anchors { left: parent.left; right: parent.right; top: toolTabs.bottom; bottom: parent.bottom; topMargin: 6 }
        currentIndex: toolTabs.currentIndex

    // The Sound tab: one line per control and compact heights, so that it fits the panel without
    // scrolling at 1280x720 and 1366x768 (only the unfolded per-voice section may scroll).
    ScrollView {
        id: soundScroll
        objectName: "soundScroll"
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                spacing: 4
                Label { text: qsTr("Colour by"); color: Theme.textDim; Layout.preferredWidth: 78 }
                ComboBox {
                    objectName: "colourBy"
                    Layout.fillWidth: true
                    implicitHeight: 26
                    model: ["style", "density", "file"]
                    currentIndex: Math.max(0, model.indexOf(root.controller.map.colourBy))
                    onActivated: root.controller.map.colourBy = currentText
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "playOriginal"
                    implicitHeight: 26
                    text: qsTr("Original")
                    enabled: root.controller.selectedPoint >= 0
                    Layout.fillWidth: true
                    onClicked: root.controller.playOriginal()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Hear the clicked window as it was played")
                }
                Button {
                    objectName: "playDecoded"
                    implicitHeight: 26
                    text: qsTr("Decoded")
                    Layout.fillWidth: true
                    onClicked: root.controller.playDecoded()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Hear the model's version at the cursor")
                }
            }

            CheckBox {
                objectName: "followFileTempo"
                implicitHeight: 24
                topPadding: 0; bottomPadding: 0
                text: qsTr("Follow file tempo")
                checked: App.session.followFileTempo
                onToggled: { App.session.followFileTempo = checked; toolSettings.setValue("map/followFileTempo", checked) }
                Component.onCompleted: App.session.followFileTempo = String(toolSettings.value("map/followFileTempo", true)) === "true"
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Clicking a point (or a file's window) also takes the tempo its file was played at")
            }

            // Threshold and temperature: drag, type a value, or double-click the slider to reset.
            ValueRow {
                objectName: "thresholdRow"
                label: qsTr("Threshold")
                sliderName: "threshold"
                from: 0.05; to: 0.95; neutral: 0.5
                value: root.controller.threshold
                onEdited: (v) => root.controller.threshold = v
                Layout.fillWidth: true
            }
            ValueRow {
                objectName: "temperatureRow"
                label: qsTr("Temperature")
                sliderName: "temperature"
                from: 0.2; to: 3.0; neutral: 1.0
                value: root.controller.temperature
                onEdited: (v) => root.controller.temperature = v
                Layout.fillWidth: true
            }

            // Per voice: more or fewer hits and louder or softer, on top of the global controls
            // (double-click a slider to return it to the middle).
            RowLayout {
                Layout.fillWidth: true
                ToolButton {
                    objectName: "voicesToggle"
                    implicitHeight: 24
                    property int changed: {
                        let n = 0
                        const d = root.controller.voiceDensity, v = root.controller.voiceVelocity
                        for (let i = 0; i < d.length; ++i)
                            if (d[i] !== 0 || v[i] !== 1)
                                ++n
                        return n
                    }
                    text: (voicesColumn.visible ? "▾ " : "▸ ") + qsTr("Per voice")
                          + (changed > 0 ? qsTr(" (%1 changed)").arg(changed) : "")
                    font.bold: true
                    onClicked: voicesColumn.visible = !voicesColumn.visible
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Hits and velocity for each voice (for example more hi-hat, softer kick)")
                }
                Item { Layout.fillWidth: true }
                ToolButton {
                    objectName: "resetVoices"
                    implicitHeight: 24
                    text: qsTr("Reset")
                    visible: voicesColumn.visible
                    onClicked: root.controller.resetVoices()
                }
            }
            GridLayout {
                id: voicesColumn
                objectName: "voicesColumn"
                visible: false
                Layout.fillWidth: true
                columns: 3
                columnSpacing: 4
                rowSpacing: 2
                Label { text: ""; Layout.preferredWidth: 84 }
                Label { text: qsTr("fewer · hits · more"); color: Theme.textDim; font.pixelSize: Theme.smallFont
                        Layout.fillWidth: true; horizontalAlignment: Text.AlignHCenter }
                Label { text: qsTr("velocity"); color: Theme.textDim; font.pixelSize: Theme.smallFont
                        Layout.fillWidth: true; horizontalAlignment: Text.AlignHCenter }
                Repeater {
                    model: root.controller.session ? root.controller.session.voiceNames : []
                    delegate: Label {
                        required property int index
                        required property string modelData
                        Layout.row: index + 1
                        Layout.column: 0
                        Layout.preferredWidth: 84
                        text: modelData
                        elide: Text.ElideRight
                        color: Theme.textDim
                        font.pixelSize: Theme.smallFont
                        ToolTip.visible: voiceHover.hovered && truncated; ToolTip.text: modelData
                        HoverHandler { id: voiceHover }
                    }
                }
                Repeater {
                    model: root.controller.session ? root.controller.session.voiceNames : []
                    delegate: CompactSlider {
                        required property int index
                        objectName: "voiceDensity_" + index
                        Layout.row: index + 1
                        Layout.column: 1
                        Layout.fillWidth: true
                        Layout.preferredWidth: 60
                        from: -1; to: 1; origin: 0
                        value: root.controller.voiceDensity[index] ?? 0
                        onMoved: root.controller.setVoiceDensity(index, value)
                        onReset: root.controller.setVoiceDensity(index, 0)
                    }
                }
                Repeater {
                    model: root.controller.session ? root.controller.session.voiceNames : []
                    delegate: CompactSlider {
                        required property int index
                        objectName: "voiceVelocity_" + index
                        Layout.row: index + 1
                        Layout.column: 2
                        Layout.fillWidth: true
                        Layout.preferredWidth: 60
                        from: 0; to: 2; origin: 1
                        value: root.controller.voiceVelocity[index] ?? 1
                        onMoved: root.controller.setVoiceVelocity(index, value)
                        onReset: root.controller.setVoiceVelocity(index, 1)
                    }
                }
            }

            Repeater {
                model: [
                    { name: "density", label: qsTr("Density") },
                    { name: "velocity", label: qsTr("Velocity") },
                    { name: "laidBack", label: qsTr("Laid-back") }
                ]
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 4
                    Label {
                        // The sliders are calibrated on the decoded grooves (MapController::attributeReach):
                        // a way the model cannot go from here is said (an arrow for the way it can go, the
                        // sentence on hover), not silently ignored.
                        readonly property var reach: root.controller.attributeReach[index] ?? ({})
                        readonly property string limit: reach.known && !reach.up && !reach.down ? qsTr("no change possible here")
                                                        : reach.known && !reach.up ? qsTr("cannot go up here")
                                                        : reach.known && !reach.down ? qsTr("cannot go down here") : ""
                        objectName: "attributeLabel_" + modelData.name
                        text: modelData.label + (limit === "" ? "" : reach.up ? " ↑" : reach.down ? " ↓" : " –")
                        color: limit === "" ? Theme.textDim : Theme.accent
                        elide: Text.ElideRight
                        Layout.preferredWidth: 78
                        ToolTip.visible: attributeHover.hovered && limit !== ""
                        ToolTip.text: modelData.label + ": " + limit
                        HoverHandler { id: attributeHover }
                    }
                    Slider {
                        objectName: "attribute_" + modelData.name
                        Layout.fillWidth: true
                        implicitHeight: 24
                        from: -1; to: 1
                        value: root.controller[modelData.name]
                        onMoved: root.controller[modelData.name] = value
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Button { text: qsTr("Centre"); implicitHeight: 26; Layout.fillWidth: true; onClicked: root.controller.resetAttributes() }
                Button {
                    objectName: "randomise"
                    implicitHeight: 26
                    text: qsTr("Randomise near")
                    Layout.fillWidth: true
                    onClicked: root.controller.randomiseNear(0.3)
                }
            }

        }
    }

    ScrollView {
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing
            PathPanel {
                Layout.fillWidth: true
                controller: root.controller
                interpolation: root.interpolation
            }
            FreehandPanel {
                Layout.fillWidth: true
                Layout.topMargin: 6
                freehand: root.freehand
            }
        }
    }

    ScrollView {
        contentWidth: availableWidth
        BookmarkPanel {
            width: parent.width
            bookmarks: root.bookmarks
            interpolation: root.interpolation
        }
    }

    ScrollView {
        contentWidth: availableWidth
        BlendPanel {
            width: parent.width
            blend: root.blend
            bookmarks: root.bookmarks
        }
    }
    }
}
