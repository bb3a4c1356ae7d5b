import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Velocity heat maps per voice x step of the real windows and of a generated
// set, one above the other so the same cell lines up: the colour is the mean
// velocity of the hits in the cell, the filled height the share of grooves
// with a hit there (square root, so rare cells still show). `comparison` is ModelLibraryModel.featureComparison;
// `source` "prior" or "reconstruction".
ColumnLayout {
    id: root
    property var comparison: ({})
    property string source: "prior"
    property string generatedTitle: qsTr("Generated")
    readonly property int steps: comparison && comparison.steps ? comparison.steps : 0
    readonly property int voices: comparison && comparison.voices ? comparison.voices : 0
    spacing: 4

    // Quiet (dark blue) -> loud (amber), as the dataset statistics' heat map.
    function colourAt(t) {
        const a = [0.13, 0.22, 0.36], b = [0.88, 0.63, 0.19], c = [1.0, 0.95, 0.80]
        const lo = t < 0.7 ? a : b, hi = t < 0.7 ? b : c, u = t < 0.7 ? t / 0.7 : (t - 0.7) / 0.3
        return Qt.rgba(lo[0] + (hi[0] - lo[0]) * u, lo[1] + (hi[1] - lo[1]) * u, lo[2] + (hi[2] - lo[2]) * u, 1)
    }

    component HeatPanel: ColumnLayout {
        id: panel
        property string title
        property var heat: ({})
        Layout.fillWidth: true
        spacing: 2
        Label { text: panel.title; color: Theme.text; font.pixelSize: Theme.smallFont; font.bold: true }
        RowLayout {
            Layout.fillWidth: true
            spacing: 4
            Column {
                Repeater {
                    model: root.comparison && root.comparison.voiceNames ? root.comparison.voiceNames : []
                    Label {
                        required property string modelData
                        width: 78; height: canvas.cellHeight
                        text: modelData; elide: Text.ElideRight
                        horizontalAlignment: Text.AlignRight; verticalAlignment: Text.AlignVCenter
                        color: Theme.textDim; font.pixelSize: 10
                    }
                }
            }
            Canvas {
                id: canvas
                objectName: "heat_" + panel.title
                Layout.fillWidth: true
                Layout.preferredHeight: Math.max(60, root.voices * 17)
                readonly property real cellHeight: root.voices > 0 ? height / root.voices : 17
                property var means: panel.heat && panel.heat.heatMean ? panel.heat.heatMean : []
                property var rates: panel.heat && panel.heat.heatRate ? panel.heat.heatRate : []
                onMeansChanged: requestPaint()
                onWidthChanged: requestPaint()
                onHeightChanged: requestPaint()
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.fillStyle = Theme.cellEmpty
                    ctx.fillRect(0, 0, width, height)
                    if (root.steps === 0 || means.length !== root.steps * root.voices)
                        return
                    const cw = width / root.steps, ch = cellHeight
                    for (let v = 0; v < root.voices; ++v)
                        for (let s = 0; s < root.steps; ++s) {
                            const i = v * root.steps + s
                            if (means[i] < 0)
                                continue
                            // Height by the square root of the rate, so a cell hit in a quarter of the grooves
                            // fills half of it; at least a sliver, so a rare hit still shows its velocity.
                            const h = Math.max(2, (ch - 1) * Math.sqrt(Math.min(1, rates[i])))
                            ctx.fillStyle = root.colourAt(means[i])
                            ctx.fillRect(s * cw, v * ch + (ch - 1 - h), Math.max(1, cw - 1), h)
                        }
                    const perBar = root.comparison.stepsPerBar, perBeat = root.comparison.stepsPerBeat
                    for (let s = perBeat; s < root.steps; s += perBeat) {
                        ctx.fillStyle = s % perBar === 0 ? Theme.barLine : Theme.beatLine
                        ctx.fillRect(s * cw - 1, 0, s % perBar === 0 ? 2 : 1, height)
                    }
                }
            }
        }
    }

    HeatPanel { objectName: "realHeat"; title: qsTr("Real (validation windows)"); heat: root.comparison ? root.comparison.real : ({}) }
    HeatPanel {
        objectName: "generatedHeat"
        title: root.generatedTitle
        heat: root.comparison && root.comparison[root.source] ? root.comparison[root.source] : ({})
    }
    // Legend: colour = mean velocity of the hits, filled height = how often the cell has a hit.
    Row {
        Layout.leftMargin: 82
        spacing: 6
        Label { text: qsTr("velocity 0"); color: Theme.textDim; font.pixelSize: 10 }
        Rectangle {
            width: 100; height: 12
            gradient: Gradient {
                orientation: Gradient.Horizontal
                GradientStop { position: 0.0; color: root.colourAt(0) }
                GradientStop { position: 0.7; color: root.colourAt(0.7) }
                GradientStop { position: 1.0; color: root.colourAt(1) }
            }
        }
        Label { text: "127"; color: Theme.textDim; font.pixelSize: 10 }
    }
    Label {
        Layout.leftMargin: 82
        Layout.fillWidth: true
        text: qsTr("Colour: mean velocity of the hits in the cell. Filled height: how often the cell has a hit (full = in every groove, half = in a quarter).")
        color: Theme.textDim
        font.pixelSize: 10
        wrapMode: Text.Wrap
    }
}
