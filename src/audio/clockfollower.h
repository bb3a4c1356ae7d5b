#pragma once
// Following another program's MIDI clock: 24 clock ticks (0xF8) per quarter
// note, start (0xFA) / continue (0xFB) / stop (0xFC) and the song position
// pointer (0xF2, in sixteenths) that says where continue resumes. feed() takes each
// message as it arrives (the MIDI input's thread); take() hands the tempo and
// the transport commands to the consumer (the GUI thread). The tempo is the
// least-squares slope of the last two beats of tick times, so the jitter of
// single ticks averages out. Between a start (or continue) and a stop it also
// counts ticks: the first tick after start is beat 0 (after continue, the song
// position), each further one 1/24 of a quarter note, so the master's place is
// known exactly for the phase lock. Not for the audio thread (it locks).
#include <array>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <vector>

namespace gs {

class ClockFollower {
public:
    enum class Command { Start, Continue, Stop };
    static constexpr int kWindow = 48;  // ticks the tempo is measured over (two beats)
    static constexpr int kMinTicks = 12;  // before this many, no tempo (half a beat)
    static constexpr double kLostAfter = 0.5;  // seconds without a tick: the clock has stopped

    struct Event {
        Command command = Command::Start;
        double seconds = 0.0;  // when it arrived (feed()'s clock)
        double beat = 0.0;  // where to play from, in quarter notes: 0 for start, the song position for continue
    };
    struct State {
        double bpm = 0.0;  // 0 while not locked; else clamped to 30..300
        bool locked = false;  // ticks are arriving
        std::vector<Event> events;  // since the last take(), oldest first
        bool running = false;  // the master has started (or continued) and not stopped
        double beat = -1.0;  // the master's place in quarter notes at its last tick while running; < 0: no tick yet
        double beatSeconds = 0.0;  // when that tick came
    };

    // Any thread. One MIDI message received at `seconds` (any steady clock); bytes other than the
    // realtime clock messages are ignored.
    void feed(const std::uint8_t* bytes, std::size_t size, double seconds);
    // Any thread. `now` on the same clock as feed(), to notice a clock that stopped ticking.
    State take(double now);
    void reset();

private:
    void run(double beat);  // a start or continue: the next tick is `beat`
    double lastTick() const;  // with m_count > 0
    double bpmLocked() const;

    std::mutex m_mutex;
    std::array<double, kWindow> m_ticks{};  // ring of tick times
    int m_head = 0;  // next slot
    int m_count = 0;
    std::vector<Event> m_events;
    double m_songPosition = 0.0;  // quarter notes
    bool m_running = false;
    double m_base = 0.0;  // the master's place at its start or continue, quarter notes
    std::int64_t m_ticksSince = -1;  // ticks since start or continue, minus one
    double m_lastRunningTick = 0.0;
};

} // namespace gs
