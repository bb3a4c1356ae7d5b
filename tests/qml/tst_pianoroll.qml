import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// The bottom pane's Grid / Piano roll toggle: hits clicked on the grid show up in
// the piano roll as notes of the exported form (one row per MIDI note used, a note
// item per hit), undo removes them again; "Place on map" is disabled without a
// model; the clip tile gets a real .mid file behind it for a drag out.
Item {
    id: root
    width: 1000; height: 400

    TestCase {
        id: testCase
        name: "PianoRoll"
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
        function clickCell(grid, step, voice) {
            const cells = findChild(grid, "cells")
            mouseClick(cells, (step + 0.5) * grid.cellWidth, (voice + 0.5) * grid.cellHeight)
        }
        function noteItems(item) {
            let found = []
            for (let i = 0; i < item.children.length; ++i) {
                const child = item.children[i]
                if (child.objectName === "note") found.push(child)
                found = found.concat(noteItems(child))
            }
            return found
        }

        function test_toggleShowsTheGridHitsAsNotes() {
            const grid = makeGrid()
            clickCell(grid, 0, 0)     // kick
            clickCell(grid, 4, 1)     // snare
            clickCell(grid, 8, 0)     // kick again: same row
            compare(App.session.hitCount, 3)

            const roll = grid.pianoRoll
            verify(!roll.visible)
            mouseClick(findChild(grid, "view_roll"))
            compare(grid.view, "roll")
            verify(roll.visible)
            verify(!findChild(grid, "cells").visible)
            waitForRendering(roll)

            compare(roll.model.noteCount, 3)
            compare(roll.model.rowNotes.length, 2)
            const notes = noteItems(roll)
            compare(notes.length, 3)
            // The note on step 4 sits at 4 steps of ticks from the start, on the snare's row.
            const snare = notes.filter(n => n.row === roll.model.rowNotes.indexOf(38))
            compare(snare.length, 1)
            compare(snare[0].tick, 4 * roll.model.ticksPerStep)
            verify(snare[0].x > 0)

            grid.model.undo()                        // the second kick goes again
            compare(roll.model.noteCount, 2)
            compare(roll.model.rowNotes.length, 2)
            compare(noteItems(roll).filter(n => n.tick === 8 * roll.model.ticksPerStep).length, 0)

            roll.playStep = 8
            const playhead = findChild(roll, "rollPlayhead")
            verify(playhead.visible)
            fuzzyCompare(playhead.x, 8 * roll.model.ticksPerStep / roll.ticksPerPixel, 0.5)

            mouseClick(findChild(grid, "view_grid"))
            compare(grid.view, "grid")
            verify(findChild(grid, "cells").visible)
        }

        function test_placeOnMapNeedsAModel() {
            const grid = makeGrid()
            clickCell(grid, 2, 2)
            const place = findChild(grid, "placeOnMapButton")
            verify(place)
            compare(App.session.hasModel, false)
            compare(place.enabled, false)
        }

        function test_clipTileHasARealFileBehindIt() {
            const grid = makeGrid()
            clickCell(grid, 0, 0)
            clickCell(grid, 6, 2)
            const tile = grid.clipTile
            // The file is rewritten shortly after each change: wait for the current groove's one.
            tryVerify(() => tile.ready && tile.exporter.dragUrl.toString().endsWith("/" + tile.exporter.clipName + ".mid"), 10000)
            const url = tile.exporter.dragUrl.toString()
            verify(url.startsWith("file://"))
            compare(tile.Drag.mimeData["text/uri-list"], url + "\r\n")
            compare(tile.Drag.dragType, Drag.Automatic)
        }
    }
}
