import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The project's actions (File > New, Open…, Save, Save As…) and dialogs: file
// choosers, "Recover unsaved work?" after a crash, and errors / missing files.
// The work happens in the Project singleton (C++); nothing here touches files.
Item {
    id: root
    property alias newAction: newAction
    property alias openAction: openAction
    property alias saveAction: saveAction
    property alias saveAsAction: saveAsAction
    property alias recoveryDialog: recoveryDialog
    property alias problemDialog: problemDialog

    Action { id: newAction; text: qsTr("&New project"); shortcut: StandardKey.New; onTriggered: App.project.newProject() }
    Action { id: openAction; text: qsTr("&Open project…"); shortcut: "Ctrl+Shift+O"; onTriggered: openDialog.open() }
    Action {
        id: saveAction; text: qsTr("&Save project"); shortcut: StandardKey.Save
        onTriggered: { if (App.project.filePath === "") saveDialog.open(); else App.project.save() }
    }
    Action { id: saveAsAction; text: qsTr("Save project &as…"); shortcut: "Ctrl+Shift+S"; onTriggered: saveDialog.open() }

    FileChooser {
        id: openDialog
        objectName: "openProjectDialog"
        title: qsTr("Open a Groovescape project")
        mode: FileChooser.OpenFile
        kind: "projects"
        nameFilters: [qsTr("Groovescape projects (*.gsproj)"), qsTr("All files (*)")]
        onAccepted: App.project.open(selectedFile)
    }
    FileChooser {
        id: saveDialog
        objectName: "saveProjectDialog"
        title: qsTr("Save the project as")
        mode: FileChooser.SaveFile
        kind: "projects"
        // The project's own name (an untitled one or the bundled demo: a plain name to type over).
        suggestedName: (App.project.filePath !== "" && App.project.name !== "" ? App.project.name : qsTr("my-grooves")) + ".gsproj"
        nameFilters: [qsTr("Groovescape projects (*.gsproj)")]
        defaultSuffix: "gsproj"
        onAccepted: App.project.saveAs(selectedFile)
    }

    Dialog {
        id: recoveryDialog
        objectName: "recoveryDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Recover unsaved work?")
        standardButtons: Dialog.Yes | Dialog.No
        Label {
            width: 420
            wrapMode: Text.WordWrap
            color: Theme.text
            text: qsTr("Unsaved work was found (a window that did not close properly, or changes never saved): %1.\n\nRestore it?")
                  .arg(App.project.recoveryPath)
        }
        onAccepted: App.project.recover()
        onRejected: App.project.discardRecovery()
    }

    Dialog {
        id: problemDialog
        objectName: "projectProblemDialog"
        property string text
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Project")
        standardButtons: Dialog.Ok
        Label { width: 520; wrapMode: Text.WordWrap; color: Theme.text; text: problemDialog.text }
        onClosed: App.project.clearNotes()
    }

    Connections {
        target: Project
        function onFailed(message) { problemDialog.text = message; problemDialog.open() }
        function onNotesChanged() {
            if (App.project.notes.length > 0) { problemDialog.text = App.project.notes.join("\n"); problemDialog.open() }
        }
        function onRecoveryChanged() { if (App.project.recoveryAvailable) recoveryDialog.open() }
    }
    Component.onCompleted: if (App.project.recoveryAvailable) recoveryDialog.open()
}
