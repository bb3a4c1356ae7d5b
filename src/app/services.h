#pragma once
// The composition root's services: every long-lived object of the app, made here in
// one order and connected here in one place (wire()), as KDE Elisa's
// ElisaApplication::initializePlayer() does. Nothing else creates them and nothing
// looks them up: QML reaches them as properties of the one `App` object
// (qmlRegisterSingletonInstance, registered by whoever owns the Services), and
// view-models made in QML get what they need as properties (`session: App.session`).
//
// One direction from a groove to the sound: Session -> Transport (decides what plays
// and when) -> AudioLink (forwards to the engine); what the engine reports comes back
// through AudioLink's signals into the Transport's setters, connected here.
// Threads: GUI thread only.
#include "browser/datasetbrowser.h"
#include "groove/accompaniment.h"
#include "kits/kitbrowsermodel.h"
#include "kits/voicemappingmodel.h"
#include "map/blendsurface.h"
#include "map/bookmarkmodel.h"
#include "map/freehandpath.h"
#include "map/interpolationmodel.h"
#include "map/mapcontroller.h"
#include "project/project.h"
#include "session.h"
#include "training/modellibrarymodel.h"
#include "training/trainingmodel.h"
#include "transport/audiolink.h"
#include "transport/audiosettings.h"
#include "transport/transport.h"

#include <QObject>

#include <memory>

namespace gs {

class ModelLoader;
class ProjectSessionPart;

class Services : public QObject {
    Q_OBJECT
    Q_PROPERTY(gs::Session* session READ session CONSTANT)
    Q_PROPERTY(gs::Project* project READ project CONSTANT)
    Q_PROPERTY(gs::Transport* transport READ transport CONSTANT)
    Q_PROPERTY(gs::AudioSettings* audioSettings READ audioSettings CONSTANT)
    Q_PROPERTY(gs::DatasetBrowser* browser READ browser CONSTANT)
    Q_PROPERTY(gs::MapController* map READ map CONSTANT)
    Q_PROPERTY(gs::BookmarkModel* bookmarks READ bookmarks CONSTANT)
    Q_PROPERTY(gs::InterpolationModel* interpolation READ interpolation CONSTANT)
    Q_PROPERTY(gs::FreehandPath* freehand READ freehand CONSTANT)
    Q_PROPERTY(gs::BlendSurface* blend READ blend CONSTANT)
    Q_PROPERTY(gs::TrainingModel* training READ training CONSTANT)
    Q_PROPERTY(gs::ModelLibraryModel* library READ library CONSTANT)
    Q_PROPERTY(gs::Accompaniment* accompaniment READ accompaniment CONSTANT)
    Q_PROPERTY(gs::KitBrowserModel* kitBrowser READ kitBrowser CONSTANT)
    Q_PROPERTY(gs::VoiceMappingModel* voiceMapping READ voiceMapping CONSTANT)

public:
    // Driver::Manual: no sound card and no thread (tests drive the engine with audio()->processFrames).
    explicit Services(AudioLink::Driver driver = AudioLink::Driver::Device, QObject* parent = nullptr);
    ~Services() override;

    Session* session() const { return m_session.get(); }
    Project* project() const { return m_project.get(); }
    AudioLink* audio() const { return m_audio.get(); }
    Transport* transport() const { return m_transport.get(); }
    AudioSettings* audioSettings() const { return m_audioSettings.get(); }
    DatasetBrowser* browser() const { return m_browser.get(); }
    MapController* map() const { return m_map.get(); }
    BookmarkModel* bookmarks() const { return m_bookmarks.get(); }
    InterpolationModel* interpolation() const { return m_interpolation.get(); }
    FreehandPath* freehand() const { return m_freehand.get(); }
    BlendSurface* blend() const { return m_blend.get(); }
    TrainingModel* training() const { return m_training.get(); }
    ModelLibraryModel* library() const { return m_library.get(); }
    ModelLoader* modelLoader() const { return m_modelLoader.get(); }
    Accompaniment* accompaniment() const { return m_accompaniment.get(); }
    KitBrowserModel* kitBrowser() const { return m_kitBrowser.get(); }
    VoiceMappingModel* voiceMapping() const { return m_voiceMapping.get(); }
    ProjectSessionPart* sessionPart() const { return m_sessionPart.get(); }

    // The one path from a groove to the sound, and the engine's reports back (used by the
    // constructor; tests that make their own transport and audio link connect them with it).
    static void connectSound(Transport& transport, AudioLink& audio);

    // Opens `path` with the model loader; "" says on stderr that there is no bundled model.
    void loadModel(const QString& path);

private:
    void wireMap();
    void wireModels();
    void wireAccompaniment();
    void wireProject();
    void wireKits();

    // Declared in the order they are made; destroyed in reverse (views' services before the session).
    std::unique_ptr<Session> m_session;
    std::unique_ptr<Project> m_project;
    std::unique_ptr<AudioLink> m_audio;
    std::unique_ptr<Transport> m_transport;
    std::unique_ptr<AudioSettings> m_audioSettings;
    std::unique_ptr<DatasetBrowser> m_browser;
    std::unique_ptr<MapController> m_map;
    std::unique_ptr<BookmarkModel> m_bookmarks;
    std::unique_ptr<InterpolationModel> m_interpolation;
    std::unique_ptr<FreehandPath> m_freehand;
    std::unique_ptr<BlendSurface> m_blend;
    std::unique_ptr<TrainingModel> m_training;
    std::unique_ptr<ModelLibraryModel> m_library;
    std::unique_ptr<ModelLoader> m_modelLoader;
    std::unique_ptr<Accompaniment> m_accompaniment;
    std::unique_ptr<KitBrowserModel> m_kitBrowser;
    std::unique_ptr<VoiceMappingModel> m_voiceMapping;
    std::unique_ptr<ProjectSessionPart> m_sessionPart;  // last: it goes first, before what it listens to
};

} // namespace gs
