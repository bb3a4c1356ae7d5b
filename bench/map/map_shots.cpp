// Screenshots of the map (2D and 3D) and the training dashboard, as the app
// shows them, for the docs and for checking the 3D view really draws.
// Run under xvfb-run (Quick 3D renders blank on the offscreen platform):
//   xvfb-run -a build/<dir>/bin/map_shots OUTDIR
// The session holds 6 Groove MIDI Dataset files and a RhythmVAE (latent 3)
// trained on them in the training view itself.
#include "dataset/dataset.h"
#include "services.h"
#include "session.h"
#include "tinydataset.h"

#include <QApplication>
#include <QDir>
#include <QPalette>
#include <QElapsedTimer>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QtQml/qqmlextensionplugin.h>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(GroovescapeUiPlugin)
Q_IMPORT_QML_PLUGIN(GroovescapePlugin)

namespace {

void spin(int ms)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
}

bool waitFor(const std::function<bool()>& done, int ms)
{
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < ms)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    return done();
}

bool save(QQuickView& view, const QString& path)
{
    const QImage image = view.grabWindow();
    const bool ok = image.save(path);
    std::printf("%s %s (%dx%d)\n", ok ? "wrote" : "FAILED", qPrintable(path), image.width(), image.height());
    return ok;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    // The main window sets this palette in QML; these views are shown on their own here.
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x15, 0x17, 0x1a));
    palette.setColor(QPalette::WindowText, QColor(0xd6, 0xd9, 0xdc));
    palette.setColor(QPalette::Text, QColor(0xd6, 0xd9, 0xdc));
    palette.setColor(QPalette::Base, QColor(0x1c, 0x1f, 0x23));
    palette.setColor(QPalette::Button, QColor(0x23, 0x27, 0x2c));
    palette.setColor(QPalette::ButtonText, QColor(0xd6, 0xd9, 0xdc));
    QGuiApplication::setPalette(palette);
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral(".");
    QDir().mkpath(out);
    // The app's own services (no sound card: the manual driver), reached by the views as `App`.
    gs::Services services(gs::AudioLink::Driver::Manual);
    qmlRegisterSingletonInstance("Groovescape.App", 1, 0, "App", &services);
    gs::Session& session = *services.session();
    std::shared_ptr<const gs::Dataset> dataset = gs::test::tinyGmdDataset();
    if (!dataset) {
        std::fprintf(stderr, "map_shots: the shared GMD data is missing\n");
        return 1;
    }
    session.setDataset(dataset, QStringLiteral("GMD drummer1 (6 files)"));

    QQuickView training;
    training.engine()->addImportPath(QStringLiteral(":/"));
    training.setResizeMode(QQuickView::SizeRootObjectToView);
    training.resize(1280, 720);
    training.setSource(QUrl(QStringLiteral("qrc:/Groovescape/TrainingView.qml")));
    if (!training.rootObject())
        return 1;
    training.show();
    gs::TrainingModel* model = services.training();
    model->setProperty("saveFolder", QString());
    gs::TrainingSettings settings = model->settings();
    settings.setLatent(3);
    settings.setEpochs(25);
    settings.setHidden(256);
    model->setSettings(settings);
    QMetaObject::invokeMethod(model, "start");
    if (!waitFor([&] { return !model->property("running").toBool(); }, 240000))
        return 1;
    QObject* chart = training.rootObject()->property("lossChart").value<QObject*>();
    QMetaObject::invokeMethod(chart, "showTerm", Q_ARG(QVariant, QStringLiteral("Kl")), Q_ARG(QVariant, true));
    spin(500);
    save(training, out + QStringLiteral("/training.png"));

    QQuickView map;
    map.engine()->addImportPath(QStringLiteral(":/"));
    map.setResizeMode(QQuickView::SizeRootObjectToView);
    map.resize(1280, 720);
    map.setSource(QUrl(QStringLiteral("qrc:/Groovescape/MapView.qml")));
    if (!map.rootObject())
        return 1;
    map.show();
    QObject* controller = map.rootObject()->property("controller").value<QObject*>();
    if (!waitFor([&] { return controller->property("ready").toBool(); }, 60000))
        return 1;
    QMetaObject::invokeMethod(controller, "jumpToPoint", Q_ARG(int, 10));
    spin(800);
    save(map, out + QStringLiteral("/map-2d.png"));
    map.rootObject()->setProperty("show3D", true);
    spin(1500);
    save(map, out + QStringLiteral("/map-3d.png"));
    return 0;
}
