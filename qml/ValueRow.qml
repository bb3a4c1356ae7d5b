import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A labelled control that can be dragged, typed or reset, on one line (so the Sound tab fits a 720-pixel
// screen): the label, a slider (double-click it for the neutral value) and a field with the value (type and
// press Enter). `edited` reports the musician's value.
RowLayout {
    id: root
    property string label
    property string sliderName
    property real from: 0
    property real to: 1
    property real neutral: 0
    property real value: 0
    property int decimals: 2
    property int labelWidth: 78
    signal edited(real value)
    spacing: 4

    Label {
        text: root.label; color: Theme.textDim; elide: Text.ElideRight
        Layout.preferredWidth: root.labelWidth
    }
    Slider {
        objectName: root.sliderName
        Layout.fillWidth: true
        implicitHeight: 24
        from: root.from; to: root.to
        value: root.value
        onMoved: root.edited(value)
        TapHandler { acceptedButtons: Qt.LeftButton; onDoubleTapped: root.edited(root.neutral) }
        ToolTip.visible: hovered && !pressed; ToolTip.text: qsTr("Double-click: back to %1").arg(root.neutral)
        ToolTip.delay: 800
    }
    TextField {
        objectName: root.sliderName + "Field"
        Layout.preferredWidth: 48
        implicitHeight: 24
        topPadding: 2; bottomPadding: 2
        horizontalAlignment: Text.AlignRight
        text: root.value.toFixed(root.decimals)
        validator: DoubleValidator { bottom: root.from; top: root.to; decimals: root.decimals; notation: DoubleValidator.StandardNotation }
        selectByMouse: true
        onAccepted: { root.edited(Number(text)); focus = false }
        onActiveFocusChanged: if (!activeFocus) text = Qt.binding(() => root.value.toFixed(root.decimals))
        Keys.onEscapePressed: focus = false
        ToolTip.visible: hovered; ToolTip.text: qsTr("Type a value from %1 to %2 and press Enter").arg(root.from).arg(root.to)
    }
}
