import QtQuick
import QtQuick.Controls
import Groovescape.Ui

// Mean velocity of the hits in each voice x step cell (the Groove Transformer
// work's plot), painted on a Canvas, with bar/beat lines and a colour scale.
// Empty cells (no hits) stay dark; the scale runs from quiet to loud.
Item {
    id: root
    property DatasetStatsModel stats
    readonly property int voices: stats ? stats.voiceNames.length : 0
    readonly property int steps: stats ? stats.heatSteps : 0
    readonly property int labelWidth: 78
    implicitHeight: Math.max(60, voices * 16) + 34

    // Quiet (dark blue) -> loud (accent amber); t in 0..1.
    function colourAt(t) {
        const a = [0.13, 0.22, 0.36], b = [0.88, 0.63, 0.19], c = [1.0, 0.95, 0.80]
        const lo = t < 0.7 ? a : b, hi = t < 0.7 ? b : c, u = t < 0.7 ? t / 0.7 : (t - 0.7) / 0.3
        return Qt.rgba(lo[0] + (hi[0] - lo[0]) * u, lo[1] + (hi[1] - lo[1]) * u, lo[2] + (hi[2] - lo[2]) * u, 1)
    }

    Column {
        id: names
        x: 0; y: 0
        Repeater {
            model: root.stats ? root.stats.voiceNames : []
            Label {
                required property string modelData
                width: root.labelWidth - 4; height: canvas.cellHeight
                text: modelData; elide: Text.ElideRight
                horizontalAlignment: Text.AlignRight; verticalAlignment: Text.AlignVCenter
                color: Theme.textDim; font.pixelSize: 10
            }
        }
    }
    Canvas {
        id: canvas
        objectName: "heatCanvas"
        x: root.labelWidth
        width: root.width - root.labelWidth
        height: Math.max(60, root.voices * 16)
        readonly property real cellHeight: root.voices > 0 ? height / root.voices : 16
        property var means: root.stats ? root.stats.heatMeans : []
        onMeansChanged: requestPaint()
        onWidthChanged: requestPaint()
        onPaint: {
            const ctx = getContext("2d")
            ctx.fillStyle = Theme.cellEmpty
            ctx.fillRect(0, 0, width, height)
            if (!root.stats || root.steps === 0 || root.voices === 0)
                return
            const cw = width / root.steps, ch = cellHeight
            for (let v = 0; v < root.voices; ++v) {
                for (let s = 0; s < root.steps; ++s) {
                    const m = means[v * root.steps + s]
                    if (m < 0)
                        continue
                    ctx.fillStyle = root.colourAt(m)
                    ctx.fillRect(s * cw, v * ch, Math.max(1, cw - 1), Math.max(1, ch - 1))
                }
            }
            const perBar = root.stats.heatStepsPerBar, perBeat = root.stats.heatStepsPerBeat
            for (let s = perBeat; s < root.steps; s += perBeat) {
                ctx.fillStyle = s % perBar === 0 ? Theme.barLine : Theme.beatLine
                ctx.fillRect(s * cw - 1, 0, s % perBar === 0 ? 2 : 1, height)
            }
        }
    }
    // Colour scale: mean velocity 0 .. 1 (MIDI 0 .. 127).
    Row {
        anchors { left: canvas.left; top: canvas.bottom; topMargin: 6 }
        spacing: 6
        Label { text: qsTr("no hits"); color: Theme.textDim; font.pixelSize: 10 }
        Rectangle { width: 14; height: 12; color: Theme.cellEmpty; border.color: Theme.border }
        Label { text: qsTr("velocity 0"); color: Theme.textDim; font.pixelSize: 10 }
        Rectangle {
            objectName: "heatLegend"
            width: 120; height: 12
            gradient: Gradient {
                orientation: Gradient.Horizontal
                GradientStop { position: 0.0; color: root.colourAt(0) }
                GradientStop { position: 0.7; color: root.colourAt(0.7) }
                GradientStop { position: 1.0; color: root.colourAt(1) }
            }
        }
        Label { text: "127"; color: Theme.textDim; font.pixelSize: 10 }
    }
}
