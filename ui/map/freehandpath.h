#pragma once
// The freehand path tool (RhythmVAE's automation): record how the cursor moves
// (drag, sliders, bookmarks: whatever moves it) with its timing, replay that
// movement (the cursor follows the recording, so the sound follows too), play
// it as a sequence, export it as one MIDI clip or WAV, clear it. Positions are kept
// as full z's (the map draws their projection) with the step of the recording
// they fell on: one sample per step at most (a later move in the same step
// replaces the earlier one), so a fast drag keeps its shape without thousands
// of samples. Timing is in steps, so a replay follows the current tempo.
// Saved with the project as part "freehandPath": {"lengthSteps": N, "loop": bool,
// "samples": [{"step": S, "z": [floats]}, ...]}, applied once the map holds a
// model of that latent size. GUI thread; decoding runs on the player's worker.
#include "map/modelwait.h"
#include "project/projectpart.h"
#include "latent/interpolation.h"
#include "map/pathplayer.h"

#include <QElapsedTimer>
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <vector>

class QJsonObject;

namespace gs {

class MapController;

struct FreehandSample {
    int step = 0;  // steps since the recording started (at the tempo of the recording)
    LatentVector z;
};

class FreehandPath : public QObject, public ProjectPart {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(bool recording READ recording NOTIFY recordingChanged)
    Q_PROPERTY(bool replaying READ replaying NOTIFY replayingChanged)
    Q_PROPERTY(bool loop READ loop WRITE setLoop NOTIFY loopChanged)
    Q_PROPERTY(int count READ count NOTIFY pathChanged)
    Q_PROPERTY(int lengthSteps READ lengthSteps NOTIFY pathChanged)
    Q_PROPERTY(QVariantList path READ path NOTIFY pathChanged)
    Q_PROPERTY(int replayIndex READ replayIndex NOTIFY replayIndexChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(gs::PathPlayer* player READ player CONSTANT)

public:
    explicit FreehandPath(QObject* parent = nullptr);
    ~FreehandPath() override;

    MapController* controller() const { return m_controller; }
    void setController(MapController* controller);
    bool recording() const { return m_recording; }
    bool replaying() const { return m_replaying; }
    bool loop() const { return m_loop; }
    void setLoop(bool loop);
    int count() const { return int(m_samples.size()); }
    // Steps from the first sample to the end of the recording.
    int lengthSteps() const { return m_lengthSteps; }
    // Map positions of the samples (for MapItem.freehandPath).
    QVariantList path() const;
    int replayIndex() const { return m_replayIndex; }
    QString message() const { return m_message; }
    PathPlayer* player() { return &m_player; }
    const std::vector<FreehandSample>& samples() const { return m_samples; }

    // Starts a new recording at the cursor (replaces the old one).
    Q_INVOKABLE void startRecording();
    Q_INVOKABLE void stopRecording();
    // Moves the cursor through the recording at its timing (loops when `loop`).
    Q_INVOKABLE bool replay();
    Q_INVOKABLE void stopReplay();
    Q_INVOKABLE void clear();
    // The recording as a sequence on the transport: one groove per sample.
    Q_INVOKABLE bool playAsSequence();
    // One MIDI clip: bars <= 0 gives one groove per recorded position; bars = N gives N
    // grooves at N evenly spaced times of the recording. Runs on a worker
    // (player()->exportFinished); false when it cannot start.
    Q_INVOKABLE bool exportMidi(const QString& pathOrUrl, int bars = 0);
    // The same grooves rendered as one WAV (the transport's kit, swing, humanise, volume).
    Q_INVOKABLE bool exportWav(const QString& pathOrUrl, int bars = 0);
    // The z's exportMidi writes for `bars` (tests, the project file).
    std::vector<LatentVector> exportPoints(int bars) const;

    // Step duration in ms at the session's tempo (16ths at 4 steps per beat).
    double stepMs() const;
    // Replaces the recording (project load); samples must be in step order.
    void setSamples(std::vector<FreehandSample> samples, int lengthSteps);

    // The project part "freehandPath" (the composition root registers it).
    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

Q_SIGNALS:
    void controllerChanged();
    void recordingChanged();
    void replayingChanged();
    void loopChanged();
    void pathChanged();
    void replayIndexChanged();
    void messageChanged();
    void replayFinished();

private:
    void onCursorMoved();
    void tick();
    int currentStep() const;
    void setMessage(const QString& message);
    void setReplayIndex(int index);
    bool applyPending();
    void applyStored(const QJsonObject& stored);

    QPointer<MapController> m_controller;
    PathPlayer m_player;
    std::vector<FreehandSample> m_samples;
    int m_lengthSteps = 0;
    bool m_recording = false;
    bool m_replaying = false;
    bool m_loop = false;
    int m_replayIndex = -1;
    QElapsedTimer m_clock;
    QTimer m_timer;  // replay ticks and the recording's running length
    QString m_message;
    ModelWait m_wait;  // a project's value waiting for a model of its latent size
};

} // namespace gs
