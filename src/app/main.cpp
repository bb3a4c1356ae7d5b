// groovescape: the desktop app. Command line:
//   groovescape [PATH...] [--screenshot FILE.png] [--quit-after MS] [--tab map|train]
//               [--window N [--file N]] [--play] [--about] [--model FILE.gsm]
// PATHs (MIDI files, folders or one .gsd) are imported at start.
#include "application.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QQuickStyle>
#include <QtQml/qqmlextensionplugin.h>

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
    parser.addPositionalArgument(QStringLiteral("paths"), QStringLiteral("MIDI files, folders or a .gsd dataset to open"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QStringLiteral("Save a PNG of the window (taken at --quit-after)."), QStringLiteral("file"));
    const QCommandLineOption quitAfter(QStringLiteral("quit-after"),
        QStringLiteral("Quit after this many milliseconds."), QStringLiteral("ms"));
    const QCommandLineOption tab(QStringLiteral("tab"), QStringLiteral("Centre tab to show: map or train."),
        QStringLiteral("name"));
    const QCommandLineOption window(QStringLiteral("window"),
        QStringLiteral("Once a dataset is loaded, put its window N on the drum grid."), QStringLiteral("n"));
    const QCommandLineOption file(QStringLiteral("file"),
        QStringLiteral("With --window: also select row N of the file table."), QStringLiteral("n"));
    const QCommandLineOption play(QStringLiteral("play"), QStringLiteral("Start playing at once."));
    const QCommandLineOption about(QStringLiteral("about"), QStringLiteral("Open the About box."));
    const QCommandLineOption model(QStringLiteral("model"),
        QStringLiteral("Open this model file (default: the bundled 2D RhythmVAE)."), QStringLiteral("file"));
    parser.addOptions({screenshot, quitAfter, tab, window, file, play, about, model});
    parser.process(app);

    gs::AppOptions options;
    options.screenshotPath = parser.value(screenshot);
    options.tab = parser.value(tab);
    options.importPaths = parser.positionalArguments();
    options.play = parser.isSet(play);
    options.fileRow = parser.isSet(file) ? parser.value(file).toInt() : -1;
    options.showAbout = parser.isSet(about);
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

    gs::Application application(options);
    if (!application.start())
        return 1;
    return app.exec();
}
