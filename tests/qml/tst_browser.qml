import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// An import of real Groove MIDI Dataset files from the browser pane, the
// files in the table, then a file and a window chosen with the mouse; with a
// dataset loaded, files chosen in the real open dialog (two at once) ask first:
// Add to dataset, New dataset or Cancel, each doing what it says.
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
            compare(App.session.datasetName, testDataDir.split("/").pop())
            verify(App.session.windowCount > 10)

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
            verify(App.session.currentWindow >= 0)
            compare(App.session.grooveSource, "dataset")
            verify(App.session.hitCount >= 6)
        }

        function test_importAsksToAddOrReplace() {
            verify(testDataDir !== "", "the runner could not stage GMD files (is ../shared/data there?)")
            const pane = createTemporaryObject(paneComponent, root)
            const browser = pane.browser
            tryCompare(browser, "busy", false, 30000)
            verify(browser.importPaths([testDataDir + "/1_funk_80_beat_4-4.mid"]))
            tryCompare(browser, "busy", false, 30000)
            compare(browser.totalFiles, 1)
            const question = pane.importQuestion

            // Files…: two files typed into the real dialog; the question comes before anything is replaced.
            mouseClick(findChild(pane, "importFilesButton"))
            tryVerify(() => fileDialogs.openTitle() !== "", 5000, "the open dialog")
            verify(fileDialogs.typeAndEnter('"' + testDataDir + '/102_funk_95_beat_4-4.mid" "'
                                            + testDataDir + '/101_dance-disco_120_beat_4-4.mid"'))
            tryCompare(question, "opened", true)
            compare(question.paths.length, 2)
            verify(question.addButton.visible)
            compare(browser.totalFiles, 1, "nothing replaced while asking")
            // What a person sees before clicking: the buttons laid out side by side.
            tryVerify(() => question.newButton.x > question.addButton.x + question.addButton.width / 2, 5000)
            mouseClick(question.addButton)
            tryCompare(question, "visible", false)
            tryCompare(browser, "busy", false, 30000)
            compare(browser.totalFiles, 3, browser.statusText + " " + browser.failures.join(";"))

            // Cancel leaves the dataset; New dataset replaces it.
            pane.requestImport([testDataDir + "/100_neworleans-secondline_94_beat_4-4.mid"])
            tryCompare(question, "opened", true)
            verify(question.text.indexOf("drum grid") < 0, "no grid edit, no warning about it")
            tryVerify(() => question.cancelButton.x > question.newButton.x, 5000)
            mouseClick(question.cancelButton)
            tryCompare(question, "visible", false)
            verify(!browser.busy)
            compare(browser.totalFiles, 3, browser.statusText + " " + browser.failures.join(";"))
            pane.gridEdited = true  // an edit on the grid: the question says it will be replaced
            pane.requestImport([testDataDir + "/100_neworleans-secondline_94_beat_4-4.mid"])
            tryCompare(question, "opened", true)
            verify(question.text.indexOf("Your edit on the drum grid will be replaced") >= 0, question.text)
            tryVerify(() => question.newButton.x > question.addButton.x, 5000)
            mouseClick(question.newButton)
            tryCompare(browser, "busy", false, 30000)
            compare(browser.totalFiles, 1)
            compare(App.session.datasetName, "100_neworleans-secondline_94_beat_4-4.mid")
        }
    }
}
