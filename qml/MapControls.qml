import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// The map's side panel: colouring, original / decoded, sampling, attribute
// sliders and "randomise near here".
Pane {
    id: root
    property MapController controller
    property MapItem mapItem
    property BookmarkModel bookmarks
    property InterpolationModel interpolation
    property FreehandPath freehand
    padding: 8
    background: Rectangle { color: Theme.panel; border.color: Theme.border }
    enabled: controller.ready

    ScrollView {
        anchors.fill: parent
        contentWidth: availableWidth
        ColumnLayout {
            width: parent.width
            spacing: Theme.spacing

            Label { text: qsTr("Colour by"); color: Theme.textDim }
            ComboBox {
                objectName: "colourBy"
                Layout.fillWidth: true
                model: ["style", "density", "file"]
                currentIndex: Math.max(0, model.indexOf(root.controller.map.colourBy))
                onActivated: root.controller.map.colourBy = currentText
            }

            RowLayout {
                Layout.fillWidth: true
                Button {
                    objectName: "playOriginal"
                    text: qsTr("Original")
                    enabled: root.controller.selectedPoint >= 0
                    Layout.fillWidth: true
                    onClicked: root.controller.playOriginal()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Hear the clicked window as it was played")
                }
                Button {
                    objectName: "playDecoded"
                    text: qsTr("Decoded")
                    Layout.fillWidth: true
                    onClicked: root.controller.playDecoded()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Hear the model's version at the cursor")
                }
            }

            Label { text: qsTr("Threshold %1").arg(root.controller.threshold.toFixed(2)); color: Theme.textDim }
            Slider {
                objectName: "threshold"
                Layout.fillWidth: true
                from: 0.05; to: 0.95
                value: root.controller.threshold
                onMoved: root.controller.threshold = value
            }
            Label { text: qsTr("Temperature %1").arg(root.controller.temperature.toFixed(2)); color: Theme.textDim }
            Slider {
                objectName: "temperature"
                Layout.fillWidth: true
                from: 0.2; to: 3.0
                value: root.controller.temperature
                onMoved: root.controller.temperature = value
            }

            Label { text: qsTr("Attributes"); color: Theme.text; font.bold: true; Layout.topMargin: 6 }
            Repeater {
                model: [
                    { name: "density", label: qsTr("Density") },
                    { name: "velocity", label: qsTr("Velocity") },
                    { name: "laidBack", label: qsTr("Laid-back") }
                ]
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label { text: modelData.label; color: Theme.textDim }
                    Slider {
                        objectName: "attribute_" + modelData.name
                        Layout.fillWidth: true
                        from: -1; to: 1
                        value: root.controller[modelData.name]
                        onMoved: root.controller[modelData.name] = value
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Button { text: qsTr("Centre"); Layout.fillWidth: true; onClicked: root.controller.resetAttributes() }
                Button {
                    objectName: "randomise"
                    text: qsTr("Randomise near")
                    Layout.fillWidth: true
                    onClicked: root.controller.randomiseNear(0.3)
                }
            }

            PathPanel {
                Layout.fillWidth: true
                Layout.topMargin: 6
                controller: root.controller
                interpolation: root.interpolation
            }
            FreehandPanel {
                Layout.fillWidth: true
                Layout.topMargin: 6
                freehand: root.freehand
            }
            BookmarkPanel {
                Layout.fillWidth: true
                Layout.topMargin: 6
                bookmarks: root.bookmarks
                interpolation: root.interpolation
            }
        }
    }
}
