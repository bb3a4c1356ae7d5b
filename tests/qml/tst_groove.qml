import QtQuick
import QtQuick.Controls
import QtTest
import Groovescape
import Groovescape.Ui
import Groovescape.App

// The Groove tab driven as a musician would: showing it makes the app's accompaniment service load the
// bundled Groove Transformer on its worker; steps are clicked into the input lane, "Without kick" and a
// style are clicked, Generate is clicked and G pressed; the drums reach the session and the
// sequencer's pattern, and Without kick gives fewer kicks than the same rhythm with them.
Item {
    id: root
    width: 1100
    height: 420

    TestCase {
        id: testCase
        name: "GroovePanel"
        when: windowShown

        Component { id: panelComponent; GroovePanel { width: 1100; height: 420 } }

        function kicks() {
            const cells = App.transport.patternCells()
            let n = 0
            for (let i = 0; i < cells.length; ++i)
                if (cells[i].voice === 0) ++n
            return n
        }

        function clickLane(panel, steps) {
            for (let i = 0; i < steps.length; ++i) {
                const cell = findChild(panel, "laneStep" + steps[i])
                verify(cell, "lane step " + steps[i])
                mouseClick(cell, cell.width / 2, cell.height * 0.2)  // near the top: loud
            }
        }

        function test_clickTheLaneAndGenerate() {
            const panel = createTemporaryObject(panelComponent, root)  // showing the tab loads the model
            verify(panel)
            tryCompare(App.accompaniment, "ready", true, 30000, "the bundled groove-transformer loads: " + App.accompaniment.status)
            App.accompaniment.clearLane()
            const steps = [0, 3, 6, 8, 10, 12, 14, 16, 19, 22, 24, 26, 28, 30]
            clickLane(panel, steps)
            for (let i = 0; i < steps.length; ++i)
                verify(App.accompaniment.lane[steps[i]] > 0.6, "step " + steps[i] + " is a loud hit")
            compare(App.accompaniment.lane[1], 0)

            const before = App.accompaniment.generations
            mouseClick(findChild(panel, "generateButton"))
            tryVerify(() => App.accompaniment.generations > before, 10000)
            compare(App.session.grooveSource, "accompaniment")
            verify(App.session.hitCount > 0)
            compare(App.transport.patternHits, App.session.hitCount, "the sequencer has the answer")
            const withKicks = kicks()
            verify(withKicks > 0, "a rhythm like this gets kicks")

            // Without kick, by clicking its button, then G.
            const noKick = findChild(panel, "without_kick")
            mouseClick(noKick)
            compare(App.accompaniment.without[0], true)
            const again = App.accompaniment.generations
            keyClick(Qt.Key_G)
            tryVerify(() => App.accompaniment.generations > again, 10000)
            verify(kicks() < withKicks, "kicks without: " + kicks() + ", with: " + withKicks)
            mouseClick(noKick)
            compare(App.accompaniment.without[0], false)
        }

        function test_styleButtonsChooseOne() {
            const panel = createTemporaryObject(panelComponent, root)
            tryCompare(App.accompaniment, "ready", true, 30000)
            const style = App.accompaniment.styles[0]
            const button = findChild(panel, "style_" + style)
            verify(button, "a button for " + style)
            mouseClick(button)
            compare(App.accompaniment.style, style)
            verify(button.checked)
            mouseClick(findChild(panel, "style_any"))
            compare(App.accompaniment.style, "")
            verify(!button.checked)
        }

        function test_typedValuesAndFollowSwitch() {
            const panel = createTemporaryObject(panelComponent, root)
            tryCompare(App.accompaniment, "ready", true, 30000)
            const field = findChild(panel, "temperatureSliderField")
            verify(field)
            mouseDoubleClickSequence(field)
            keySequence("ctrl+a")
            keyClick(Qt.Key_1); keyClick(Qt.Key_Period); keyClick(Qt.Key_5)
            keyClick(Qt.Key_Return)
            compare(App.accompaniment.temperature, 1.5)
            App.accompaniment.temperature = 1
            const follow = findChild(panel, "followSwitch")
            mouseClick(follow)
            compare(App.accompaniment.follow, true)
            keyClick(Qt.Key_F)
            compare(App.accompaniment.follow, false)
        }
    }
}
