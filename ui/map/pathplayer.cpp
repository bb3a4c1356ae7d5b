#include "map/pathplayer.h"

#include "transport/clipexporter.h"
#include "latent/latentspace.h"
#include "map/mapcontroller.h"
#include "map/mapworker.h"
#include "midi/groovemidi.h"
#include "session.h"
#include "transport/transport.h"

#include <exception>

namespace gs {

namespace {

// The path decoded in one batch and realised under the controller's sampling options; no step between the
// ends falls silent (realisePath tops sparse steps up to the ends' floor).
PathRealisation decodePath(const LatentSpace& space, const std::vector<LatentVector>& path,
                           const SamplingOptions& sampling)
{
    return realisePath(space.decode(path), sampling);
}

// Said beside "Playing" / "Exported": where the model is sparse between the ends, and what was done about it.
QString sparseNote(const PathRealisation& path)
{
    if (path.filledSteps == 0)
        return {};
    return PathPlayer::tr(" (%n step(s) where the model is sparse filled to %1 hits)", nullptr, path.filledSteps)
        .arg(path.floor);
}

} // namespace

PathPlayer::PathPlayer(QObject* parent)
    : QObject(parent), m_decoder(std::make_unique<MapWorker>("gs-path-decode")), m_writer(std::make_unique<MapWorker>("gs-path-write"))
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
    return m_transport.data();
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
        QString note;
        try {
            PathRealisation decoded = decodePath(*space, path, sampling);
            note = sparseNote(decoded);
            grooves = std::move(decoded.grooves);
        } catch (const std::exception& e) {
            failure = QString::fromUtf8(e.what());
        } catch (...) {
            failure = QStringLiteral("unexpected error while decoding the path");
        }
        QMetaObject::invokeMethod(
            this, [this, grooves = std::move(grooves), failure, note, ticket]() mutable {
                applyDecoded(std::move(grooves), failure, note, ticket);
            },
            Qt::QueuedConnection);
    });
}

void PathPlayer::applyDecoded(std::vector<Groove> grooves, const QString& failure, const QString& note, quint64 ticket)
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
    if (Session* session = m_controller ? m_controller->session() : nullptr; session && !m_playing)
        m_before = session->groove();  // shown again when the path ends
    m_grooves = grooves;
    m_handing = true;  // the transport's own sequenceChanged for our call is not "someone else took over"
    target->playSequence(grooves, m_loop);
    m_handing = false;
    m_handedCount = int(grooves.size());
    setMessage(target->sequenceLength() > 0 ? tr("Playing %1 steps").arg(grooves.size()) + note : target->message());
    setPlaying(target->sequenceLength() > 0);
    Q_EMIT playingStepChanged();
    showStep(playingStep());
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
        if (!m_playing)
            return;
        Q_EMIT playingStepChanged();
        showStep(playingStep());
    });
    connect(transport, &QObject::destroyed, this, [this] { setPlaying(false); });
}

void PathPlayer::onSequenceChanged()
{
    // Ended, or replaced by another player's sequence.
    if (!m_handing && m_playing)
        setPlaying(false);
}

void PathPlayer::showStep(int step)
{
    // The grid and piano roll show what plays (the first-hour report: they kept the last clicked groove).
    // Source "sequence": the transport already plays these grooves and does not take them as a new one.
    Session* session = m_controller ? m_controller->session() : nullptr;
    if (!session || step < 0 || std::size_t(step) >= m_grooves.size())
        return;
    session->setGroove(m_grooves[std::size_t(step)], GrooveSource::Sequence);
}

void PathPlayer::setPlaying(bool playing)
{
    if (playing == m_playing)
        return;
    Session* session = m_controller ? m_controller->session() : nullptr;
    if (!playing && session && session->source() == GrooveSource::Sequence && m_before.steps() > 0)
        session->setGroove(m_before, GrooveSource::Sequence);  // what plays again once the path ends
    if (!playing) {
        m_grooves.clear();
        setMessage(QString());  // "Playing 4 steps" would go on saying so (the first-hour report)
    }
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

bool PathPlayer::exportClip(const std::vector<LatentVector>& path, const QString& pathOrUrl, Steps steps)
{
    return startExport(path, {}, pathOrUrl, false, steps);
}

bool PathPlayer::exportWav(const std::vector<LatentVector>& path, const QString& pathOrUrl, Steps steps)
{
    return startExport(path, {}, pathOrUrl, true, steps);
}

bool PathPlayer::exportGrooves(std::vector<Groove> grooves, const QString& pathOrUrl, bool wav)
{
    return startExport({}, std::move(grooves), pathOrUrl, wav, Steps::Set);
}

bool PathPlayer::startExport(const std::vector<LatentVector>& path, std::vector<Groove> given, const QString& pathOrUrl,
                             bool wav, Steps steps)
{
    if (!m_controller || !m_controller->space() || (path.empty() && given.empty())) {
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
    setMessage(tr("Exporting %1 grooves…").arg(given.empty() ? path.size() : given.size()));
    m_writer->post([this, space = m_controller->space(), path, given = std::move(given), sampling = m_controller->sampling(),
                    file, options, wav, wavOptions, steps, ticket] {
        bool ok = false;
        QString text;
        try {
            PathRealisation decoded;
            if (!given.empty())
                decoded.grooves = given;
            else if (steps == Steps::Path)
                decoded = decodePath(*space, path, sampling);
            else
                for (const DecodedGroove& d : space->decode(path))
                    decoded.grooves.push_back(realise(d, sampling));
            const std::vector<Groove>& grooves = decoded.grooves;
            const DrumMap& map = space->config().drumMap;
            const Status written = wav ? ClipExporter::writeSequenceWav(file.toStdString(), grooves, map, wavOptions)
                                       : writeGrooveMidi(file.toStdString(), grooves, map, options);
            ok = written.ok();
            text = ok ? tr("Exported %1 grooves to %2").arg(grooves.size()).arg(file) + sparseNote(decoded)
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
