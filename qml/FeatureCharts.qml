import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The global feature comparison of one generated set against the real
// windows: a tile per feature with both distributions on shared bins (real
// blue, generated amber, side by side in each bin), the overlapping area as a bar
// (1 = the same distribution) and the KL divergence. `set` is one side of
// ModelLibraryModel.featureComparison (prior or reconstruction).
Flow {
    id: root
    property var set: ({})
    readonly property var features: set && set.features ? set.features : []
    property int columns: 4
    readonly property real tileWidth: (width - (columns - 1) * spacing) / columns
    spacing: 6

    // Feature names as a musician reads them.
    function label(name) {
        const fixed = { density: qsTr("density (hits/step)"), velocity_mean: qsTr("mean velocity"),
            offset_mean: qsTr("offset mean"), offset_spread: qsTr("offset spread"),
            syncopation: qsTr("syncopation / bar"), level_downbeat: qsTr("share on downbeats"),
            level_beat: qsTr("share on beats"), level_eighth: qsTr("share on off-beat 8ths"),
            level_even_16th: qsTr("share on even 16ths"), level_odd_16th: qsTr("share on odd 16ths") }
        if (fixed[name] !== undefined)
            return fixed[name]
        return name.startsWith("hits_") ? qsTr("hits: %1").arg(name.substring(5).replace(/_/g, " ")) : name
    }
    function overlapColour(v) { return v >= 0.8 ? Theme.good : v >= 0.5 ? Theme.accent : Theme.danger }

    Repeater {
        model: root.features
        Rectangle {
            id: tile
            required property var modelData
            required property int index
            objectName: "featureTile_" + modelData.name
            width: root.tileWidth
            height: 92
            color: Theme.panelRaised
            border.color: Theme.border
            radius: 2

            RowLayout {
                id: head
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 4 }
                spacing: 4
                Label {
                    Layout.fillWidth: true
                    text: root.label(tile.modelData.name)
                    color: Theme.text
                    font.pixelSize: Theme.smallFont
                    elide: Text.ElideRight
                }
                Label {
                    objectName: "featureOverlap"
                    text: Number(tile.modelData.overlap).toFixed(2)
                    color: root.overlapColour(tile.modelData.overlap)
                    font.family: Theme.mono
                    font.pixelSize: Theme.smallFont
                    font.bold: true
                }
            }
            // Overlapping area, 0..1.
            Rectangle {
                id: bar
                anchors { left: parent.left; right: parent.right; top: head.bottom; margins: 4; topMargin: 2 }
                height: 4
                color: Theme.cellEmpty
                Rectangle {
                    width: parent.width * Math.max(0, Math.min(1, tile.modelData.overlap))
                    height: parent.height
                    color: root.overlapColour(tile.modelData.overlap)
                }
            }
            Canvas {
                id: histogram
                anchors { left: parent.left; right: parent.right; top: bar.bottom; bottom: foot.top; margins: 4 }
                property var real: tile.modelData.real
                property var generated: tile.modelData.generated
                onRealChanged: requestPaint()
                onGeneratedChanged: requestPaint()
                onWidthChanged: requestPaint()
                onPaint: {
                    const ctx = getContext("2d")
                    ctx.clearRect(0, 0, width, height)
                    const n = real ? real.length : 0
                    if (n === 0)
                        return
                    let top = 0
                    for (let i = 0; i < n; ++i)
                        top = Math.max(top, real[i], generated[i])
                    if (top <= 0)
                        return
                    // Each bin: real on the left half, generated on the right, so neither hides the other.
                    const w = width / n, half = Math.max(1, (w - 1) / 2)
                    for (let i = 0; i < n; ++i) {
                        const hr = real[i] / top * height, hg = generated[i] / top * height
                        ctx.fillStyle = Theme.playhead
                        ctx.fillRect(i * w, height - hr, half, hr)
                        ctx.fillStyle = Theme.accent
                        ctx.fillRect(i * w + half, height - hg, half, hg)
                    }
                }
            }
            Label {
                id: foot
                anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: 4; bottomMargin: 2 }
                text: qsTr("%1 … %2 · mean %3 / %4 · KL %5")
                    .arg(Number(tile.modelData.low).toFixed(2)).arg(Number(tile.modelData.high).toFixed(2))
                    .arg(Number(tile.modelData.realMean).toFixed(2)).arg(Number(tile.modelData.generatedMean).toFixed(2))
                    .arg(Number(tile.modelData.kl).toFixed(2))
                color: Theme.textDim
                font.pixelSize: 10
                elide: Text.ElideRight
            }
        }
    }
}
