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

            // The snare row (voice 1): pick the instrument after the one playing it (the popup opens
            // scrolled to the current row, so its neighbour is on screen).
            const box = findChild(dialog.contentItem, "instrumentBox1")
            verify(box, "the snare row's instrument box")
            const playing = box.currentIndex
            verify(playing > 0, "the snare plays an instrument")
            const pick = playing + 1 < box.count ? playing + 1 : playing - 1
            const name = box.model[pick]
            mouseClick(box)
            tryCompare(box.popup, "opened", true)
            tryVerify(() => box.popup.contentItem.itemAtIndex(pick) !== null, 5000, "row " + pick + " of the popup")
            mouseClick(box.popup.contentItem.itemAtIndex(pick))
            tryVerify(() => App.voiceMapping.custom, 30000, "the choice is saved")
            // The kit loads again with the choice; the table's rows are made anew.
            const row = (what) => findChild(dialog.contentItem, what)
            tryVerify(() => row("how1") && row("how1").text === "chosen", 30000, "the snare row says chosen")
            compare(row("instrumentBox1").displayText, name)

            // Back to the kit's own mapping.
            mouseClick(findChild(dialog.contentItem, "resetMapping"))
            tryVerify(() => !App.voiceMapping.custom, 30000)
            tryVerify(() => row("how1") && row("how1").text === "note", 30000, "the kit's own note again")
            compare(row("instrumentBox1").currentIndex, playing)
            dialog.close()
        }
    }
}
