// Figures for the latent map, printed side by side with a reference:
//  1. frames/s while the cursor is dragged (one move per frame) over 25,000
//     points, against the same drag over an empty map (the renderer's ceiling);
//  2. time from a cursor move to the new pattern in the audio engine's FIFO:
//     the real decode worker (a RhythmVAE trained for 2 epochs on GMD files),
//     the Session, the Transport building the Pattern and the AudioLink
//     pushing it to the Engine (Immediate change), running on the silent
//     driver when there is no sound card. All of that happens synchronously
//     inside Session::setGroove, so the timestamp is taken in a slot on
//     Transport::patternReady connected after AudioLink's.
//  3. "Play path": the click to the sequence on the transport, and the path
//     steps the engine reports playing (they move the step ringed on the map).
// Run: xvfb-run -a env QSG_RENDER_LOOP=basic build/<dir>/bin/bench_map
// (offscreen uses the software renderer: figures from it say nothing about the GPU path).
#include "transport/audiolink.h"
#include "dataset/dataset.h"
#include "map/mapcontroller.h"
#include "map/mapitem.h"
#include "model/model.h"
#include "services.h"
#include "tinydataset.h"
#include "train/trainer.h"
#include "map/interpolationmodel.h"
#include "transport/transport.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQuickWindow>
#include <QSGRendererInterface>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

using namespace gs;

namespace {

std::vector<MapPointSource> cloud(int count)
{
    // A Gaussian mixture the size of the whole Groove MIDI Dataset's windows (positions only).
    std::mt19937 rng(7);
    std::normal_distribution<float> n(0.0f, 1.0f);
    std::vector<MapPointSource> points(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        const int style = i % 9;
        const float cx = 2.0f * std::cos(float(style)), cy = 2.0f * std::sin(float(style));
        points[std::size_t(i)] = {cx + 0.6f * n(rng), cy + 0.6f * n(rng), 0.0f, i / 40, i % 40, style, float(6 + i % 40)};
    }
    return points;
}

// Drags the cursor in a circle, one move per swapped frame, for `seconds`; returns frames/s.
double dragFps(QQuickWindow& window, MapModel& map, double seconds)
{
    int frames = 0;
    QElapsedTimer timer;
    QMetaObject::Connection c = QObject::connect(&window, &QQuickWindow::frameSwapped, &window, [&] {
        ++frames;
        const double t = frames * 0.05;
        map.moveCursor(QPointF(2.5 * std::cos(t), 2.5 * std::sin(t)));
        window.update();
    });
    timer.start();
    map.moveCursor(QPointF(0, 0));
    window.update();
    while (timer.elapsed() < seconds * 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    QObject::disconnect(c);
    return frames / (timer.elapsed() / 1000.0);
}

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p * double(v.size() - 1) + 0.5))];
}

} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QQuickWindow window;
    window.resize(1200, 800);
    MapModel map;
    auto* item = new MapItem(window.contentItem());
    item->setSize(QSizeF(1200, 800));
    item->setModel(&map);
    window.show();
    for (int i = 0; i < 20; ++i)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    const auto api = window.rendererInterface()->graphicsApi();
    std::printf("renderer: %s\n", api == QSGRendererInterface::Software ? "software (figures not meaningful)"
                                  : api == QSGRendererInterface::OpenGL ? "OpenGL" : "other");

    map.setPoints({}, {}, {});
    const double emptyFps = dragFps(window, map, 3.0);
    map.setPoints(cloud(25000), {}, {"a", "b", "c", "d", "e", "f", "g", "h", "i"});
    const double fullFps = dragFps(window, map, 3.0);
    // The longest freehand recording (4,096 positions) and a 64-step path: the overlay redrawn on every move.
    QVariantList freehand, line;
    for (int i = 0; i < 4096; ++i)
        freehand << QPointF(2.0 * std::cos(i * 0.01) * (0.3 + i / 6000.0), 2.0 * std::sin(i * 0.01) * (0.3 + i / 6000.0));
    for (int i = 0; i < 64; ++i)
        line << QPointF(-2.5 + 5.0 * i / 63, 0.5);
    item->setFreehandPath(freehand);
    item->setPath(line);
    const double pathsFps = dragFps(window, map, 3.0);
    std::printf("drag frames/s           %8s %10s %22s\n", "empty map", "25,000 pts", "+ 4,096 freehand + 64");
    std::printf("                        %8.1f %10.1f %22.1f   (target 60)\n", emptyFps, fullFps, pathsFps);

    // Decode latency through the real worker.
    std::shared_ptr<const Dataset> dataset = test::tinyGmdDataset();
    if (!dataset) {
        std::printf("decode latency: skipped (shared GMD data missing)\n");
        return 0;
    }
    ModelConfig config;
    config.latent = 2;
    config.grid = dataset->mostCommonGrid();
    config.drumMap = dataset->settings().map;  // RhythmVAE at its published widths (512 / 1024)
    Result<Model> model = Model::create(config, 1);
    if (!model.ok())
        return 1;
    TrainOptions options;
    options.epochs = 2;
    Trainer trainer(model.value(), TrainingSet::fromDataset(*dataset, config.grid, "bench"), options);
    trainer.run({});
    Session session(nullptr);
    session.setDataset(dataset, QStringLiteral("bench"));
    MapController controller;
    controller.setSession(&session);
    session.setModel(std::make_shared<Model>(trainer.model()), QStringLiteral("bench"));
    QElapsedTimer wait;
    wait.start();
    while (!controller.ready() && wait.elapsed() < 60000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    // The app's sound path: engine + silent driver (or the sound card), a transport that plays.
    AudioLink link(&session);
    Transport transport(&session, nullptr);
    Services::connectSound(transport, link);  // as the app's composition root does
    transport.setPlaying(true);
    std::printf("audio: %s\n", qPrintable(link.status()));
    QElapsedTimer moveClock;
    double patternMs = -1.0;
    // Connected after AudioLink's own slot: it runs once the pattern is in the engine's FIFO.
    QObject::connect(&transport, &Transport::patternReady, [&] { patternMs = moveClock.nsecsElapsed() / 1e6; });
    std::vector<double> isolated, toEngine, dragging;
    // Isolated moves: one at a time, each waited for.
    for (int i = 0; i < 200; ++i) {
        const int before = controller.decodeCount();
        patternMs = -1.0;
        moveClock.start();
        controller.map()->moveCursor(QPointF(std::cos(i * 0.1), std::sin(i * 0.1)));
        while (controller.decodeCount() == before)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
        isolated.push_back(controller.lastDecodeMs());
        if (patternMs >= 0.0)
            toEngine.push_back(patternMs);
    }
    // A drag: a move every 4 ms (faster than a 60 Hz mouse); latest request wins.
    QObject::connect(&controller, &MapController::decoded, [&] { dragging.push_back(controller.lastDecodeMs()); });
    QElapsedTimer drag;
    drag.start();
    int moves = 0;
    while (drag.elapsed() < 2000) {
        controller.map()->moveCursor(QPointF(std::cos(moves * 0.02), std::sin(moves * 0.02)));
        ++moves;
        const qint64 next = drag.elapsed() + 4;
        while (drag.elapsed() < next)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 1);
    }
    std::printf("move -> pattern in the engine's FIFO (ms)   median    p95    max   decodes/moves\n");
    std::printf("  isolated moves (patternReady slot) %6.3f %6.3f %6.3f   %d/%d\n", percentile(toEngine, 0.5),
                percentile(toEngine, 0.95), percentile(toEngine, 1.0), int(toEngine.size()), 200);
    std::printf("  isolated moves (after setGroove)   %6.3f %6.3f %6.3f   %d/%d\n", percentile(isolated, 0.5),
                percentile(isolated, 0.95), percentile(isolated, 1.0), int(isolated.size()), 200);
    std::printf("  drag, a move every 4 ms            %6.3f %6.3f %6.3f   %d/%d\n", percentile(dragging, 0.5),
                percentile(dragging, 0.95), percentile(dragging, 1.0), int(dragging.size()), moves);
    std::printf("  reference: one frame at 60 Hz = 16.67 ms\n");

    // "Play path" through the engine: three steps decoded in one batch, queued as one
    // sequence; the engine's position reports move the step the map rings.
    InterpolationModel path;
    path.setController(&controller);
    path.player()->setTransport(&transport);
    path.setEnds(controller.pointZ(0), controller.pointZ(controller.map()->count() - 1));
    path.setSteps(3);
    session.setBpm(300);  // 2-bar grooves: 1.6 s each
    std::vector<int> heard;
    QObject::connect(path.player(), &PathPlayer::playingStepChanged, [&] {
        const int step = path.player()->playingStep();
        if (step >= 0 && (heard.empty() || heard.back() != step))
            heard.push_back(step);
    });
    QElapsedTimer handedAt;
    double handMs = 0.0;
    QObject::connect(path.player(), &PathPlayer::handed, [&] { handMs = handedAt.nsecsElapsed() / 1e6; });
    handedAt.start();
    path.playPath();
    QElapsedTimer play;
    play.start();
    while (play.elapsed() < 5600)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    std::printf("play path (3 steps): handed to the transport %.2f ms after the click; steps heard:", handMs);
    for (int step : heard)
        std::printf(" %d", step);
    std::printf("\n");
    path.stopPath();
    return 0;
}
