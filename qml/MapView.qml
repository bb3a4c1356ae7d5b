import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The 2D latent map: points of the dataset, the cursor (drag it to hear the
// model), hover for provenance, click to jump to a window; controls on the right.
Item {
    id: root
    objectName: "mapView"
    readonly property MapController controller: App.map
    property alias mapItem: mapItem
    readonly property BookmarkModel bookmarks: App.bookmarks
    readonly property InterpolationModel interpolation: App.interpolation
    readonly property FreehandPath freehand: App.freehand
    readonly property BlendSurface blend: App.blend
    // The 2D / 3D choice comes back on the next start; the 3D view only opens for latent sizes of 3 or more.
    property bool show3D: false
    SettingsStore { id: mapSettings }

    // The extra distance along its arrow for direction label `index`: near-parallel arrows (a map whose
    // density and velocity run along its axes often has velocity and laid-back together) would stack their
    // labels on one spot. Labels are placed in order; each moves out until it clears the ones before it.
    function labelPush(index) {
        const arrows = root.controller.directions
        const from = mapItem.cursorPosition
        const centre = (d, extra) => {
            const head = mapItem.toItem(Qt.point(d.x, d.y))
            const length = Math.min(70, Math.hypot(head.x - from.x, head.y - from.y))
            const angle = Math.atan2(head.y - from.y, head.x - from.x)
            return Qt.point(Math.cos(angle) * (length + 12 + extra), Math.sin(angle) * (length + 12 + extra))
        }
        const placed = []
        for (let i = 0; i <= index && i < arrows.length; ++i) {
            let extra = 0
            const clashes = (c) => placed.some(p => Math.abs(p.x - c.x) < 48 && Math.abs(p.y - c.y) < 18)
            while (extra < 120 && clashes(centre(arrows[i], extra)))
                extra += 12
            if (i === index)
                return extra
            placed.push(centre(arrows[i], extra))
        }
        return 0
    }
    Component.onCompleted: show3D = String(mapSettings.value("map/show3D", false)) === "true"


    RowLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            Layout.fillHeight: true
            color: Theme.window
            clip: true

            MapItem {
                id: mapItem
                objectName: "mapItem"
                anchors.fill: parent
                model: root.controller.map
                pointSize: root.controller.map.count > 5000 ? 3 : 5
                // Straight in latent space is not straight (nor near) on a t-SNE layout: the paths show on PCA only.
                path: root.controller.showingEmbedding ? [] : root.interpolation.path
                pathHighlight: root.interpolation.player.playing ? root.interpolation.player.playingStep : root.interpolation.current
                freehandPath: root.controller.showingEmbedding ? [] : root.freehand.path
                freehandHighlight: root.freehand.replayIndex
                visible: !(root.show3D && root.controller.latent >= 3)
                onPointClicked: (index) => root.controller.jumpToPoint(index)
            }

            // Labelled arrows from the cursor: which way is denser, louder, later here (MapController.directions).
            Repeater {
                objectName: "directionArrows"
                model: mapItem.visible && root.controller.ready ? root.controller.directions : []
                delegate: Item {
                    id: arrow
                    required property var modelData
                    required property int index
                    // Further out along the arrow when an earlier arrow's label sits where this one would.
                    readonly property real push: { mapItem.zoom; mapItem.pan; mapItem.cursorPosition; return root.labelPush(index) }
                    readonly property point from: mapItem.cursorPosition
                    readonly property point head: { mapItem.zoom; mapItem.pan; return mapItem.toItem(Qt.point(modelData.x, modelData.y)) }
                    readonly property real length: Math.min(70, Math.hypot(head.x - from.x, head.y - from.y))
                    readonly property real angle: Math.atan2(head.y - from.y, head.x - from.x)
                    visible: length > 8
                    x: from.x; y: from.y
                    Rectangle {
                        width: arrow.length; height: 2; y: -1
                        color: Theme.text; opacity: 0.75
                        transform: Rotation { origin.x: 0; origin.y: 1; angle: arrow.angle * 180 / Math.PI }
                        antialiasing: true
                        Text {  // the head
                            x: parent.width - 6; y: -8
                            text: "➤"; color: Theme.text; font.pixelSize: 12
                        }
                    }
                    Label {
                        objectName: "directionLabel"
                        x: Math.cos(arrow.angle) * (arrow.length + 12 + arrow.push) - width / 2
                        y: Math.sin(arrow.angle) * (arrow.length + 12 + arrow.push) - height / 2
                        text: arrow.modelData.label
                        color: Theme.text
                        font.pixelSize: Theme.smallFont
                        background: Rectangle { color: Qt.rgba(0.08, 0.09, 0.1, 0.7); radius: 2 }
                        padding: 2
                    }
                }
            }

            Loader {
                objectName: "map3DLoader"
                anchors.fill: parent
                active: root.show3D && root.controller.latent >= 3
                sourceComponent: Map3DView { controller: root.controller }
            }

            Label {
                objectName: "mapStatus"
                anchors.centerIn: parent
                visible: root.controller.map.status !== ""
                text: root.controller.map.status
                color: Theme.textDim
                font.pixelSize: Theme.fontSize + 2
                BusyIndicator {
                    anchors { right: parent.left; verticalCenter: parent.verticalCenter; rightMargin: 8 }
                    running: root.controller.busy
                    visible: root.controller.busy
                    width: 24; height: 24
                }
            }

            // Provenance of the hovered point.
            Rectangle {
                objectName: "mapTooltip"
                visible: mapItem.hoveredIndex >= 0
                x: Math.min(mapItem.hoverPosition.x + 14, parent.width - width - 4)
                y: Math.max(4, mapItem.hoverPosition.y - height - 6)
                width: tipText.implicitWidth + 12
                height: tipText.implicitHeight + 8
                color: Theme.panelRaised
                border.color: Theme.border
                radius: 3
                Label {
                    id: tipText
                    anchors.centerIn: parent
                    color: Theme.text
                    text: mapItem.hoveredIndex < 0 ? ""
                        : root.controller.map.pointLabel(mapItem.hoveredIndex)
                          + (root.controller.map.pointStyle(mapItem.hoveredIndex) !== ""
                             ? "  ·  " + root.controller.map.pointStyle(mapItem.hoveredIndex) : "")
                }
            }

            // Legend: on a backdrop so it reads over the points, folded with a click (it covered the map's
            // corner in the first-hour report).
            Rectangle {
                objectName: "mapLegend"
                property bool folded: false
                anchors { left: parent.left; top: parent.top; margins: 6 }
                visible: root.controller.map.count > 0
                width: legendColumn.width + 12
                height: legendColumn.height + 8
                radius: 3
                color: Qt.rgba(0.08, 0.09, 0.1, 0.8)
                Column {
                    id: legendColumn
                    x: 6; y: 4
                    spacing: 2
                    Label {
                        text: (parent.parent.folded ? "▸ " : "▾ ") + qsTr("Legend")
                        color: Theme.textDim
                        font.pixelSize: Theme.smallFont
                        font.bold: true
                    }
                    Repeater {
                        model: parent.parent.folded ? [] : root.controller.map.legend
                        Row {
                            spacing: 6
                            Rectangle { width: 10; height: 10; radius: 2; color: modelData.colour; anchors.verticalCenter: parent.verticalCenter }
                            Label { text: modelData.name; color: Theme.text; font.pixelSize: Theme.smallFont }
                        }
                    }
                }
                MouseArea { anchors.fill: parent; onClicked: parent.folded = !parent.folded }
            }

            // "Place on map" problems (a groove that does not fit the model).
            Label {
                objectName: "mapMessage"
                anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; margins: 8 }
                visible: root.controller.message !== ""
                text: root.controller.message
                color: Theme.textDim
                font.pixelSize: Theme.smallFont
            }
            Label {
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 8 }
                objectName: "mapInfo"
                elide: Text.ElideRight
                ToolTip.visible: infoHover.hovered && truncated; ToolTip.text: text
                HoverHandler { id: infoHover }
                color: Theme.textDim
                font.pixelSize: Theme.smallFont
                text: root.controller.ready && (root.controller.showingEmbedding || true)  // the layout changes the info
                      ? qsTr("%1 points · %2 · decode %3 ms").arg(root.controller.map.count)
                            .arg(root.controller.projectionInfo).arg(root.controller.lastDecodeMs.toFixed(1))
                        + (root.controller.coverage !== "" ? " · " + root.controller.coverage : "")
                      : ""
            }
            // The t-SNE layout (MapController.layout): its progress and Cancel while it computes (the PCA map
            // stays usable below), then a note on what the layout leaves out.
            Rectangle {
                objectName: "embeddingProgressBox"
                anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 30 }
                visible: root.controller.embeddingRunning
                width: embeddingRow.implicitWidth + 16
                height: embeddingRow.implicitHeight + 10
                radius: 3
                color: Qt.rgba(0.08, 0.09, 0.1, 0.85)
                RowLayout {
                    id: embeddingRow
                    anchors.centerIn: parent
                    spacing: 8
                    Label { text: qsTr("Computing the t-SNE layout…"); color: Theme.text; font.pixelSize: Theme.smallFont }
                    ProgressBar {
                        objectName: "embeddingProgress"
                        Layout.preferredWidth: 160
                        from: 0; to: 1
                        value: root.controller.embeddingProgress
                    }
                    Button {
                        objectName: "cancelEmbedding"
                        text: qsTr("Cancel")
                        implicitHeight: 26
                        onClicked: root.controller.cancelEmbedding()
                    }
                }
            }
            Label {
                objectName: "embeddingNote"
                anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 30 }
                visible: root.controller.showingEmbedding && mapItem.visible
                width: Math.min(implicitWidth, parent.width - 24)
                wrapMode: Text.WordWrap
                horizontalAlignment: Text.AlignHCenter
                // The axes and distances of a t-SNE layout mean nothing: say why the arrows are gone.
                text: qsTr("t-SNE: neighbours are similar grooves; arrows and paths show on PCA only")
                color: Theme.textDim
                font.pixelSize: Theme.smallFont
                background: Rectangle { color: Qt.rgba(0.08, 0.09, 0.1, 0.7); radius: 2 }
                padding: 3
            }

            // Under the buttons: a disabled button takes no clicks, and they must not reach the map below.
            MouseArea {
                objectName: "viewButtonsShield"
                anchors.fill: viewButtons
                acceptedButtons: Qt.AllButtons
                hoverEnabled: true
                ToolTip.visible: containsMouse && !toggle3D.enabled && mouseX < toggle3D.width
                ToolTip.text: qsTr("The 3D view needs a model with a latent size of 3 or more")
            }
            Row {
                id: viewButtons
                anchors { right: parent.right; top: parent.top; margins: 6 }
                spacing: 4
                // PCA | t-SNE, for latent sizes above 3 (a 2D or 3D latent is its own map).
                Row {
                    objectName: "layoutChoice"
                    visible: root.controller.embeddingAvailable && mapItem.visible
                    Button {
                        objectName: "layoutPca"
                        text: qsTr("PCA")
                        highlighted: root.controller.layout === "pca"
                        onClicked: root.controller.layout = "pca"
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("The plane of the latent space's two main axes: direction arrows, paths and the density background")
                    }
                    Button {
                        objectName: "layoutTsne"
                        text: qsTr("t-SNE")
                        highlighted: root.controller.layout === "tsne"
                        onClicked: root.controller.layout = "tsne"
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Points laid out so that similar grooves sit together (computed on a worker, a few seconds)")
                    }
                }
                Button {
                    id: toggle3D
                    objectName: "toggle3D"
                    text: root.show3D && root.controller.latent >= 3 ? qsTr("2D") : qsTr("3D")
                    enabled: root.controller.latent >= 3
                    onClicked: { root.show3D = !root.show3D; mapSettings.setValue("map/show3D", root.show3D) }
                    ToolTip.visible: hovered
                    ToolTip.text: root.show3D ? qsTr("Back to the 2D map") : qsTr("Show the latent space in 3D")
                }
                Button {
                    text: qsTr("Fit")
                flat: true
                    onClicked: mapItem.resetView()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Reset zoom and pan (wheel zooms, right-drag pans)")
                }
            }
        }

        MapControls {
            Layout.preferredWidth: 250
            Layout.fillHeight: true
            controller: root.controller
            mapItem: mapItem
            bookmarks: root.bookmarks
            interpolation: root.interpolation
            freehand: root.freehand
            blend: root.blend
        }
    }
}
