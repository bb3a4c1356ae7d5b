import QtQuick
import QtQuick.Controls
import Groovescape.Ui

// File > Open Recent: the last ten projects (missing ones are dropped at start, with a note).
Menu {
    id: menu
    objectName: "recentMenu"
    title: qsTr("Open &Recent")
    enabled: Project.recentProjects.length > 0
    Instantiator {
        model: Project.recentProjects
        delegate: MenuItem {
            required property string modelData
            required property int index
            text: (index < 9 ? "&" + (index + 1) + "  " : "") + modelData.substring(modelData.lastIndexOf("/") + 1)
            onTriggered: Project.open(modelData)
            ToolTip.visible: hovered
            ToolTip.text: modelData
        }
        onObjectAdded: (index, object) => menu.insertItem(index, object)
        onObjectRemoved: (index, object) => menu.removeItem(object)
    }
}
