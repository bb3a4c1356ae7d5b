import QtQuick
import QtQuick.Controls
import Groovescape.Ui

// The file table: click a header to sort (again to reverse), click a row to select the file.
Item {
    id: root
    property DatasetBrowser browser
    property int sortColumn: -1
    property bool ascending: true
    readonly property var widths: [0.30, 0.11, 0.07, 0.07, 0.06, 0.09, 0.07, 0.10, 0.13]

    HorizontalHeaderView {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        syncView: table
        clip: true
        delegate: Rectangle {
            required property int index
            required property string display
            implicitHeight: 22
            color: Theme.panelRaised
            border.color: Theme.border
            Label {
                anchors.fill: parent; anchors.leftMargin: 4
                verticalAlignment: Text.AlignVCenter; elide: Text.ElideRight
                text: display + (root.sortColumn === index ? (root.ascending ? " ▲" : " ▼") : "")
                color: Theme.text; font.pixelSize: Theme.smallFont; font.bold: true
            }
            MouseArea {
                anchors.fill: parent
                onClicked: {
                    root.ascending = root.sortColumn === index ? !root.ascending : true
                    root.sortColumn = index
                    root.browser.sortBy(index, root.ascending)
                }
            }
        }
    }
    TableView {
        id: table
        objectName: "fileTable"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: parent.bottom }
        clip: true
        model: root.browser ? root.browser.files : null
        columnWidthProvider: (column) => Math.max(36, root.width * root.widths[column])
        onWidthChanged: forceLayout()
        ScrollBar.vertical: ScrollBar {}
        delegate: Rectangle {
            required property int row
            required property string display
            required property bool failed
            required property int fileIndex
            implicitHeight: 22
            color: (root.browser && fileIndex === root.browser.selectedFile) ? Theme.accentDim : (row % 2 ? Theme.panel : Theme.panelRaised)
            Label {
                anchors.fill: parent; anchors.leftMargin: 4
                verticalAlignment: Text.AlignVCenter; elide: Text.ElideRight
                text: display; font.pixelSize: Theme.smallFont
                color: failed ? Theme.danger : Theme.text
            }
            MouseArea {
                anchors.fill: parent
                onClicked: root.browser.selectFileRow(row)
            }
        }
    }
}
