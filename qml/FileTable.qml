import QtQuick
import QtQuick.Controls
import Groovescape.Ui

// The file table: click a header to sort (again to reverse), click a row to select the file,
// click the box in the first column to include or exclude the file (excluded rows are dimmed).
Item {
    id: root
    property DatasetBrowser browser
    property int sortColumn: -1
    property bool ascending: true
    // Fractions of the width; each column at least as wide as its title (the first-hour report: "Me…", "Wi…").
    readonly property var widths: [0.05, 0.21, 0.09, 0.06, 0.07, 0.06, 0.09, 0.07, 0.09, 0.09, 0.12]
    readonly property var minimumWidths: [34, 80, 44, 38, 48, 40, 66, 38, 74, 66, 52]

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
                id: headerLabel
                anchors.fill: parent; anchors.leftMargin: 4
                verticalAlignment: Text.AlignVCenter; elide: Text.ElideRight
                text: display + (root.sortColumn === index ? (root.ascending ? " ▲" : " ▼") : "")
                color: Theme.text; font.pixelSize: Theme.smallFont; font.bold: true
                ToolTip.visible: headerMouse.containsMouse && truncated; ToolTip.text: display
            }
            MouseArea {
                id: headerMouse
                anchors.fill: parent
                hoverEnabled: true
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
        columnWidthProvider: (column) => Math.max(root.minimumWidths[column], root.width * root.widths[column])
        onWidthChanged: forceLayout()
        ScrollBar.vertical: ScrollBar {}
        delegate: Rectangle {
            id: cell
            required property int row
            required property int column
            required property string display
            required property bool failed
            required property int fileIndex
            required property int included  // Qt.Unchecked / PartiallyChecked / Checked
            required property string toolTip  // the path; for "Other ch." the channels and their notes
            implicitHeight: 22
            color: (root.browser && fileIndex === root.browser.selectedFile) ? Theme.accentDim : (row % 2 ? Theme.panel : Theme.panelRaised)
            Label {
                anchors.fill: parent; anchors.leftMargin: 4
                visible: cell.column !== 0
                verticalAlignment: Text.AlignVCenter; elide: Text.ElideRight
                text: display; font.pixelSize: Theme.smallFont
                color: failed ? Theme.danger : Theme.text
                opacity: cell.included === Qt.Unchecked ? 0.45 : 1
            }
            Rectangle {  // the include box
                visible: cell.column === 0
                anchors.centerIn: parent
                width: 13; height: 13; radius: 2
                color: cell.included === Qt.Checked ? Theme.accent : Theme.panel
                border.color: cell.included === Qt.Unchecked ? Theme.textDim : Theme.accent
                Rectangle {
                    visible: cell.included === Qt.PartiallyChecked
                    anchors.centerIn: parent; width: 7; height: 2; color: Theme.accent
                }
            }
            MouseArea {
                id: cellMouse
                anchors.fill: parent
                hoverEnabled: cell.column === FileTableModel.OtherChannels
                ToolTip.visible: containsMouse && hoverEnabled
                ToolTip.text: cell.toolTip
                ToolTip.delay: 400
                onClicked: {
                    if (cell.column === 0)
                        root.browser.setFileIncluded(cell.fileIndex, cell.included !== Qt.Checked)
                    else
                        root.browser.selectFileRow(row)
                }
            }
        }
    }
}
