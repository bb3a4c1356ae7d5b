#pragma once
// A pattern as the engine plays it: the hits of one groove (step, voice,
// velocity, offset) and the MIDI note each groove voice plays (from its
// DrumMap; the kit maps notes to instruments). Immutable once made; shared
// with the audio thread as a snapshot (Engine::setPattern).
#include "core/drummap.h"
#include "core/error.h"
#include "core/groove.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace gs {

struct PatternHit {
    int step = 0;
    int voice = 0;
    float velocity = 1.0f;  // 0..1
    float offset = 0.0f;  // -1..1: half a step early..late
};

struct Pattern {
    static constexpr int kMaxHits = 8192;
    static constexpr int kMaxVoices = 64;  // as many as a drum map may have (DrumMap allows 1..64)

    int steps = 16;
    int stepsPerBeat = 4;  // per quarter note
    Meter meter;
    int voices = 0;
    std::vector<PatternHit> hits;  // by step, then voice
    std::vector<int> voiceNotes;  // MIDI note of each groove voice
    std::uint64_t id = 0;  // unique per process, for the UI

    int stepsPerBar() const { return meter.sixteenthsPerBar() * stepsPerBeat / 4; }
    int bars() const { return stepsPerBar() > 0 ? steps / stepsPerBar() : 0; }

    // Normal thread. `voiceNotes` has one note per groove voice (e.g. notesOf(map)).
    static Result<std::shared_ptr<const Pattern>> fromGroove(const Groove& groove, const std::vector<int>& voiceNotes);
    // Each voice's output note of a drum map.
    static std::vector<int> notesOf(const DrumMap& map);
};

// Patterns that play one after another (a path, a sequence): the first at once from its
// start, the others queued behind it; then `tail` (the groove that plays again) unless it loops.
struct PatternSequence {
    std::vector<std::shared_ptr<const Pattern>> patterns;
    bool loop = false;
    std::shared_ptr<const Pattern> tail;
};


} // namespace gs
