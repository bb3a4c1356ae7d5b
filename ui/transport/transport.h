#pragma once
// The transport's view-model: play/stop, tempo (Session::bpm), swing, humanise,
// metronome, master volume, kit choice, the audio device status, the level
// meter and the playhead, plus MIDI export of the current groove.
// Playback state lives here. What the engine plays, and when, is decided here and
// only here; the transport emits it and knows nothing of the engine (the composition
// root connects these signals to AudioLink, which forwards them; without one, in
// tests, the transport only holds state):
//  - the Session groove: on every Session::grooveChanged the transport builds a
//    Pattern and emits patternReady(pattern, when): at once (the playhead keeps
//    its place), or, by changeAt, at the next bar line or the loop's end
//    (edits are always at once);
//  - a sequence (playSequence): several grooves queued one after another on the
//    engine's queue; the playhead runs across them and sequenceIndex says which
//    one is playing -- sequenceReady(sequence);
//  - tempo, swing, humanise, metronome, volume and the voice mix: settingsReady(settings).
// What the engine reports back (device status, kits, playhead, clip count, the
// pattern playing) arrives through the setters under "fed by the audio link".
// patternHits / patternCells() read back the pattern last handed for immediate
// play (the Session groove's, or a sequence's first), also without an engine,
// so tests can see the sequencer's pattern change after a map drag.
#include "audio/enginesettings.h"
#include "audio/pattern.h"
#include "core/groove.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace gs {

class Session;
enum class PatternChange;

class Transport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one Transport: App.transport")
    Q_PROPERTY(bool playing READ playing WRITE setPlaying NOTIFY playingChanged)
    Q_PROPERTY(double bpm READ bpm WRITE setBpm NOTIFY bpmChanged)
    Q_PROPERTY(double swing READ swing WRITE setSwing NOTIFY swingChanged)
    Q_PROPERTY(double humanise READ humanise WRITE setHumanise NOTIFY humaniseChanged)
    Q_PROPERTY(bool metronome READ metronome WRITE setMetronome NOTIFY metronomeChanged)
    Q_PROPERTY(double volume READ volume WRITE setVolume NOTIFY volumeChanged)
    Q_PROPERTY(double level READ level NOTIFY levelChanged)
    // The clip light: on once the mix went over full scale before the master limiter (the limiter kept the
    // output clean, but the kit or volume is too hot), held until the musician clears it.
    Q_PROPERTY(bool clipped READ clipped NOTIFY clippedChanged)
    Q_PROPERTY(int playStep READ playStep NOTIFY playStepChanged)
    Q_PROPERTY(QStringList kits READ kits NOTIFY kitsChanged)
    Q_PROPERTY(int kitIndex READ kitIndex WRITE setKitIndex NOTIFY kitIndexChanged)
    Q_PROPERTY(QString deviceStatus READ deviceStatus NOTIFY deviceStatusChanged)
    Q_PROPERTY(bool deviceOk READ deviceOk NOTIFY deviceStatusChanged)
    // The tempo comes from another program's MIDI clock (ClockSync): the BPM box shows it, read-only.
    Q_PROPERTY(bool externalClock READ externalClock NOTIFY externalClockChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(int patternHits READ patternHits NOTIFY patternChanged)
    Q_PROPERTY(int sequenceLength READ sequenceLength NOTIFY sequenceChanged)
    Q_PROPERTY(int sequenceIndex READ sequenceIndex NOTIFY sequenceIndexChanged)
    Q_PROPERTY(int changeAt READ changeAt WRITE setChangeAt NOTIFY changeAtChanged)
    Q_PROPERTY(bool changePending READ changePending NOTIFY changePendingChanged)

public:
    explicit Transport(Session* session, QObject* parent = nullptr);
    ~Transport() override;

    // Queues `bars` (grooves in the Session's drum map) as one multi-bar sequence on
    // the engine: the first plays at once from its start, the others follow in order
    // on the engine's queue, the playhead runs across them; starts playing if stopped.
    // loop = true: the sequence repeats until replaced; false: after the last groove
    // the Session groove plays again and the sequence ends (sequenceLength 0).
    // An empty vector ends any sequence and returns to the Session groove at once;
    // so does a Session::grooveChanged while a sequence plays (the user took over).
    // Grooves that cannot become a pattern are skipped (message says so).
    void playSequence(const std::vector<Groove>& bars, bool loop);
    // Grooves in the current sequence, 0 when none.
    int sequenceLength() const { return int(m_sequence.size()); }
    bool sequenceLoops() const { return m_sequenceLoop; }
    // Which groove of the sequence is playing: 0 when it starts, then from the engine's
    // position reports; -1 when no sequence plays.
    int sequenceIndex() const { return m_sequenceIndex; }

    // The pattern last handed to the engine for immediate play (null before any):
    // the Session groove's, or the first of a sequence.
    std::shared_ptr<const Pattern> pattern() const { return m_pattern; }
    // The Session groove's pattern (what plays when no sequence does).
    std::shared_ptr<const Pattern> sessionPattern() const { return m_sessionPattern; }
    int patternHits() const;
    // Every hit of that pattern as {voice, step, velocity (0..1), offset (-1..1)}, by step then voice.
    Q_INVOKABLE QVariantList patternCells() const;
    // The sequence's patterns in order, then sessionPattern() when it does not loop.
    PatternSequence sequence() const;

    // When a new groove (the map, a bookmark, a dataset window) takes over while playing, as a
    // DAW's launch quantisation: 0 at once (the playhead keeps its place), 1 at the next bar line,
    // 2 when the playing groove's loop ends. Edits of the playing groove are always heard at once.
    int changeAt() const { return m_changeAt; }
    void setChangeAt(int when);
    // When a new pattern() takes over (PatternChange::Immediate, NextBar or Queue).
    PatternChange patternChange() const;
    // Tempo, swing, humanise, metronome, volume and voice mix as the engine takes them.
    EngineSettings engineSettings() const;
    // The next Session groove (only the next) takes over `when`, whatever changeAt says: follow mode
    // times its drums to the loop's end, or at once when they came late.
    void takeNextGrooveAt(PatternChange when) { m_nextChange = when; m_nextChangeSet = true; }
    // A new groove is waiting for its bar line or loop end (from the engine's position reports).
    bool changePending() const { return m_changePending; }

    bool playing() const { return m_playing; }
    void setPlaying(bool on);
    double bpm() const;
    void setBpm(double bpm);
    double swing() const { return m_swing; }
    void setSwing(double percent);  // 50 (straight) .. 75
    double humanise() const { return m_humanise; }
    // How much of the groove's micro-timing plays: 0 = on the grid, 1 = as played (the default).
    void setHumanise(double amount);
    bool metronome() const { return m_metronome; }
    void setMetronome(bool on);
    double volume() const { return m_volume; }
    void setVolume(double gain);  // 0 .. 1
    double level() const { return m_level; }
    bool clipped() const { return m_clipped; }
    // GUI thread: the engine's count of frames over full scale since it was prepared (PositionEvent::overFramesTotal).
    void setOverFrames(std::uint64_t total);
    // Clears the clip light: it lights again only for new overs.
    Q_INVOKABLE void clearClip();
    int playStep() const { return m_playStep; }
    QStringList kits() const { return m_kits; }
    int kitIndex() const { return m_kitIndex; }
    void setKitIndex(int index);
    QString deviceStatus() const { return m_deviceStatus; }
    bool deviceOk() const { return m_deviceOk; }
    bool externalClock() const { return m_externalClock; }
    QString message() const { return m_message; }

    Q_INVOKABLE void toggle() { setPlaying(!m_playing); }
    // Writes the current groove (with its tempo and drum map) as a MIDI clip; `pathOrUrl` may be a file:// URL.
    // Returns false and sets `message` on failure.
    Q_INVOKABLE bool exportMidi(const QString& pathOrUrl);

    // Per-voice mute / solo for playback (from the grid's GrooveModel); index = voice.
    Q_INVOKABLE void setVoiceMix(const QList<bool>& muted, const QList<bool>& soloed);
    QList<bool> mutedVoices() const { return m_muted; }
    QList<bool> soloedVoices() const { return m_soloed; }

    // Fed by the audio link, through the composition root (GUI thread).
    void setKits(const QStringList& names, int current);
    void setDeviceStatus(const QString& text, bool ok);
    void setExternalClock(bool on);
    void setPlayhead(int step, double level);
    // The id of the pattern the engine is playing (PositionEvent::patternId): moves sequenceIndex.
    void setPlayingPattern(std::uint64_t patternId);

Q_SIGNALS:
    void playingChanged();
    void bpmChanged();
    void swingChanged();
    void humaniseChanged();
    void metronomeChanged();
    void volumeChanged();
    void levelChanged();
    void clippedChanged();
    void playStepChanged();
    void kitsChanged();
    void kitIndexChanged();
    void deviceStatusChanged();
    void externalClockChanged();
    void messageChanged();
    void voiceMixChanged();
    void patternChanged();
    void sequenceChanged();
    void sequenceIndexChanged();
    void changeAtChanged();
    void changePendingChanged();
    // Play `pattern` (null: silence), taking over `when`; any sequence has ended.
    void patternReady(std::shared_ptr<const gs::Pattern> pattern, gs::PatternChange when);
    // Play this sequence from its start, replacing whatever was queued.
    void sequenceReady(const gs::PatternSequence& sequence);
    // The engine's settings changed (tempo, swing, humanise, metronome, volume, voice mix).
    void settingsReady(const gs::EngineSettings& settings);

private:
    void setMessage(const QString& text);
    void buildPattern();
    void endSequence();
    void setChangePending(bool on);

    Session* m_session;
    bool m_playing = false;
    bool m_nextChangeSet = false;
    PatternChange m_nextChange{};
    double m_swing = 50.0;
    double m_humanise = 1.0;
    bool m_metronome = false;
    double m_volume = 0.8;
    double m_level = 0.0;
    bool m_clipped = false;
    std::uint64_t m_overFrames = 0;  // the engine's total at the last report
    std::uint64_t m_overFramesCleared = 0;  // ... when the light was last cleared
    int m_playStep = -1;
    QStringList m_kits;
    int m_kitIndex = -1;
    QString m_deviceStatus;
    bool m_deviceOk = false;
    bool m_externalClock = false;
    QString m_message;
    QList<bool> m_muted;
    QList<bool> m_soloed;
    std::shared_ptr<const Pattern> m_pattern;
    std::shared_ptr<const Pattern> m_sessionPattern;
    bool m_sequenceSeen = false;  // the engine reported one of the sequence's patterns
    std::vector<std::shared_ptr<const Pattern>> m_sequence;
    bool m_sequenceLoop = false;
    int m_sequenceIndex = -1;
    int m_changeAt = 0;
    bool m_patternIsEdit = false;  // pattern() came from an edit of the groove (or a drum map change)
    bool m_changeWaits = false;  // pattern() was handed for the next bar or loop end
    bool m_changePending = false;
};

} // namespace gs
