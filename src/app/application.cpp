#include "application.h"

#include "audiolink.h"
#include "modelloader.h"
#include "session.h"

#include <QCoreApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

namespace gs {

Application::Application(AppOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_session(std::make_unique<Session>(nullptr))
{
    m_clock.start();
    Session::setInstance(m_session.get());
}

Application::~Application()
{
    m_engine.reset();  // QML first: its view-models point at the session and the audio link
    m_modelLoader.reset();
    m_audio.reset();
    Session::setInstance(nullptr);
}

bool Application::start()
{
    // The audio link exists before QML so the Transport the window creates attaches to it.
    m_audio = std::make_unique<AudioLink>(m_session.get());
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
    if (!m_options.importPaths.isEmpty()) {
        if (QObject* browser = m_window->findChild<QObject*>(QStringLiteral("datasetBrowser")))
            QMetaObject::invokeMethod(browser, "importPaths", Q_ARG(QStringList, m_options.importPaths));
    }
    loadStartModel();
    QObject* transport = m_window->findChild<QObject*>(QStringLiteral("transport"));
    if (m_options.window >= 0) {
        // The dataset arrives from a worker (demo or command-line import): pick the window then.
        auto pick = [this, transport] {
            if (!m_session->hasDataset())
                return;
            if (m_options.fileRow >= 0) {
                if (QObject* browser = m_window->findChild<QObject*>(QStringLiteral("datasetBrowser")))
                    QMetaObject::invokeMethod(browser, "selectFileRow", Q_ARG(int, m_options.fileRow));
            }
            m_session->setCurrentWindow(m_options.window);
            if (transport && m_options.play)
                transport->setProperty("playing", true);
        };
        if (m_session->hasDataset())
            pick();
        else
            connect(m_session.get(), &Session::datasetChanged, this, pick, Qt::SingleShotConnection);
    }
    if (m_options.play && transport)
        transport->setProperty("playing", true);
    if (m_options.showAbout) {
        if (QObject* about = m_window->findChild<QObject*>(QStringLiteral("aboutDialog")))
            QMetaObject::invokeMethod(about, "open");
    }
    if (m_options.quitAfterMs >= 0) {
        // Scripted runs (screenshots, CI) report the time from process start to the first frame on screen.
        connect(m_window, &QQuickWindow::frameSwapped, this, [this] {
            std::fprintf(stderr, "groovescape: first frame %lld ms after start\n", static_cast<long long>(m_clock.elapsed()));
        }, Qt::SingleShotConnection);
    }
    if (m_options.quitAfterMs >= 0)
        QTimer::singleShot(m_options.quitAfterMs, this, &Application::grabAndMaybeQuit);
    return true;
}

void Application::loadStartModel()
{
    // The bundled default model fills the map on first run; --model opens another one.
    const QString path = m_options.modelPath.isEmpty() ? ModelLoader::defaultModelPath() : m_options.modelPath;
    if (path.isEmpty()) {
        std::fprintf(stderr, "groovescape: no bundled model found (models/rhythmvae-2d.gsmodel); train one in the Train view\n");
        return;
    }
    m_modelLoader = std::make_unique<ModelLoader>(m_session.get());
    connect(m_modelLoader.get(), &ModelLoader::failed, this, [](const QString& message) {
        std::fprintf(stderr, "groovescape: could not open the model: %s\n", qPrintable(message));
    });
    m_modelLoader->load(path);
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
