import QtQuick
import QtQuick.Controls
import QtTest
import Groovescape
import Groovescape.Ui

// Opening the bundled demo project fills the bookmark panel with its named, tagged
// grooves, and the demo opens as an untitled copy.
// (Items under test go under this visible root: a root TestCase is invisible in Qt 6.4.)
Item {
    id: root
    width: 420; height: 520

    Component { id: modelComponent; BookmarkModel {} }
    Component { id: panelComponent; BookmarkPanel { width: 400; height: 480 } }

    SignalSpy { id: openedSpy; target: Project; signalName: "opened" }
    SignalSpy { id: failedSpy; target: Project; signalName: "failed" }

    TestCase {
        name: "Project"
        when: windowShown

        function test_demoProjectFillsTheBookmarkPanel() {
            verify(AssetPaths.assetsDir !== "", "no bundled assets found")
            // Made after the Project singleton exists (the spies above made it), so it registers as "bookmarks".
            const bookmarks = createTemporaryObject(modelComponent, root)
            const panel = createTemporaryObject(panelComponent, root, { bookmarks: bookmarks })
            verify(panel)
            const list = findChild(panel, "bookmarkList")
            verify(list)
            compare(list.count, 0)

            Project.open(AssetPaths.assetsDir + "/demo/demo.gsproj")
            openedSpy.wait(30000)
            compare(failedSpy.count, 0, Project.message)
            tryCompare(list, "count", 5)
            compare(bookmarks.data(bookmarks.index(0, 0), BookmarkModel.NameRole), "Funk pocket")
            compare(bookmarks.tags(0), ["funk", "80 bpm", "busy hats"])
            // The panel shows the names (each row is an editable field holding the name).
            let names = []
            for (let i = 0; i < list.count; ++i) {
                list.currentIndex = i
                const row = list.currentItem
                verify(row)
                for (let c = 0; c < row.children.length; ++c)
                    if (row.children[c].text !== undefined && row.children[c].readOnly !== undefined)
                        names.push(row.children[c].text)
            }
            compare(names, ["Funk pocket", "Hip-hop head nod", "Jazz ride", "Afrobeat", "Straight rock"])
            // The demo is a template: an untitled copy named after it, never overwritten.
            compare(Project.filePath, "")
            compare(Project.name, "demo")
            verify(Project.title.indexOf("demo") >= 0)
        }
    }
}
