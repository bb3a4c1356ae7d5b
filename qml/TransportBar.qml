import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The header: play/stop (Space), tempo, swing, humanise, metronome, when a new
// groove takes over (now, next bar, loop end), kit, volume
// with a level meter, the audio device status (click: audio and MIDI settings)
// and export of the groove as MIDI or WAV (on a worker: ClipExporter).
ToolBar {
    id: root
    property GrooveModel grooveModel
    readonly property Transport transport: App.transport
    readonly property int playStep: root.transport.playStep
    property alias exporter: exporter
    function openExportDialog() { exportDialog.open() }
    function openWavDialog() { wavDialog.open() }
    function openAudioSettings() { audioDialog.open() }
    function openKitBrowser() { kitBrowser.open() }

    background: Rectangle { color: Theme.panelRaised; Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: Theme.border } }

    ClipExporter { id: exporter; objectName: "exporter"; session: App.session; transport: App.transport
        mapPosition: App.map && App.map.map ? App.map.map.cursor : Qt.point(0, 0) }
    SettingsStore { id: settings }

    Connections {
        target: root.grooveModel
        function onVoiceStateChanged() { root.transport.setVoiceMix(root.grooveModel.muted, root.grooveModel.soloed) }
    }

    Shortcut { sequence: "Space"; context: Qt.ApplicationShortcut; onActivated: root.transport.toggle() }

    // Real save dialogs (QFileDialog through FileChooser): a typed name creates the file.
    FileChooser {
        id: exportDialog
        objectName: "midiExportDialog"
        title: qsTr("Export the groove as MIDI")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: exporter.clipName + ".mid"  // what plays: its file and bar, or the map position
        nameFilters: [qsTr("MIDI files (*.mid)")]
        defaultSuffix: "mid"
        onAccepted: exporter.exportMidi(selectedFile)
    }
    FileChooser {
        id: wavDialog
        objectName: "wavExportDialog"
        title: qsTr("Export the groove as WAV (current kit, tempo, swing)")
        mode: FileChooser.SaveFile
        kind: "exports"
        suggestedName: exporter.clipName + ".wav"
        nameFilters: [qsTr("WAV files (*.wav)")]
        defaultSuffix: "wav"
        onAccepted: exporter.exportWav(selectedFile)
    }
    AudioSettingsDialog { id: audioDialog; parent: Overlay.overlay }
    KitBrowser { id: kitBrowser; parent: Overlay.overlay }

    RowLayout {
        anchors.fill: parent
        spacing: 6
        // The name gives way first when the window is narrow (the title bar says it too).
        Label { text: "Groovescape"; font.bold: true; font.pixelSize: 15; color: Theme.accent; Layout.leftMargin: 8
                visible: root.width >= 1600 }
        Button {
            objectName: "playButton"
            text: root.transport.playing ? qsTr("■ Stop") : qsTr("▶ Play")
            highlighted: root.transport.playing
            onClicked: root.transport.toggle()
            ToolTip.visible: hovered; ToolTip.text: qsTr("Play / stop (Space)")
        }
        Label { text: qsTr("BPM"); color: Theme.textDim }
        SpinBox {
            id: bpmBox
            objectName: "bpmBox"
            visible: !root.transport.externalClock
            from: 30; to: 300; editable: true
            value: Math.round(root.transport.bpm)
            onValueModified: root.transport.bpm = value
            implicitWidth: 112
            ToolTip.visible: hovered; ToolTip.text: qsTr("Tempo (Ctrl+T to type one, Enter to keep it)")
            // Enter keeps the typed tempo and gives the keyboard back to the window (Space plays again).
            Connections { target: bpmBox.contentItem; ignoreUnknownSignals: true
                          function onEditingFinished() { bpmBox.focus = false } }
        }
        // Ctrl+T: type a tempo, as a person would without reaching for the mouse.
        Shortcut { sequence: "Ctrl+T"; context: Qt.ApplicationShortcut; enabled: bpmBox.visible
                   onActivated: { bpmBox.contentItem.forceActiveFocus(); bpmBox.contentItem.selectAll() } }
        Label {
            objectName: "externalBpm"
            visible: root.transport.externalClock
            text: qsTr("%1 ext").arg(root.transport.bpm.toFixed(1))
            color: Theme.accent
            font.family: Theme.mono
            Layout.preferredWidth: 110
            ToolTip.visible: externalHover.hovered
            ToolTip.text: qsTr("Following another program's MIDI clock (Audio… > Sync to)")
            HoverHandler { id: externalHover }
        }
        Label { text: qsTr("Swing %1%").arg(Math.round(root.transport.swing)); color: Theme.textDim; Layout.preferredWidth: 64 }
        Slider { objectName: "swingSlider"; from: 50; to: 75; value: root.transport.swing; onMoved: root.transport.swing = value; implicitWidth: 64 }
        // Humanise shows its value as swing does (first-hour report: it showed none).
        Label { objectName: "humaniseLabel"; text: qsTr("Humanise %1%").arg(Math.round(root.transport.humanise * 100)); color: Theme.textDim
                Layout.preferredWidth: 92 }
        Slider { objectName: "humaniseSlider"; from: 0; to: 1; value: root.transport.humanise; onMoved: root.transport.humanise = value; implicitWidth: 64
                 ToolTip.visible: hovered; ToolTip.text: qsTr("How much of the groove's micro-timing plays (0 = on the grid)") }
        CheckBox { text: qsTr("Click"); checked: root.transport.metronome; onToggled: root.transport.metronome = checked
                   ToolTip.visible: hovered; ToolTip.text: qsTr("Metronome") }
        Label { text: qsTr("Switch"); color: Theme.textDim
                ToolTip.visible: switchHover.hovered; ToolTip.text: qsTr("When a new groove takes over while playing")
                HoverHandler { id: switchHover } }
        ComboBox {
            objectName: "changeBox"
            model: [qsTr("Change now"), qsTr("Next bar"), qsTr("Loop end")]
            currentIndex: root.transport.changeAt
            onActivated: (i) => root.transport.changeAt = i
            implicitWidth: 134
            // A groove waiting for its bar line or loop end: the box lights up until it plays.
            contentItem: Label {
                leftPadding: 8
                text: parent.displayText
                color: root.transport.changePending ? Theme.accent : Theme.text
                font.bold: root.transport.changePending
                verticalAlignment: Text.AlignVCenter
                elide: Text.ElideRight
            }
            ToolTip.visible: hovered
            ToolTip.text: qsTr("When a new groove (map, bookmark, dataset window) takes over while playing; edits are heard at once")
        }
        Label { text: qsTr("Kit"); color: Theme.textDim }
        ComboBox {
            objectName: "kitBox"
            model: root.transport.kits
            currentIndex: root.transport.kitIndex
            onActivated: (i) => root.transport.kitIndex = i
            enabled: root.transport.kits.length > 0
            displayText: root.transport.kits.length > 0 ? currentText : qsTr("no kits found")
            implicitWidth: 104
        }
        ToolButton { objectName: "kitsButton"; text: qsTr("Kits…"); onClicked: kitBrowser.open()
                     ToolTip.visible: hovered; ToolTip.text: qsTr("Find your kits, map their instruments to the voices, audition them") }
        Item { Layout.fillWidth: true; Layout.minimumWidth: 0 }
        Label { text: qsTr("Vol"); color: Theme.textDim }
        Slider { objectName: "volumeSlider"; from: 0; to: 1; value: root.transport.volume; onMoved: root.transport.volume = value; implicitWidth: 64
                 ToolTip.visible: hovered; ToolTip.text: qsTr("Volume %1%").arg(Math.round(root.transport.volume * 100)) }
        // Level meter: peak of the last block, fed by the engine's event FIFO.
        // The clip light: lit when the mix went over full scale before the master limiter; click to clear.
        Rectangle {
            objectName: "clipLight"
            implicitWidth: 12; implicitHeight: 12; radius: 6
            color: root.transport.clipped ? Theme.danger : Theme.window
            border.color: root.transport.clipped ? Theme.danger : Theme.border
            ToolTip.visible: clipHover.hovered
            ToolTip.text: root.transport.clipped ? qsTr("The mix went over full scale (the limiter kept the sound clean): lower the volume or the kit. Click to clear.")
                                            : qsTr("Clip light: lights when the mix goes over full scale")
            HoverHandler { id: clipHover }
            TapHandler { onTapped: root.transport.clearClip() }
        }
        Rectangle {
            objectName: "levelMeter"
            implicitWidth: 50; implicitHeight: 10; color: Theme.window; border.color: Theme.border
            Rectangle {
                width: (parent.width - 2) * Math.min(1, root.transport.level); height: parent.height - 2; x: 1; y: 1
                color: root.transport.level > 0.9 ? Theme.danger : Theme.good
            }
        }
        Label {
            objectName: "deviceStatus"
            text: root.transport.deviceStatus
            color: root.transport.deviceOk ? Theme.textDim : Theme.accent
            font.pixelSize: Theme.smallFont
            // Takes the room that is left and elides, so the buttons after it never leave the window.
            Layout.fillWidth: true; Layout.minimumWidth: 24; Layout.maximumWidth: 300; elide: Text.ElideRight
            horizontalAlignment: Text.AlignRight
            ToolTip.visible: statusHover.hovered; ToolTip.text: root.transport.deviceStatus + qsTr(" — click for audio and MIDI settings")
            HoverHandler { id: statusHover }
            TapHandler { onTapped: audioDialog.open() }
        }
        ToolButton { objectName: "audioButton"; text: qsTr("Audio…"); onClicked: audioDialog.open()
                     ToolTip.visible: hovered; ToolTip.text: qsTr("Audio device, buffer, MIDI output and clock") }
        Label {
            objectName: "exportMessage"
            text: exporter.message
            visible: messageTimer.running
            color: exporter.message.startsWith(qsTr("Export failed")) ? Theme.danger : Theme.good
            font.pixelSize: Theme.smallFont
            Layout.maximumWidth: 260; elide: Text.ElideMiddle
            Timer { id: messageTimer; interval: 6000 }
            Connections { target: exporter; function onFinished() { messageTimer.restart() } }
        }
        ToolButton { objectName: "exportButton"; text: exporter.busy ? qsTr("Exporting…") : qsTr("Export ▾"); onClicked: exportMenu.popup()
                     ToolTip.visible: hovered; ToolTip.text: exporter.message || qsTr("Export the groove as MIDI (Ctrl+E) or WAV")
                     Menu {
                         id: exportMenu
                         MenuItem { objectName: "exportMidiItem"; text: qsTr("MIDI clip…"); onTriggered: exportDialog.open() }
                         MenuItem { objectName: "exportWavItem"; text: qsTr("WAV (current kit)…"); onTriggered: wavDialog.open() }
                     } }
        Item { width: 4 }
    }

    Component.onCompleted: {
        root.transport.swing = settings.value("transport/swing", 50)
        root.transport.humanise = settings.value("transport/humanise", 1)
        root.transport.volume = settings.value("transport/volume", 0.8)
        root.transport.metronome = settings.value("transport/metronome", "false") === "true"
        root.transport.changeAt = Number(settings.value("transport/changeAt", 0))
    }
    Component.onDestruction: {
        settings.setValue("transport/swing", root.transport.swing)
        settings.setValue("transport/humanise", root.transport.humanise)
        settings.setValue("transport/volume", root.transport.volume)
        settings.setValue("transport/metronome", root.transport.metronome ? "true" : "false")
        settings.setValue("transport/changeAt", root.transport.changeAt)
    }
}
