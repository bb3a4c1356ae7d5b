import QtQuick
import QtQuick.Controls
import QtTest
import Groovescape
import Groovescape.App
import Groovescape.Ui

// The kit browser, clicked as a musician would: the transport bar's Kits… button opens it,
// the scan (on a worker) lists the bundled kits under "Groovescape", a click plays
// gm-standard, the snare row's box picks another instrument from its popup (saved for
// the kit, loaded again: the row says "chosen"), and "Kit's own mapping" forgets it.
Item {
    id: root
    width: 1500
    height: 800

    TestCase {
        name: "KitBrowser"
        when: windowShown

        Component { id: barComponent; TransportBar { width: 1500 } }

        function test_browseChooseMapAndReset() {
            const bar = createTemporaryObject(barComponent, root)
            verify(bar)
            mouseClick(findChild(bar, "kitsButton"))
            const dialog = findChild(bar, "kitBrowser")
            verify(dialog, "the kit browser")
            tryCompare(dialog, "opened", true)
            tryVerify(() => App.kitBrowser.scanned, 60000, "the scan ends")
            verify(App.kitBrowser.count >= 2, App.kitBrowser.status)
            const list = findChild(dialog.contentItem, "kitList")
            verify(list, "the kit list")
            const gm = findChild(list, "kit_gm-standard")
            verify(gm, "the bundled gm-standard kit is listed")
            mouseClick(gm)
            tryVerify(() => App.kitBrowser.currentId.endsWith("gm-standard"), 30000, "gm-standard plays")
            tryCompare(App.voiceMapping, "count", 9)
            compare(App.transport.kits[App.transport.kitIndex], "gm-standard")

            // The snare row (voice 1): pick the first instrument that is not the one playing it.
            const box = findChild(dialog.contentItem, "instrumentBox1")
            verify(box, "the snare row's instrument box")
            const playing = box.currentIndex
            const pick = playing === 1 ? 2 : 1
            const name = box.model[pick]
            mouseClick(box)
            tryCompare(box.popup, "opened", true)
            const item = box.popup.contentItem.itemAtIndex(pick)
            verify(item, "row " + pick + " of the popup")
            mouseClick(item)
            tryVerify(() => App.voiceMapping.custom, 30000, "the choice is saved")
            const how = findChild(dialog.contentItem, "how1")
            tryCompare(how, "text", "chosen", 30000)
            compare(box.displayText, name)

            // Back to the kit's own mapping.
            mouseClick(findChild(dialog.contentItem, "resetMapping"))
            tryVerify(() => !App.voiceMapping.custom, 30000)
            tryCompare(how, "text", "note", 30000)
            compare(box.currentIndex, playing)
            dialog.close()
        }
    }
}
