import QtQuick
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// The browser's Stats tab after an import of real Groove MIDI Dataset files:
// the chart series hold the statistics; then a click on a file's include box
// takes its windows out of the Session's dataset and the counts follow.
Item {
    id: root
    width: 520; height: 900

    TestCase {
        name: "Stats"
        when: windowShown

        Component { id: paneComponent; BrowserPane { width: 520; height: 900 } }

        function test_statsAndExcludeBox() {
            verify(testDataDir !== "", "the runner could not stage GMD files (is ../shared/data there?)")
            const pane = createTemporaryObject(paneComponent, root)
            verify(pane)
            const browser = pane.browser
            tryCompare(browser, "busy", false, 30000)   // a demo dataset may be loading at start
            verify(browser.importPaths([testDataDir]))
            tryCompare(browser, "busy", false, 30000)
            verify(App.session.windowCount > 10)

            const tabs = findChild(pane, "browserTabs")
            tabs.currentIndex = 1
            const loader = findChild(pane, "statsLoader")
            verify(loader)
            tryVerify(() => loader.status === Loader.Ready)   // the charts are made when the tab first shows
            const view = loader.item
            verify(view.visible)
            const stats = browser.stats
            tryVerify(() => !stats.busy && stats.windowCount === App.session.windowCount, 10000)
            waitForRendering(view)

            const styleSeries = view.styleSeries
            verify(styleSeries)
            compare(styleSeries.count, 1)
            tryVerify(() => styleSeries.at(0).count > 0)
            compare(styleSeries.at(0).count, stats.styles.length)
            compare(styleSeries.axisY.categories.length, stats.styles.length)
            let styleWindows = 0
            for (let i = 0; i < styleSeries.at(0).count; ++i)
                styleWindows += styleSeries.at(0).at(i)
            compare(styleWindows, App.session.windowCount)

            const voiceSeries = view.voiceSeries
            compare(voiceSeries.at(0).count, App.session.voiceNames.length)
            const offsetSeries = view.offsetSeries
            compare(offsetSeries.at(0).count, 20)
            let offsetHits = 0
            for (let i = 0; i < 20; ++i)
                offsetHits += offsetSeries.at(0).at(i)
            compare(offsetHits, stats.hitCount)
            verify(stats.heatMeans.length === stats.heatSteps * App.session.voiceNames.length && stats.heatSteps > 0)
            verify(findChild(view, "heatCanvas").height > 0)

            // Back to the files: click the first row's include box.
            tabs.currentIndex = 0
            const table = findChild(pane, "fileTable")
            tryCompare(table, "rows", 4)
            waitForRendering(table)
            const count = findChild(pane, "includeCount")
            const textBefore = count.text
            const windowsBefore = App.session.windowCount
            verify(textBefore.startsWith(windowsBefore + " of " + windowsBefore + " windows included"), textBefore)
            mouseClick(table, 10, 11)
            tryVerify(() => App.session.windowCount < windowsBefore)
            compare(browser.includedWindows, App.session.windowCount)
            verify(count.text.startsWith(App.session.windowCount + " of " + windowsBefore + " windows included"), count.text)
            tryVerify(() => !stats.busy && stats.windowCount === App.session.windowCount, 10000)
            // The row stays in the table.
            compare(table.rows, 4)
            // Click again: included again.
            mouseClick(table, 10, 11)
            tryCompare(App.session, "windowCount", windowsBefore)

            // The drum map box: gm-greedy re-imports the same files; the TD-11 edge notes go unmapped.
            const mapBox = findChild(pane, "drumMapBox")
            compare(mapBox.currentText, "groovae")
            mapBox.activated(1)
            verify(browser.busy)
            tryCompare(browser, "busy", false, 30000)
            compare(browser.drumMap, "gm-greedy")
            compare(mapBox.currentText, "gm-greedy")
            compare(App.session.drumMapName, "gm-greedy")
            compare(table.rows, 4)
            mouseClick(table, 120, 11)   // select the first file: its report lists unmapped notes
            verify(browser.selectedFile >= 0)
            verify(browser.selectedFileReport.unmappedTotal > 0)
            const summary = findChild(pane, "unmappedSummary")
            verify(summary.text.indexOf("unmapped") > 0, summary.text)
        }
    }
}
