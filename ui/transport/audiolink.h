#pragma once
// The composition root's bridge from the transport to the audio engine
// (gs_audio): owns the Engine and the AudioDriver that runs Engine::process:
// the output openOutput() chooses (the saved device, else JACK, PulseAudio,
// ALSA) or, without one, the NullDriver, which runs it in real time so the
// sequencer and playhead keep working ("No audio device — playing silently");
// in tests a ManualDriver that processFrames() runs.
// It loads kits on a worker thread, forwards what the transport decided to the
// engine (play / playSequence / setSettings / setPlaying: the composition root
// connects the transport's signals to these), and drains the engine's position
// FIFO at 30 Hz into positionReported. It knows nothing of the transport: what
// plays and when is decided there; this only hands it over, again if the engine's
// command FIFO was full.
// Threads: GUI thread is the engine's and the driver's control thread;
// process() runs on the driver's audio thread (one driver at a time).
#include "audio/audiodriver.h"
#include "audio/engineevents.h"
#include "audio/enginesettings.h"
#include "audio/pattern.h"
#include "audio/frameclock.h"
#include "core/error.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

#include <memory>
#include <vector>

class QThread;

namespace gs {

class ClockSync;
class Kit;
enum class PatternChange;
class Engine;
class MidiOutput;
class Session;

class AudioLink : public QObject {
    Q_OBJECT

public:
    enum class Driver {
        Device,  // the output from the saved settings (QSettings "audio/..."), else openOutput()'s fallback order
        Manual,  // a ManualDriver: no device, no thread; the owner calls processFrames() (tests drive the engine offline)
    };

    // Opens the saved (or default) output; falls back to the silent driver. Loads the default kit.
    // `session` is for the clock sync (an external MIDI clock sets its tempo).
    explicit AudioLink(Session* session, QObject* parent = nullptr, Driver driver = Driver::Device);
    ~AudioLink() override;

    // What the transport decided (GUI thread). Each is kept, so that a start, a new
    // device rate or a retry after a full FIFO hands the newest state over again.
    void play(std::shared_ptr<const Pattern> pattern, PatternChange when);  // ends any sequence
    void playSequence(const PatternSequence& sequence);
    void setSettings(const EngineSettings& settings);
    void setPlaying(bool on);
    bool playing() const { return m_playing; }
    // Kits: the installed ones by folder name, then those chosen in the kit browser (kept in the
    // settings, "kits/added"), and the one chosen (loaded on a worker, with the musician's voice
    // mapping for it applied: ui/kits/kitvoicesettings.h).
    QStringList kitNames() const;
    int kitIndex() const { return m_kitIndex; }
    void chooseKit(int index);
    // A kit from the kit browser (a folder or file; preset for an .sf2): joins the list, then plays.
    void chooseKitFile(const QString& path, int preset, const QString& name);
    // Loads the chosen kit again (its voice mapping changed).
    void reloadKit();
    // The kit the engine has (null before the first load) and its id (kitvoices::kitId).
    std::shared_ptr<const Kit> currentKit() const { return m_currentKit; }
    QString currentKitId() const { return m_currentKitId; }
    // Plays the current kit's instrument for `note` once, now (the kit browser's audition).
    bool audition(int note, float velocity);
    // What the transport's status line shows: the device, or a kit failure, or a stalled device.
    QString deviceStatus() const { return m_deviceStatus; }
    bool deviceStatusOk() const { return m_deviceStatusOk; }

    QString status() const { return m_status; }
    bool deviceOpen() const { return m_deviceOpen; }
    Driver driver() const { return m_driver; }

    // Closes the output and opens `options` (api, device, rate, buffer 64..2048), else the next output in
    // openOutput()'s order; if no device opens, the NullDriver takes over and the reasons are returned
    // (status() names the output in use and why the ones before it were skipped).
    // A device at another rate re-prepares the engine: the kit reloads and the pattern is handed again.
    Status reopen(const AudioStreamOptions& options);
    AudioStreamOptions streamOptions() const { return m_options; }

    // MIDI out through RtMidi (ALSA): port index from MidiOutput::listPorts(), -1 closes.
    Status openMidiPort(int index);
    bool midiOpen() const;
    QString midiStatus() const { return m_midiStatus; }
    // MIDI clock (24 ppqn) and start/stop on the open port.
    void setMidiClock(bool on);
    bool midiClock() const { return m_midiClock; }

    // Following an external MIDI clock (tempo, start, stop); its port is chosen in the settings.
    ClockSync* clockSync() const { return m_clockSync.get(); }

    // Driver::Manual only: runs the engine for `frames` frames on the calling thread,
    // in blocks of 256, then drains the position reports into the transport.
    void processFrames(int frames);
    // Driver::Manual only: frame 0 was rendered at `originSeconds` on the MIDI input's clock and
    // `framesPerSecond` frames pass per second of it (a sound card whose clock is off ours), for the
    // clock sync's phase lock in tests. Without it, frames are timed as they are drained.
    void setManualClock(double originSeconds, double framesPerSecond);
    // The newest position report the engine published (drained on the GUI thread).
    const PositionEvent& lastPosition() const { return m_lastPosition; }

Q_SIGNALS:
    void statusChanged();
    void deviceStatusChanged();
    void kitsChanged();  // kitNames() or kitIndex()
    void kitLoaded();  // currentKit() is new
    // From the engine's newest position report: the step playing (-1 when stopped), the peak
    // level, the frames over full scale so far, and the id of the pattern playing (0 when stopped).
    void positionReported(int step, double level, quint64 overFrames, quint64 patternId);
    // While playing: the playhead at `step` of a loop of `steps` steps, `loop` loops done, heard at `seconds`
    // (MidiInput::now()'s clock, the one MIDI notes and key taps are stamped with). The Groove panel places taps by it.
    void playheadAt(double step, int steps, qint64 loop, int stepsPerBeat, double seconds);

private:
    void retryUnless(bool taken);  // GUI thread: retries the hand-over unless the engine took it
    void loadKit(int index);
    void handOver(PatternChange when);
    void pushSequence();
    void queueSequenceCycle();
    void pushSettings();
    void drainPositions();
    void setDeviceStatus(const QString& text, bool ok);
    void openManualDriver();
    Status startOutput();  // GUI thread, no driver running: runs m_output at its rate
    void stopDriver();
    void setStatus(const QString& text, bool deviceOpen);
    static QString midiOffStatus();

    Session* m_session;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<AudioDriver> m_output;  // never runs while the GUI thread prepares the engine
    std::unique_ptr<MidiOutput> m_midi;
    std::unique_ptr<ClockSync> m_clockSync;
    Driver m_driver = Driver::Device;
    AudioStreamOptions m_options;
    QString m_midiStatus;
    bool m_midiClock = false;
    std::vector<QPointer<QThread>> m_kitWorkers;
    // The newest of what the transport decided.
    std::shared_ptr<const Pattern> m_pattern;
    PatternChange m_when{};
    PatternSequence m_sequence;  // patterns empty: no sequence
    bool m_sequenceSeen = false;  // the engine reported one of the sequence's patterns
    EngineSettings m_settings;
    bool m_playing = false;
    QString m_deviceStatus;
    bool m_deviceStatusOk = false;
    QTimer m_positionTimer;
    QTimer m_retryTimer;  // hands the newest state over again after the engine's FIFO was full
    int m_retries = 0;
    struct KitEntry {
        QString path;
        int preset = -1;
        QString name;
    };
    std::vector<KitEntry> m_kits;
    int m_kitIndex = -1;
    std::shared_ptr<const Kit> m_currentKit;
    QString m_currentKitId;
    int m_kitRequest = 0;  // latest request wins when kit loads overlap
    QString m_status;
    bool m_deviceOpen = false;
    PositionEvent m_lastPosition;
    FrameClock m_frameClock;  // when the engine rendered a frame, for the clock sync's phase lock
    double m_manualOrigin = -1.0;  // setManualClock(); < 0: not set
    double m_manualRate = 0.0;
};

} // namespace gs
