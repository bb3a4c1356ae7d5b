#pragma once
// The transport's view-model: play/stop, tempo (Session::bpm), swing, humanise,
// metronome, master volume, kit choice, the audio device status, the level
// meter and the playhead, plus MIDI export of the current groove.
// Playback state lives here; the sound comes from the audio engine the
// composition root made (AudioLink::instance(), attached in the constructor),
// which follows Session::grooveChanged. Without one (tests) it only holds state.
#include <QObject>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

namespace gs {

class Session;
class GrooveModel;

class Transport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool playing READ playing WRITE setPlaying NOTIFY playingChanged)
    Q_PROPERTY(double bpm READ bpm WRITE setBpm NOTIFY bpmChanged)
    Q_PROPERTY(double swing READ swing WRITE setSwing NOTIFY swingChanged)
    Q_PROPERTY(double humanise READ humanise WRITE setHumanise NOTIFY humaniseChanged)
    Q_PROPERTY(bool metronome READ metronome WRITE setMetronome NOTIFY metronomeChanged)
    Q_PROPERTY(double volume READ volume WRITE setVolume NOTIFY volumeChanged)
    Q_PROPERTY(double level READ level NOTIFY levelChanged)
    Q_PROPERTY(int playStep READ playStep NOTIFY playStepChanged)
    Q_PROPERTY(QStringList kits READ kits NOTIFY kitsChanged)
    Q_PROPERTY(int kitIndex READ kitIndex WRITE setKitIndex NOTIFY kitIndexChanged)
    Q_PROPERTY(QString deviceStatus READ deviceStatus NOTIFY deviceStatusChanged)
    Q_PROPERTY(bool deviceOk READ deviceOk NOTIFY deviceStatusChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    explicit Transport(QObject* parent = nullptr);  // uses Session::instance()
    Transport(Session* session, QObject* parent);

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
    int playStep() const { return m_playStep; }
    QStringList kits() const { return m_kits; }
    int kitIndex() const { return m_kitIndex; }
    void setKitIndex(int index);
    QString deviceStatus() const { return m_deviceStatus; }
    bool deviceOk() const { return m_deviceOk; }
    QString message() const { return m_message; }

    Q_INVOKABLE void toggle() { setPlaying(!m_playing); }
    // Writes the current groove (with its tempo and drum map) as a MIDI clip; `pathOrUrl` may be a file:// URL.
    // Returns false and sets `message` on failure.
    Q_INVOKABLE bool exportMidi(const QString& pathOrUrl);

    // Per-voice mute / solo for playback (from the grid's GrooveModel); index = voice.
    Q_INVOKABLE void setVoiceMix(const QList<bool>& muted, const QList<bool>& soloed);
    QList<bool> mutedVoices() const { return m_muted; }
    QList<bool> soloedVoices() const { return m_soloed; }

    // Fed by the composition root's audio link (GUI thread).
    void setKits(const QStringList& names, int current);
    void setDeviceStatus(const QString& text, bool ok);
    void setPlayhead(int step, double level);

Q_SIGNALS:
    void playingChanged();
    void bpmChanged();
    void swingChanged();
    void humaniseChanged();
    void metronomeChanged();
    void volumeChanged();
    void levelChanged();
    void playStepChanged();
    void kitsChanged();
    void kitIndexChanged();
    void deviceStatusChanged();
    void messageChanged();
    void voiceMixChanged();

private:
    void setMessage(const QString& text);

    Session* m_session;
    bool m_playing = false;
    double m_swing = 50.0;
    double m_humanise = 1.0;
    bool m_metronome = false;
    double m_volume = 0.8;
    double m_level = 0.0;
    int m_playStep = -1;
    QStringList m_kits;
    int m_kitIndex = -1;
    QString m_deviceStatus;
    bool m_deviceOk = false;
    QString m_message;
    QList<bool> m_muted;
    QList<bool> m_soloed;
};

} // namespace gs
