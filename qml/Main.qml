import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The window: transport on top, dataset browser on the left, the map / training
// views in the centre, the drum grid at the bottom. Pane sizes and the window
// geometry come back on the next start (SettingsStore = QSettings).
ApplicationWindow {
    id: window
    objectName: "mainWindow"
    // Set by the app from its command line (--tab, --about, --audio-settings) before the window shows.
    property string startTab: ""
    property bool openAbout: false
    property bool openAudioSettings: false
    // Never larger than the screen (the first-hour report: 1440 px on a 1366 px screen cut the Export button);
    // the title bar and a panel take some of the height the screen reports.
    width: Math.min(Number(settings.value("window/width", 1440)), Screen.desktopAvailableWidth > 0 ? Screen.desktopAvailableWidth : 1440)
    height: Math.min(Number(settings.value("window/height", 900)), Screen.desktopAvailableHeight > 0 ? Screen.desktopAvailableHeight - 40 : 900)
    minimumWidth: 960
    minimumHeight: 560
    visible: true
    title: App.project.title
    color: Theme.window
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panel
    palette.alternateBase: Theme.panelRaised
    palette.text: Theme.text
    palette.button: Theme.panelRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    // Light text on the highlighted row of a drop-down (drawn on "light"), readable on the accent too.
    palette.highlightedText: Theme.text
    palette.mid: Theme.border
    // The Basic style fills sliders and progress bars with "dark" over a "midlight" groove: the accent over a
    // quiet groove, so the filled part is the bright one (the first-hour report: sliders looked inverted and
    // the training bar seemed to empty as it filled).
    palette.dark: Theme.accent
    palette.midlight: Theme.border
    palette.light: Theme.panelRaised
    palette.placeholderText: Theme.textDim
    palette.toolTipBase: Theme.panelRaised
    palette.toolTipText: Theme.text
    font.pixelSize: Theme.fontSize

    property alias drumGrid: drumGrid
    property alias about: about

    SettingsStore { id: settings }

    menuBar: MenuBar {
        Menu {
            title: qsTr("&File")
            MenuEntry { action: projectDialogs.newAction; hint: "Ctrl+N" }
            MenuEntry { action: projectDialogs.openAction; hint: "Ctrl+Shift+O" }
            RecentMenu {}
            MenuEntry { action: projectDialogs.saveAction; hint: "Ctrl+S" }
            MenuEntry { action: projectDialogs.saveAsAction; hint: "Ctrl+Shift+S" }
            MenuSeparator {}
            MenuEntry { action: importAction; hint: "Ctrl+O" }
            MenuEntry { action: exportMidiAction; hint: "Ctrl+E" }
            MenuEntry { action: exportWavAction; hint: "Ctrl+Shift+E" }
            MenuEntry { text: qsTr("&Audio and MIDI settings…"); onTriggered: transport.openAudioSettings() }
            MenuSeparator {}
            MenuEntry { action: quitAction; hint: "Ctrl+Q" }
        }
        Menu {
            title: qsTr("&Edit")
            MenuEntry { action: undoAction; hint: "Ctrl+Z" }
            MenuEntry { action: redoAction; hint: "Ctrl+Shift+Z" }
        }
        Menu {
            title: qsTr("&Help")
            // The guides open in the desktop's viewer for Markdown (they are plain text too).
            Menu {
                id: guideMenu
                title: qsTr("&User guide")
                enabled: AssetPaths.docsDir !== ""
                Instantiator {
                    model: [
                        ["guide-dataset-browser.md", qsTr("Dataset browser")],
                        ["guide-training.md", qsTr("Training")],
                        ["guide-map.md", qsTr("The latent map")],
                        ["guide-groove.md", qsTr("Play a rhythm, get drums")],
                        ["guide-grid.md", qsTr("Drum grid and piano roll")],
                        ["guide-transport.md", qsTr("Transport, sound and export")],
                        ["guide-projects.md", qsTr("Projects")]
                    ]
                    delegate: MenuEntry {
                        required property var modelData
                        text: modelData[1]
                        onTriggered: Qt.openUrlExternally("file://" + AssetPaths.docsDir + "/" + modelData[0])
                    }
                    onObjectAdded: (index, object) => guideMenu.insertItem(index, object)
                    onObjectRemoved: (index, object) => guideMenu.removeItem(object)
                }
            }
            MenuEntry { text: qsTr("&Keyboard shortcuts"); onTriggered: shortcuts.open() }
            MenuEntry { action: aboutAction; hint: "F1" }
        }
    }

    Action { id: undoAction; text: qsTr("&Undo"); shortcut: StandardKey.Undo
             enabled: drumGrid.model.canUndo; onTriggered: drumGrid.model.undo() }
    Action { id: redoAction; text: qsTr("&Redo"); shortcut: "Ctrl+Shift+Z"
             enabled: drumGrid.model.canRedo; onTriggered: drumGrid.model.redo() }
    Action { id: aboutAction; text: qsTr("&About Groovescape"); shortcut: "F1"; onTriggered: about.open() }
    Action { id: importAction; text: qsTr("&Import MIDI…"); shortcut: StandardKey.Open
             onTriggered: browser.openImportDialog() }
    Action { id: exportMidiAction; text: qsTr("&Export groove as MIDI…"); shortcut: "Ctrl+E"
             onTriggered: transport.openExportDialog() }
    Action { id: exportWavAction; text: qsTr("Export groove as &WAV…"); shortcut: "Ctrl+Shift+E"
             onTriggered: transport.openWavDialog() }
    // Closing the window is quitting: the project is saved on the way out (Application::shutDown).
    Action { id: quitAction; text: qsTr("&Quit"); shortcut: StandardKey.Quit; onTriggered: window.close() }

    header: TransportBar { id: transport; grooveModel: drumGrid.model }

    SplitView {
        id: outer
        objectName: "outerSplit"
        anchors.fill: parent
        orientation: Qt.Horizontal

        BrowserPane {
            id: browser
            gridEdited: drumGrid.model.canUndo
            onWindowChosen: transport.transport.playing = true  // choosing a window plays it
            SplitView.preferredWidth: 420
            SplitView.minimumWidth: 260
        }

        SplitView {
            id: inner
            objectName: "innerSplit"
            orientation: Qt.Vertical
            SplitView.fillWidth: true

            Rectangle {
                SplitView.fillHeight: true
                SplitView.minimumHeight: 160
                color: Theme.window
                TabBar {
                    id: centreTabs
                    objectName: "centreTabs"
                    anchors { left: parent.left; right: parent.right; top: parent.top }
                    currentIndex: settings.value("centre/tab", 0)
                    onCurrentIndexChanged: settings.setValue("centre/tab", currentIndex)
                    CentreTab { text: qsTr("Map") }
                    CentreTab { text: qsTr("Train") }
                    CentreTab { text: qsTr("Groove") }
                }
                StackLayout {
                    anchors { left: parent.left; right: parent.right; top: centreTabs.bottom; bottom: parent.bottom }
                    currentIndex: centreTabs.currentIndex
                    MapView {}
                    TrainingView {}
                    GroovePanel {}
                }
            }
            DrumGrid {
                id: drumGrid
                // A third of a small window: the map keeps room for its tools at 1280x720.
                SplitView.preferredHeight: Math.min(330, Math.round(window.height * 0.36))
                SplitView.minimumHeight: 180
                playStep: transport.playStep
            }
        }
    }

    About { id: about }
    ShortcutsDialog { id: shortcuts }
    ProjectDialogs { id: projectDialogs }

    Component.onCompleted: {
        if (startTab === "train")
            centreTabs.currentIndex = 1
        else if (startTab === "groove")
            centreTabs.currentIndex = 2
        if (openAbout)
            about.open()
        if (openAudioSettings)
            transport.openAudioSettings()
        const outerState = settings.value("layout/outer")
        if (outerState) outer.restoreState(outerState)
        const innerState = settings.value("layout/inner")
        if (innerState) inner.restoreState(innerState)
    }
    onClosing: {
        settings.setValue("window/width", width)
        settings.setValue("window/height", height)
        settings.setValue("layout/outer", outer.saveState())
        settings.setValue("layout/inner", inner.saveState())
        settings.sync()
    }
}
