#pragma once
// A drum kit as the sampler plays it: instruments with velocity layers of
// round-robin samples, already resampled to the engine's rate. Immutable once
// built; the engine reads it from the audio thread, so nothing here changes
// after the loader returns it.
#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gs {

// One decoded sample: stereo interleaved float frames at the kit's rate, with
// two frames of silence after the end so interpolation may read past it.
struct SampleData {
    std::string path;  // for messages and listings
    std::vector<float> frames;  // 2 * (length + 2) values
    int length = 0;  // frames of sound
    double peak = 0.0;
};

struct KitLayer {
    int minVelocity = 0;  // MIDI 0..127, inclusive
    int maxVelocity = 127;
    float gain = 1.0f;
    std::vector<std::shared_ptr<const SampleData>> samples;  // played in turn (round robin)
    // Empty, or kVelocities gains (0..1) by MIDI velocity that replace the engine's velocity curve
    // for this layer (SFZ amp_velcurve_N).
    static constexpr int kVelocities = 128;
    std::vector<float> velocityGain;
};

struct KitInstrument {
    std::string name;
    std::vector<int> notes;  // MIDI notes that play it; the first is its own
    float gain = 1.0f;  // linear
    float pan = 0.0f;  // -1 left .. +1 right
    float tune = 0.0f;  // semitones
    int chokeGroup = 0;  // 0 = none; an instrument cuts the others of its group (hi-hats)
    bool muted = false;
    std::vector<KitLayer> layers;  // sorted by minVelocity

    // The layer for a MIDI velocity: the one whose range holds it, else the nearest.
    const KitLayer* layerFor(int velocity) const;
};

// How a loader chose the instrument a MIDI note plays: the kit's own note for
// it, the instrument's name (Hydrogen kits without usable notes), or the
// instrument's place in the kit (Hydrogen's default: instrument i, note 36 + i), or the
// musician's own choice in the voice-mapping table (remapKit()).
enum class NoteSource : std::uint8_t { None, Note, Name, Order, Chosen };

inline const char* noteSourceName(NoteSource source)
{
    switch (source) {
    case NoteSource::Note: return "note";
    case NoteSource::Name: return "name";
    case NoteSource::Order: return "order";
    case NoteSource::Chosen: return "chosen";
    case NoteSource::None: break;
    }
    return "none";
}

// What a loader has to say about a kit that loaded: skipped samples and
// instruments, refused paths, clamped values, unknown opcodes; and how notes
// reached instruments (None where the kit's own map said so, e.g. kit.json).
struct KitReport {
    std::vector<std::string> warnings;
    std::array<NoteSource, 128> noteSource{};
};

// The instrument each MIDI note plays (-1: none): an instrument's own note (its first) wins over
// another's alternative notes, then the first instrument to list a note.
std::array<int, 128> noteOwners(const std::vector<KitInstrument>& instruments);

class Kit {
public:
    static constexpr int kMaxInstruments = 256;
    static constexpr float kMaxGain = 8.0f;  // +18 dB, for an instrument's and a layer's gain
    static constexpr float kMaxTune = 24.0f;  // semitones either way (as kit.json and the mixer allow)

    // Clamps each instrument's gain, pan and tune and each layer's gain into range (a value that is
    // not a finite number becomes the neutral one): every loader builds its kit here.
    Kit(std::string name, std::string folder, double sampleRate, std::vector<KitInstrument> instruments);

    const std::string& name() const { return m_name; }
    const std::string& folder() const { return m_folder; }
    double sampleRate() const { return m_sampleRate; }
    int instrumentCount() const { return int(m_instruments.size()); }
    const KitInstrument& instrument(int index) const { return m_instruments[std::size_t(index)]; }
    const std::vector<KitInstrument>& instruments() const { return m_instruments; }
    // The instrument a MIDI note plays, or -1.
    int instrumentForNote(int note) const { return note >= 0 && note < 128 ? m_noteToInstrument[std::size_t(note)] : -1; }
    int sampleCount() const;
    std::size_t memoryBytes() const;
    const KitReport& report() const { return m_report; }
    // Loaders only, before the kit is shared (the kit is immutable afterwards).
    void setReport(KitReport report) { m_report = std::move(report); }

private:
    std::string m_name;
    std::string m_folder;
    double m_sampleRate = 48000.0;
    std::vector<KitInstrument> m_instruments;
    std::array<int, 128> m_noteToInstrument{};
    KitReport m_report;
};

} // namespace gs
