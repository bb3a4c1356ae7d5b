// The Groove panel's view-model with the bundled Groove Transformer (groove mode) and
// the app's real sound path offline (AudioLink's manual driver): a rhythm from a real
// Groove MIDI Dataset window in the lane gives the drums `drumify` gives; the redirect
// flags and the style reach the decoder; A/B crossfades between two answers; and in
// follow mode, note-on messages fed as a MIDI port delivers them, at known times while
// the loop plays, are answered with drums that equal drumify of the same rhythm, ready
// before the loop ends and playing from the next loop's first step.
#include "core/monotonic.h"
#include "groove/accompaniment.h"
#include "latent/accompanist.h"
#include "model/model.h"
#include "services.h"
#include "session.h"
#include "tinydataset.h"
#include "transport/audiolink.h"
#include "transport/clocksync.h"
#include "transport/transport.h"

#include <QSignalSpy>
#include <QtTest/QtTest>

#include <cmath>

using namespace gs;

namespace {

QString bundledModel() { return QString::fromStdString((test::sourceDir() / "models/groove-transformer.gsmodel").string()); }

// The panel on a session and transport of its own, the model loaded (waits for the worker).
struct Panel {
    Session session{nullptr};
    Transport transport{&session, nullptr};
    Accompaniment acc{&session, &transport};
    bool load(const QString& path)
    {
        QSignalSpy changed(&acc, &Accompaniment::modelChanged);
        QSignalSpy status(&acc, &Accompaniment::statusChanged);
        acc.loadModel(path);
        return changed.wait(20000) || acc.ready();
    }
    // Generates from the lane and waits for the answer.
    bool generate()
    {
        const int before = acc.generations();
        acc.generate();
        acc.waitIdle();
        return QTest::qWaitFor([&] { return acc.generations() > before; }, 10000);
    }
};

// A rhythm that is real: the monotonic groove of a funk window of the Groove MIDI Dataset.
Groove realRhythm(int window)
{
    const auto dataset = test::tinyGmdDataset();
    if (!dataset || dataset->windowCount() <= window)
        return {};
    return monotonicGroove(dataset->windows()[std::size_t(window)].groove);
}

// drumify's options as the panel's defaults are (locked to the rhythm).
AccompanyOptions panelOptions()
{
    AccompanyOptions o;
    o.lockToRhythm = true;
    return o;
}

bool sameHits(const Groove& a, const Groove& b) { return a.voices() == b.voices() && a.steps() == b.steps() && a.sameHits(b); }

} // namespace

class TestAccompaniment : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo::exists(bundledModel()), qPrintable(bundledModel() + " is missing"));
        QVERIFY2(test::tinyGmdDataset(), "the Groove MIDI Dataset files are missing (GS_SHARED_DATA)");
    }

    void loadsTheBundledModelAndRefusesAMapModel()
    {
        Panel panel;
        QVERIFY(panel.load(bundledModel()));
        QVERIFY(panel.acc.ready());
        QCOMPARE(panel.acc.steps(), 32);
        QVERIFY(!panel.acc.styles().isEmpty());
        QCOMPARE(panel.acc.groups(), (QStringList{"kick", "snare", "hats", "toms", "cymbals"}));

        Panel other;
        const QString map = QString::fromStdString((test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
        QSignalSpy status(&other.acc, &Accompaniment::statusChanged);
        other.acc.loadModel(map);
        QVERIFY(QTest::qWaitFor([&] { return other.acc.status().startsWith("Cannot use"); }, 20000));
        QVERIFY(!other.acc.ready());
        QVERIFY2(other.acc.status().contains("rhythmvae-2d"), qPrintable(other.acc.status()));
    }

    void theLaneGivesWhatDrumifyGives()
    {
        Panel panel;
        QVERIFY(panel.load(bundledModel()));
        const Groove rhythm = realRhythm(0);
        QVERIFY(rhythm.hitCount() > 4);
        panel.acc.setRhythm(rhythm);
        QCOMPARE(panel.acc.rhythm().hitCount(), rhythm.hitCount());
        QVERIFY(panel.generate());
        QCOMPARE(panel.session.grooveSource(), QString("accompaniment"));
        const Result<Groove> expected = panel.acc.accompanist()->drumify(rhythm, {}, panelOptions());
        QVERIFY(expected.ok());
        QVERIFY(expected.value().hitCount() > 0);
        QVERIFY(sameHits(panel.session.groove(), expected.value()));
        QCOMPARE(panel.acc.lastHits(), expected.value().hitCount());
        QCOMPARE(panel.transport.patternHits(), expected.value().hitCount());  // what the sequencer got
        // Locked to the rhythm (the panel's default): a drum on every step played, none elsewhere.
        const Groove& drums = panel.session.groove();
        for (int s = 0; s < drums.steps(); ++s) {
            bool any = false;
            for (int v = 0; v < drums.voices(); ++v)
                any = any || drums.hit(s, v);
            QVERIFY2(any == rhythm.hit(s, 0), qPrintable(QString("step %1").arg(s)));
        }
    }

    void redirectAndStyleReachTheDecoder()
    {
        Panel panel;
        QVERIFY(panel.load(bundledModel()));
        const Groove rhythm = realRhythm(2);
        panel.acc.setRhythm(rhythm);
        QVERIFY(panel.generate());
        const Groove plain = panel.session.groove();
        const int kick = 0;  // GrooVAE's voice 0 is the kick
        QVERIFY(plain.hitCount(kick) > 0);

        panel.acc.setWithout(int(VoiceGroup::Kick), true);
        QCOMPARE(panel.acc.without().at(0).toBool(), true);
        QVERIFY(panel.generate());
        AccompanyConditions noKick;
        noKick.without[std::size_t(VoiceGroup::Kick)] = true;
        const Result<Groove> expected = panel.acc.accompanist()->drumify(rhythm, noKick, panelOptions());
        QVERIFY(sameHits(panel.session.groove(), expected.value()));
        QVERIFY2(panel.session.groove().hitCount(kick) < plain.hitCount(kick),
            qPrintable(QString("kicks without: %1, with: %2").arg(panel.session.groove().hitCount(kick)).arg(plain.hitCount(kick))));

        panel.acc.setWithout(int(VoiceGroup::Kick), false);
        const QString style = panel.acc.styles().first();
        panel.acc.setStyle(style);
        QCOMPARE(panel.acc.style(), style);
        QVERIFY(panel.generate());
        AccompanyConditions styled;
        styled.style = style.toStdString();
        QVERIFY(sameHits(panel.session.groove(), panel.acc.accompanist()->drumify(rhythm, styled, panelOptions()).value()));
        panel.acc.setStyle("no-such-style");
        QCOMPARE(panel.acc.style(), QString());
    }

    void abCrossfadesBetweenTwoAnswers()
    {
        Panel panel;
        QVERIFY(panel.load(bundledModel()));
        panel.acc.setRhythm(realRhythm(0));
        QVERIFY(panel.generate());
        const Groove a = panel.session.groove();
        panel.acc.storeA();
        panel.acc.setRhythm(realRhythm(4));
        QVERIFY(panel.generate());
        const Groove b = panel.session.groove();
        panel.acc.storeB();
        QVERIFY(!sameHits(a, b));
        QVERIFY(panel.acc.hasA() && panel.acc.hasB());

        int before = panel.acc.generations();
        panel.acc.setCrossfade(0.0);  // already 0: nothing to do
        panel.acc.setCrossfade(1.0);
        panel.acc.waitIdle();
        QVERIFY(QTest::qWaitFor([&] { return panel.acc.generations() > before; }, 10000));
        QVERIFY(sameHits(panel.session.groove(), b));
        before = panel.acc.generations();
        panel.acc.setCrossfade(0.0);
        panel.acc.waitIdle();
        QVERIFY(QTest::qWaitFor([&] { return panel.acc.generations() > before; }, 10000));
        QVERIFY(sameHits(panel.session.groove(), a));
    }

    void followModeAnswersMidiNotesOneLoopLater()
    {
        // The app's path: AudioLink (manual driver, a 48 kHz card on a clock of our own) reports the
        // playhead; ClockSync takes MIDI bytes as the port delivers them; the composition root's wiring.
        Session session{nullptr};
        AudioLink link{&session, nullptr, AudioLink::Driver::Manual};
        Transport transport{&session, nullptr};
        Services::connectSound(transport, link);
        Accompaniment acc{&session, &transport};
        double now = 10.0;
        const double rate = 48000.0;
        link.setManualClock(now, rate);
        acc.setClockSource([&now] { return now; });
        QObject::connect(&link, &AudioLink::playheadAt, &acc, &Accompaniment::playheadAt);
        QObject::connect(link.clockSync(), &ClockSync::notePlayed, &acc,
            [&acc](int, int velocity, double seconds) { acc.tapAt(seconds, velocity / 127.0); });
        link.clockSync()->startFollowing();

        QSignalSpy loaded(&acc, &Accompaniment::modelChanged);
        acc.loadModel(bundledModel());
        QVERIFY(loaded.wait(20000));
        session.setBpm(120.0);  // 8 sixteenths a second
        const auto dataset = test::tinyGmdDataset();
        session.setGroove(dataset->windows()[1].groove, GrooveSource::Dataset);  // a 32-step loop plays
        transport.setPlaying(true);
        acc.setFollow(true);

        std::int64_t rendered = 0;
        auto renderTo = [&](double until) {  // 10 ms slices; the sync polls after each, as the GUI timer does
            while (now < until - 1e-9) {
                now += 0.01;
                const auto due = std::int64_t(std::llround((now - 10.0) * rate)) - rendered;
                link.processFrames(int(due));
                rendered += due;
                link.clockSync()->poll(now);
            }
        };
        renderTo(10.1);
        const PositionEvent start = link.lastPosition();
        QVERIFY(start.playing);
        QCOMPARE(start.steps, 32);
        // When the loop's step 0 was heard (the playhead reports where it is at a frame's time).
        const double loopStart = 10.0 + double(start.frame) / rate - start.step / 8.0 - double(start.loop) * 4.0;

        // The second loop: the player's notes, at known times (a step and a timing in half steps).
        struct Note { int step; double offset; int velocity; };
        const std::vector<Note> notes{{0, 0.0, 110}, {3, 0.3, 60}, {6, -0.4, 90}, {8, 0.0, 120}, {11, 0.2, 70},
            {14, 0.0, 80}, {16, -0.2, 115}, {19, 0.0, 65}, {22, 0.5, 95}, {24, 0.0, 118}, {27, -0.3, 70}, {30, 0.1, 85}};
        Groove expected(acc.accompanist()->grid(), 1);
        for (const Note& n : notes) {
            const double at = loopStart + (32.0 + n.step + n.offset / 2.0) / 8.0;
            renderTo(at);
            const std::uint8_t bytes[] = {0x99, std::uint8_t(40 + n.step), std::uint8_t(n.velocity)};
            link.clockSync()->feed(bytes, 3, at);
            expected.setHit(n.step, 0, float(n.velocity) / 127.0f, float(n.offset));
        }
        const int before = acc.generations();
        // Past the pass's close (half a step before the loop's end), short of the end itself.
        const double loopEnd = loopStart + 64.0 / 8.0;
        renderTo(loopEnd - 0.04);
        QVERIFY(acc.generations() == before);  // answered on the worker, delivered through the event loop
        acc.waitIdle();
        QVERIFY(QTest::qWaitFor([&] { return acc.generations() > before; }, 10000));

        // The lane holds what was played, quantised, with its timing.
        QCOMPARE(acc.rhythm().hitCount(), int(notes.size()));
        for (const Note& n : notes) {
            QVERIFY2(acc.rhythm().hit(n.step, 0), qPrintable(QString("step %1").arg(n.step)));
            QVERIFY(std::abs(acc.rhythm().offset(n.step, 0) - float(n.offset)) < 0.02f);
            QVERIFY(std::abs(acc.rhythm().velocity(n.step, 0) - float(n.velocity) / 127.0f) < 1e-4f);
        }
        // The drums are drumify's of the same rhythm, ready before the loop's end ...
        const Result<Groove> drumified = acc.accompanist()->drumify(expected, {}, panelOptions());
        QVERIFY(drumified.ok());
        QVERIFY(sameHits(session.groove(), drumified.value()));
        QCOMPARE(session.grooveSource(), QString("accompaniment"));
        QVERIFY2(acc.lastLatencyMs() < 0.0, qPrintable(QString::number(acc.lastLatencyMs())));
        // ... and the engine takes them at the loop's end, not before.
        const std::uint64_t answer = transport.pattern()->id;
        QVERIFY(link.lastPosition().patternId != answer);
        renderTo(loopEnd - 0.01);
        QVERIFY(link.lastPosition().patternId != answer);
        renderTo(loopEnd + 0.1);
        QCOMPARE(link.lastPosition().patternId, answer);
        QCOMPARE(link.lastPosition().loop, start.loop + 2);
        QVERIFY(link.lastPosition().step < 2.0);

        // A loop with no notes leaves the drums as they are.
        const int answered = acc.generations();
        renderTo(loopEnd + 4.0);
        QCoreApplication::processEvents();
        acc.waitIdle();
        QCoreApplication::processEvents();
        QCOMPARE(acc.generations(), answered);
    }
};

QTEST_MAIN(TestAccompaniment)
#include "tst_accompaniment.moc"
