import QtQuick
import QtTest
import Groovescape

// The model library's feature charts and velocity heat maps, fed a comparison
// in the shape ModelLibraryModel.featureComparison has (tst_modellibrary checks
// the values of a real evaluation): one tile per feature with its overlap, the
// heat maps painting the cells of the chosen generated set.
Item {
    id: root
    width: 1200; height: 700

    Component { id: chartsComponent; FeatureCharts { width: 800 } }
    Component { id: heatComponent; VelocityHeatMaps { width: 420 } }

    // Two voices, one bar of 16ths; the generated kick is quieter and only on beats 1 and 3.
    function comparison() {
        const realMean = [], realRate = [], genMean = [], genRate = []
        for (let v = 0; v < 2; ++v)
            for (let s = 0; s < 16; ++s) {
                const real = v === 0 ? s % 4 === 0 : s % 8 === 4
                realMean.push(real ? 0.9 : -1); realRate.push(real ? 1 : 0)
                const gen = v === 0 ? s % 8 === 0 : s % 8 === 4
                genMean.push(gen ? 0.3 : -1); genRate.push(gen ? 0.5 : 0)
            }
        const feature = (name, overlap, kl) => ({ name: name, overlap: overlap, kl: kl, low: 0, high: 4,
            real: [0.5, 0.5], generated: [1 - overlap / 2, overlap / 2], realMean: 2, generatedMean: 1 })
        return { windows: 10, names: ["hits_kick", "hits_snare", "density"], voiceNames: ["Kick", "Snare"],
                 steps: 16, voices: 2, stepsPerBar: 16, stepsPerBeat: 4,
                 prior: { features: [feature("hits_kick", 0.5, 0.4), feature("hits_snare", 1.0, 0.0),
                                     feature("density", 0.25, 1.1)],
                          styles: [], heatMean: genMean, heatRate: genRate },
                 reconstruction: { features: [], styles: [], heatMean: realMean, heatRate: realRate },
                 real: { heatMean: realMean, heatRate: realRate } }
    }

    TestCase {
        name: "FeatureCharts"
        when: windowShown

        function test_tilesShowEachFeature() {
            const charts = createTemporaryObject(chartsComponent, root, { set: root.comparison().prior })
            verify(charts)
            waitForRendering(charts)
            const kick = findChild(charts, "featureTile_hits_kick")
            const density = findChild(charts, "featureTile_density")
            verify(kick && density)
            compare(findChild(kick, "featureOverlap").text, "0.50")
            compare(findChild(density, "featureOverlap").text, "0.25")
            compare(charts.label("level_odd_16th"), "share on odd 16ths")
            compare(charts.label("hits_hi_hat_closed"), "hits: hi hat closed")
            // Four columns side by side, the fourth tile (none here) would wrap.
            verify(density.x > kick.x)
            compare(density.y, kick.y)
        }

        function test_heatMapsPaintTheChosenSet() {
            const maps = createTemporaryObject(heatComponent, root, { comparison: root.comparison(), source: "prior" })
            verify(maps)
            waitForRendering(maps)
            const real = findChild(maps, "heat_Real (validation windows)")
            const generated = findChild(maps, "heat_Generated")
            verify(real && generated)
            const cw = generated.width / 16, ch = generated.height / 2
            // Grab the whole view (at the window's origin) and read each canvas's cells through its position in it.
            const empty = (canvas, x, y) => {
                const p = canvas.mapToItem(maps, x, y)
                return Qt.colorEqual(grabImage(maps).pixel(Math.round(p.x), Math.round(p.y)), "#202327")
            }
            compare(generated.means, root.comparison().prior.heatMean)
            // Kick on beat 2 (step 4): real has it, the prior samples do not (a Canvas paints on a later frame).
            tryVerify(() => !empty(real, 4 * cw + cw / 2, ch - 3), 5000)
            tryVerify(() => empty(generated, 4 * cw + cw / 2, ch - 3), 5000)
            // Kick on beat 1 in both; in half the generated grooves: the top of the cell stays empty.
            tryVerify(() => !empty(generated, cw / 2, ch - 3), 5000)
            verify(empty(generated, cw / 2, 2))
            verify(!empty(real, cw / 2, 2))
            // Snare on 2 in the generated set too (voice 1's row).
            verify(!empty(generated, 4 * cw + cw / 2, 2 * ch - 3))
            maps.source = "reconstruction"
            compare(generated.means, root.comparison().real.heatMean)
            tryVerify(() => !empty(generated, 4 * cw + cw / 2, ch - 3), 5000)
        }
    }
}
