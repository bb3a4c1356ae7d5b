import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui

// An import of real Groove MIDI Dataset files from the browser pane, the
// files in the table, then a file and a window chosen with the mouse.
// (The items under test go under this root Item: in Qt 6.4 a root TestCase is
// invisible, so mouse events never reach its children.)
Item {
    id: root
    width: 500; height: 800

    TestCase {
        id: testCase
        name: "Browser"
        when: windowShown

        Component { id: paneComponent; BrowserPane { width: 500; height: 800 } }

        function test_importShowsFilesAndWindows() {
            verify(testDataDir !== "", "the runner could not stage GMD files (is ../shared/data there?)")
            const pane = createTemporaryObject(paneComponent, root)
            verify(pane)
            const browser = pane.browser
            tryCompare(browser, "busy", false, 30000)   // a demo dataset may be loading at start
            verify(browser.importPaths([testDataDir]))
            verify(browser.busy)
            tryCompare(browser, "busy", false, 30000)
            compare(browser.failures.length, 0)
            compare(browser.filesTotal, 4)
            compare(Session.datasetName, testDataDir.split("/").pop())
            verify(Session.windowCount > 10)

            const table = findChild(pane, "fileTable")
            verify(table)
            tryCompare(table, "rows", 4)
            waitForRendering(pane)

            // Filter by text: the two funk files.
            const filter = findChild(pane, "filterBox")
            filter.text = "funk"
            tryCompare(table, "rows", 2)
            filter.text = ""
            tryCompare(table, "rows", 4)

            // Click the first row, then the first window: it lands on the drum grid.
            mouseClick(table, 40, 11)
            verify(browser.selectedFile >= 0)
            const windows = findChild(pane, "windowList")
            tryVerify(() => windows.count > 0)
            waitForRendering(windows)
            mouseClick(windows, 40, 12)
            verify(Session.currentWindow >= 0)
            compare(Session.grooveSource, "dataset")
            verify(Session.hitCount >= 6)
        }
    }
}
