import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A model's evaluation on validation windows, as the papers report it:
// reconstruction (hit F1, precision, recall; velocity and offset error on true
// hits), interpolation smoothness, attribute correlation (and our change r). `figures` is a map
// keyed like the model file's metrics (hit_f1, smoothness_mean, ...).
// One column, each name above its figures, so the figures are never cut off in a narrow pane.
ColumnLayout {
    id: root
    property var figures: ({})
    property string title: qsTr("Evaluation")
    readonly property bool hasFigures: figures !== undefined && figures.hit_f1 !== undefined
    spacing: 0

    function f(key, digits) {
        const v = root.figures ? root.figures[key] : undefined
        return v === undefined ? "—" : Number(v).toFixed(digits)
    }

    component Key: Label { Layout.topMargin: 4; color: Theme.textDim; font.pixelSize: Theme.smallFont }
    component Value: Label { color: Theme.text; font.family: Theme.mono; font.pixelSize: Theme.smallFont }

    Label { text: root.title; color: Theme.text; font.bold: true }
    Key { text: qsTr("hit F1") }
    Value { objectName: "evalF1"; text: root.f("hit_f1", 3); color: Theme.accent; font.bold: true }
    Key { text: qsTr("precision / recall") }
    Value { text: root.f("hit_precision", 3) + " / " + root.f("hit_recall", 3) }
    Key { text: qsTr("velocity / offset MSE") }
    Value { text: root.f("velocity_mse", 3) + " / " + root.f("offset_mse", 3) }
    Key { text: qsTr("smoothness mean / max") }
    Value { text: root.f("smoothness_mean", 2) + " / " + root.f("smoothness_max", 1) }
    Key { text: qsTr("attribute r (density / velocity / offset)") }
    Value {
        text: root.f("attribute_correlation_density", 2) + " / " + root.f("attribute_correlation_velocity", 2) + " / "
            + root.f("attribute_correlation_offset", 2)
    }
    // Ours, beside the paper's figure: how steadily a move along an attribute changes it from the groove it starts at.
    Key { text: qsTr("attribute change r (same order)") }
    Value {
        objectName: "evalChange"
        text: root.f("attribute_change_density", 2) + " / " + root.f("attribute_change_velocity", 2) + " / "
            + root.f("attribute_change_offset", 2)
    }
    Key { text: qsTr("validation windows") }
    Value { text: root.f("windows", 0) }
}
