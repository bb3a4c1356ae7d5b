import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// Real mouse interaction on the drum grid: clicks toggle hits in Session's
// groove, a vertical drag sets velocity, Shift + drag sets timing, undo/redo.
// (The items under test go under this root Item: in Qt 6.4 a root TestCase is
// invisible, so mouse events never reach its children.)
Item {
    id: root
    width: 1000; height: 400

    TestCase {
        id: testCase
        name: "DrumGrid"
        when: windowShown

        Component { id: gridComponent; DrumGrid { width: 1000; height: 360 } }

        function makeGrid() {
            const grid = createTemporaryObject(gridComponent, root)
            verify(grid)
            grid.view = "grid"
            if (grid.model.hitCount > 0) grid.model.clear()
            waitForRendering(grid)
            return grid
        }
        function cellCentre(grid, step, voice) {
            return Qt.point((step + 0.5) * grid.cellWidth, (voice + 0.5) * grid.cellHeight)
        }

        function test_clickTogglesAndUndoes() {
            const grid = makeGrid()
            const cells = findChild(grid, "cells")
            verify(cells)
            compare(grid.model.steps, 32)
            compare(grid.model.voices, App.session.voices)

            let p = cellCentre(grid, 4, 1)            // snare on beat 2
            mouseClick(cells, p.x, p.y)
            verify(grid.model.hitAt(4, 1))
            compare(App.session.hitCount, 1)
            compare(App.session.grooveSource, "edit")

            p = cellCentre(grid, 0, 0)                // kick on the downbeat
            mouseClick(cells, p.x, p.y)
            verify(grid.model.hitAt(0, 0))
            compare(App.session.hitCount, 2)

            mouseClick(cells, p.x, p.y)               // a second click removes it
            verify(!grid.model.hitAt(0, 0))
            compare(App.session.hitCount, 1)

            grid.model.undo()
            verify(grid.model.hitAt(0, 0))
            grid.model.undo()
            grid.model.undo()
            compare(App.session.hitCount, 0)
            verify(!grid.model.canUndo)
            grid.model.redo()
            verify(grid.model.hitAt(4, 1))
            compare(App.session.hitCount, 1)
        }

        function test_dragSetsVelocityAsOneUndoStep() {
            const grid = makeGrid()
            const cells = findChild(grid, "cells")
            const p = cellCentre(grid, 8, 2)
            mouseClick(cells, p.x, p.y)
            fuzzyCompare(grid.model.velocityAt(8, 2), 0.8, 0.001)
            const stepsBefore = grid.model.canUndo
            mousePress(cells, p.x, p.y)
            mouseMove(cells, p.x, p.y + 10)
            mouseMove(cells, p.x, p.y + 30)
            mouseRelease(cells, p.x, p.y + 30)
            fuzzyCompare(grid.model.velocityAt(8, 2), 0.5, 0.02)  // 30 px down = -0.3
            verify(grid.model.hitAt(8, 2))
            compare(grid.model.undoText, "Change velocity")
            grid.model.undo()
            fuzzyCompare(grid.model.velocityAt(8, 2), 0.8, 0.001)
            verify(stepsBefore)
        }

        function test_shiftDragSetsTiming() {
            const grid = makeGrid()
            const cells = findChild(grid, "cells")
            const p = cellCentre(grid, 12, 2)
            mouseClick(cells, p.x, p.y)
            const quarterStep = grid.cellWidth / 4
            mousePress(cells, p.x, p.y, Qt.LeftButton, Qt.ShiftModifier)
            mouseMove(cells, p.x + quarterStep / 2, p.y, -1, Qt.LeftButton, Qt.ShiftModifier)
            mouseMove(cells, p.x + quarterStep, p.y, -1, Qt.LeftButton, Qt.ShiftModifier)
            mouseRelease(cells, p.x + quarterStep, p.y, Qt.LeftButton, Qt.ShiftModifier)
            fuzzyCompare(grid.model.offsetAt(12, 2), 0.5, 0.05)   // a quarter step late = offset 0.5
            compare(grid.model.undoText, "Change timing")
            verify(grid.model.hitAt(12, 2))
        }

        function test_muteButtonMutesTheVoice() {
            const grid = makeGrid()
            const mute = findChild(grid, "mute3")
            verify(mute)
            mouseClick(mute)
            compare(grid.model.muted[3], true)
            compare(grid.model.audible[3], false)
            mouseClick(findChild(grid, "solo0"))
            compare(grid.model.audible[0], true)
            compare(grid.model.audible[1], false)
        }
    }
}
