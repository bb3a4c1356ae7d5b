import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtCharts
import Groovescape.Ui

// The dataset's statistics: windows per style, hits per voice, mean velocity
// per voice x step and the micro-timing histogram, for the included windows or
// for the selected file alone. Computed off the GUI thread by DatasetStatsModel.
ScrollView {
    id: root
    property DatasetBrowser browser
    readonly property DatasetStatsModel stats: browser ? browser.stats : null
    // For tests (a ChartView's series are not found by findChild).
    readonly property alias styleSeries: styleSeries
    readonly property alias voiceSeries: voiceSeries
    readonly property alias offsetSeries: offsetSeries
    contentWidth: availableWidth
    clip: true

    // A round axis maximum above the largest bar.
    function niceMax(value) {
        if (value <= 0) return 1
        const p = Math.pow(10, Math.floor(Math.log10(value)))
        for (const m of [1, 2, 2.5, 5, 10])
            if (m * p >= value * 1.05) return m * p
        return 10 * p
    }

    ColumnLayout {
        width: root.availableWidth
        spacing: 4

        RowLayout {
            Layout.fillWidth: true
            Switch {
                objectName: "statsFileOnly"
                text: qsTr("Selected file only")
                enabled: root.browser && root.browser.selectedFile >= 0
                checked: root.stats ? root.stats.fileOnly : false
                onToggled: root.stats.fileOnly = checked
            }
            BusyIndicator { running: root.stats && root.stats.busy; implicitWidth: 20; implicitHeight: 20 }
            Item { Layout.fillWidth: true }
        }
        Label {
            objectName: "statsSummary"
            Layout.fillWidth: true; wrapMode: Text.WordWrap
            color: Theme.textDim; font.pixelSize: Theme.smallFont
            text: root.stats ? qsTr("%1 · %2 windows · %3 hits").arg(root.stats.scopeText)
                                   .arg(root.stats.windowCount).arg(root.stats.hitCount) : ""
        }

        Label { text: qsTr("Windows per style"); color: Theme.text; font.bold: true }
        ChartView {
            id: styleChart
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(120, (root.stats ? root.stats.styles.length : 0) * 17 + 50)
            theme: ChartView.ChartThemeDark
            backgroundColor: Theme.panel
            legend.visible: false
            antialiasing: true
            margins { left: 2; right: 8; top: 2; bottom: 2 }
            HorizontalBarSeries {
                id: styleSeries
                objectName: "styleSeries"
                barWidth: 0.8
                labelsVisible: true
                labelsPosition: AbstractBarSeries.LabelsInsideEnd
                axisY: BarCategoryAxis { categories: root.stats ? root.stats.styles.slice().reverse() : []; labelsFont.pixelSize: 10; truncateLabels: false }
                axisX: ValueAxis { min: 0; max: root.niceMax(root.stats ? root.stats.maxStyleCount : 0); labelFormat: "%d"; tickCount: 3; labelsFont.pixelSize: 9 }
                BarSet { label: qsTr("windows"); color: Theme.accent; values: root.stats ? root.stats.styleCounts.slice().reverse() : [] }
            }
        }

        Label { text: qsTr("Hits per voice"); color: Theme.text; font.bold: true }
        ChartView {
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(120, (root.stats ? root.stats.voiceNames.length : 0) * 17 + 50)
            theme: ChartView.ChartThemeDark
            backgroundColor: Theme.panel
            legend.visible: false
            antialiasing: true
            margins { left: 2; right: 8; top: 2; bottom: 2 }
            HorizontalBarSeries {
                id: voiceSeries
                objectName: "voiceSeries"
                barWidth: 0.8
                axisY: BarCategoryAxis { categories: root.stats ? root.stats.voiceNames.slice().reverse() : []; labelsFont.pixelSize: 10; truncateLabels: false }
                axisX: ValueAxis { min: 0; max: root.niceMax(root.stats ? root.stats.maxVoiceHits : 0); labelFormat: "%d"; tickCount: 3; labelsFont.pixelSize: 9 }
                BarSet { label: qsTr("hits"); color: Theme.playhead; values: root.stats ? root.stats.voiceHits.slice().reverse() : [] }
            }
        }

        Label {
            Layout.fillWidth: true; wrapMode: Text.WordWrap
            text: qsTr("Mean velocity per voice × step")
                  + (root.stats && root.stats.heatWindows < root.stats.windowCount
                     ? qsTr(" (%1 windows on the most common grid)").arg(root.stats.heatWindows) : "")
            color: Theme.text; font.bold: true
        }
        StatsHeatMap {
            objectName: "heatMap"
            Layout.fillWidth: true
            Layout.preferredHeight: implicitHeight
            stats: root.stats
        }

        Label { text: qsTr("Micro-timing: offset from the grid"); color: Theme.text; font.bold: true; Layout.topMargin: 6 }
        ChartView {
            Layout.fillWidth: true
            Layout.preferredHeight: 160
            theme: ChartView.ChartThemeDark
            backgroundColor: Theme.panel
            legend.visible: false
            antialiasing: true
            margins { left: 2; right: 8; top: 2; bottom: 2 }
            BarSeries {
                id: offsetSeries
                objectName: "offsetSeries"
                barWidth: 0.95
                axisX: BarCategoryAxis { categories: root.stats ? root.stats.offsetLabels : []; labelsVisible: false }
                axisY: ValueAxis { min: 0; max: root.niceMax(root.stats ? root.stats.maxOffsetCount : 0); labelFormat: "%d"; tickCount: 3; labelsFont.pixelSize: 9 }
                BarSet { label: qsTr("hits"); color: Theme.good; values: root.stats ? root.stats.offsetCounts : [] }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Label { text: qsTr("−½ step (early)"); color: Theme.textDim; font.pixelSize: 10 }
            Item { Layout.fillWidth: true }
            Label { text: qsTr("on the grid"); color: Theme.textDim; font.pixelSize: 10 }
            Item { Layout.fillWidth: true }
            Label { text: qsTr("+½ step (late)"); color: Theme.textDim; font.pixelSize: 10 }
        }
    }
}
