pragma Singleton
import QtQuick

// Colours and sizes of the dark theme, in one place.
QtObject {
    readonly property color window: "#15171a"
    readonly property color panel: "#1c1f23"
    readonly property color panelRaised: "#23272c"
    readonly property color border: "#2e3338"
    readonly property color text: "#d6d9dc"
    readonly property color textDim: "#8a9199"
    readonly property color accent: "#e0a030"
    readonly property color accentDim: "#7a5a22"
    readonly property color hit: "#e0a030"
    readonly property color cellEmpty: "#202327"
    readonly property color cellBeat: "#25292e"
    readonly property color barLine: "#5a6168"
    readonly property color beatLine: "#383d43"
    readonly property color playhead: "#4fc3f7"
    readonly property color danger: "#e06050"
    readonly property color good: "#6cbf6c"
    readonly property int fontSize: 12
    readonly property int smallFont: 11
    readonly property int spacing: 6
    readonly property string mono: "monospace"
}
