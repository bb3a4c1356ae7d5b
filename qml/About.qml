import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Help > About: what Groovescape is, and every credit and licence (CREDITS.md says the same).
Dialog {
    id: root
    objectName: "aboutDialog"
    title: qsTr("About Groovescape")
    modal: true
    standardButtons: Dialog.Close
    width: Math.min(parent ? parent.width - 80 : 720, 720)
    height: Math.min(parent ? parent.height - 80 : 640, 640)
    anchors.centerIn: parent

    // Kept as data so tests and the dialog read the same list.
    readonly property var credits: [
        { section: qsTr("Data and sounds") },
        { name: "Groove MIDI Dataset", by: "Google LLC / Magenta (Gillick, Roberts, Engel, Eck, Bamman)", licence: "CC BY 4.0" },
        { name: "Sonic Pi drum samples", by: "Sam Aaron and the Sonic Pi project", licence: "CC0 1.0" },
        { name: "Fluid R3 GM SoundFont samples", by: "Frank Wen", licence: "MIT" },
        { section: qsTr("Libraries") },
        { name: "Qt 6", by: "The Qt Company and contributors", licence: "LGPLv3" },
        { name: "LibTorch", by: "PyTorch contributors", licence: "BSD-3-Clause" },
        { name: "RtAudio", by: "Gary P. Scavone", licence: "MIT-style (RtAudio licence)" },
        { name: "RtMidi", by: "Gary P. Scavone", licence: "MIT-style (RtMidi licence)" },
        { name: "libsndfile", by: "Erik de Castro Lopo and contributors", licence: "LGPL-2.1" },
        { name: "libsamplerate", by: "Erik de Castro Lopo and contributors", licence: "BSD-2-Clause" },
        { name: "nlohmann/json", by: "Niels Lohmann", licence: "MIT" },
        { name: "CLI11", by: "Henry Schreiner and contributors", licence: "BSD-3-Clause" },
        { section: qsTr("Models and papers") },
        { name: "RhythmVAE", by: "Nao Tokui (RhythmVAE for Max for Live)", licence: "paper / reference design" },
        { name: "GrooVAE / MusicVAE", by: "Gillick, Roberts, Engel, Eck, Bamman: Learning to Groove with Inverse Sequence Transformations (ICML 2019); Roberts et al.: MusicVAE (ICML 2018)", licence: "paper" },
        { name: "Groove Transformer", by: "Haki et al.: real-time generative drum accompaniment", licence: "paper" },
        { name: "FM-Music-VAE", by: "flat-manifold music VAE (latent flatness regulariser)", licence: "paper" },
        { name: "MidiMe", by: "Dinculescu, Engel, Roberts: a small VAE over a pretrained model's latent space (personal maps)", licence: "paper" },
        { name: "AR-VAE", by: "Pati, Lerch: attribute-based regularisation of VAE latent spaces (map axes)", licence: "paper" }
    ]

    contentItem: ColumnLayout {
        spacing: 8
        Label {
            text: qsTr("Groovescape %1").arg(Qt.application.version)
            font.pixelSize: 20; font.bold: true; color: Theme.text
        }
        Label {
            Layout.fillWidth: true; wrapMode: Text.WordWrap; color: Theme.textDim
            text: qsTr("Generative drums that are yours: train a small model on your own drum MIDI, explore its latent space and hear it through the built-in sampler.")
        }
        ListView {
            id: list
            objectName: "creditsList"
            Layout.fillWidth: true; Layout.fillHeight: true
            clip: true
            model: root.credits
            ScrollBar.vertical: ScrollBar {}
            delegate: Item {
                required property var modelData
                width: list.width
                height: modelData.section ? 30 : creditText.implicitHeight + 8
                Label {
                    visible: !!modelData.section
                    anchors.bottom: parent.bottom; anchors.bottomMargin: 4
                    text: modelData.section || ""; color: Theme.accent; font.bold: true
                }
                Label {
                    id: creditText
                    visible: !modelData.section
                    width: parent.width - 12; x: 8; y: 4
                    wrapMode: Text.WordWrap; color: Theme.text; textFormat: Text.StyledText
                    text: modelData.section ? "" : "<b>" + modelData.name + "</b> — " + modelData.by
                          + " <font color='" + Theme.textDim + "'>(" + modelData.licence + ")</font>"
                }
            }
        }
    }
}
