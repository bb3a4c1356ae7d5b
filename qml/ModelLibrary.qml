import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui

// Saved models with their type, latent size, epochs and validation loss:
// Open makes one the session's model (the map fills), rename, delete.
Pane {
    id: root
    property alias library: library
    padding: 8
    background: Rectangle { color: Theme.panel; border.color: Theme.border }

    ModelLibraryModel { id: library; Component.onCompleted: refresh() }

    ColumnLayout {
        anchors.fill: parent
        spacing: 4
        RowLayout {
            Layout.fillWidth: true
            Label { text: qsTr("Model library"); color: Theme.text; font.bold: true; Layout.fillWidth: true }
            BusyIndicator { running: library.busy; visible: library.busy; Layout.preferredWidth: 18; Layout.preferredHeight: 18 }
            ToolButton { text: qsTr("Refresh"); onClicked: library.refresh() }
        }
        ListView {
            objectName: "modelList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: library
            delegate: RowLayout {
                width: ListView.view.width
                spacing: 2
                TextField {
                    Layout.fillWidth: true
                    text: model.name
                    onEditingFinished: if (text !== model.name) library.rename(index, text)
                    ToolTip.visible: hovered
                    ToolTip.text: model.error !== "" ? model.error
                        : qsTr("%1, latent %2, %3 epochs, validation loss %4, trained on %5")
                              .arg(model.type).arg(model.latent).arg(model.epochs)
                              .arg(model.validationLoss.toFixed(1)).arg(model.dataset)
                }
                ToolButton { text: qsTr("Open"); enabled: model.error === ""; onClicked: library.open(index) }
                ToolButton { text: "×"; onClicked: library.remove(index) }
            }
        }
        Label {
            Layout.fillWidth: true
            visible: library.message !== ""
            text: library.message
            color: Theme.textDim
            elide: Text.ElideRight
        }
    }
}
