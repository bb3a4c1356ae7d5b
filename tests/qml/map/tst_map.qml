import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// The latent map with a real (tiny) model: dragging the cursor decodes and
// changes the session's groove, the drum grid and the sequencer's pattern
// (the Transport's pattern for the engine); clicking a point puts its original
// window on the grid; hovering shows the file and bar; "Play path" hands every
// step to the transport as one sequence and rings the step heard; "Place on
// map" moves the cursor to an edited groove and keeps the edit; the freehand
// path records a drag and is drawn; the per-voice sliders change the decode.
Item {
    id: root
    width: 900
    height: 1400  // tall enough for the whole side panel (path, freehand, bookmarks) without scrolling

TestCase {
    id: testCase
    name: "Map"
    when: windowShown
    width: 900
    height: 1400

    Component {
        id: mapComponent
        MapView { width: 900; height: 1400 }
    }
    SignalSpy { id: grooveSpy; target: App.session; signalName: "grooveChanged" }
    // The drum grid's own view-model: it must follow the map's decodes.
    GrooveModel { id: grid; session: App.session }
    SignalSpy { id: gridSpy; target: grid; signalName: "grooveEdited" }
    // The sequencer's view-model (no audio device in tests: it still builds the engine's patterns).
    SignalSpy { id: patternSpy; target: App.transport; signalName: "patternChanged" }

    // The pattern handed to the engine is the groove on the grid, hit for hit.
    function checkPatternIsTheGrid() {
        const cells = App.transport.patternCells()
        compare(App.transport.patternHits, grid.hitCount, "the sequencer has the grid's hits")
        compare(cells.length, grid.hitCount)
        for (let i = 0; i < cells.length; ++i)
            verify(grid.hitAt(cells[i].step, cells[i].voice), "pattern hit " + i + " is on the grid")
    }

    // A control the test clicks must be on screen (not scrolled out of the side panel).
    function onScreen(control) {
        const at = control.mapToItem(root, 0, 0)
        verify(at.y >= 0 && at.y + control.height <= root.height, control.objectName + " is on screen")
    }

    // The side panel's tools sit on three tabs (Sound, Path, Bookmarks): click the tab as a person would.
    function showTab(view, name) {
        const tab = findChild(view, name)
        verify(tab, name)
        mouseClick(tab)
        verify(tab.checked, name + " is the current tab")
    }

    function readyView() {
        // A dataset window left on the grid by an earlier test stays there when the map builds (it would
        // be the musician's choice): start from none, so the map's first decode fills the grid.
        App.session.currentWindow = -1
        const view = createTemporaryObject(mapComponent, root)
        verify(view)
        tryVerify(() => view.controller.ready, 30000, "the map fills from the session's model")
        // The map is the app's one MapController (App.map): an earlier test may have left another groove on
        // the grid, so decode the cursor's place again, as the Decoded button does.
        const before = view.controller.decodeCount
        view.controller.playDecoded()
        tryVerify(() => view.controller.decodeCount > before, 10000, "the cursor's place is decoded")
        return view
    }

    function test_dragTheCursorChangesTheGroove() {
        const view = readyView()
        const item = view.mapItem
        verify(view.controller.map.count > 0)
        compare(App.session.grooveSource, "map")
        const startX = view.controller.map.cursor.x, startY = view.controller.map.cursor.y
        const decodesBefore = view.controller.decodeCount
        grooveSpy.clear()
        gridSpy.clear()
        checkPatternIsTheGrid()
        const patternBefore = JSON.stringify(App.transport.patternCells())
        patternSpy.clear()
        const p = Qt.point(item.cursorPosition.x, item.cursorPosition.y)  // a copy, not a live reference
        mousePress(item, p.x, p.y)
        verify(item.dragging)
        for (let i = 1; i <= 12; ++i)
            mouseMove(item, p.x + 18 * i, p.y + 9 * i)
        mouseRelease(item, p.x + 216, p.y + 108)
        verify(!item.dragging)
        tryVerify(() => view.controller.decodeCount > decodesBefore, 10000)
        verify(grooveSpy.count > 0)
        compare(App.session.grooveSource, "map")
        verify(gridSpy.count > 0, "the drum grid took the decoded groove")
        compare(grid.hitCount, App.session.hitCount)
        compare(grid.steps, App.session.steps)
        // The sequencer's pattern changed with it (handed over at once, PatternChange::Immediate).
        verify(patternSpy.count > 0, "the transport built a new pattern for the engine")
        checkPatternIsTheGrid()
        if (JSON.stringify(App.transport.patternCells()) === patternBefore)
            verify(grooveSpy.count > 0 && App.session.hitCount === grid.hitCount, "same hits at both ends of the drag")
        verify(view.controller.map.cursor.x !== startX && view.controller.map.cursor.y !== startY)
        // The cursor is where the mouse let go.
        const c = item.cursorPosition
        fuzzyCompare(c.x, p.x + 216, 0.5)
        fuzzyCompare(c.y, p.y + 108, 0.5)
        // Latest request wins: never more decodes than moves.
        verify(view.controller.decodeCount - decodesBefore <= 13)
    }

    function test_clickAPointPlaysTheOriginal() {
        const view = readyView()
        const item = view.mapItem
        // A point that no other point covers at this zoom.
        let index = -1, at
        for (let i = 0; i < view.controller.map.count && index < 0; ++i) {
            at = item.toItem(view.controller.map.pointPosition(i))
            if (item.pointAt(at) === i && Math.hypot(at.x - item.cursorPosition.x, at.y - item.cursorPosition.y) > 20)
                index = i
        }
        verify(index >= 0, "a clickable point")
        mouseClick(item, at.x, at.y)
        compare(view.controller.selectedPoint, index)
        compare(App.session.grooveSource, "dataset")
        verify(App.session.currentWindow >= 0)
        showTab(view, "soundTab")
        const original = findChild(view, "playOriginal")
        verify(original.enabled)
        const decoded = findChild(view, "playDecoded")
        const before = view.controller.decodeCount
        mouseClick(decoded)
        tryVerify(() => view.controller.decodeCount > before, 10000)
        compare(App.session.grooveSource, "map")
        mouseClick(original)
        compare(App.session.grooveSource, "dataset")
    }

    function test_playPathHandsEveryStepToTheTransport() {
        const view = readyView()
        const controller = view.controller
        const path = view.interpolation
        controller.jumpToPoint(1)
        path.setAFromCursor()
        controller.jumpToPoint(controller.map.count - 1)
        path.setBFromCursor()
        path.steps = 5
        compare(path.path.length, 5)
        showTab(view, "pathTab")
        const play = findChild(view, "playPath")
        verify(play.enabled)
        onScreen(play)
        mouseClick(play)
        tryVerify(() => path.player.playing, 10000, "the decoded path reached the transport")
        compare(path.player.handedCount, 5)
        compare(App.transport.sequenceLength, 5)
        verify(App.transport.playing)
        compare(path.player.playingStep, App.transport.sequenceIndex)
        compare(view.mapItem.pathHighlight, path.player.playingStep)
        // The first step is what the sequencer plays now.
        compare(App.transport.patternHits, App.transport.patternCells().length)
        compare(play.text, "Stop path")
        mouseClick(play)
        verify(!path.player.playing)
        compare(App.transport.sequenceLength, 0)
        App.transport.playing = false
    }

    // Threshold and temperature can be typed and reset, not only dragged (first-hour report, minor).
    function test_thresholdIsTypedAndReset() {
        const view = readyView()
        showTab(view, "soundTab")
        const field = findChild(view, "thresholdField")
        verify(field)
        mouseDoubleClickSequence(field)  // selects the number
        keyClick(Qt.Key_A, Qt.ControlModifier)
        for (const key of [Qt.Key_0, Qt.Key_Period, Qt.Key_7, Qt.Key_5])
            keyClick(key)
        keyClick(Qt.Key_Return)
        fuzzyCompare(view.controller.threshold, 0.75, 1e-6)
        verify(!field.activeFocus, "Enter gives the keyboard back (Space plays)")
        const slider = findChild(view, "threshold")
        onScreen(slider)
        fuzzyCompare(slider.value, 0.75, 1e-6)
        mouseDoubleClickSequence(slider, slider.width / 2, slider.height / 2)
        fuzzyCompare(view.controller.threshold, 0.5, 1e-6)
        compare(field.text, "0.50")
    }

    // The Blend tab: four bookmarks chosen at the corners with the keyboard, a drag to a corner puts the map's
    // cursor on that bookmark.
    function test_blendSurfaceDrag() {
        const view = readyView()
        const controller = view.controller
        const points = [1, 3, 5, 7]
        for (let i = 0; i < 4; ++i) {
            controller.jumpToPoint(points[i])
            compare(view.bookmarks.pin("c" + i), i)
        }
        showTab(view, "blendTab")
        for (let i = 0; i < 4; ++i) {
            const box = findChild(view, "blendCorner" + i)
            verify(box, "corner box " + i)
            box.forceActiveFocus()
            for (let k = 0; k <= i; ++k)
                keyClick(Qt.Key_Down)
            compare(view.blend.corners[i], i)
        }
        verify(view.blend.ready)
        const pad = findChild(view, "blendPad")
        onScreen(pad)
        mousePress(pad, pad.width / 2, pad.height / 2)
        mouseMove(pad, pad.width * 0.2, pad.height * 0.2, -1, Qt.LeftButton)
        wait(20)
        mouseMove(pad, 0, 0, -1, Qt.LeftButton)
        wait(20)
        mouseRelease(pad, 0, 0)
        verify(view.blend.position.x < 0.01 && view.blend.position.y < 0.01, "the puck is in the corner: " + view.blend.position)
        const corner = view.bookmarks.data(view.bookmarks.index(0, 0), BookmarkModel.PositionRole)
        fuzzyCompare(controller.map.cursor.x, corner.x, 0.02)
        fuzzyCompare(controller.map.cursor.y, corner.y, 0.02)
    }

    function test_placeOnMapKeepsTheEditedGroove() {
        const view = readyView()
        const controller = view.controller
        controller.jumpToPoint(2)  // a real window on the grid
        grid.toggle(0, 0, 0.9)  // edit it
        grid.toggle(5, 2, 0.7)
        const hits = App.session.hitCount
        const before = Qt.point(controller.map.cursor.x, controller.map.cursor.y)
        const decodes = controller.decodeCount
        App.session.requestPlaceOnMap()
        tryVerify(() => !controller.placing, 10000)
        verify(controller.map.cursor.x !== before.x || controller.map.cursor.y !== before.y, "the cursor moved")
        compare(App.session.hitCount, hits, "the edited groove stays on the grid")
        compare(App.session.grooveSource, "edit")
        compare(controller.decodeCount, decodes, "nothing was decoded over the edit")
        compare(controller.message, "")
    }

    function test_freehandRecordsADragAndDrawsIt() {
        const view = readyView()
        const item = view.mapItem
        const freehand = view.freehand
        showTab(view, "pathTab")
        const record = findChild(view, "recordFreehand")
        onScreen(record)
        mouseClick(record)
        verify(freehand.recording)
        const p = Qt.point(item.cursorPosition.x, item.cursorPosition.y)
        mousePress(item, p.x, p.y)
        for (let i = 1; i <= 10; ++i) {
            mouseMove(item, p.x - 15 * i, p.y + 10 * i)
            wait(20)
        }
        mouseRelease(item, p.x - 150, p.y + 100)
        mouseClick(record)
        verify(!freehand.recording)
        verify(freehand.count >= 1)
        compare(item.freehandPath.length, freehand.count)
        const replay = findChild(view, "replayFreehand")
        verify(replay.enabled)
        onScreen(replay)
        mouseClick(replay)
        tryVerify(() => !freehand.replaying, 20000, "the replay ends")
        fuzzyCompare(item.cursorPosition.x, p.x - 150, 0.5)
        fuzzyCompare(item.cursorPosition.y, p.y + 100, 0.5)
        freehand.clear()
        compare(item.freehandPath.length, 0)
    }

    // Per voice: open the section, drag the closed hi-hat's hits slider to "more": the decoded groove (grid
    // and sequencer) gets at least as many hi-hats, never fewer; Reset brings the global controls back.
    function test_perVoiceSlidersChangeTheDecodedGroove() {
        const view = readyView()
        showTab(view, "soundTab")
        const toggle = findChild(view, "voicesToggle")
        verify(toggle)
        const column = findChild(view, "voicesColumn")
        verify(!column.visible, "folded at first")
        mouseClick(toggle)
        verify(column.visible)
        const slider = findChild(view, "voiceDensity_2")
        verify(slider, "the third voice's hits slider")
        tryVerify(() => slider.width > 20)
        onScreen(slider)
        let hats = 0
        for (let s = 0; s < grid.steps; ++s)
            hats += grid.hitAt(s, 2) ? 1 : 0
        const decodesBefore = view.controller.decodeCount
        mousePress(slider, slider.leftPadding + slider.availableWidth / 2, slider.height / 2)
        mouseMove(slider, slider.width - 1, slider.height / 2)
        mouseRelease(slider, slider.width - 1, slider.height / 2)
        verify(view.controller.voiceDensity[2] > 0.9, "dragged to the right end: " + view.controller.voiceDensity[2])
        verify(toggle.text.indexOf("(1 changed)") > 0, toggle.text)
        tryVerify(() => view.controller.decodeCount > decodesBefore, 10000)
        let more = 0
        for (let s = 0; s < grid.steps; ++s)
            more += grid.hitAt(s, 2) ? 1 : 0
        verify(more >= hats, "hi-hats " + hats + " -> " + more)
        checkPatternIsTheGrid()
        // A double-click returns a slider to its middle.
        const velocity = findChild(view, "voiceVelocity_1")
        mousePress(velocity, velocity.leftPadding + velocity.availableWidth / 2, velocity.height / 2)
        mouseMove(velocity, velocity.width - 1, velocity.height / 2)
        mouseRelease(velocity, velocity.width - 1, velocity.height / 2)
        verify(view.controller.voiceVelocity[1] > 1.8, "louder: " + view.controller.voiceVelocity[1])
        mouseDoubleClickSequence(velocity, velocity.width * 0.8, velocity.height / 2)
        tryVerify(() => view.controller.voiceVelocity[1] === 1, 2000, "back to 1: " + view.controller.voiceVelocity[1])
        compare(velocity.value, 1)
        mouseClick(findChild(view, "resetVoices"))
        compare(view.controller.voiceDensity[2], 0)
        compare(slider.value, 0)
        verify(toggle.text.indexOf("changed") < 0)
    }

    function test_hoverShowsFileAndBar() {
        const view = readyView()
        const item = view.mapItem
        const at = item.toItem(view.controller.map.pointPosition(0))
        mouseMove(item, at.x, at.y)
        tryVerify(() => item.hoveredIndex >= 0)
        const tip = findChild(view, "mapTooltip")
        verify(tip.visible)
        verify(view.controller.map.pointLabel(item.hoveredIndex).indexOf(", bar ") > 0)
    }
}
}
