#pragma once
// Plays and exports a path of z's (an interpolation, a recorded freehand
// movement) without touching the GUI thread's time: the whole path is decoded
// in one batch on a worker, then handed to the Transport as one multi-bar
// sequence (Transport::playSequence), or written as one MIDI clip (temp file +
// rename, by writeGrooveMidi) or one WAV (ClipExporter::writeSequenceWav, with
// the transport's kit, swing, humanise and volume), decoded and written in one job. playingStep follows the transport's
// sequenceIndex while this player's sequence is the one playing, so the map can
// highlight the step being heard. GUI thread; workers report by queued calls.
#include "core/groove.h"
#include "latent/interpolation.h"
#include "map/mapcontroller.h"
#include "transport/transport.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

namespace gs {

class MapWorker;

class PathPlayer : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(gs::MapController* controller READ controller WRITE setController NOTIFY controllerChanged)
    Q_PROPERTY(gs::Transport* transport READ transport WRITE setTransport NOTIFY transportChanged)
    Q_PROPERTY(bool loop READ loop WRITE setLoop NOTIFY loopChanged)
    Q_PROPERTY(bool decoding READ decoding NOTIFY decodingChanged)
    Q_PROPERTY(bool exporting READ exporting NOTIFY exportingChanged)
    Q_PROPERTY(bool playing READ playing NOTIFY playingChanged)
    Q_PROPERTY(int playingStep READ playingStep NOTIFY playingStepChanged)
    Q_PROPERTY(int handedCount READ handedCount NOTIFY handed)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    explicit PathPlayer(QObject* parent = nullptr);
    ~PathPlayer() override;

    MapController* controller() const { return m_controller; }
    void setController(MapController* controller);
    // The transport that plays the sequence (the composition root sets it); unset: nothing plays.
    Transport* transport() const;
    void setTransport(Transport* transport);
    bool loop() const { return m_loop; }
    void setLoop(bool loop);
    bool decoding() const { return m_decodeTicket != 0; }
    bool exporting() const { return m_exportTicket != 0; }
    // This player's sequence is on the transport.
    bool playing() const { return m_playing; }
    // The path step being heard (the transport's sequenceIndex), -1 when none.
    int playingStep() const;
    int handedCount() const { return m_handedCount; }
    QString message() const { return m_message; }

    // Decodes `path` (the controller's sampling options) on the worker and hands the
    // grooves to the transport as one sequence. The latest call wins.
    void play(const std::vector<LatentVector>& path);
    // Ends this player's sequence (the Session groove plays again).
    Q_INVOKABLE void stop();
    // What the z's are: a path between two grooves (its sparse steps are filled to the ends' floor, see
    // realisePath) or a set of places (bookmarks: each decoded as it is, as on recall).
    enum class Steps { Path, Set };
    // Decodes `path` and writes it as one MIDI clip at `pathOrUrl` (file:// URLs too; a
    // missing suffix becomes .mid), on a worker; exportFinished reports. Returns false (and
    // sets message) when it cannot start.
    bool exportClip(const std::vector<LatentVector>& path, const QString& pathOrUrl, Steps steps = Steps::Path);
    // The same as one WAV (a missing suffix becomes .wav), each step as long as its groove.
    bool exportWav(const std::vector<LatentVector>& path, const QString& pathOrUrl, Steps steps = Steps::Path);
    // Grooves as they are (bookmarks from another model), one after another, as MIDI or WAV.
    bool exportGrooves(std::vector<Groove> grooves, const QString& pathOrUrl, bool wav);

Q_SIGNALS:
    void controllerChanged();
    void transportChanged();
    void loopChanged();
    void decodingChanged();
    void exportingChanged();
    void playingChanged();
    void playingStepChanged();
    void messageChanged();
    // `count` grooves went to the transport.
    void handed(int count);
    void exportFinished(bool ok, const QString& message);

private:
    bool startExport(const std::vector<LatentVector>& path, std::vector<Groove> given, const QString& pathOrUrl,
                     bool wav, Steps steps);
    void applyDecoded(std::vector<Groove> grooves, const QString& failure, const QString& note, quint64 ticket);
    void applyExport(bool ok, const QString& text, quint64 ticket);
    void onSequenceChanged();
    void setPlaying(bool playing);
    void showStep(int step);
    void setMessage(const QString& message);
    void watch(Transport* transport);

    QPointer<MapController> m_controller;
    QPointer<Transport> m_transport;  // set explicitly
    QPointer<Transport> m_watched;  // the one whose signals we follow
    bool m_loop = true;
    bool m_playing = false;
    bool m_handing = false;
    int m_handedCount = 0;
    quint64 m_decodeTicket = 0;
    quint64 m_exportTicket = 0;
    quint64 m_nextTicket = 1;
    QString m_message;
    std::vector<Groove> m_grooves;  // the sequence on the transport, shown on the grid step by step
    Groove m_before;  // the groove the grid showed before the path played
    // Last: their threads end before the members above go.
    std::unique_ptr<MapWorker> m_decoder;
    std::unique_ptr<MapWorker> m_writer;
};

} // namespace gs
