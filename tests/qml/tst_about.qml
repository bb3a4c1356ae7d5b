import QtQuick
import QtQuick.Controls
import QtTest
import Groovescape

// The About box carries the credits: the Groove MIDI Dataset with its licence, and the rest.
// (The items under test go under this root Item: in Qt 6.4 a root TestCase is
// invisible, so mouse events never reach its children.)
Item {
    id: root
    width: 900; height: 700

    TestCase {
        id: testCase
        name: "About"
        when: windowShown

        Component { id: aboutComponent; Item { width: 900; height: 700; property alias dialog: about; About { id: about } } }

        function test_creditsAreShown() {
            const holder = createTemporaryObject(aboutComponent, root)
            verify(holder)
            holder.dialog.open()
            tryCompare(holder.dialog, "opened", true)
            const list = findChild(holder.dialog.contentItem, "creditsList")
            verify(list)
            verify(list.count >= 15)
            // Read the delegates' rendered text, scrolling through the whole list.
            let shown = ""
            for (let i = 0; i < list.count; ++i) {
                list.positionViewAtIndex(i, ListView.Contain)
                const item = list.itemAtIndex(i)
                verify(item, "delegate " + i)
                for (let c = 0; c < item.children.length; ++c)
                    if (item.children[c].text !== undefined) shown += item.children[c].text + "\n"
            }
            verify(shown.indexOf("Groove MIDI Dataset") >= 0, "Groove MIDI Dataset credit")
            verify(shown.indexOf("CC BY 4.0") >= 0, "its licence")
            for (const name of ["Sonic Pi", "Fluid R3", "LibTorch", "RtAudio", "RtMidi", "libsndfile",
                                "libsamplerate", "nlohmann", "CLI11", "RhythmVAE", "GrooVAE", "Groove Transformer",
                                "FM-Music-VAE", "LGPLv3"])
                verify(shown.indexOf(name) >= 0, name)
        }
    }
}
