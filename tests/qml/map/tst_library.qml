import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui

// The model library in the training dashboard: the bundled models are listed
// with their stored evaluation (the F1 cell shows the file's figure), a row
// shows its details when clicked, and bundled models cannot be deleted or renamed.
Item {
    id: root
    width: 1200
    height: 700

TestCase {
    id: testCase
    name: "ModelLibrary"
    when: windowShown

    Component {
        id: libraryComponent
        ModelLibrary { width: 1100; height: 400 }
    }

    function test_bundledModelsWithTheirFigures() {
        const view = createTemporaryObject(libraryComponent, root)
        verify(view)
        const library = view.library
        verify(AssetPaths.modelsDir !== "", "the bundled models folder is found")
        library.folder = ""  // only the bundled models: tests never read the user's library
        tryVerify(() => !library.busy && library.count >= 2, 30000, "the bundled models are listed")
        const row = library.rowOf(AssetPaths.modelsDir + "/rhythmvae-2d.gsmodel")
        verify(row >= 0)
        const list = findChild(view, "modelList")
        tryVerify(() => list.itemAtIndex(row) !== null)
        const item = list.itemAtIndex(row)
        compare(item.model.bundled, true)
        verify(item.model.hasEvaluation)
        const f1 = item.model.hitF1
        verify(f1 > 0 && f1 < 1, "a stored F1: " + f1)
        // The F1 column shows the stored figure.
        let shown = false
        for (let i = 0; i < item.children.length; ++i) {
            const r = item.children[i]
            for (let j = 0; r.children && j < r.children.length; ++j)
                if (r.children[j].text === Number(f1).toFixed(3)) shown = true
        }
        verify(shown, "the row shows F1 " + Number(f1).toFixed(3))

        compare(item.model.mapAxes, false)
        // The map with density / loudness axes says so in its type.
        const axesRow = library.rowOf(AssetPaths.modelsDir + "/map-2d-density-velocity.gsmodel")
        verify(axesRow >= 0)
        tryVerify(() => list.itemAtIndex(axesRow) !== null)
        compare(list.itemAtIndex(axesRow).model.mapAxes, true)
        compare(view.cell(1, list.itemAtIndex(axesRow).model), "map axes")

        mouseClick(item)
        compare(view.currentRow, row)
        const details = findChild(view, "modelDetails")
        verify(details.visible)
        verify(details.text.indexOf("train / ") > 0, details.text)
        verify(findChild(view, "openModel").enabled)
        compare(findChild(view, "evaluateModel").enabled, false)  // bundled: read-only
        verify(!library.remove(row))
        verify(library.message.indexOf("bundled") >= 0)

        library.sortBy("hitF1", false)
        compare(library.sortRole, "hitF1")
        for (let r = 1; r < library.count; ++r)
            verify(list.itemAtIndex(r) === null || list.itemAtIndex(r).model.hitF1 <= list.itemAtIndex(r - 1).model.hitF1)
    }
}
}
