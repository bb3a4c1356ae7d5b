// Follow mode, timed in real time on the app's own path: the composition root's Services
// (the audio link on whatever driver the machine has: the no-device driver's real-time
// thread here), the Groove panel's view-model and worker, the bundled Groove Transformer.
// A four-on-the-floor-with-offbeats rhythm is tapped (Accompaniment::tapAt, the MIDI input's
// entry) through every loop at 120 BPM; for each answer it prints when it was ready to play
// against the loop's end (negative: before it, so it starts exactly there) and the model's own
// time per two-bar generation. Reference: the Groove Transformer slides call under 10 ms per
// generation enough for real time; a loop end is the deadline that matters to the player.
// Run: build/release/bin/bench_follow [loops]   (QT_QPA_PLATFORM=offscreen is fine)
#include "audio/midiinput.h"
#include "groove/accompaniment.h"
#include "services.h"
#include "tinydataset.h"
#include "transport/audiolink.h"
#include "transport/transport.h"

#include <QGuiApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace gs;

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    const int loops = argc > 1 ? std::max(2, std::atoi(argv[1])) : 12;
    Services services;  // the real device path: JACK, PulseAudio, ALSA, else the no-device driver
    Accompaniment* acc = services.accompaniment();
    std::printf("audio: %s\n", qPrintable(services.transport()->deviceStatus()));
    QObject::connect(acc, &Accompaniment::modelChanged, &app, [&] {
        std::printf("model: %s\n", qPrintable(acc->modelName()));
        const auto dataset = test::tinyGmdDataset();
        services.session()->setBpm(120.0);
        services.session()->setGroove(dataset->windows()[0].groove, GrooveSource::Dataset);
        services.transport()->setPlaying(true);
        acc->setFollow(true);
    });
    acc->loadModel(Accompaniment::defaultModelPath());
    std::vector<double> ready, model;
    QObject::connect(acc, &Accompaniment::generated, &app, [&] {
        ready.push_back(acc->lastLatencyMs());
        model.push_back(acc->lastGenerationMs());
        std::printf("answer %2zu: ready %7.1f ms from the loop end, model %.2f ms, %d hits\n", ready.size(),
            acc->lastLatencyMs(), acc->lastGenerationMs(), acc->lastHits());
        if (int(ready.size()) >= loops)
            app.quit();
    });
    // Taps every quarter note and on the "and" of 2 and 4, 10 ms late (a human's push), checked every 2 ms.
    QTimer taps;
    taps.setTimerType(Qt::PreciseTimer);
    double next = 0.0;
    QObject::connect(&taps, &QTimer::timeout, &app, [&] {
        if (!services.transport()->playing())
            return;
        const double now = MidiInput::now();
        if (next == 0.0)
            next = now + 0.5;
        if (now >= next) {
            acc->tapAt(now, 0.8);
            static int n = 0;
            next += (n++ % 3 == 2) ? 0.25 : 0.125;
        }
    });
    taps.start(2);
    QTimer::singleShot(120000, &app, &QCoreApplication::quit);
    app.exec();
    if (ready.size() < 2) {
        std::printf("too few answers (%zu): %s\n", ready.size(), qPrintable(acc->status()));
        return 1;
    }
    auto sorted = [](std::vector<double> v) { std::sort(v.begin(), v.end()); return v; };
    const auto r = sorted(ready), m = sorted(model);
    std::printf("\nfollow mode, %zu answers at 120 BPM (a pass closes 62.5 ms before its loop ends):\n", r.size());
    std::printf("  ready before the loop end: median %.1f ms, worst %.1f ms (negative = in time)\n", r[r.size() / 2], r.back());
    std::printf("  model time per two bars:   median %.2f ms, max %.2f ms\n", m[m.size() / 2], m.back());
    return 0;
}
