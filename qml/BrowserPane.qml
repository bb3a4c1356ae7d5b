import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The dataset root.browser: import (drop or dialog) with progress and cancel, the
// failures, drum map and grid choice, a sortable / filterable table of files
// with include boxes, the windows of the selected file and its note report,
// and a Stats tab of charts. Choosing a window puts it on the drum grid.
Rectangle {
    id: root
    color: Theme.panel
    readonly property DatasetBrowser browser: App.browser
    property alias importQuestion: importQuestion
    property bool gridEdited: false  // an edit on the drum grid that an import would replace
    signal windowChosen()
    function openImportDialog() { folderDialog.open() }
    function openFilesDialog() { fileDialog.open() }
    // With a dataset loaded (or a grid edit in progress) an import asks first: add to the dataset,
    // start a new one, or cancel.
    function requestImport(paths) {
        if (paths.length === 0)
            return
        if (!App.session.hasDataset && !root.gridEdited) {
            root.browser.importPaths(paths)
            return
        }
        importQuestion.paths = paths
        importQuestion.open()
    }

    SettingsStore { id: settings }

    // Real open dialogs (QFileDialog through FileChooser): "Choose" takes the folder you are in.
    FileChooser {
        id: folderDialog
        objectName: "importFolderDialog"
        title: qsTr("Import a folder of drum MIDI files")
        mode: FileChooser.OpenFolder
        kind: "imports"
        onAccepted: root.requestImport([selectedFile])
    }
    FileChooser {
        id: fileDialog
        objectName: "importFilesDialog"
        title: qsTr("Import drum MIDI files or open a dataset")
        mode: FileChooser.OpenFiles
        kind: "imports"
        nameFilters: [qsTr("MIDI files and datasets (*.mid *.midi *.rmi *.gsd)"), qsTr("All files (*)")]
        onAccepted: root.requestImport(selectedFiles)
    }
    ImportQuestion {
        id: importQuestion
        browser: root.browser
        gridEdited: root.gridEdited
    }

    DropArea {
        anchors.fill: parent
        onDropped: (drop) => { if (drop.hasUrls) root.requestImport(drop.urls.map(u => u.toString())) }
        Rectangle { anchors.fill: parent; color: "transparent"; border.color: Theme.accent; border.width: 2; visible: parent.containsDrag }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 6
        spacing: 6

        RowLayout {
            Label { text: qsTr("Dataset"); font.bold: true; color: Theme.text }
            Label { text: App.session.hasDataset ? App.session.datasetName : ""; color: Theme.textDim; elide: Text.ElideRight; Layout.fillWidth: true }
            Button { objectName: "importFilesButton"; text: qsTr("Files…"); enabled: !root.browser.busy; onClicked: fileDialog.open() }
            Button { objectName: "importFolderButton"; text: qsTr("Folder…"); enabled: !root.browser.busy; onClicked: folderDialog.open() }
        }
        RowLayout {
            visible: root.browser.busy
            ProgressBar {
                objectName: "importProgress"
                Layout.fillWidth: true
                from: 0; to: Math.max(1, root.browser.filesTotal); value: root.browser.filesDone
                indeterminate: root.browser.filesTotal === 0
            }
            Label { text: root.browser.filesDone + " / " + root.browser.filesTotal; color: Theme.textDim }
            Button { text: qsTr("Cancel"); onClicked: root.browser.cancel() }
        }
        Label {
            objectName: "importStatus"
            Layout.fillWidth: true; wrapMode: Text.WordWrap
            text: root.browser.statusText; color: Theme.textDim; font.pixelSize: Theme.smallFont
        }
        Frame {
            visible: root.browser.failures.length > 0
            Layout.fillWidth: true; Layout.maximumHeight: 90
            padding: 4
            ListView {
                anchors.fill: parent; clip: true
                implicitHeight: Math.min(80, contentHeight)
                model: root.browser.failures
                delegate: Label { required property string modelData; text: modelData; color: Theme.danger
                                  font.pixelSize: Theme.smallFont; width: ListView.view.width; elide: Text.ElideMiddle }
            }
        }
        ImportOptions { Layout.fillWidth: true; browser: root.browser }
        TabBar {
            id: browserTabs
            objectName: "browserTabs"
            Layout.fillWidth: true
            currentIndex: settings.value("browser/tab", 0)
            onCurrentIndexChanged: {
                settings.setValue("browser/tab", currentIndex)
                if (currentIndex === 1) statsLoader.active = true
            }
            Component.onCompleted: if (currentIndex === 1) statsLoader.active = true
            CentreTab { text: qsTr("Files") }
            CentreTab { text: qsTr("Stats"); objectName: "statsTab" }
        }
        StackLayout {
            Layout.fillWidth: true; Layout.fillHeight: true
            currentIndex: browserTabs.currentIndex

            ColumnLayout {
                spacing: 6
                RowLayout {
                    Layout.fillWidth: true
                    spacing: 2
                    TextField {
                        objectName: "filterBox"
                        Layout.fillWidth: true
                        placeholderText: qsTr("Filter files (name, style, …)")
                        onTextChanged: root.browser.filterText = text
                    }
                    Button { objectName: "includeAllButton"; text: qsTr("All"); Layout.preferredWidth: 44; onClicked: root.browser.includeAll(); ToolTip.visible: hovered; ToolTip.text: qsTr("Include every file and window") }
                    Button { objectName: "excludeAllButton"; text: qsTr("None"); Layout.preferredWidth: 52; onClicked: root.browser.excludeAll(); ToolTip.visible: hovered; ToolTip.text: qsTr("Exclude every file") }
                    Button { text: qsTr("Invert"); Layout.preferredWidth: 56; onClicked: root.browser.invertInclusion(); ToolTip.visible: hovered; ToolTip.text: qsTr("Swap included and excluded windows") }
                }
                Label {
                    objectName: "includeCount"
                    Layout.fillWidth: true; elide: Text.ElideRight
                    color: root.browser.includedWindows < root.browser.totalWindows ? Theme.accent : Theme.textDim
                    font.pixelSize: Theme.smallFont
                    text: qsTr("%1 of %2 windows included · %3 of %4 files")
                          .arg(root.browser.includedWindows).arg(root.browser.totalWindows).arg(root.browser.includedFiles).arg(root.browser.totalFiles)
                }
                Label {
                    // "None" leaves the map and training without windows: say so here, where it was done.
                    objectName: "nothingIncluded"
                    visible: root.browser.nothingIncluded
                    Layout.fillWidth: true; wrapMode: Text.WordWrap
                    color: Theme.accent; font.pixelSize: Theme.smallFont
                    text: qsTr("Nothing is included: the map shows the model alone and training has nothing to train on. "
                               + "Press All or tick files to use them.")
                }
                FileTable {
                    id: table
                    Layout.fillWidth: true; Layout.fillHeight: true
                    Layout.minimumHeight: 120
                    browser: root.browser
                }
                Label {
                    text: root.browser.selectedFile >= 0 ? qsTr("Windows (%1)").arg(windowList.count) : qsTr("Select a file to see its windows")
                    color: Theme.textDim; font.pixelSize: Theme.smallFont
                }
                ListView {
                    id: windowList
                    objectName: "windowList"
                    Layout.fillWidth: true; Layout.preferredHeight: 120
                    clip: true
                    model: root.browser.windows
                    currentIndex: -1
                    ScrollBar.vertical: ScrollBar {}
                    delegate: ItemDelegate {
                        id: windowRow
                        required property int index
                        required property string label
                        required property string split
                        required property bool included
                        width: windowList.width; height: 24
                        highlighted: ListView.isCurrentItem
                        CheckBox {
                            objectName: "windowInclude"
                            anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                            scale: 0.7
                            checked: windowRow.included
                            onToggled: root.browser.setWindowIncluded(windowRow.index, checked)
                        }
                        contentItem: Label {
                            leftPadding: 22
                            text: windowRow.label + "  ·  " + windowRow.split
                            color: Theme.text; opacity: windowRow.included ? 1 : 0.45
                            font.pixelSize: Theme.smallFont
                        }
                        onClicked: { windowList.currentIndex = index; root.browser.selectWindowRow(index); root.windowChosen() }
                    }
                }
                ImportReport {
                    objectName: "importReport"
                    Layout.fillWidth: true
                    visible: root.browser.selectedFile >= 0
                    report: root.browser.selectedFileReport
                    busy: root.browser.busy
                    onDrumChannelChosen: (fileIndex, channel) => root.browser.setFileDrumChannel(fileIndex, channel)
                }
            }
            Loader {  // the charts are made the first time the tab is shown, not at start-up
                id: statsLoader
                objectName: "statsLoader"
                active: false
                sourceComponent: StatsView { objectName: "statsView"; browser: root.browser }
            }
        }
    }

    Label {
        anchors.centerIn: parent
        visible: !App.session.hasDataset && !root.browser.busy
        width: parent.width - 40
        horizontalAlignment: Text.AlignHCenter; wrapMode: Text.WordWrap
        color: Theme.textDim
        text: qsTr("No dataset loaded.\nDrop drum MIDI files or folders here,\nor use Files… / Folder… above.")
    }

    Component.onCompleted: {
        if (!App.session.hasDataset && AssetPaths.demoDataset !== "")
            root.browser.importPaths([AssetPaths.demoDataset])
    }
}
