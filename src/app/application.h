#pragma once
// The application: owns the Services (the composition root's objects, wired in
// services.cpp) and the QML engine, which reaches them as the `App` object.
// It decides what opens at start (a project on the command line, else the last
// project, else on first run the bundled demo project) and applies the command
// line's options. main.cpp parses the command line and settles the single instance.
#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QQmlApplicationEngine;
class QQuickWindow;

namespace gs {

class Services;

struct AppOptions {
    QString screenshotPath;  // --screenshot FILE.png: grab the window once it has rendered
    int quitAfterMs = -1;  // --quit-after MS: close after this long (with --screenshot: grab first)
    QString tab;  // --tab map|train: the centre tab to show
    QString projectPath;  // positional FILE.gsproj: the project to open
    QStringList importPaths;  // other positionals: MIDI files/folders or a .gsd to import (a new project)
    int window = -1;  // --window N: once a dataset is loaded, put its window N on the grid
    int fileRow = -1;  // --file N: with --window, also select row N of the file table (its windows list)
    bool play = false;  // --play: start the transport at once
    bool showAbout = false;  // --about: open the About box
    bool showAudioSettings = false;  // --audio-settings: open the audio and MIDI settings
    QString modelPath;  // --model FILE: open this model (default: the project's, else the bundled 2D model)
    bool scripted = false;  // --screenshot runs: no crash marker, no autosave, nothing saved at quit
};

class Application : public QObject {
    Q_OBJECT

public:
    explicit Application(AppOptions options, QObject* parent = nullptr);
    ~Application() override;

    // Loads Main.qml; false (with a message on stderr) if it fails.
    bool start();
    // Files handed over by a second instance (or dropped on the command line): projects open,
    // anything else is imported; the window comes to the front.
    void openFiles(const QStringList& paths);
    // Saves the project (or the untitled autosave) and removes the crash marker; at quit.
    void shutDown();

private:
    void grabAndMaybeQuit();
    void loadModel(const QString& path);
    void openStartProject();
    void applyWindowOption();

    AppOptions m_options;
    std::unique_ptr<Services> m_services;
    std::unique_ptr<QQmlApplicationEngine> m_engine;  // destroyed first: QML points at the services
    QQuickWindow* m_window = nullptr;
    QElapsedTimer m_clock;  // from the composition root's construction (just after QApplication)
    bool m_shutDown = false;
};

} // namespace gs
