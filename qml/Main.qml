import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// The window: transport on top, dataset browser on the left, the map / training
// views in the centre, the drum grid at the bottom. Pane sizes and the window
// geometry come back on the next start (SettingsStore = QSettings).
ApplicationWindow {
    id: window
    objectName: "mainWindow"
    width: settings.value("window/width", 1440)
    height: settings.value("window/height", 900)
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    title: Project.title
    color: Theme.window
    palette.window: Theme.window
    palette.windowText: Theme.text
    palette.base: Theme.panel
    palette.alternateBase: Theme.panelRaised
    palette.text: Theme.text
    palette.button: Theme.panelRaised
    palette.buttonText: Theme.text
    palette.highlight: Theme.accent
    palette.highlightedText: Theme.window
    palette.mid: Theme.border
    palette.dark: Theme.border
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
            MenuItem { action: projectDialogs.newAction }
            MenuItem { action: projectDialogs.openAction }
            RecentMenu {}
            MenuItem { action: projectDialogs.saveAction }
            MenuItem { action: projectDialogs.saveAsAction }
            MenuSeparator {}
            MenuItem { action: importAction }
            MenuItem { action: exportMidiAction }
            MenuItem { action: exportWavAction }
            MenuItem { text: qsTr("&Audio and MIDI settings…"); onTriggered: transport.openAudioSettings() }
            MenuSeparator {}
            MenuItem { action: quitAction }
        }
        Menu {
            title: qsTr("&Edit")
            MenuItem { action: undoAction }
            MenuItem { action: redoAction }
        }
        Menu {
            title: qsTr("&Help")
            MenuItem { action: aboutAction }
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
                }
                StackLayout {
                    anchors { left: parent.left; right: parent.right; top: centreTabs.bottom; bottom: parent.bottom }
                    currentIndex: centreTabs.currentIndex
                    ViewSlot { objectName: "mapSlot"; viewFile: "MapView.qml"; title: qsTr("The latent map") }
                    ViewSlot { objectName: "trainSlot"; viewFile: "TrainingView.qml"; title: qsTr("The training dashboard") }
                }
            }
            DrumGrid {
                id: drumGrid
                SplitView.preferredHeight: 330
                SplitView.minimumHeight: 180
                playStep: transport.playStep
            }
        }
    }

    About { id: about }
    ProjectDialogs { id: projectDialogs }

    Component.onCompleted: {
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
