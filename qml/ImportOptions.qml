import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// Drum map (built-in or a JSON file), grid (steps per quarter note, bars per
// window) and the MIDI channel read as drums. A change re-imports the same files
// in the background.
// One row where the pane is wide enough; on a narrow pane the drum channel takes a second row.
GridLayout {
    id: root
    property DatasetBrowser browser
    columns: width >= 520 ? 7 : 5
    columnSpacing: 4
    rowSpacing: 2
    readonly property bool customMap: browser && browser.builtInDrumMaps.indexOf(browser.drumMap) < 0

    function apply(map, steps, bars) { root.browser.setImportOptions(map, steps, bars) }

    Label { text: qsTr("Map"); color: Theme.textDim }
    ComboBox {
        id: mapBox
        objectName: "drumMapBox"
        Layout.fillWidth: true
        Layout.minimumWidth: 90
        enabled: root.browser && !root.browser.busy
        model: root.browser ? root.browser.builtInDrumMaps.concat(
                   [root.customMap ? root.browser.drumMap.split("/").pop() : qsTr("JSON file…")]) : []
        currentIndex: root.browser ? (root.customMap ? model.length - 1 : root.browser.builtInDrumMaps.indexOf(root.browser.drumMap)) : -1
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Which MIDI notes become which drum voice (gm: strict GM notes; gm-greedy: every GM drum note folded onto 9 voices; groovae: the Groove MIDI Dataset's TD-11 pitches)")
        onActivated: (index) => {
            if (index < root.browser.builtInDrumMaps.length)
                root.apply(root.browser.builtInDrumMaps[index], root.browser.stepsPerBeat, root.browser.barsPerWindow)
            else
                mapDialog.open()
        }
    }
    Label { text: qsTr("Grid"); color: Theme.textDim }
    ComboBox {
        objectName: "stepsBox"
        enabled: root.browser && !root.browser.busy
        model: [qsTr("16ths"), qsTr("triplets")]
        implicitWidth: 92
        currentIndex: root.browser && root.browser.stepsPerBeat === 12 ? 1 : 0
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Steps per quarter note: 4 (16ths) or 12 (16ths and triplets)")
        onActivated: (index) => root.apply(root.browser.drumMap, index === 1 ? 12 : 4, root.browser.barsPerWindow)
    }
    ComboBox {
        objectName: "barsBox"
        enabled: root.browser && !root.browser.busy
        model: [qsTr("1 bar"), qsTr("2 bars"), qsTr("4 bars")]
        implicitWidth: 92
        currentIndex: root.browser ? [1, 2, 4].indexOf(root.browser.barsPerWindow) : 1
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Bars per window (one training example)")
        onActivated: (index) => root.apply(root.browser.drumMap, root.browser.stepsPerBeat, [1, 2, 4][index])
    }
    Label { text: qsTr("Drums ch."); color: Theme.textDim }
    SpinBox {
        id: channelBox
        objectName: "drumChannelBox"
        enabled: root.browser && !root.browser.busy
        from: 1; to: 16
        editable: true
        implicitWidth: 84
        value: root.browser ? root.browser.drumChannel : 10
        ToolTip.visible: hovered
        ToolTip.text: qsTr("The MIDI channel read as drums (General MIDI: 10). A song's other channels are counted in the table's \"Other ch.\" column, not read.")
        onValueModified: if (!root.browser.setDrumChannel(value)) value = Qt.binding(() => root.browser ? root.browser.drumChannel : 10)
    }

    FileChooser {
        id: mapDialog
        objectName: "drumMapDialog"
        title: qsTr("Choose a drum map (JSON)")
        mode: FileChooser.OpenFile
        kind: "maps"
        nameFilters: [qsTr("Drum maps (*.json)"), qsTr("All files (*)")]
        onAccepted: root.apply(selectedFile, root.browser.stepsPerBeat, root.browser.barsPerWindow)
        onRejected: mapBox.currentIndex = Qt.binding(() => root.browser ? (root.customMap ? mapBox.model.length - 1 : root.browser.builtInDrumMaps.indexOf(root.browser.drumMap)) : -1)
    }
}
