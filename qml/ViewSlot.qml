import QtQuick
import QtQuick.Controls
import Groovescape.Ui

// Loads a view of the module by file name (e.g. "MapView.qml") if it is there;
// until it is, says so plainly instead of showing something fake.
Item {
    id: root
    property string viewFile
    property string title
    Loader {
        id: loader
        objectName: "viewLoader"
        anchors.fill: parent
        source: AssetPaths.moduleHasFile(root.viewFile) ? Qt.resolvedUrl(root.viewFile) : ""
        asynchronous: false
    }
    Label {
        anchors.centerIn: parent
        visible: loader.status === Loader.Error || loader.status === Loader.Null
        horizontalAlignment: Text.AlignHCenter
        color: Theme.textDim
        text: qsTr("%1 is not yet available in this build.").arg(root.title)
    }
}
