import QtQuick
import QtQuick.Controls
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// Opening the bundled demo project fills the bookmark panel with its named, tagged
// grooves, and the demo opens as an untitled copy.
// (Items under test go under this visible root: a root TestCase is invisible in Qt 6.4.)
Item {
    id: root
    width: 420; height: 520

    Component { id: panelComponent; BookmarkPanel { width: 400; height: 480 } }

    SignalSpy { id: openedSpy; target: App.project; signalName: "opened" }
    SignalSpy { id: failedSpy; target: App.project; signalName: "failed" }

    TestCase {
        name: "Project"
        when: windowShown

        function test_demoProjectFillsTheBookmarkPanel() {
            verify(AssetPaths.assetsDir !== "", "no bundled assets found")
            // The app's own bookmarks (App.bookmarks), the project part "bookmarks".
            const bookmarks = App.bookmarks
            const panel = createTemporaryObject(panelComponent, root, { bookmarks: bookmarks })
            verify(panel)
            const list = findChild(panel, "bookmarkList")
            verify(list)
            compare(list.count, 0)

            App.project.open(AssetPaths.assetsDir + "/demo/demo.gsproj")
            openedSpy.wait(30000)
            compare(failedSpy.count, 0, App.project.message)
            tryCompare(list, "count", 5)
            compare(bookmarks.data(bookmarks.index(0, 0), BookmarkModel.NameRole), "Funk pocket")
            compare(bookmarks.tags(0), ["funk", "80 bpm", "busy hats"])
            // The panel shows the names (each row's name is a label; it becomes a field only to rename).
            let names = []
            for (let i = 0; i < list.count; ++i) {
                list.currentIndex = i
                const row = list.currentItem
                verify(row)
                names.push(findChild(row, "bookmarkLabel").text)
            }
            compare(names, ["Funk pocket", "Hip-hop head nod", "Jazz ride", "Afrobeat", "Straight rock"])

            // A click recalls and leaves the keyboard alone (Space stays play/stop); a double click renames,
            // Enter keeps the name and gives the keyboard back; Esc cancels.
            list.currentIndex = 1
            const row = list.currentItem
            const label = findChild(row, "bookmarkLabel")
            const editor = findChild(row, "bookmarkNameEditor")
            mouseClick(label)
            verify(!editor.visible)
            verify(!editor.activeFocus)
            keyClick(Qt.Key_Space)
            compare(label.text, "Hip-hop head nod")
            mouseDoubleClickSequence(label)
            verify(editor.visible)
            verify(editor.activeFocus)
            keyClick(Qt.Key_A, Qt.ControlModifier)
            keyClick(Qt.Key_B); keyClick(Qt.Key_O); keyClick(Qt.Key_P)
            keyClick(Qt.Key_Return)
            verify(!editor.visible)
            verify(!editor.activeFocus)
            tryCompare(label, "text", "bop")
            keyClick(Qt.Key_Space)  // goes nowhere near the name now
            compare(label.text, "bop")
            mouseDoubleClickSequence(label)
            keyClick(Qt.Key_X)
            keyClick(Qt.Key_Escape)
            verify(!editor.visible)
            compare(label.text, "bop")
            // The demo is a template: an untitled copy named after it, never overwritten.
            compare(App.project.filePath, "")
            compare(App.project.name, "demo")
            verify(App.project.title.indexOf("demo") >= 0)
        }
    }
}
