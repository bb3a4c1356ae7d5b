#include "services.h"

#include "assetpaths.h"
#include "modelloader.h"
#include "groove/groovepart.h"
#include "project/projectparts.h"
#include "project/projectsessionpart.h"
#include "audio/engine.h"
#include "transport/clocksync.h"

#include <QDir>

#include <cstdio>

namespace gs {

Services::Services(AudioLink::Driver driver, QObject* parent)
    : QObject(parent)
    , m_session(std::make_unique<Session>())
    , m_project(std::make_unique<Project>())
    , m_audio(std::make_unique<AudioLink>(m_session.get(), nullptr, driver))
    , m_transport(std::make_unique<Transport>(m_session.get()))
    , m_audioSettings(std::make_unique<AudioSettings>(m_audio.get()))
    , m_browser(std::make_unique<DatasetBrowser>(m_session.get()))
    , m_map(std::make_unique<MapController>())
    , m_bookmarks(std::make_unique<BookmarkModel>())
    , m_interpolation(std::make_unique<InterpolationModel>())
    , m_freehand(std::make_unique<FreehandPath>())
    , m_blend(std::make_unique<BlendSurface>())
    , m_training(std::make_unique<TrainingModel>())
    , m_library(std::make_unique<ModelLibraryModel>(m_session.get()))
    , m_modelLoader(std::make_unique<ModelLoader>(m_session.get()))
    , m_accompaniment(std::make_unique<Accompaniment>(m_session.get(), m_transport.get()))
    , m_kitBrowser(std::make_unique<KitBrowserModel>())
    , m_voiceMapping(std::make_unique<VoiceMappingModel>())
{
    connectSound(*m_transport, *m_audio);
    wireMap();
    wireModels();
    wireAccompaniment();
    wireProject();
    wireKits();
}

Services::~Services() = default;

void Services::connectSound(Transport& transportRef, AudioLink& audioRef)
{
    Transport* transport = &transportRef;
    AudioLink* audio = &audioRef;
    // What plays and when: decided by the transport, forwarded by the audio link.
    connect(transport, &Transport::patternReady, audio, &AudioLink::play);
    connect(transport, &Transport::sequenceReady, audio, &AudioLink::playSequence);
    connect(transport, &Transport::settingsReady, audio, &AudioLink::setSettings);
    connect(transport, &Transport::playingChanged, audio, [transport, audio] { audio->setPlaying(transport->playing()); });
    connect(transport, &Transport::kitIndexChanged, audio, [transport, audio] { audio->chooseKit(transport->kitIndex()); });
    audio->setSettings(transport->engineSettings());
    audio->play(transport->pattern(), PatternChange::Immediate);

    // What the engine reports, back into the transport's view.
    transport->setKits(audio->kitNames(), audio->kitIndex());
    transport->setDeviceStatus(audio->deviceStatus(), audio->deviceStatusOk());
    connect(audio, &AudioLink::deviceStatusChanged, transport,
        [transport, audio] { transport->setDeviceStatus(audio->deviceStatus(), audio->deviceStatusOk()); });
    connect(audio, &AudioLink::positionReported, transport,
        [transport](int step, double level, quint64 overFrames, quint64 patternId) {
            transport->setPlayhead(transport->playing() ? step : -1, level);
            transport->setOverFrames(overFrames);
            if (patternId != 0)
                transport->setPlayingPattern(patternId);
        });
    // Another program's MIDI clock starts, stops and sets the tempo of this transport.
    ClockSync* clock = audio->clockSync();
    clock->setTransport(transport);
    transport->setExternalClock(clock->following());
    connect(clock, &ClockSync::statusChanged, transport, [transport, clock] { transport->setExternalClock(clock->following()); });
}

void Services::wireMap()
{
    m_map->setSession(m_session.get());
    m_bookmarks->setController(m_map.get());
    m_interpolation->setController(m_map.get());
    m_freehand->setController(m_map.get());
    m_blend->setController(m_map.get());
    m_blend->setBookmarks(m_bookmarks.get());
    // Paths and bookmark sets play on the one transport.
    for (PathPlayer* player : {m_bookmarks->player(), m_interpolation->player(), m_freehand->player()})
        player->setTransport(m_transport.get());
}

void Services::wireModels()
{
    m_training->setSession(m_session.get());
    // A model trained here joins the library.
    connect(m_training.get(), &TrainingModel::saved, m_library.get(), [this](const QString& path) { m_library->reload(path); });
}

void Services::wireAccompaniment()
{
    Accompaniment* groove = m_accompaniment.get();
    // Taps and MIDI notes are placed on the loop by the playhead as it is heard.
    connect(m_audio.get(), &AudioLink::playheadAt, groove, &Accompaniment::playheadAt);
    connect(m_audio->clockSync(), &ClockSync::notePlayed, groove,
        [groove](int, int velocity, double seconds) { groove->tapAt(seconds, velocity / 127.0); });
    // The model loads when the Groove tab first shows (Accompaniment::ensureLoaded).
}

void Services::wireProject()
{
    Project* project = m_project.get();
    m_sessionPart = std::make_unique<ProjectSessionPart>(project, m_session.get());
    ProjectSessionPart* part = m_sessionPart.get();
    ProjectPart::add(project, QLatin1String(ProjectSessionPart::key), part, part);
    ProjectPart::add(project, QStringLiteral("browser"), m_browser.get(), m_browser.get());
    ProjectPart::add(project, QLatin1String(BookmarkModel::projectKey), m_bookmarks.get(), m_bookmarks.get());
    ProjectPart::add(project, QStringLiteral("interpolation"), m_interpolation.get(), m_interpolation.get());
    ProjectPart::add(project, QStringLiteral("freehandPath"), m_freehand.get(), m_freehand.get());
    auto* transportPart = new TransportPart(m_transport.get());
    ProjectPart::add(project, QStringLiteral("transport"), transportPart, transportPart);
    auto* cursorPart = new CursorPart(m_map.get(), [part] { return part->loading() || part->modelLoading(); });
    ProjectPart::add(project, QStringLiteral("cursor"), cursorPart, cursorPart);
    auto* groovePart = new GroovePart(m_accompaniment.get());
    ProjectPart::add(project, QStringLiteral("groove"), groovePart, groovePart);
    auto* samplingPart = new SamplingPart(m_map.get());
    ProjectPart::add(project, QStringLiteral("sampling"), samplingPart, samplingPart);

    // The session part opens the project's dataset through the browser and its model through the loader.
    DatasetBrowser* browser = m_browser.get();
    part->setDatasetLoader([browser, part](const QStringList& paths, const QString& name) {
        // Tell the part when the project's own import ends, so it knows every later dataset is the user's.
        auto startImport = [browser, part, paths, name] {
            if (!browser->importPaths(paths, name))
                return false;
            QObject::connect(browser, &DatasetBrowser::importFinished, part, &ProjectSessionPart::datasetImportEnded,
                Qt::SingleShotConnection);
            return true;
        };
        if (!browser->busy())
            return startImport();
        // The browser imports the demo by itself at start; when that is what the project wants, let it finish.
        const QString demo = AssetPaths::findDemoDataset();
        if (paths.size() == 1 && !demo.isEmpty() && QDir::cleanPath(paths.constFirst()) == QDir::cleanPath(demo)) {
            QObject::connect(browser, &DatasetBrowser::importFinished, part, &ProjectSessionPart::datasetImportEnded,
                Qt::SingleShotConnection);
            return true;
        }
        // Another import runs: cancel it and start the project's once it has ended. Its result may
        // still arrive (it can finish before the cancel lands): the part ignores datasets that are
        // not the project's while the project's import is due.
        browser->cancel();
        QObject::connect(browser, &DatasetBrowser::importFinished, browser, [startImport] { startImport(); },
            Qt::SingleShotConnection);
        return true;
    });
    part->setModelLoader([this](const QString& path) { loadModel(path); });
    connect(m_modelLoader.get(), &ModelLoader::loaded, part, &ProjectSessionPart::noteModelPath);
    connect(m_modelLoader.get(), &ModelLoader::failed, part, &ProjectSessionPart::modelFailed);
    // Models opened from the library or trained here also belong to the project.
    connect(m_library.get(), &ModelLibraryModel::opened, part, &ProjectSessionPart::noteModelPath);
    connect(m_training.get(), &TrainingModel::saved, part, &ProjectSessionPart::noteModelPath);
}

void Services::wireKits()
{
    AudioLink* audio = m_audio.get();
    Transport* transport = m_transport.get();
    Session* session = m_session.get();
    KitBrowserModel* browser = m_kitBrowser.get();
    VoiceMappingModel* mapping = m_voiceMapping.get();
    // A kit chosen in the browser plays, and joins the transport's kit box.
    connect(browser, &KitBrowserModel::kitChosen, audio, &AudioLink::chooseKitFile);
    connect(audio, &AudioLink::kitsChanged, transport, [transport, audio] { transport->setKits(audio->kitNames(), audio->kitIndex()); });
    // The table shows the kit that plays, over the session's voices.
    auto showKit = [audio, session, browser, mapping] {
        mapping->setKit(audio->currentKitId(), audio->currentKit(), session->drumMap());
        browser->setCurrentId(audio->currentKitId());
    };
    connect(audio, &AudioLink::kitLoaded, mapping, showKit);
    connect(session, &Session::drumMapChanged, mapping, showKit);
    showKit();
    // A changed mapping is saved by the table; the kit loads again with it.
    connect(mapping, &VoiceMappingModel::mappingChanged, audio, &AudioLink::reloadKit);
    connect(mapping, &VoiceMappingModel::auditionRequested, audio, &AudioLink::audition);
}

void Services::loadModel(const QString& path)
{
    if (path.isEmpty()) {
        std::fprintf(stderr, "groovescape: no bundled model found (models/rhythmvae-2d.gsmodel); train one in the Train view\n");
        return;
    }
    m_modelLoader->load(path);
}

} // namespace gs
