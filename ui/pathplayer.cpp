#include "pathplayer.h"

#include "clipexporter.h"
#include "latent/latentspace.h"
#include "mapcontroller.h"
#include "mapworker.h"
#include "midi/groovemidi.h"
#include "session.h"
#include "transport.h"

#include <exception>

namespace gs {

namespace {

// The path decoded in one batch and realised under the controller's sampling options.
std::vector<Groove> decodePath(const LatentSpace& space, const std::vector<LatentVector>& path,
                               const SamplingOptions& sampling)
{
    const std::vector<DecodedGroove> decoded = space.decode(path);
    std::vector<Groove> grooves;
    grooves.reserve(decoded.size());
    for (const DecodedGroove& d : decoded)
        grooves.push_back(realise(d, sampling));
    return grooves;
}

} // namespace

PathPlayer::PathPlayer(QObject* parent)
    : QObject(parent), m_decoder(std::make_unique<MapWorker>()), m_writer(std::make_unique<MapWorker>())
{
}

PathPlayer::~PathPlayer()
{
    m_decoder.reset();  // join before the rest goes
    m_writer.reset();
}

void PathPlayer::setController(MapController* controller)
{
    if (controller == m_controller)
        return;
    m_controller = controller;
    Q_EMIT controllerChanged();
}

Transport* PathPlayer::transport() const
{
    return m_transport ? m_transport.data() : Transport::instance();
}

void PathPlayer::setTransport(Transport* transport)
{
    if (transport == m_transport)
        return;
    stop();
    m_transport = transport;
    Q_EMIT transportChanged();
}

void PathPlayer::setLoop(bool loop)
{
    if (loop == m_loop)
        return;
    m_loop = loop;
    Q_EMIT loopChanged();
}

int PathPlayer::playingStep() const
{
    return m_playing && m_watched ? m_watched->sequenceIndex() : -1;
}

void PathPlayer::setMessage(const QString& message)
{
    if (message == m_message)
        return;
    m_message = message;
    Q_EMIT messageChanged();
}

void PathPlayer::play(const std::vector<LatentVector>& path)
{
    if (!m_controller || !m_controller->space() || path.empty()) {
        setMessage(tr("Nothing to play: make a path first."));
        return;
    }
    if (!transport()) {
        setMessage(tr("No transport to play the path on."));
        return;
    }
    const bool was = decoding();
    const quint64 ticket = m_nextTicket++;
    m_decodeTicket = ticket;
    if (!was)
        Q_EMIT decodingChanged();
    m_decoder->post([this, space = m_controller->space(), path, sampling = m_controller->sampling(), ticket] {
        std::vector<Groove> grooves;
        QString failure;
        try {
            grooves = decodePath(*space, path, sampling);
        } catch (const std::exception& e) {
            failure = QString::fromUtf8(e.what());
        } catch (...) {
            failure = QStringLiteral("unexpected error while decoding the path");
        }
        QMetaObject::invokeMethod(
            this, [this, grooves = std::move(grooves), failure, ticket]() mutable {
                applyDecoded(std::move(grooves), failure, ticket);
            },
            Qt::QueuedConnection);
    });
}

void PathPlayer::applyDecoded(std::vector<Groove> grooves, const QString& failure, quint64 ticket)
{
    if (ticket != m_decodeTicket)
        return;  // a newer play request is out
    m_decodeTicket = 0;
    Q_EMIT decodingChanged();
    Transport* target = transport();
    if (!failure.isEmpty() || !target) {
        setMessage(failure.isEmpty() ? tr("No transport to play the path on.")
                                     : tr("Could not decode the path: %1").arg(failure));
        return;
    }
    watch(target);
    m_handing = true;  // the transport's own sequenceChanged for our call is not "someone else took over"
    target->playSequence(grooves, m_loop);
    m_handing = false;
    m_handedCount = int(grooves.size());
    setMessage(target->sequenceLength() > 0 ? tr("Playing %1 steps").arg(grooves.size()) : target->message());
    setPlaying(target->sequenceLength() > 0);
    Q_EMIT playingStepChanged();
    Q_EMIT handed(m_handedCount);
}

void PathPlayer::watch(Transport* transport)
{
    if (transport == m_watched)
        return;
    if (m_watched)
        disconnect(m_watched, nullptr, this, nullptr);
    m_watched = transport;
    connect(transport, &Transport::sequenceChanged, this, &PathPlayer::onSequenceChanged);
    connect(transport, &Transport::sequenceIndexChanged, this, [this] {
        if (m_playing)
            Q_EMIT playingStepChanged();
    });
    connect(transport, &QObject::destroyed, this, [this] { setPlaying(false); });
}

void PathPlayer::onSequenceChanged()
{
    // Ended, or replaced by another player's sequence.
    if (!m_handing && m_playing)
        setPlaying(false);
}

void PathPlayer::setPlaying(bool playing)
{
    if (playing == m_playing)
        return;
    m_playing = playing;
    Q_EMIT playingChanged();
    Q_EMIT playingStepChanged();
}

void PathPlayer::stop()
{
    if (m_decodeTicket != 0) {
        m_decodeTicket = 0;  // a decode still out is dropped when it lands
        Q_EMIT decodingChanged();
    }
    if (m_playing && m_watched) {
        setPlaying(false);
        m_watched->playSequence({}, false);
    }
}

bool PathPlayer::exportClip(const std::vector<LatentVector>& path, const QString& pathOrUrl)
{
    return startExport(path, pathOrUrl, false);
}

bool PathPlayer::exportWav(const std::vector<LatentVector>& path, const QString& pathOrUrl)
{
    return startExport(path, pathOrUrl, true);
}

bool PathPlayer::startExport(const std::vector<LatentVector>& path, const QString& pathOrUrl, bool wav)
{
    if (!m_controller || !m_controller->space() || path.empty()) {
        setMessage(tr("Nothing to export: make a path first."));
        return false;
    }
    const QString file = ClipExporter::localPath(pathOrUrl, wav ? QStringLiteral("wav") : QStringLiteral("mid"));
    if (file.isEmpty()) {
        setMessage(tr("Choose a file to export to."));
        return false;
    }
    ClipOptions options;
    if (Session* session = m_controller->session())
        options.bpm = session->bpm();
    ClipExporter::WavOptions wavOptions;
    if (wav)  // read here: the transport lives on this thread
        wavOptions = ClipExporter::wavOptions(transport(), options.bpm);
    const bool was = exporting();
    const quint64 ticket = m_nextTicket++;
    m_exportTicket = ticket;
    if (!was)
        Q_EMIT exportingChanged();
    setMessage(tr("Exporting %1 grooves…").arg(path.size()));
    m_writer->post([this, space = m_controller->space(), path, sampling = m_controller->sampling(), file, options,
                    wav, wavOptions, ticket] {
        bool ok = false;
        QString text;
        try {
            const std::vector<Groove> grooves = decodePath(*space, path, sampling);
            const DrumMap& map = space->config().drumMap;
            const Status written = wav ? ClipExporter::writeSequenceWav(file.toStdString(), grooves, map, wavOptions)
                                       : writeGrooveMidi(file.toStdString(), grooves, map, options);
            ok = written.ok();
            text = ok ? tr("Exported %1 grooves to %2").arg(grooves.size()).arg(file)
                      : QString::fromStdString(written.error().describe());
        } catch (const std::exception& e) {
            text = tr("%1: %2").arg(file, QString::fromUtf8(e.what()));
        } catch (...) {
            text = tr("%1: unexpected error while writing it").arg(file);
        }
        QMetaObject::invokeMethod(this, [this, ok, text, ticket] { applyExport(ok, text, ticket); },
                                  Qt::QueuedConnection);
    });
    return true;
}

void PathPlayer::applyExport(bool ok, const QString& text, quint64 ticket)
{
    if (ticket != m_exportTicket)
        return;
    m_exportTicket = 0;
    Q_EMIT exportingChanged();
    setMessage(text);
    Q_EMIT exportFinished(ok, text);
}

} // namespace gs
