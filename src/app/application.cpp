#include "application.h"

#include "audiolink.h"
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
    Session::setInstance(m_session.get());
}

Application::~Application()
{
    m_engine.reset();  // QML first: its view-models point at the session and the audio link
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
    if (m_options.quitAfterMs >= 0)
        QTimer::singleShot(m_options.quitAfterMs, this, &Application::grabAndMaybeQuit);
    return true;
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
    QCoreApplication::quit();
}

} // namespace gs
