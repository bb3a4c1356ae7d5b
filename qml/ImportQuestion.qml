import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// Asked before an import replaces anything: "Add to dataset" (the default: nothing is lost),
// "New dataset" (replaces the loaded one) or Cancel. It also says when the grid holds an edit
// that the imported grooves will replace. A saved dataset (.gsd) can only be opened as new.
Dialog {
    id: root
    objectName: "importQuestion"
    property DatasetBrowser browser
    property bool gridEdited: false
    property var paths: []
    property alias addButton: addButton
    property alias newButton: newButton
    property alias cancelButton: cancelButton
    readonly property alias text: questionLabel.text
    readonly property bool canAdd: App.session.hasDataset && !paths.some(p => String(p).toLowerCase().endsWith(".gsd"))

    parent: Overlay.overlay
    anchors.centerIn: parent
    modal: true
    title: App.session.hasDataset ? qsTr("Import into the loaded dataset?") : qsTr("Replace the grid edit?")
    onOpened: (canAdd ? addButton : newButton).forceActiveFocus()

    ColumnLayout {
        spacing: 12
        Label {
            id: questionLabel
            Layout.preferredWidth: 460
            wrapMode: Text.WordWrap
            color: Theme.text
            text: {
                const what = root.paths.length === 1 ? String(root.paths[0]).split("/").pop()
                                                     : qsTr("%1 files or folders").arg(root.paths.length)
                let s = App.session.hasDataset
                        ? qsTr("Add %1 to \"%2\", or make a new dataset of it (the loaded one is closed)?")
                              .arg(what).arg(App.session.datasetName)
                        : qsTr("Import %1?").arg(what)
                if (root.gridEdited)
                    s += "\n\n" + qsTr("Your edit on the drum grid will be replaced by the imported grooves (export it first to keep it).")
                return s
            }
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            Button {
                id: addButton
                objectName: "addToDataset"
                text: qsTr("Add to dataset")
                visible: root.canAdd
                onClicked: { root.close(); root.browser.addPaths(root.paths) }
                Keys.onReturnPressed: clicked()
            }
            Button {
                id: newButton
                objectName: "newDataset"
                text: App.session.hasDataset ? qsTr("New dataset") : qsTr("Import")
                onClicked: { root.close(); root.browser.importPaths(root.paths) }
                Keys.onReturnPressed: clicked()
            }
            Button {
                id: cancelButton
                objectName: "cancelImport"
                text: qsTr("Cancel")
                onClicked: root.close()
                Keys.onReturnPressed: clicked()
            }
        }
    }
}
