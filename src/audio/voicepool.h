#pragma once
// The sampler's voices (audio thread only, after prepare()): a fixed array, no
// allocation. Each voice reads one sample at a rate (tune, by 4-point cubic
// interpolation), with a stereo gain and an optional fade-out. Choke groups
// and voice stealing fade voices out instead of cutting them, so nothing clicks.
// Whatever a kit says, a voice stays sane: its rate is clamped to
// kMinRate..kMaxRate and its gain to 0..kMaxGain, and a voice whose rate, gain
// or position is not a finite number ends (or never starts).
#include "kit.h"

#include <array>
#include <cstdint>

namespace gs {

struct VoiceStart {
    const SampleData* sample = nullptr;
    double rate = 1.0;
    float gainLeft = 1.0f;
    float gainRight = 1.0f;
    int instrument = -1;  // -1 for the metronome
    int chokeGroup = 0;
    int kitSerial = 0;
};

class VoicePool {
public:
    static constexpr int kMaxPolyphony = 128;
    static constexpr int kSlots = kMaxPolyphony + 32;  // room for voices still fading out
    static constexpr double kMinRate = 1.0 / 16.0;  // four octaves down
    static constexpr double kMaxRate = 16.0;  // four octaves up: a voice always ends within length/16 frames
    static constexpr float kMaxGain = 16.0f;  // +24 dB per hit: far past any sane mix, the limiter's job beyond

    // Any thread while the audio thread is not running.
    void reset();
    void setPolyphony(int voices) { m_polyphony = voices < 1 ? 1 : (voices > kMaxPolyphony ? kMaxPolyphony : voices); }
    void setFadeFrames(int frames) { m_fadeFrames = frames < 1 ? 1 : frames; }

    // Audio thread. Fades out other instruments of the start's choke group,
    // steals a voice if the polyphony is reached, and starts the voice.
    void start(const VoiceStart& start);
    // Adds `frames` of every voice to `out` (stereo interleaved).
    void render(float* out, int frames);
    // Fades out every voice of a kit (on a kit change).
    void fadeKit(int kitSerial);
    // Stops every voice of a kit at once (only for voices already fading).
    void killKit(int kitSerial);
    bool usesKit(int kitSerial) const;
    int sounding() const;

private:
    struct Voice {
        const float* data = nullptr;
        int length = 0;
        double position = 0.0;
        double rate = 1.0;
        float gainLeft = 0.0f;
        float gainRight = 0.0f;
        float fade = 1.0f;
        float fadeStep = 0.0f;  // > 0 while fading out
        int instrument = -1;
        int chokeGroup = 0;
        int kitSerial = 0;
        std::uint64_t serial = 0;
        bool active = false;
    };

    void fadeOut(Voice& voice);
    int stealVictim() const;
    int freeSlot();
    static void renderVoice(Voice& voice, float* out, int frames);

    std::array<Voice, kSlots> m_voices{};
    int m_polyphony = 64;
    int m_fadeFrames = 240;
    std::uint64_t m_serial = 0;
};

} // namespace gs
