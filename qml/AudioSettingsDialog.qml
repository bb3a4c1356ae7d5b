import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// Audio output (device, sample rate, buffer size) and MIDI output (port, clock).
// With no device or port (as in a container) the lists say so and the engine
// keeps playing silently. Apply reopens the device and saves the choice.
Dialog {
    id: root
    readonly property AudioSettings audio: App.audioSettings
    objectName: "audioSettingsDialog"
    title: qsTr("Audio and MIDI")
    modal: true
    standardButtons: Dialog.Close
    anchors.centerIn: parent
    width: 520

    property alias settings: root.audio
    onOpened: root.audio.refresh()

    GridLayout {
        anchors.fill: parent
        columns: 2
        columnSpacing: 12; rowSpacing: 8

        Label { text: qsTr("Output device"); color: Theme.textDim }
        ComboBox {
            objectName: "deviceBox"
            Layout.fillWidth: true
            enabled: root.audio.hasDevices
            model: root.audio.hasDevices ? [qsTr("System default")].concat(root.audio.devices) : []
            currentIndex: root.audio.deviceIndex + 1
            onActivated: (i) => root.audio.deviceIndex = i - 1
            displayText: root.audio.listing ? qsTr("Looking for devices…")
                         : root.audio.hasDevices ? currentText : qsTr("No audio output device found")
        }
        Label { text: qsTr("Sample rate"); color: Theme.textDim }
        ComboBox {
            objectName: "rateBox"
            Layout.fillWidth: true
            model: [44100, 48000, 88200, 96000]
            currentIndex: Math.max(0, model.indexOf(root.audio.sampleRate))
            onActivated: (i) => root.audio.sampleRate = model[i]
            displayText: root.audio.sampleRate + " Hz"
        }
        Label { text: qsTr("Buffer"); color: Theme.textDim }
        ComboBox {
            objectName: "bufferBox"
            Layout.fillWidth: true
            model: [64, 128, 256, 512, 1024, 2048]
            currentIndex: Math.max(0, model.indexOf(root.audio.bufferFrames))
            onActivated: (i) => root.audio.bufferFrames = model[i]
            displayText: qsTr("%1 frames (%2 ms)").arg(root.audio.bufferFrames)
                         .arg((1000 * root.audio.bufferFrames / root.audio.sampleRate).toFixed(1))
        }
        Label { text: qsTr("Audio"); color: Theme.textDim }
        Label {
            objectName: "audioStatus"
            Layout.fillWidth: true; wrapMode: Text.Wrap
            text: root.audio.status; color: root.audio.hasDevices ? Theme.text : Theme.accent
        }

        Rectangle { Layout.columnSpan: 2; Layout.fillWidth: true; height: 1; color: Theme.border }

        Label { text: qsTr("MIDI output"); color: Theme.textDim }
        ComboBox {
            objectName: "midiBox"
            Layout.fillWidth: true
            enabled: root.audio.hasMidiPorts
            model: root.audio.hasMidiPorts ? [qsTr("Off")].concat(root.audio.midiPorts) : []
            currentIndex: root.audio.midiPortIndex + 1
            onActivated: (i) => root.audio.midiPortIndex = i - 1
            displayText: root.audio.hasMidiPorts ? currentText : qsTr("No MIDI output ports")
        }
        Label { text: qsTr("MIDI clock"); color: Theme.textDim }
        CheckBox {
            objectName: "clockBox"
            text: qsTr("Send clock (24 ppqn) and start/stop")
            checked: root.audio.midiClock
            enabled: root.audio.midiPortIndex >= 0
            onToggled: root.audio.midiClock = checked
        }
        Label { text: qsTr("Sync to"); color: Theme.textDim }
        ComboBox {
            objectName: "clockInBox"
            Layout.fillWidth: true
            enabled: root.audio.clockPorts.length > 0
            model: [qsTr("Internal clock")].concat(root.audio.clockPorts)
            currentIndex: root.audio.clockPortIndex + 1
            onActivated: (i) => root.audio.clockPortIndex = i - 1
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Follow the tempo, start and stop of another program's MIDI clock")
        }
        Label { text: qsTr("Clock"); color: Theme.textDim }
        Label {
            objectName: "clockStatus"
            Layout.fillWidth: true; wrapMode: Text.Wrap
            text: root.audio.clockStatus; color: Theme.text
        }
        Label { text: qsTr("MIDI"); color: Theme.textDim }
        Label {
            objectName: "midiStatus"
            Layout.fillWidth: true; wrapMode: Text.Wrap
            text: root.audio.midiStatus; color: root.audio.hasMidiPorts ? Theme.text : Theme.accent
        }
        Item { Layout.fillWidth: true }
        Button {
            objectName: "applyAudio"
            text: root.audio.applying ? qsTr("Applying…") : qsTr("Apply")
            enabled: !root.audio.applying
            Layout.alignment: Qt.AlignRight
            onClicked: root.audio.apply()
        }
    }
}
