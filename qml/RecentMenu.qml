import QtQuick
import QtQuick.Controls
import Groovescape.Ui
import Groovescape.App

// File > Open Recent: the last ten projects (missing ones are dropped at start, with a note).
Menu {
    id: menu
    objectName: "recentMenu"
    title: qsTr("Open &Recent")
    enabled: App.project.recentProjects.length > 0
    Instantiator {
        model: App.project.recentProjects
        delegate: MenuItem {
            required property string modelData
            required property int index
            text: (index < 9 ? "&" + (index + 1) + "  " : "") + modelData.substring(modelData.lastIndexOf("/") + 1)
            onTriggered: App.project.open(modelData)
            ToolTip.visible: hovered
            ToolTip.text: modelData
        }
        onObjectAdded: (index, object) => menu.insertItem(index, object)
        onObjectRemoved: (index, object) => menu.removeItem(object)
    }
}
