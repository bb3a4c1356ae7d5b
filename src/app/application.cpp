#include "application.h"

#include "assetpaths.h"
#include "transport/audiolink.h"
#include "core/datapaths.h"
#include "browser/datasetbrowser.h"
#include "map/mapcontroller.h"
#include "training/modellibrarymodel.h"
#include "modelloader.h"
#include "project/project.h"
#include "project/projectparts.h"
#include "project/projectsessionpart.h"
#include "project/recentprojects.h"
#include "session.h"
#include "training/trainingmodel.h"
#include "transport/transport.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>
#include <memory>
#include <utility>

namespace gs {

namespace {

bool isProjectFile(const QString& path)
{
    return QFileInfo(path).suffix().compare(QLatin1String(ProjectFile::suffix), Qt::CaseInsensitive) == 0;
}

QString demoProjectPath()
{
    const auto found = findData("assets/demo/demo.gsproj");
    return found.empty() ? QString() : QString::fromStdString(found.string());
}

} // namespace

Application::Application(AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_session(std::make_unique<Session>(nullptr))
    , m_project(std::make_unique<Project>(nullptr))
{
    m_clock.start();
    Session::setInstance(m_session.get());
    // Before QML: view-models that save with the project register in their constructors.
    Project::setInstance(m_project.get());
}

Application::~Application()
{
    m_engine.reset();  // QML first: its view-models point at the session, the project and the audio link
    delete m_sessionPart;
    m_modelLoader.reset();
    m_audio.reset();
    Project::setInstance(nullptr);
    m_project.reset();
    Session::setInstance(nullptr);
}

bool Application::start()
{
    if (!m_options.scripted)
        m_project->startSession();  // reads a crash marker a previous run left, then writes ours
    else
        m_project->setAutosaveInterval(24 * 3600 * 1000);  // scripted runs leave the user's files alone

    // The audio link exists before QML so the Transport the window creates attaches to it.
    m_audio = std::make_unique<AudioLink>(m_session.get());
    m_modelLoader = std::make_unique<ModelLoader>(m_session.get());
    connect(m_modelLoader.get(), &ModelLoader::failed, this, [this](const QString& message) {
        std::fprintf(stderr, "groovescape: could not open the model: %s\n", qPrintable(message));
        m_project->reportProblem(tr("could not open the model: %1").arg(message));  // shown in the window
    });
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral(":/"));
    m_engine->load(QUrl(QStringLiteral("qrc:/Groovescape/Main.qml")));
    if (m_engine->rootObjects().isEmpty()) {
        std::fprintf(stderr, "groovescape: the main window (qrc:/Groovescape/Main.qml) failed to load\n");
        return false;
    }
    m_window = qobject_cast<QQuickWindow*>(m_engine->rootObjects().constFirst());
    if (!m_window) {
        std::fprintf(stderr, "groovescape: the root object is not a window\n");
        return false;
    }
    if (!m_options.tab.isEmpty()) {
        if (QObject* tabs = m_window->findChild<QObject*>(QStringLiteral("centreTabs")))
            tabs->setProperty("currentIndex", m_options.tab == QLatin1String("train") ? 1 : 0);
    }
    wireProject();
    connect(m_project.get(), &Project::failed, this, [](const QString& message) {
        std::fprintf(stderr, "groovescape: %s\n", qPrintable(message));
    });
    // Each note once (the list only grows until the next open clears it).
    auto printed = std::make_shared<qsizetype>(0);
    connect(m_project.get(), &Project::notesChanged, this, [this, printed] {
        const QStringList notes = m_project->notes();
        if (notes.size() < *printed)
            *printed = 0;
        for (qsizetype i = *printed; i < notes.size(); ++i)
            std::fprintf(stderr, "groovescape: %s\n", qPrintable(notes.at(i)));
        *printed = notes.size();
    });

    if (!m_options.importPaths.isEmpty()) {
        // MIDI on the command line: a new project around it, with the bundled (or --model) model.
        if (auto* browser = m_window->findChild<DatasetBrowser*>(QStringLiteral("datasetBrowser")))
            browser->importPaths(m_options.importPaths);
        loadModel(m_options.modelPath.isEmpty() ? ModelLoader::defaultModelPath() : m_options.modelPath);
    } else {
        openStartProject();
    }
    applyWindowOption();

    QObject* transport = m_window->findChild<QObject*>(QStringLiteral("transport"));
    if (m_options.play && transport)
        transport->setProperty("playing", true);
    if (m_options.showAbout) {
        if (QObject* about = m_window->findChild<QObject*>(QStringLiteral("aboutDialog")))
            QMetaObject::invokeMethod(about, "open");
    }
    if (m_options.showAudioSettings) {
        if (QObject* dialog = m_window->findChild<QObject*>(QStringLiteral("audioSettingsDialog")))
            QMetaObject::invokeMethod(dialog, "open");
    }
    if (m_options.quitAfterMs >= 0) {
        // Scripted runs (screenshots, CI) report the time from process start to the first frame on screen.
        connect(m_window, &QQuickWindow::frameSwapped, this, [this] {
            std::fprintf(stderr, "groovescape: first frame %lld ms after start\n", static_cast<long long>(m_clock.elapsed()));
        }, Qt::SingleShotConnection);
        QTimer::singleShot(m_options.quitAfterMs, this, &Application::grabAndMaybeQuit);
    }
    return true;
}

void Application::wireProject()
{
    m_sessionPart = new ProjectSessionPart(m_project.get(), m_session.get());
    auto* browser = m_window->findChild<DatasetBrowser*>(QStringLiteral("datasetBrowser"));
    auto* part = m_sessionPart;
    m_sessionPart->setDatasetLoader([browser, part](const QStringList& paths, const QString& name) {
        if (!browser)
            return false;
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
    m_sessionPart->setModelLoader([this](const QString& path) { loadModel(path); });
    connect(m_modelLoader.get(), &ModelLoader::loaded, m_sessionPart, &ProjectSessionPart::noteModelPath);
    connect(m_modelLoader.get(), &ModelLoader::failed, m_sessionPart, &ProjectSessionPart::modelFailed);
    // Models opened from the library or trained here also belong to the project.
    for (auto* library : m_window->findChildren<ModelLibraryModel*>())
        connect(library, &ModelLibraryModel::opened, m_sessionPart, &ProjectSessionPart::noteModelPath);
    for (auto* training : m_window->findChildren<TrainingModel*>())
        connect(training, &TrainingModel::saved, m_sessionPart, &ProjectSessionPart::noteModelPath);

    if (auto* transport = m_window->findChild<Transport*>(QStringLiteral("transport")))
        registerTransportPart(m_project.get(), transport);
    else
        std::fprintf(stderr, "groovescape: no transport in the window; its settings are not saved with the project\n");
    const auto controllers = m_window->findChildren<MapController*>();
    if (!controllers.isEmpty()) {
        registerCursorPart(m_project.get(), controllers.constFirst(),
            [part = m_sessionPart] { return part->loading() || part->modelLoading(); });
        registerSamplingPart(m_project.get(), controllers.constFirst());
    }
}

void Application::openStartProject()
{
    // Order: the command line, the last project (or the untitled work of the last run), the demo.
    QString path = m_options.projectPath;
    RecentProjects* recent = m_project->recent();
    if (path.isEmpty() && recent->hasLast()) {
        const QString last = recent->last();
        if (last == QLatin1String(RecentProjects::untitledMark)) {
            if (QFileInfo(m_project->autosavePath()).isFile())
                path = m_project->autosavePath();
        } else if (QFileInfo(last).isFile()) {
            path = last;
        } else if (!last.isEmpty()) {
            std::fprintf(stderr, "groovescape: the last project %s is gone; opening the demo\n", qPrintable(last));
        }
    }
    if (path.isEmpty())
        path = demoProjectPath();
    if (path.isEmpty()) {
        // No demo project installed: at least the bundled model.
        loadModel(m_options.modelPath.isEmpty() ? ModelLoader::defaultModelPath() : m_options.modelPath);
        return;
    }
    // Exactly one of opened / failed answers this open; later ones are the user's business.
    auto connections = std::make_shared<std::pair<QMetaObject::Connection, QMetaObject::Connection>>();
    auto done = [connections] {
        QObject::disconnect(connections->first);
        QObject::disconnect(connections->second);
    };
    connections->first = connect(m_project.get(), &Project::opened, this, [this, done] {
        done();
        if (!m_options.modelPath.isEmpty())
            loadModel(m_options.modelPath);  // --model wins over the project's model
    });
    const bool fromCommandLine = path == m_options.projectPath;
    connections->second = connect(m_project.get(), &Project::failed, this, [this, done, fromCommandLine] {
        done();
        // A project that cannot be read (Project::failed is printed): show the demo, or at least a model.
        const QString demo = demoProjectPath();
        if (fromCommandLine && !demo.isEmpty()) {
            if (!m_options.modelPath.isEmpty())
                connect(m_project.get(), &Project::opened, this, [this] { loadModel(m_options.modelPath); },
                    Qt::SingleShotConnection);
            m_project->open(demo);
        } else {
            loadModel(m_options.modelPath.isEmpty() ? ModelLoader::defaultModelPath() : m_options.modelPath);
        }
    });
    m_project->open(path);
}

void Application::applyWindowOption()
{
    if (m_options.window < 0)
        return;
    // The dataset arrives from a worker (project or command-line import): pick the window then,
    // after the project's own window choice (the queued call runs after every direct handler).
    auto pick = [this] {
        if (!m_session->hasDataset())
            return;
        if (m_options.fileRow >= 0) {
            if (QObject* browser = m_window->findChild<QObject*>(QStringLiteral("datasetBrowser")))
                QMetaObject::invokeMethod(browser, "selectFileRow", Q_ARG(int, m_options.fileRow));
        }
        m_session->setCurrentWindow(m_options.window);
        if (m_options.play) {
            if (QObject* transport = m_window->findChild<QObject*>(QStringLiteral("transport")))
                transport->setProperty("playing", true);
        }
    };
    connect(m_session.get(), &Session::datasetChanged, this, [pick] { QTimer::singleShot(0, pick); },
        Qt::SingleShotConnection);
}

void Application::loadModel(const QString& path)
{
    if (path.isEmpty()) {
        std::fprintf(stderr, "groovescape: no bundled model found (models/rhythmvae-2d.gsmodel); train one in the Train view\n");
        return;
    }
    m_modelLoader->load(path);
}

void Application::openFiles(const QStringList& paths)
{
    QStringList imports;
    for (const QString& path : paths) {
        if (isProjectFile(path))
            m_project->open(path);
        else
            imports << path;
    }
    if (!imports.isEmpty()) {
        if (auto* browser = m_window ? m_window->findChild<DatasetBrowser*>(QStringLiteral("datasetBrowser")) : nullptr)
            browser->importPaths(imports);
    }
    if (m_window) {
        m_window->show();
        m_window->raise();
        m_window->requestActivate();
    }
}

void Application::shutDown()
{
    if (m_shutDown || m_options.scripted)
        return;
    m_shutDown = true;
    const QString error = m_project->saveOnQuit();
    if (!error.isEmpty())
        std::fprintf(stderr, "groovescape: %s\n", qPrintable(error));
    m_project->endSession();
}

void Application::grabAndMaybeQuit()
{
    if (!m_options.screenshotPath.isEmpty() && m_window) {
        const QImage image = m_window->grabWindow();
        if (image.isNull() || !image.save(m_options.screenshotPath))
            std::fprintf(stderr, "groovescape: could not write the screenshot %s\n",
                qPrintable(m_options.screenshotPath));
        else
            std::fprintf(stderr, "groovescape: screenshot %s (%dx%d)\n", qPrintable(m_options.screenshotPath),
                image.width(), image.height());
    }
    // Close like a user would, so the window saves its layout (onClosing); the last window closing quits.
    if (m_window)
        m_window->close();
    else
        QCoreApplication::quit();
}

} // namespace gs
