import QtQuick
import QtQuick.Controls
import Groovescape.Ui
import Groovescape.App

// The current groove as a small tile that can be dragged out of the window into a
// file manager or a DAW: a real .mid file (ClipExporter.dragUrl, rewritten on a
// worker after every change) is behind the drag as text/uri-list.
Rectangle {
    id: root
    objectName: "clipTile"
    property alias exporter: exporter
    readonly property bool ready: exporter.dragUrl.toString() !== ""

    ClipExporter { id: exporter; dragEnabled: true; session: App.session; transport: App.transport
        mapPosition: App.map && App.map.map ? App.map.map.cursor : Qt.point(0, 0) }

    implicitWidth: 170; implicitHeight: 22
    // The miniature takes the right 48 pixels, the name the rest (they overlapped in the first-hour report).
    readonly property int miniatureWidth: 48
    radius: 3
    color: dragHandler.active ? Theme.accentDim : Theme.panelRaised
    border.color: ready ? Theme.accent : Theme.border
    opacity: ready ? 1 : 0.5

    // A miniature of the hits: one tick per hit, x = step, y = voice.
    Repeater {
        model: App.session.hitCount > 0 ? tileGroove : null
        delegate: Rectangle {
            required property int step
            required property int voice
            required property bool hit
            visible: hit
            x: root.width - root.miniatureWidth - 3 + step * root.miniatureWidth / Math.max(1, App.session.steps)
            y: 2 + voice * (root.height - 4) / Math.max(1, App.session.voices)
            width: 2; height: Math.max(1, (root.height - 4) / Math.max(1, App.session.voices))
            color: Theme.accent; opacity: 0.8
        }
    }
    GrooveModel { id: tileGroove; session: App.session }

    Label {
        anchors { fill: parent; leftMargin: 6; rightMargin: root.miniatureWidth + 8 }
        verticalAlignment: Text.AlignVCenter
        text: "⇱ " + exporter.clipName + ".mid"
        color: Theme.text; font.pixelSize: Theme.smallFont; elide: Text.ElideRight
    }

    Drag.active: dragHandler.active && ready
    Drag.dragType: Drag.Automatic
    Drag.supportedActions: Qt.CopyAction
    Drag.mimeData: ready ? { "text/uri-list": exporter.dragUrl.toString() + "\r\n" } : {}
    DragHandler { id: dragHandler; target: null; enabled: root.ready }

    ToolTip.visible: tileHover.hovered && !dragHandler.active
    ToolTip.text: ready ? qsTr("Drag this clip into a file manager or a DAW (%1)").arg(exporter.dragUrl.toString())
                        : qsTr("Preparing the clip…")
    HoverHandler { id: tileHover }
}
