#include "application.h"

#include "core/datapaths.h"
#include "modelloader.h"
#include "project/recentprojects.h"
#include "services.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQmlEngine>
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
{
    m_clock.start();
}

Application::~Application()
{
    m_engine.reset();  // QML first: its view-models point at the services
    m_services.reset();
}

bool Application::start()
{
    m_services = std::make_unique<Services>();
    Project* project = m_services->project();
    if (!m_options.scripted)
        project->startSession();  // reads a crash marker a previous run left, then writes ours
    else
        project->setAutosaveInterval(24 * 3600 * 1000);  // scripted runs leave the user's files alone
    connect(m_services->modelLoader(), &ModelLoader::failed, this, [project](const QString& message) {
        std::fprintf(stderr, "groovescape: could not open the model: %s\n", qPrintable(message));
        project->reportProblem(tr("could not open the model: %1").arg(message));  // shown in the window
    });
    // QML reaches every service as a property of `App` (import Groovescape.Ui).
    qmlRegisterSingletonInstance("Groovescape.App", 1, 0, "App", m_services.get());
    m_engine = std::make_unique<QQmlApplicationEngine>();
    m_engine->addImportPath(QStringLiteral(":/"));
    m_engine->setInitialProperties({{QStringLiteral("startTab"), m_options.tab},
        {QStringLiteral("openAbout"), m_options.showAbout}, {QStringLiteral("openAudioSettings"), m_options.showAudioSettings}});
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
    connect(project, &Project::failed, this, [](const QString& message) {
        std::fprintf(stderr, "groovescape: %s\n", qPrintable(message));
    });
    // Each note once (the list only grows until the next open clears it).
    auto printed = std::make_shared<qsizetype>(0);
    connect(project, &Project::notesChanged, this, [project, printed] {
        const QStringList notes = project->notes();
        if (notes.size() < *printed)
            *printed = 0;
        for (qsizetype i = *printed; i < notes.size(); ++i)
            std::fprintf(stderr, "groovescape: %s\n", qPrintable(notes.at(i)));
        *printed = notes.size();
    });

    if (!m_options.importPaths.isEmpty()) {
        // MIDI on the command line: a new project around it, with the bundled (or --model) model.
        m_services->browser()->importReplacing(m_options.importPaths);
        loadModel(m_options.modelPath.isEmpty() ? ModelLoader::defaultModelPath() : m_options.modelPath);
    } else {
        openStartProject();
    }
    applyWindowOption();

    if (m_options.play)
        m_services->transport()->setPlaying(true);
    if (m_options.quitAfterMs >= 0) {
        // Scripted runs (screenshots, CI) report the time from process start to the first frame on screen.
        connect(m_window, &QQuickWindow::frameSwapped, this, [this] {
            std::fprintf(stderr, "groovescape: first frame %lld ms after start\n", static_cast<long long>(m_clock.elapsed()));
        }, Qt::SingleShotConnection);
        QTimer::singleShot(m_options.quitAfterMs, this, &Application::grabAndMaybeQuit);
    }
    return true;
}

void Application::openStartProject()
{
    // Order: the command line, the last project (or the untitled work of the last run), the demo.
    QString path = m_options.projectPath;
    Project* project = m_services->project();
    RecentProjects* recent = project->recent();
    if (path.isEmpty() && recent->hasLast()) {
        const QString last = recent->last();
        if (last == QLatin1String(RecentProjects::untitledMark)) {
            if (QFileInfo(project->autosavePath()).isFile())
                path = project->autosavePath();
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
    connections->first = connect(project, &Project::opened, this, [this, done] {
        done();
        if (!m_options.modelPath.isEmpty())
            loadModel(m_options.modelPath);  // --model wins over the project's model
    });
    const bool fromCommandLine = path == m_options.projectPath;
    connections->second = connect(project, &Project::failed, this, [this, project, done, fromCommandLine] {
        done();
        // A project that cannot be read (Project::failed is printed): show the demo, or at least a model.
        const QString demo = demoProjectPath();
        if (fromCommandLine && !demo.isEmpty()) {
            if (!m_options.modelPath.isEmpty())
                connect(project, &Project::opened, this, [this] { loadModel(m_options.modelPath); },
                    Qt::SingleShotConnection);
            project->open(demo);
        } else {
            loadModel(m_options.modelPath.isEmpty() ? ModelLoader::defaultModelPath() : m_options.modelPath);
        }
    });
    project->open(path);
}

void Application::applyWindowOption()
{
    if (m_options.window < 0)
        return;
    // The dataset arrives from a worker (project or command-line import): pick the window then,
    // after the project's own window choice (the queued call runs after every direct handler).
    Session* session = m_services->session();
    auto pick = [this, session] {
        if (!session->hasDataset())
            return;
        if (m_options.fileRow >= 0)
            m_services->browser()->selectFileRow(m_options.fileRow);
        session->setCurrentWindow(m_options.window);
        if (m_options.play)
            m_services->transport()->setPlaying(true);
    };
    connect(session, &Session::datasetChanged, this, [pick] { QTimer::singleShot(0, pick); },
        Qt::SingleShotConnection);
}

void Application::loadModel(const QString& path) { m_services->loadModel(path); }

void Application::openFiles(const QStringList& paths)
{
    QStringList imports;
    for (const QString& path : paths) {
        if (isProjectFile(path))
            m_services->project()->open(path);
        else
            imports << path;
    }
    if (!imports.isEmpty())
        m_services->browser()->importReplacing(imports);
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
    const QString error = m_services->project()->saveOnQuit();
    if (!error.isEmpty())
        std::fprintf(stderr, "groovescape: %s\n", qPrintable(error));
    m_services->project()->endSession();
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
