// groovescape: the desktop app. Command line:
//   groovescape [FILE.gsproj | PATH...] [--screenshot FILE.png] [--quit-after MS] [--tab map|train|groove]
//               [--window N [--file N]] [--play] [--about] [--audio-settings] [--model FILE.gsm] [--new-instance]
// A .gsproj opens that project; other PATHs (MIDI files, folders or one .gsd) are imported
// into a new project. Without either: the last project, or on first run the bundled demo.
// If Groovescape is already running, the files go to that window and this process exits 0.
#include "application.h"
#include "singleinstance.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFileInfo>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(GroovescapeUiPlugin)
Q_IMPORT_QML_PLUGIN(GroovescapePlugin)

int main(int argc, char* argv[])
{
    // QApplication, not QGuiApplication: Qt Charts in QML needs the widgets application.
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Groovescape"));
    QApplication::setOrganizationName(QStringLiteral("Groovescape"));
    QApplication::setApplicationVersion(QStringLiteral(GS_VERSION));
    QQuickStyle::setStyle(QStringLiteral("Basic"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Groovescape: generative drums that are yours"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("paths"),
        QStringLiteral("A project (.gsproj) to open, or MIDI files, folders or a .gsd dataset to import"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window (taken at --quit-after)."), QStringLiteral("file"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
        QStringLiteral("Quit after this many milliseconds."), QStringLiteral("ms"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Centre tab to show: map, train or groove."),
        QStringLiteral("name"));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("Once a dataset is loaded, put its window N on the drum grid."), QStringLiteral("n"));
    const QCommandLineOption file(QStringLiteral("file"),
        QStringLiteral("With --window: also select row N of the file table."), QStringLiteral("n"));
    const QCommandLineOption play(QStringLiteral("play"), QStringLiteral("Start playing at once."));
    const QCommandLineOption about(QStringLiteral("about"), QStringLiteral("Open the About box."));
    const QCommandLineOption audio(QStringLiteral("audio-settings"), QStringLiteral("Open the audio and MIDI settings."));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("Open this model file (default: the bundled 2D RhythmVAE)."), QStringLiteral("file"));
    const QCommandLineOption newInstance(QStringLiteral("new-instance"),
        QStringLiteral("Start a separate window even if Groovescape is already running."));
    parser.addOptions({screenshot, quitAfter, tab, window, file, play, about, audio, model, newInstance});
    parser.process(app);

    gs::AppOptions options;
    options.screenshotPath = parser.value(screenshot);
    options.tab = parser.value(tab);
    for (const QString& path : parser.positionalArguments()) {
        if (QFileInfo(path).suffix().compare(QStringLiteral("gsproj"), Qt::CaseInsensitive) == 0) {
            if (!options.projectPath.isEmpty()) {
                std::fprintf(stderr, "groovescape: one project at a time (got %s and %s)\n",
                    qPrintable(options.projectPath), qPrintable(path));
                return 2;
            }
            options.projectPath = QFileInfo(path).absoluteFilePath();
        } else {
            options.importPaths << path;
        }
    }
    options.play = parser.isSet(play);
    options.fileRow = parser.isSet(file) ? parser.value(file).toInt() : -1;
    options.showAbout = parser.isSet(about);
    options.showAudioSettings = parser.isSet(audio);
    options.modelPath = parser.value(model);
    if (parser.isSet(window)) {
        bool ok = false;
        options.window = parser.value(window).toInt(&ok);
        if (!ok || options.window < 0) {
            std::fprintf(stderr, "groovescape: --window needs a window number (0, 1, ...), got '%s'\n",
                qPrintable(parser.value(window)));
            return 2;
        }
    }
    if (parser.isSet(quitAfter)) {
        bool ok = false;
        options.quitAfterMs = parser.value(quitAfter).toInt(&ok);
        if (!ok || options.quitAfterMs < 0) {
            std::fprintf(stderr, "groovescape: --quit-after needs a number of milliseconds, got '%s'\n",
                qPrintable(parser.value(quitAfter)));
            return 2;
        }
    } else if (!options.screenshotPath.isEmpty()) {
        options.quitAfterMs = 3000;  // a screenshot without a time: grab once the window has settled
    }

    // Screenshot runs leave the user's project state alone, unless GS_SCREENSHOT_AS_USER=1 asks for a
    // normal run (crash marker, recovery offer, save at quit) that is also photographed.
    options.scripted = !options.screenshotPath.isEmpty() && !qEnvironmentVariableIsSet("GS_SCREENSHOT_AS_USER");

    // One window per user: hand the files to a running Groovescape (it answers within ~1 s)
    // unless this is a scripted screenshot run or --new-instance.
    gs::SingleInstance instance;
    const bool single = !options.scripted && !parser.isSet(newInstance);
    if (single) {
        QStringList files;
        if (!options.projectPath.isEmpty())
            files << options.projectPath;
        for (const QString& path : options.importPaths)
            files << QFileInfo(path).absoluteFilePath();
        if (instance.sendToRunning(files)) {
            std::fprintf(stdout, "groovescape: already running; %s\n",
                files.isEmpty() ? "brought its window to the front"
                                : qPrintable(QStringLiteral("opened %1 there").arg(files.join(QStringLiteral(", ")))));
            return 0;
        }
    }

    gs::Application application(options);
    if (!application.start())
        return 1;
    if (single) {
        if (instance.listen())
            QObject::connect(&instance, &gs::SingleInstance::filesReceived, &application, &gs::Application::openFiles);
        else
            std::fprintf(stderr, "groovescape: cannot take the single-instance name %s (%s); a second start will open "
                                 "another window\n", qPrintable(instance.name()), qPrintable(instance.errorString()));
    }
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &application, &gs::Application::shutDown);
    return app.exec();
}
