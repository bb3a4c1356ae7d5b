import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// "Place on map" with the bundled 2D RhythmVAE over the demo dataset: click a
// cell on the drum grid, press "Place on map", and the map cursor lands on the
// encoder's z of exactly that edited groove (compared with the model in C++,
// placeCheck); the edit stays on the grid meanwhile; "Decoded" then puts the
// model's groove at that z on the grid, the one C++ decodes from it.
Item {
    id: root
    width: 1100
    height: 1300

TestCase {
    id: testCase
    name: "PlaceOnMap"
    when: windowShown

    Component { id: mapComponent; MapView { width: 1100; height: 980 } }
    Component { id: gridComponent; DrumGrid { y: 990; width: 1100; height: 300 } }

    function sameZ(a, b, tolerance) {
        compare(a.length, b.length, "same latent size")
        for (let i = 0; i < a.length; ++i)
            verify(Math.abs(a[i] - b[i]) <= tolerance, "z[" + i + "]: " + a[i] + " against " + b[i])
    }

    function test_placeTheEditedGrooveAndHearTheModelThere() {
        verify(App.session.hasModel, "the bundled 2D model is loaded")
        compare(App.session.modelName, "rhythmvae-2d")
        verify(App.session.windowCount > 500, "the demo dataset is loaded")
        const view = createTemporaryObject(mapComponent, root)
        const grid = createTemporaryObject(gridComponent, root)
        verify(view && grid)
        grid.view = "grid"
        const controller = view.controller
        tryVerify(() => controller.ready, 60000, "the map fills")
        tryVerify(() => controller.decodeCount > 0, 10000, "the start position is decoded")
        verify(controller.map.count > 500)

        // Start from a real demo window, then edit it with the mouse: a kick on the last 16th.
        controller.jumpToPoint(10)
        compare(App.session.grooveSource, "dataset")
        waitForRendering(grid)
        const cells = findChild(grid, "cells")
        verify(cells)
        let step = -1
        for (let s = App.session.steps - 1; s >= 0 && step < 0; --s)
            if (!grid.model.hitAt(s, 0)) step = s
        verify(step >= 0, "an empty kick cell")
        const hitsBefore = App.session.hitCount
        mouseClick(cells, (step + 0.5) * grid.cellWidth, 0.5 * grid.cellHeight)
        verify(grid.model.hitAt(step, 0), "the click put a kick on step " + step)
        compare(App.session.hitCount, hitsBefore + 1)
        compare(App.session.grooveSource, "edit")
        const edited = placeCheck.sessionHits()
        const expectedZ = placeCheck.encodeSessionGroove()
        compare(expectedZ.length, 2)
        const cursorBefore = Qt.point(controller.map.cursor.x, controller.map.cursor.y)

        // Press the button.
        const button = findChild(grid, "placeOnMapButton")
        verify(button.enabled)
        const decodes = controller.decodeCount
        mouseClick(button)
        tryVerify(() => !controller.placing, 10000, "the encode came back")
        compare(controller.message, "")
        // The cursor is on the encoded z of the edited groove, on the map and in latent space.
        sameZ(placeCheck.cursorZ(controller), expectedZ, 1e-4)
        const expectedAt = placeCheck.project(controller, expectedZ)
        fuzzyCompare(controller.map.cursor.x, expectedAt.x, 1e-4)
        fuzzyCompare(controller.map.cursor.y, expectedAt.y, 1e-4)
        verify(controller.map.cursor.x !== cursorBefore.x || controller.map.cursor.y !== cursorBefore.y,
               "the cursor moved off the window's point")
        // The edit is still what is on the grid (nothing decoded over it).
        compare(controller.decodeCount, decodes)
        compare(placeCheck.sessionHits(), edited)
        verify(grid.model.hitAt(step, 0))

        // "Decoded": the model's groove at that z comes to the grid, the one C++ decodes there.
        const expectedHits = placeCheck.decodedHits(controller, expectedZ)
        verify(expectedHits.length > 0)
        mouseClick(findChild(view, "playDecoded"))
        tryVerify(() => controller.decodeCount > decodes, 10000, "decoded at the cursor")
        compare(App.session.grooveSource, "map")
        compare(placeCheck.sessionHits(), expectedHits)
        compare(grid.model.hitCount, expectedHits.length)
        for (const cell of expectedHits) {
            const parts = cell.split(":")
            verify(grid.model.hitAt(Number(parts[0]), Number(parts[1])), "grid shows decoded hit " + cell)
        }
    }
}
}
