// Engine::process() allocates, frees and locks nothing across a busy run:
// patterns swapped every block, queued and next-bar changes, a kit change,
// settings changes, start/stop, MIDI notes and clock, 64 sounding voices.
#include "audiotest.h"
#include "realtimeprobe.h"

#include <QtTest/QtTest>

#include <mutex>

using namespace gs;
using namespace gs::test;

class TestRealtime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void probeCountsWhatItShould()
    {
        // The probe itself must be able to fail the test below.
        armRealtimeProbe();
        int* volatile made = new int(3);  // volatile: the compiler may not elide the pair
        delete made;
        std::mutex m;
        m.lock();
        m.unlock();
        const RealtimeCounts c = disarmRealtimeProbe();
        QCOMPARE(c.allocations, 1L);
        QCOMPARE(c.frees, 1L);
        QCOMPARE(c.locks, 1L);
        if (realtimeProbeCountsMalloc()) {
            armRealtimeProbe();
            void* (*volatile allocate)(std::size_t) = &std::malloc;  // not elidable
            void (*volatile release)(void*) = &std::free;
            release(allocate(16));
            const RealtimeCounts d = disarmRealtimeProbe();
            QCOMPARE(d.allocations, 1L);
            QCOMPARE(d.frees, 1L);
        }
    }

    void retiredSnapshotsAreFreedOnTheControlThread()
    {
        Engine engine;
        engine.prepare(48000.0);
        auto first = makePattern({{0, 0, 0.9f, 0.0f}});
        auto second = makePattern({{4, 1, 0.9f, 0.0f}});
        auto kit = loadAssetKit("acoustic", 48000.0);
        QVERIFY(engine.setKit(kit));
        QVERIFY(engine.setPattern(first));
        std::vector<float> block(512);
        engine.process(block.data(), 256);
        QCOMPARE(first.use_count(), 2L);  // the engine holds it
        QVERIFY(engine.setPattern(second));
        engine.process(block.data(), 256);  // the audio thread retires `first`...
        QCOMPARE(first.use_count(), 2L);  // ...but never frees it itself
        QCOMPARE(engine.collectGarbage(), 1);
        QCOMPARE(first.use_count(), 1L);
        QCOMPARE(kit.use_count(), 2L);
    }

    void processAllocatesAndLocksNothing()
    {
        const double rate = 48000.0;
        auto acoustic = loadAssetKit("acoustic", rate);
        auto gm = loadAssetKit("gm-standard", rate);
        QVERIFY(acoustic && gm);

        // Two dense two-bar grooves: every voice on every step.
        std::vector<TestHit> dense, other;
        for (int s = 0; s < 32; ++s)
            for (int v = 0; v < 9; ++v) {
                dense.push_back({s, v, 0.3f + 0.07f * float(v), (s % 3 - 1) * 0.3f});
                if ((s + v) % 2)
                    other.push_back({s, v, 0.9f, 0.0f});
            }
        std::vector<std::shared_ptr<const Pattern>> patterns;
        for (int i = 0; i < 8; ++i)
            patterns.push_back(makePattern(i % 2 ? dense : other, 2));

        Engine engine;
        engine.prepare(rate);
        EngineSettings settings;
        settings.bpm = 240.0;
        settings.polyphony = 64;
        settings.midiOut = true;
        settings.midiClock = true;
        settings.metronome = true;
        settings.swingPercent = 60.0;
        settings.masterGain = 1.5f;  // loud: the master limiter works through the run
        QVERIFY(engine.setSettings(settings));
        QVERIFY(engine.setKit(gm));
        QVERIFY(engine.setPattern(patterns[0]));
        QVERIFY(engine.start());

        std::vector<float> block(2 * 256);
        RealtimeCounts total;
        int maxVoices = 0;
        long midiMessages = 0;
        const int blocks = 2000;  // about 10.7 s of audio
        for (int b = 0; b < blocks; ++b) {
            // Control thread's work, outside the probe.
            engine.setPattern(patterns[std::size_t(b) % patterns.size()],
                b % 3 == 0 ? PatternChange::Immediate : (b % 3 == 1 ? PatternChange::NextBar : PatternChange::Queue));
            if (b == 700)
                QVERIFY(engine.setKit(acoustic));
            if (b % 250 == 0) {
                settings.swingPercent = 50.0 + double(b % 500) / 25.0;
                engine.setSettings(settings);
            }
            if (b == 1500)
                engine.stop();
            if (b == 1510)
                engine.start();
            if (b % 50 == 0)
                engine.clearQueue();
            if (b % 40 == 5)
                engine.audition(38 + b % 12, 0.8f);  // the kit browser's one-shots, also while stopped

            armRealtimeProbe();
            engine.process(block.data(), 256);
            const RealtimeCounts c = disarmRealtimeProbe();
            total.allocations += c.allocations;
            total.frees += c.frees;
            total.locks += c.locks;

            PositionEvent e;
            while (engine.popPosition(e))
                maxVoices = std::max(maxVoices, e.voices);
            MidiEvent m;
            while (engine.popMidi(m))
                ++midiMessages;
            engine.collectGarbage();
        }
        const EngineStats stats = engine.stats();
        qInfo("busy run: %llu hits, up to %d voices, %ld MIDI messages, %d blocks",
            static_cast<unsigned long long>(stats.hitsPlayed), maxVoices, midiMessages, blocks);
        QVERIFY(stats.hitsPlayed > 800);  // ~5 loops of 144..288 hits
        QVERIFY2(maxVoices >= 64, qPrintable(QString::number(maxVoices)));
        QVERIFY(midiMessages > 2000);  // note on/off and 24 ppqn clock
        QVERIFY2(stats.framesLimited > 10000, qPrintable(QString::number(stats.framesLimited)));
        QCOMPARE(total.allocations, 0L);
        QCOMPARE(total.frees, 0L);
        QCOMPARE(total.locks, 0L);
    }

    void rebuildingTheLargestScheduleAllocatesNothing()
    {
        // A groove of 8,192 hits (the most a pattern holds) rebuilt on the audio thread at every
        // settings change: the sort happens inside process().
        std::vector<TestHit> hits;
        for (int step = 0; step < 256; ++step)
            for (int v = 0; v < 32; ++v)
                hits.push_back({step, v, 0.5f, float((step + v) % 5 - 2) * 0.4f});
        auto pattern = makePattern(hits, 16, 32);
        QVERIFY(pattern && int(pattern->hits.size()) == Pattern::kMaxHits);
        Engine engine;
        engine.prepare(48000.0);
        QVERIFY(engine.setKit(loadAssetKit("acoustic", 48000.0)));
        QVERIFY(engine.setPattern(pattern));
        QVERIFY(engine.start());
        std::vector<float> block(2 * 256);
        EngineSettings settings;
        RealtimeCounts total;
        for (int b = 0; b < 40; ++b) {
            settings.swingPercent = 50.0 + double(b % 20);
            QVERIFY(engine.setSettings(settings));
            armRealtimeProbe();
            engine.process(block.data(), 256);
            const RealtimeCounts c = disarmRealtimeProbe();
            total.allocations += c.allocations;
            total.frees += c.frees;
            total.locks += c.locks;
            engine.collectGarbage();
        }
        QVERIFY(engine.stats().hitsPlayed > 30);  // two steps of 32 hits in 0.2 s at 120 BPM
        QCOMPARE(total.allocations, 0L);
        QCOMPARE(total.frees, 0L);
        QCOMPARE(total.locks, 0L);
    }
};

QTEST_GUILESS_MAIN(TestRealtime)
#include "tst_realtime.moc"
