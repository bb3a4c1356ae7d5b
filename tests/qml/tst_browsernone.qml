import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// "None" in the browser pane with the mouse, on real Groove MIDI Dataset files:
// the pane says nothing is included, the Session's dataset is empty, training
// refuses with a message naming the cause; "All" brings everything back.
Item {
    id: root
    width: 500; height: 800

    TestCase {
        id: testCase
        name: "BrowserNone"
        when: windowShown

        Component { id: paneComponent; BrowserPane { width: 500; height: 800 } }
        TrainingModel { id: training; session: App.session }

        function test_noneSaysWhatItMeans() {
            verify(testDataDir !== "", "the runner could not stage GMD files (is ../shared/data there?)")
            const pane = createTemporaryObject(paneComponent, root)
            verify(pane)
            const browser = pane.browser
            tryCompare(browser, "busy", false, 30000)
            verify(browser.importPaths([testDataDir]))
            tryCompare(browser, "busy", false, 30000)
            const total = App.session.windowCount
            verify(total > 10)
            const notice = findChild(pane, "nothingIncluded")
            verify(notice)
            verify(!notice.visible)

            mouseClick(findChild(pane, "excludeAllButton"))
            compare(browser.includedWindows, 0)
            compare(App.session.windowCount, 0)
            verify(notice.visible, "the pane says nothing is included")
            verify(notice.text.indexOf("All") >= 0)
            verify(!training.start(), "training refuses")
            verify(!training.running)
            verify(training.message.indexOf("excluded") >= 0, training.message)

            mouseClick(findChild(pane, "includeAllButton"))
            compare(App.session.windowCount, total)
            verify(!notice.visible)
        }
    }
}
