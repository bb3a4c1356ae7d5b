import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui

// The latent map with a real (tiny) model: dragging the cursor decodes and
// changes the session's groove; clicking a point puts its original window on
// the grid; hovering shows the file and bar.
Item {
    id: root
    width: 900
    height: 600

TestCase {
    id: testCase
    name: "Map"
    when: windowShown
    width: 900
    height: 600

    Component {
        id: mapComponent
        MapView { width: 900; height: 600 }
    }
    SignalSpy { id: grooveSpy; target: Session; signalName: "grooveChanged" }
    // The drum grid's own view-model: it must follow the map's decodes.
    GrooveModel { id: grid }
    SignalSpy { id: gridSpy; target: grid; signalName: "grooveEdited" }

    function readyView() {
        const view = createTemporaryObject(mapComponent, root)
        verify(view)
        tryVerify(() => view.controller.ready, 30000, "the map fills from the session's model")
        tryVerify(() => view.controller.decodeCount > 0, 10000, "the start position is decoded")
        return view
    }

    function test_dragTheCursorChangesTheGroove() {
        const view = readyView()
        const item = view.mapItem
        verify(view.controller.map.count > 0)
        compare(Session.grooveSource, "map")
        const startX = view.controller.map.cursor.x, startY = view.controller.map.cursor.y
        const decodesBefore = view.controller.decodeCount
        grooveSpy.clear()
        gridSpy.clear()
        const p = Qt.point(item.cursorPosition.x, item.cursorPosition.y)  // a copy, not a live reference
        mousePress(item, p.x, p.y)
        verify(item.dragging)
        for (let i = 1; i <= 12; ++i)
            mouseMove(item, p.x + 18 * i, p.y + 9 * i)
        mouseRelease(item, p.x + 216, p.y + 108)
        verify(!item.dragging)
        tryVerify(() => view.controller.decodeCount > decodesBefore, 10000)
        verify(grooveSpy.count > 0)
        compare(Session.grooveSource, "map")
        verify(gridSpy.count > 0, "the drum grid took the decoded groove")
        compare(grid.hitCount, Session.hitCount)
        compare(grid.steps, Session.steps)
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
        compare(Session.grooveSource, "dataset")
        verify(Session.currentWindow >= 0)
        const original = findChild(view, "playOriginal")
        verify(original.enabled)
        const decoded = findChild(view, "playDecoded")
        const before = view.controller.decodeCount
        mouseClick(decoded)
        tryVerify(() => view.controller.decodeCount > before, 10000)
        compare(Session.grooveSource, "map")
        mouseClick(original)
        compare(Session.grooveSource, "dataset")
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
