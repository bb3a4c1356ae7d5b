import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts

// Live curves: total train and validation loss, each term on demand, and the
// learning rate on its own axis at the right.
ColumnLayout {
    id: root
    spacing: 2
    property alias trainSeries: trainSeries
    property alias validationSeries: validationSeries
    property alias lrSeries: lrSeries
    property alias epochAxis: epochAxis
    property var termSeries: ({})
    property var history  // the EpochModel: a term switched on later gets its earlier points from it
    readonly property var terms: ["Hits", "Velocity", "Offset", "Kl"]

    function append(epoch, values) {
        trainSeries.append(epoch, values.trainLoss)
        validationSeries.append(epoch, values.validationLoss)
        lrSeries.append(epoch, values.learningRate)
        for (const term of terms) {
            const t = termSeries["train" + term], v = termSeries["validation" + term]
            if (t) t.append(epoch, values["train" + term])
            if (v) v.append(epoch, values["validation" + term])
        }
        setEpochRange(Math.max(lastEpoch, epoch))
        lossPeaks.push(Math.max(values.trainLoss, values.validationLoss))
        fitLossAxis()
        if (values.learningRate > lrAxis.max) {
            lrAxis.max = values.learningRate * 1.05
            lrAxis.applyNiceNumbers()
        }
    }
    // The loss axis follows the curves you watch go down: the first epochs' KL spike (about 150,000 against
    // a few hundred later) would flatten every later epoch, so once there are four epochs the first two are
    // left off the scale (their points still run off the top) and the title says so.
    property var lossPeaks: []
    property bool spikeClipped: false
    function fitLossAxis() {
        const finite = lossPeaks.filter(v => isFinite(v))
        if (finite.length === 0)
            return
        const robust = finite.length >= 4 ? finite.slice(2) : finite
        const top = Math.max(...robust)
        spikeClipped = robust.length < finite.length && Math.max(...finite) > top * 1.05
        lossAxis.min = 0
        lossAxis.max = top > 0 ? top * 1.1 : 1
        lossAxis.applyNiceNumbers()
    }
    function clearAll() {
        lossPeaks = []; spikeClipped = false
        trainSeries.clear(); validationSeries.clear(); lrSeries.clear()
        for (const key in termSeries) termSeries[key].clear()
        setEpochRange(1); lossAxis.max = 1; lossAxis.tickCount = 5; lrAxis.max = 1e-4; lrAxis.tickCount = 3
    }
    // Whole epochs on the axis: ticks every 1, 2, 3, ... epochs up to a multiple of the step
    // (five ticks over 0..1 would all read "0" with the integer labels).
    property int lastEpoch: 1
    function setEpochRange(epochs) {
        lastEpoch = Math.max(1, epochs)
        const step = Math.ceil(lastEpoch / 5)
        const max = step * Math.ceil(lastEpoch / step)
        epochAxis.max = max
        epochAxis.tickCount = max / step + 1
    }
    function showTerm(term, shown) {
        for (const pass of ["train", "validation"]) {
            const key = pass + term
            if (shown && !termSeries[key]) {
                const s = chart.createSeries(ChartView.SeriesTypeLine, pass + " " + term.toLowerCase(), epochAxis, lossAxis)
                s.style = pass === "train" ? Qt.SolidLine : Qt.DashLine
                s.color = ["#c77dff", "#ff8fab", "#80ed99", "#ffd166"][terms.indexOf(term)]
                const history = root.history
                for (let row = 0; history && row < history.count; ++row)
                    s.append(history.value(row, "epoch"), history.value(row, key))
                termSeries[key] = s
            } else if (!shown && termSeries[key]) {
                chart.removeSeries(termSeries[key])
                delete termSeries[key]
            }
        }
    }

    RowLayout {
        Label { text: qsTr("Show terms:"); color: Theme.textDim }
        Repeater {
            model: root.terms
            CheckBox {
                objectName: "term" + modelData
                text: modelData === "Kl" ? "KL" : modelData.toLowerCase()
                onToggled: root.showTerm(modelData, checked)
            }
        }
    }
    ChartView {
        id: chart
        Layout.fillWidth: true
        Layout.fillHeight: true
        antialiasing: true
        theme: ChartView.ChartThemeDark
        backgroundColor: Theme.panel
        legend.alignment: Qt.AlignTop
        ValueAxis { id: epochAxis; min: 0; max: 1; tickCount: 2; labelFormat: "%d"; titleText: qsTr("epoch") }
        ValueAxis {
            id: lossAxis; objectName: "lossAxis"; min: 0; max: 1; labelFormat: "%.4g"
            titleText: root.spikeClipped ? qsTr("loss (first epochs above the top)") : qsTr("loss")
        }
        LineSeries { id: trainSeries; objectName: "trainSeries"; name: qsTr("train"); axisX: epochAxis; axisY: lossAxis; width: 2; color: Theme.accent }
        LineSeries { id: validationSeries; objectName: "validationSeries"; name: qsTr("validation"); axisX: epochAxis; axisY: lossAxis; width: 2; color: Theme.playhead }
        // On the same chart (a second chart had no room beside the model library): its own axis on the right.
        ValueAxis { id: lrAxis; min: 0; max: 1e-4; tickCount: 3; labelFormat: "%.1g"; titleText: qsTr("learning rate") }
        LineSeries { id: lrSeries; objectName: "lrSeries"; name: qsTr("learning rate"); axisX: epochAxis; axisYRight: lrAxis; width: 1; style: Qt.DotLine; color: Theme.good }
    }
}
