#pragma once
// The composition root: owns the Session (published as Session::instance()),
// the QML engine and, as they arrive, the services behind the views (audio
// engine link, trainer). main.cpp only parses the command line.
#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace gs {

class AudioLink;
class ModelLoader;
class Session;

struct AppOptions {
    QString screenshotPath;  // --screenshot FILE.png: grab the window once it has rendered
    int quitAfterMs = -1;  // --quit-after MS: close after this long (with --screenshot: grab first)
    QString tab;  // --tab map|train: the centre tab to show
    QStringList importPaths;  // positional: MIDI files/folders or a .gsd to open at start
    int window = -1;  // --window N: once a dataset is loaded, put its window N on the grid
    int fileRow = -1;  // --file N: with --window, also select row N of the file table (its windows list)
    bool play = false;  // --play: start the transport at once
    bool showAbout = false;  // --about: open the About box
    QString modelPath;  // --model FILE: open this model (default: the bundled models/rhythmvae-2d.gsm)
};

class Application : public QObject {
    Q_OBJECT

public:
    explicit Application(AppOptions options, QObject* parent = nullptr);
    ~Application() override;

    // Loads Main.qml; false (with a message on stderr) if it fails.
    bool start();

private:
    void grabAndMaybeQuit();
    void loadStartModel();

    AppOptions m_options;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<AudioLink> m_audio;
    std::unique_ptr<ModelLoader> m_modelLoader;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    QQuickWindow* m_window = nullptr;
    QElapsedTimer m_clock;  // from the composition root's construction (just after QApplication)
};

} // namespace gs
