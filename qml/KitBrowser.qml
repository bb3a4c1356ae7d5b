import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Groovescape.Ui
import Groovescape.App

// The kit browser: kits found in the usual places and the musician's folders,
// grouped by format (left; a click plays the kit), and the voice-mapping table
// of the kit that plays (right): which instrument plays each voice and how it
// was chosen; a choice is saved for that kit, and ▶ auditions the voice.
Dialog {
    id: root
    readonly property KitBrowserModel kits: App.kitBrowser
    readonly property VoiceMappingModel mapping: App.voiceMapping
    objectName: "kitBrowser"
    title: qsTr("Kits")
    modal: true
    standardButtons: Dialog.Close
    anchors.centerIn: parent
    width: Math.min(parent ? parent.width - 40 : 980, 980)
    height: Math.min(parent ? parent.height - 40 : 600, 600)

    onOpened: if (!root.kits.scanned && !root.kits.scanning) root.kits.rescan()

    FileChooser {
        id: folderDialog
        objectName: "kitFolderDialog"
        title: qsTr("Add a folder of drum kits")
        mode: FileChooser.OpenFolder
        kind: "kits"
        onAccepted: root.kits.addFolder(selectedFile)
    }

    RowLayout {
        anchors.fill: parent
        spacing: 12

        ColumnLayout {
            // Layouts fill by default: keep the list at its width, so the mapping table gets room for
            // instrument names ("50-ZildjianA20CrashCh").
            Layout.fillWidth: false
            Layout.preferredWidth: 340
            Layout.fillHeight: true
            spacing: Theme.spacing
            RowLayout {
                Button { objectName: "addKitFolder"; text: qsTr("Add folder…"); onClicked: folderDialog.open() }
                Button { objectName: "rescanKits"; text: qsTr("Look again"); enabled: !root.kits.scanning; onClicked: root.kits.rescan() }
                BusyIndicator { running: root.kits.scanning; visible: running; implicitWidth: 24; implicitHeight: 24 }
            }
            Label {
                objectName: "kitScanStatus"
                Layout.fillWidth: true
                text: root.kits.status
                color: Theme.textDim
                elide: Text.ElideRight
                ToolTip.visible: statusHover.hovered
                ToolTip.text: qsTr("Looked in: %1").arg(root.kits.places.concat(root.kits.folders).join(", "))
                HoverHandler { id: statusHover }
            }
            Rectangle {
                Layout.fillWidth: true
                Layout.fillHeight: true
                color: Theme.panel
                border.color: Theme.border
                ListView {
                    id: kitList
                    objectName: "kitList"
                    anchors.fill: parent
                    anchors.margins: 1
                    clip: true
                    model: root.kits
                    ScrollBar.vertical: ScrollBar {}
                    section.property: "format"
                    // The group of the kits in view stays named at the top while the list scrolls.
                    section.labelPositioning: ViewSection.InlineLabels | ViewSection.CurrentLabelAtStart
                    section.delegate: Rectangle {
                        required property string section
                        width: kitList.width
                        height: 24
                        color: Theme.panelRaised
                        Label { anchors.verticalCenter: parent.verticalCenter; x: 8; text: parent.section; font.bold: true; color: Theme.accent }
                    }
                    delegate: ItemDelegate {
                        objectName: "kit_" + name
                        required property int index
                        required property string name
                        required property string path
                        required property bool current
                        width: kitList.width
                        height: 26
                        highlighted: current
                        contentItem: Label {
                            text: name
                            color: current ? Theme.accent : Theme.text
                            elide: Text.ElideRight
                            verticalAlignment: Text.AlignVCenter
                        }
                        ToolTip.visible: hovered
                        ToolTip.delay: 600
                        ToolTip.text: path
                        onClicked: root.kits.choose(index)
                    }
                }
            }
            Repeater {
                model: root.kits.folders
                RowLayout {
                    required property string modelData
                    Label { Layout.fillWidth: true; text: modelData; color: Theme.textDim; elide: Text.ElideMiddle }
                    ToolButton { text: "✕"; onClicked: root.kits.removeFolder(modelData)
                                 ToolTip.visible: hovered; ToolTip.text: qsTr("Stop looking in this folder") }
                }
            }
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing
            RowLayout {
                Label {
                    Layout.fillWidth: true
                    text: root.mapping.kitName.length > 0 ? qsTr("Voices of %1").arg(root.mapping.kitName) : qsTr("No kit loaded")
                    font.bold: true
                    color: Theme.text
                    elide: Text.ElideRight
                }
                Button {
                    objectName: "resetMapping"
                    text: qsTr("Kit's own mapping")
                    enabled: root.mapping.custom
                    onClicked: root.mapping.resetMapping()
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Forget your choices for this kit")
                }
            }
            RowLayout {
                Label { text: qsTr("Voice"); color: Theme.textDim; Layout.preferredWidth: 120 }
                Label { text: qsTr("Note"); color: Theme.textDim; Layout.preferredWidth: 40 }
                Label { text: qsTr("Instrument"); color: Theme.textDim; Layout.fillWidth: true }
                Label { text: qsTr("Chosen by"); color: Theme.textDim; Layout.preferredWidth: 80 }
                Item { Layout.preferredWidth: 36 }
            }
            ListView {
                id: voiceList
                objectName: "voiceList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: root.mapping
                spacing: 2
                delegate: RowLayout {
                    id: row
                    required property int index
                    required property string voice
                    required property int note
                    required property int instrument
                    required property string how
                    required property bool sounds
                    width: voiceList.width
                    Label { text: row.voice; color: Theme.text; Layout.preferredWidth: 120; elide: Text.ElideRight }
                    Label { text: row.note; color: Theme.textDim; Layout.preferredWidth: 40 }
                    ComboBox {
                        objectName: "instrumentBox" + row.index
                        Layout.fillWidth: true
                        model: [qsTr("(none)")].concat(root.mapping.instruments)
                        currentIndex: row.instrument + 1
                        onActivated: (i) => root.mapping.setInstrument(row.index, i - 1)
                    }
                    Label {
                        objectName: "how" + row.index
                        text: row.how
                        color: row.how === "chosen" ? Theme.accent : row.how === "none" ? Theme.danger : Theme.textDim
                        Layout.preferredWidth: 80
                        ToolTip.visible: howHover.hovered
                        ToolTip.text: ({ note: qsTr("the kit's own MIDI note"), name: qsTr("the instrument's name"),
                                         order: qsTr("its place in the kit (Hydrogen: instrument i plays note 36 + i)"),
                                         chosen: qsTr("your choice, saved for this kit"), none: qsTr("no instrument: silent") })[row.how] || ""
                        HoverHandler { id: howHover }
                    }
                    ToolButton {
                        objectName: "audition" + row.index
                        text: "▶"
                        enabled: row.sounds
                        Layout.preferredWidth: 36
                        onClicked: root.mapping.audition(row.index)
                        ToolTip.visible: hovered
                        ToolTip.text: qsTr("Play this voice")
                    }
                }
            }
        }
    }
}
