#include "transport/clipexporter.h"
#include "files/workerguard.h"
#include "files/filecheck.h"

#include "assetpaths.h"
#include "audio/audiofile.h"
#include "audio/kitloader.h"
#include "audio/pattern.h"
#include "audio/renderer.h"
#include "dataset/dataset.h"
#include "midi/groovemidi.h"
#include "session.h"
#include "transport/transport.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QThread>

#include <cmath>
#include <filesystem>

namespace gs {

struct ClipExporter::Job {
    enum Kind { Midi, Wav, Drag } kind = Midi;
    QString path;
    std::vector<Groove> grooves;  // one after another
    std::optional<DrumMap> map;  // none: the session's
    double bpm = 120.0;
    WavOptions wav;
    int generation = 0;
    // Filled by the worker.
    bool ok = false;
    QString error;
};

ClipExporter::ClipExporter(QObject* parent)
    : ClipExporter(nullptr, parent)
{
}

ClipExporter::ClipExporter(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session ? session : new Session(this))
{
    m_dragTimer.setSingleShot(true);
    m_dragTimer.setInterval(150);  // a drag on the map changes the groove many times a second: write the last one
    connect(&m_dragTimer, &QTimer::timeout, this, &ClipExporter::refreshDragFile);
    followSession();
}

void ClipExporter::followSession()
{
    m_editedFrom.clear();
    for (auto signal : {&Session::grooveChanged, &Session::bpmChanged, &Session::currentWindowChanged})
        connect(m_session, signal, this, &ClipExporter::nameInputsChanged);
}

void ClipExporter::nameInputsChanged()
{
    if (m_session->source() != GrooveSource::Edit)
        m_editedFrom = sourceStem();
    Q_EMIT clipNameChanged();
    if (m_dragEnabled)
        m_dragTimer.start();
}

void ClipExporter::setMapPosition(QPointF position)
{
    if (m_hasMapPosition && position == m_mapPosition)
        return;
    m_mapPosition = position;
    m_hasMapPosition = true;
    Q_EMIT mapPositionChanged();
    if (m_session->source() == GrooveSource::Map)
        nameInputsChanged();
}

void ClipExporter::setSession(Session* session)
{
    if (!switchSession(this, m_session, session))
        return;
    followSession();
    Q_EMIT sessionChanged();
    Q_EMIT clipNameChanged();
    if (m_dragEnabled)
        m_dragTimer.start();
}

void ClipExporter::setTransport(Transport* transport)
{
    if (transport == m_transport)
        return;
    m_transport = transport;
    Q_EMIT transportChanged();
}

void ClipExporter::setDragEnabled(bool on)
{
    if (on == m_dragEnabled)
        return;
    m_dragEnabled = on;
    if (on)
        m_dragTimer.start();
    else
        m_dragTimer.stop();
    Q_EMIT dragEnabledChanged();
}

ClipExporter::~ClipExporter()
{
    for (const QPointer<QThread>& worker : m_workers)
        if (worker)
            worker->wait();
}

namespace {

// Lower case letters, digits and dots, dashes between words: a name every file system and shell takes.
QString slug(const QString& text)
{
    QString what = text.toLower().replace(QRegularExpression(QStringLiteral("[^a-z0-9.]+")), QStringLiteral("-"));
    what.remove(QRegularExpression(QStringLiteral("^[-.]+|[-.]+$")));
    return what.left(60);
}

} // namespace

QString ClipExporter::sourceStem() const
{
    const auto dataset = m_session->dataset();
    const int window = m_session->currentWindow();
    switch (m_session->source()) {
    case GrooveSource::Dataset:
        if (dataset && window >= 0 && window < dataset->windowCount()) {
            const DatasetWindow& w = dataset->windows()[std::size_t(window)];
            const QString file = w.file >= 0 && std::size_t(w.file) < dataset->files().size()
                ? QFileInfo(QString::fromStdString(dataset->files()[std::size_t(w.file)].path)).completeBaseName()
                : QString::fromStdString(w.style);
            if (const QString stem = slug(file); !stem.isEmpty())
                return QStringLiteral("%1-bar%2").arg(stem).arg(w.firstBar + 1);
        }
        return QStringLiteral("dataset");
    case GrooveSource::Map:
        if (!m_hasMapPosition)
            return QStringLiteral("map");
        return QStringLiteral("map-x%1-y%2").arg(m_mapPosition.x(), 0, 'f', 2).arg(m_mapPosition.y(), 0, 'f', 2);
    case GrooveSource::Edit:
        return m_editedFrom.isEmpty() || m_editedFrom == QLatin1String("groove") ? QStringLiteral("edit")
                                                                                  : m_editedFrom + QStringLiteral("-edit");
    case GrooveSource::Sequence: return QStringLiteral("sequence");
    case GrooveSource::Accompaniment: return QStringLiteral("accompaniment");  // the Groove tab's answer
    case GrooveSource::Empty: break;
    }
    return QStringLiteral("groove");
}

QString ClipExporter::clipName() const
{
    return QStringLiteral("%1-%2bpm").arg(sourceStem()).arg(std::lround(m_session->bpm()));
}

QString ClipExporter::localPath(const QString& pathOrUrl, const QString& suffix)
{
    const QUrl url(pathOrUrl);
    QString path = url.isLocalFile() ? url.toLocalFile() : pathOrUrl;
    // A dialog accepted with no name gives just ".mid": that is no file name, not a hidden file.
    if (QFileInfo(path).completeBaseName().isEmpty())
        return {};
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    return path;
}

void ClipExporter::setMessage(const QString& text)
{
    m_message = text;
    Q_EMIT messageChanged();
}

void ClipExporter::exportMidi(const QString& pathOrUrl)
{
    exportSequenceMidi({m_session->groove()}, pathOrUrl);
}

void ClipExporter::exportWav(const QString& pathOrUrl)
{
    exportSequenceWav({m_session->groove()}, pathOrUrl);
}

void ClipExporter::exportSequenceMidi(std::vector<Groove> grooves, const QString& pathOrUrl, std::optional<DrumMap> map)
{
    auto job = std::make_shared<Job>();
    job->kind = Job::Midi;
    job->path = localPath(pathOrUrl, QStringLiteral("mid"));
    job->grooves = std::move(grooves);
    job->map = std::move(map);
    start(job);
}

void ClipExporter::exportSequenceWav(std::vector<Groove> grooves, const QString& pathOrUrl, std::optional<DrumMap> map)
{
    auto job = std::make_shared<Job>();
    job->kind = Job::Wav;
    job->path = localPath(pathOrUrl, QStringLiteral("wav"));
    job->grooves = std::move(grooves);
    job->map = std::move(map);
    start(job);
}

ClipExporter::WavOptions ClipExporter::wavOptions(const Transport* transport, double bpm)
{
    WavOptions options;
    options.settings.bpm = bpm;
    const QStringList kits = AssetPaths::kitDirs();
    int kit = -1;
    for (int i = 0; i < kits.size(); ++i)
        if (QFileInfo(kits[i]).fileName() == QLatin1String("acoustic"))
            kit = i;  // the default kit, as AudioLink chooses it
    if (transport) {
        if (transport->kitIndex() >= 0 && transport->kitIndex() < kits.size())
            kit = transport->kitIndex();  // the transport lists AssetPaths::kitDirs() in order
        options.settings.swingPercent = transport->swing();
        options.settings.humanize = transport->humanise();
        options.settings.masterGain = float(transport->volume());
    }
    if (kit < 0 && !kits.isEmpty())
        kit = 0;
    options.kitDir = kit >= 0 ? kits[kit] : QString();
    return options;
}

Status ClipExporter::writeSequenceWav(const std::string& path, const std::vector<Groove>& grooves, const DrumMap& map,
                                      const WavOptions& options)
{
    if (grooves.empty())
        return Error{path, "nothing to export: no grooves"};
    // Before a long render: a folder that is not there fails now, not minutes later.
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    if (!folder.empty() && !std::filesystem::is_directory(folder, ec))
        return Error{path, "folder does not exist: " + folder.string()};
    const std::vector<int> notes = Pattern::notesOf(map);
    std::vector<std::shared_ptr<const Pattern>> patterns;
    patterns.reserve(grooves.size());
    for (std::size_t i = 0; i < grooves.size(); ++i) {
        auto pattern = Pattern::fromGroove(grooves[i], notes);
        if (!pattern.ok())
            return Error{path, "groove " + std::to_string(i + 1) + ": " + pattern.error().message};
        patterns.push_back(pattern.value());
    }
    if (options.kitDir.isEmpty())
        return Error{path, "no drum kit found (assets/kits is empty)"};
    RenderOptions render;
    render.sampleRate = kWavSampleRate;
    render.seamlessLoop = true;  // exactly the grooves' length, sounding as it does when it repeats
    render.settings = options.settings;
    Renderer renderer(render);
    const double seconds = double(renderer.musicFrames(patterns)) / kWavSampleRate;
    if (seconds > kMaxWavSeconds)
        return Error{path, "the WAV would last " + std::to_string(int(std::ceil(seconds / 60.0)))
                               + " minutes; a WAV export is at most "
                               + std::to_string(int(kMaxWavSeconds / 60.0))
                               + " minutes (export fewer grooves or at a faster tempo)"};
    auto kit = loadKit(options.kitDir.toStdString(), kWavSampleRate);
    if (!kit.ok())
        return kit.error();
    // Streamed to the file block by block: memory stays small whatever the length.
    auto writer = AudioFileWriter::open(path, kWavSampleRate);
    if (!writer.ok())
        return writer.error();
    auto rendered = renderer.render(patterns, kit.value(), [&](const float* audio, std::int64_t frames) {
        return writer.value()->write(audio, frames);
    });
    if (!rendered.ok())
        return Error{path, rendered.error().describe()};  // the unfinished writer removes its temp file
    return writer.value()->finish();
}

void ClipExporter::refreshDragFile()
{
    m_dragTimer.stop();
    if (!m_tempDir.isValid() || m_session->groove().steps() <= 0)
        return;
    auto job = std::make_shared<Job>();
    job->kind = Job::Drag;
    job->path = QDir(m_tempDir.path()).filePath(clipName() + QStringLiteral(".mid"));
    job->grooves = {m_session->groove()};
    job->generation = ++m_dragGeneration;
    start(job);
}

void ClipExporter::start(std::shared_ptr<Job> job)
{
    if (!job->map)
        job->map = m_session->drumMap();
    job->bpm = m_session->bpm();
    if (job->kind == Job::Wav)
        job->wav = wavOptions(m_transport, job->bpm);
    if (job->path.isEmpty()) {
        setMessage(tr("Export: no file name given"));
        Q_EMIT finished(false, QString());
        return;
    }
    if (job->grooves.empty()) {
        setMessage(tr("Export: nothing to export (the set is empty)"));
        Q_EMIT finished(false, job->path);
        return;
    }
    for (const Groove& groove : job->grooves) {
        if (groove.steps() <= 0) {
            setMessage(tr("Export: there is no groove to export"));
            Q_EMIT finished(false, job->path);
            return;
        }
    }
    if (job->kind != Job::Drag && ++m_running == 1)
        Q_EMIT busyChanged();

    QThread* worker = QThread::create([job] {
        const std::string path = job->path.toStdString();
        Status status = Status(Done{});
        // An existing FIFO or device at the target would block the write forever.
        const QString problem = writableTargetProblem(job->path, QStringLiteral("clip"));
        const QString thrown = !problem.isEmpty() ? problem : runGuarded(job->path, [&] {
            if (job->kind == Job::Wav) {
                status = writeSequenceWav(path, job->grooves, *job->map, job->wav);
            } else {
                ClipOptions options;
                options.bpm = job->bpm;
                status = writeGrooveMidi(path, job->grooves, *job->map, options);
            }
        });
        job->ok = thrown.isEmpty() && status.ok();
        if (!thrown.isEmpty())
            job->error = thrown;
        else if (!status.ok())
            job->error = QString::fromStdString(status.error().describe());
    });
    connect(worker, &QThread::finished, this, [this, job] {
        if (job->kind == Job::Drag) {
            if (job->generation != m_dragGeneration)
                return;  // a newer groove's file is on its way
            if (job->ok) {
                m_dragUrl = QUrl::fromLocalFile(job->path);
                Q_EMIT dragUrlChanged();
            } else {
                setMessage(tr("Drag clip not written: %1").arg(job->error));
            }
            return;
        }
        if (--m_running == 0)
            Q_EMIT busyChanged();
        setMessage(job->ok ? tr("Exported %1").arg(QFileInfo(job->path).fileName())
                           : tr("Export failed: %1").arg(job->error));
        Q_EMIT finished(job->ok, job->path);
    });
    connect(worker, &QThread::finished, worker, &QObject::deleteLater);
    std::erase_if(m_workers, [](const QPointer<QThread>& w) { return w.isNull(); });
    m_workers.emplace_back(worker);
    worker->start();
}

} // namespace gs
