import QtQuick
import QtQuick.Controls
import QtTest
import Groovescape
import Groovescape.Ui

// The transport bar's Export menu, clicked as a musician would: the menu item
// opens the real save dialog (a QFileDialog with a suggested name), a name is
// typed into it without its suffix and Enter pressed, and the exporter writes
// the session's groove there (suffix added) on its worker; the "when a new
// groove takes over" box, chosen from its popup.
Item {
    id: root
    width: 1500
    height: 600

    TestCase {
        id: testCase
        name: "TransportBarExport"
        when: windowShown

        Component { id: barComponent; TransportBar { width: 1500 } }
        Component { id: gridComponent; GrooveModel {} }

        function test_exportMenuWritesTheGroove_data() {
            return [
                { tag: "midi", item: "exportMidiItem", dialog: "midiExportDialog", typed: "from-menu", file: "from-menu.mid",
                  title: "Export the groove as MIDI" },
                { tag: "wav", item: "exportWavItem", dialog: "wavExportDialog", typed: "from-menu", file: "from-menu.wav",
                  title: "Export the groove as WAV (current kit, tempo, swing)" },
            ]
        }

        function test_exportMenuWritesTheGroove(data) {
            verify(testDataDir !== "", "a temporary folder to export into")
            const grid = createTemporaryObject(gridComponent, root)
            grid.clear()
            grid.toggle(0, 0)
            grid.toggle(4, 1)
            verify(grid.hitAt(0, 0) && grid.hitAt(4, 1), "a kick and a snare in the session's groove")
            const bar = createTemporaryObject(barComponent, root)
            verify(bar)
            const dialog = findChild(bar, data.dialog)
            verify(dialog, data.dialog)
            compare(fileDialogs.openTitle(), "", "no file dialog before the menu")
            mouseClick(findChild(bar, "exportButton"))
            const item = findChild(bar, data.item)
            verify(item, data.item)
            tryCompare(item, "visible", true)
            mouseClick(item)
            tryCompare(dialog, "visible", true)
            compare(fileDialogs.openTitle(), data.title)
            // What a musician types: a new name in the test folder, without the suffix.
            verify(fileDialogs.typeAndEnter(testDataDir + "/" + data.typed), "typed into the save dialog")
            tryCompare(dialog, "visible", false)
            compare(dialog.selectedFile, testDataDir + "/" + data.file)
            tryVerify(() => bar.exporter.message === "Exported " + data.file, 30000, bar.exporter.message)
            verify(!bar.exporter.busy)
        }

        // "Next bar" chosen from the box's popup reaches the transport, and back.
        function test_changeBoxSetsWhenGroovesTakeOver() {
            const bar = createTemporaryObject(barComponent, root)
            const box = findChild(bar, "changeBox")
            verify(box)
            compare(box.currentIndex, bar.transport.changeAt)
            bar.transport.changeAt = 0
            compare(box.displayText, "Change now")
            mouseClick(box)
            tryCompare(box.popup, "opened", true)
            const item = box.popup.contentItem.itemAtIndex(1)
            verify(item, "the popup's second row")
            mouseClick(item)
            tryCompare(bar.transport, "changeAt", 1)
            compare(box.displayText, "Next bar")
            bar.transport.changeAt = 2
            compare(box.currentIndex, 2)
            bar.transport.changeAt = 0
        }
    }
}
