#pragma once
// The sampler and sequencer. Engine::process() does all the work and knows
// no device: an AudioDriver's callback drives it for sound, the Renderer drives
// it for files and tests (the same code path, the same sound).
//
// Threads:
//  - the control thread (one thread: the app's engine owner, or the renderer)
//    calls prepare(), setPattern(), setKit(), setSettings(), start(), stop(),
//    locate(), audition(), clearQueue() and collectGarbage();
//  - the audio thread calls process() only; it never allocates, locks, logs,
//    throws or touches files;
//  - the UI thread drains popPosition(); the MIDI thread drains popMidi().
// Patterns and kits reach the audio thread as immutable snapshots through an
// SPSC FIFO; snapshots it no longer uses come back through another FIFO and
// are released by collectGarbage() on the control thread (every control call
// collects too).
#include "enginesettings.h"
#include "engineevents.h"
#include "kit.h"
#include "limiter.h"
#include "pattern.h"
#include "schedule.h"
#include "spscfifo.h"
#include "voicepool.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

namespace gs {

enum class PatternChange {
    Immediate,  // now, keeping the playhead's place in the loop (dragging on the latent map)
    NextBar,  // at the next bar line
    Queue,  // after the current (or last queued) groove's loop ends: grooves play in order
};

struct EngineStats {
    std::uint64_t hitsPlayed = 0;  // hits that started a sample
    std::uint64_t hitsSilent = 0;  // hits whose note the kit has no instrument for (or muted)
    std::uint64_t framesProcessed = 0;
    std::uint64_t framesOver = 0;  // frames at or above full scale before the master limiter (would have clipped)
    std::uint64_t framesLimited = 0;  // frames the limiter turned down by more than 1 dB
    std::uint64_t nonFiniteSamples = 0;  // NaN or infinite samples replaced by silence (a broken kit or voice)
};

class Engine {
public:
    static constexpr int kQueueCapacity = 1024;

    Engine();
    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // Control thread, while no thread is inside process(): sets the rate,
    // allocates everything the audio path needs and drops the kit and
    // patterns (a new rate needs a kit loaded at that rate).
    void prepare(double sampleRate);
    double sampleRate() const { return m_sampleRate; }

    // Control thread. False if the FIFO is full (try again after the audio thread ran) or the input is unusable.
    bool setPattern(std::shared_ptr<const Pattern> pattern, PatternChange when = PatternChange::Immediate);
    bool clearQueue();
    // False if the kit is null or was loaded for another sample rate.
    bool setKit(std::shared_ptr<const Kit> kit);
    bool setSettings(const EngineSettings& settings);
    // Starts from the loop's beginning (after the count-in, if set).
    bool start();
    // Stops the sequencer; sounding samples ring out.
    bool stop();
    // Moves the playhead to `step` in the loop.
    bool locate(double step);
    // Plays the instrument of the current kit that `note` plays, once, at `velocity` (0..1), now,
    // whether the sequencer runs or not (the kit browser's audition; no MIDI out, mute and solo ignored).
    bool audition(int note, float velocity);
    // Control thread: frees snapshots the audio thread returned; returns how many.
    int collectGarbage();

    // Audio thread: renders `frames` stereo interleaved frames into `out` (overwritten).
    // The mix is scrubbed of NaN and infinities, then goes through the master
    // limiter (unless settings.limiter is off), so it stays below Limiter::kCeiling.
    void process(float* out, int frames);

    // UI thread: one event per process() call, oldest first; false when none.
    // Drain them all on a timer and show the last: while the FIFO (1024) is
    // full the audio thread drops new events rather than wait.
    bool popPosition(PositionEvent& event) { return m_positions.pop(event); }
    // MIDI thread: notes and clock, oldest first; false when none.
    bool popMidi(MidiEvent& event) { return m_midi.pop(event); }
    // Any thread.
    EngineStats stats() const;
    // Any thread: frames since prepare() at the end of the last process() (the MIDI sender's clock
    // of the audio device; MidiEvent::frame counts the same frames).
    std::int64_t framesRendered() const { return m_framesRendered.load(std::memory_order_acquire); }

private:
    struct PatternBox {
        std::shared_ptr<const Pattern> pattern;
    };
    struct KitBox {
        std::shared_ptr<const Kit> kit;
        int serial = 0;
    };
    enum class CommandType { SetPattern, ClearQueue, SetKit, Start, Stop, Locate, Audition };
    struct Command {
        CommandType type = CommandType::Stop;
        PatternChange when = PatternChange::Immediate;
        PatternBox* pattern = nullptr;
        KitBox* kit = nullptr;
        double value = 0.0;
    };
    struct Garbage {
        PatternBox* pattern = nullptr;
        KitBox* kit = nullptr;
    };
    struct NoteOff {
        std::int64_t due = 0;
        std::uint8_t note = 0;
    };
    // A late hit of a groove that was switched away from, still due after the switch.
    struct CarriedHit {
        std::int64_t frame = 0;  // in the new groove's loop
        int voice = 0;
        int note = -1;
        float velocity = 0.0f;
    };

    bool send(const Command& command);
    // Audio thread helpers (engine.cpp and enginesequencer.cpp).
    void drainCommands();
    void applySettings(const EngineSettings& settings);
    void retire(PatternBox* box);
    void retire(KitBox* box);
    void flushRetired();
    void switchPattern(PatternBox* box, bool keepPosition);
    void rebuildSchedule();
    void seek(std::int64_t position);
    std::int64_t beatFrame(int beat) const;
    std::int64_t framesToNextEvent() const;
    void fireDueEvents();
    void advance(std::int64_t frames);
    void playHit(const Pattern& pattern, const ScheduledHit& hit);
    void playNote(int voice, int note, float velocity);
    // Starts instrument `index` of the current kit (a hit that passed mute, solo and MIDI out).
    void startInstrument(int index, float velocity, float mixGain, float mixPan, float mixTune);
    // Hand-over between grooves at a boundary (enginehandover.cpp): the next groove's early hits
    // play before it, the old groove's late hits after it.
    void prepareLookAhead(PatternBox* next, std::int64_t boundary, double boundaryStep);
    void carryLateHits(std::int64_t boundary, double boundaryStep);
    void startCarried();
    void playCarried();
    void nextBarLine(std::int64_t& frame, double& step) const;
    void switchAtBarLine();
    // Switches to `next` at `boundary` (frames in this loop; the loop's end, or a bar line): early hits
    // not yet played play now, the old groove's late hits are carried when `carry`.
    void handOver(PatternBox* next, std::int64_t boundary, double boundaryStep, bool carry);
    bool earlyForPendingBar(const ScheduledHit& hit, std::int64_t barFrame, double barStep) const;
    // Control thread, with no process() running: frees every snapshot the engine or its FIFOs hold.
    void releaseSnapshots();
    void playNextEarly();
    void click(bool accent);
    void sendMidi(std::uint8_t status, std::uint8_t a, std::uint8_t b, int size);
    void startTransport();
    void stopTransport();
    void publishPosition(const float* out, int frames, const LimiterReport& limited);
    bool switchPendingAtLoopEnd() const { return m_queueCount > 0 || m_pendingBar != nullptr; }

    double m_sampleRate = 48000.0;
    EngineSettings m_settings;

    SpscFifo<Command> m_commands;
    SpscFifo<EngineSettings> m_settingsFifo;
    SpscFifo<Garbage> m_garbage;
    SpscFifo<PositionEvent> m_positions;
    SpscFifo<MidiEvent> m_midi;
    std::vector<Garbage> m_retiredOverflow;  // capacity reserved; used when m_garbage is full
    int m_retiredOverflowCount = 0;

    // Audio-thread state.
    PatternBox* m_pattern = nullptr;
    PatternBox* m_pendingBar = nullptr;
    std::vector<PatternBox*> m_queue;  // ring, capacity kQueueCapacity
    int m_queueHead = 0;
    int m_queueCount = 0;
    KitBox* m_kit = nullptr;
    KitBox* m_oldKit = nullptr;  // still sounding, faded out
    std::vector<ScheduledHit> m_schedule;  // capacity Pattern::kMaxHits
    int m_scheduleCount = 0;
    // Early hits of the next groove (the pending next-bar change, else the queue's head), played
    // before the boundary it starts at (frames in the current loop); computed once per boundary.
    std::vector<ScheduledHit> m_scratch;  // capacity Pattern::kMaxHits
    std::vector<ScheduledHit> m_nextEarly;
    int m_nextEarlyCount = 0;
    int m_nextEarlyCursor = 0;
    int m_nextEarlyMissed = 0;  // computed too late for these: they play at the boundary
    const PatternBox* m_nextEarlyFor = nullptr;
    std::int64_t m_nextEarlyBoundary = -1;
    // Late hits of the groove before the last switch (frames in the current loop).
    std::vector<CarriedHit> m_carry;  // capacity Pattern::kMaxHits
    int m_carryCount = 0;
    int m_carryCursor = 0;
    // After a switch in the middle of the loop: the step it started at. Late hits of earlier steps
    // belong to a bar of this groove that never played. -1 otherwise.
    double m_enteredStep = -1.0;
    std::vector<int> m_roundRobin;  // per kit instrument
    std::vector<NoteOff> m_noteOffs;
    int m_noteOffCount = 0;
    VoicePool m_voices;
    Limiter m_limiter;
    SampleData m_click;
    SampleData m_clickAccent;

    bool m_playing = false;
    bool m_anySolo = false;
    int m_fadeFrames = 240;
    bool m_firstPass = false;  // the first loop since start: late hits wrapped to its start are skipped
    bool m_playEarlyNow = false;  // early hits of step 0 are due at the current position
    std::int64_t m_pos = 0;  // in the loop
    std::int64_t m_loopFrames = 1;
    double m_framesPerStep = 1.0;
    double m_beatSteps = 4.0;
    int m_beatsPerBar = 4;
    int m_beatsPerLoop = 0;
    int m_nextBeat = 0;
    int m_cursor = 0;
    std::int64_t m_loopCount = 0;
    std::int64_t m_countInLeft = 0;
    std::int64_t m_countInTotal = 0;
    int m_countInBeat = 0;
    double m_nextClock = 0.0;  // absolute frame of the next MIDI clock
    std::int64_t m_frame = 0;  // frames since prepare()

    std::atomic<std::uint64_t> m_hitsPlayed{0};
    std::atomic<std::uint64_t> m_hitsSilent{0};
    std::atomic<std::uint64_t> m_framesProcessed{0};
    std::atomic<std::uint64_t> m_framesOver{0};
    std::atomic<std::uint64_t> m_framesLimited{0};
    std::atomic<std::uint64_t> m_nonFiniteSamples{0};
    std::atomic<std::int64_t> m_framesRendered{0};

    // Control-thread bookkeeping.
    int m_nextKitSerial = 1;
};

} // namespace gs
