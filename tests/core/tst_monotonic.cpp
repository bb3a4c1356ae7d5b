// The monotonic groove of real Groove MIDI Dataset windows, checked by hand against the file's notes,
// and the rhythm of a MIDI part (src/midi/rhythmwindows) agreeing with it.
#include "core/monotonic.h"
#include "midi/groovemidi.h"
#include "midi/rhythmwindows.h"
#include "testdata.h"

#include <QtTest/QtTest>

using namespace gs;

class TestMonotonic : public QObject {
    Q_OBJECT
    std::vector<GrooveWindow> m_windows;
    MidiFile m_file;

private Q_SLOTS:
    void initTestCase()
    {
        GS_REQUIRE_SHARED(path, "gmd/drummer1/session1/101_dance-disco_120_beat_4-4.mid");
        auto file = readMidiFile(path.string());
        QVERIFY(file.ok());
        m_file = *file;
        m_windows = extractWindows(m_file, DrumMap::groovae(), WindowOptions{}).windows;
        QVERIFY(m_windows.size() > 4);
    }
    void firstWindowByHand()
    {
        // The file's first two bars (480 ticks a quarter, 120 a step), read note by note:
        //   step 0: splash 55 v88 at tick 0, pedal hat 44 v77, kick v62  -> the splash: 88, on time
        //   step 2: open-hat edge 26 v79 at 238, kick v6                 -> 79, 2 ticks early
        //   step 4: pedal hat v37, snare rim 40 v93 at 475, hat v45, kick -> 93, 5 ticks early
        //   step 12: kick v61, snare 38 v74 at 1444, hat v57             -> 74, 4 ticks late
        //   step 28: kick v62, side stick 37 v82 at 3340, hat v67        -> 82, 20 ticks early
        // and nothing on the odd steps 1, 3, 9, 11, 13, 17, ..., 29.
        const Groove mono = monotonicGroove(m_windows[0].groove);
        QCOMPARE(mono.voices(), 1);
        QCOMPARE(mono.steps(), 32);
        QVERIFY(mono.grid() == m_windows[0].groove.grid());
        const std::vector<int> hit = {0, 2, 4, 5, 6, 7, 8, 10, 12, 14, 15, 16, 18, 20, 22, 24, 26, 28, 30, 31};
        for (int s = 0; s < 32; ++s)
            QCOMPARE(mono.hit(s, 0), std::find(hit.begin(), hit.end(), s) != hit.end());
        const struct {
            int step, velocity, ticksOff;
        } loudest[] = {{0, 88, 0}, {2, 79, -2}, {4, 93, -5}, {12, 74, 4}, {28, 82, -20}};
        for (const auto& e : loudest) {
            QVERIFY2(std::abs(mono.velocity(e.step, 0) - e.velocity / 127.0f) < 1e-4f, qPrintable(QString::number(e.step)));
            QVERIFY2(std::abs(mono.offset(e.step, 0) - e.ticksOff / 60.0f) < 1e-4f, qPrintable(QString::number(e.step)));
        }
    }
    void everyWindowKeepsTheRhythm()
    {
        for (const GrooveWindow& w : m_windows) {
            const Groove mono = monotonicGroove(w.groove);
            for (int s = 0; s < w.groove.steps(); ++s) {
                float most = -1;
                for (int v = 0; v < w.groove.voices(); ++v)
                    if (w.groove.hit(s, v))
                        most = std::max(most, w.groove.velocity(s, v));
                QCOMPARE(mono.hit(s, 0), most >= 0);
                if (most >= 0)
                    QCOMPARE(mono.velocity(s, 0), most);
            }
        }
    }
    void midiRhythmOfTheDrumChannelIsTheSame()
    {
        // A drums-only file: the rhythm reads channel 10, and flattens it as the monotonic groove does.
        auto rhythm = extractRhythm(m_file, {}, "101_dance-disco");
        QVERIFY(rhythm.ok());
        QCOMPARE(rhythm->channels, std::vector<int>{9});
        QCOMPARE(rhythm->windows.size(), m_windows.size());
        for (std::size_t i = 0; i < m_windows.size(); ++i) {
            const Groove mono = monotonicGroove(m_windows[i].groove);
            QVERIFY(rhythm->windows[i].groove.sameHits(mono));
            for (int s = 0; s < mono.steps(); ++s)
                if (mono.hit(s, 0))
                    QCOMPARE(rhythm->windows[i].groove.velocity(s, 0), mono.velocity(s, 0));
        }
        // Channels without notes, or that do not exist, are errors naming the file.
        RhythmOptions silent;
        silent.channels = {0};
        auto none = extractRhythm(m_file, silent, "101_dance-disco");
        QVERIFY(!none.ok());
        QCOMPARE(none.error().file, std::string("101_dance-disco"));
        QVERIFY(none.error().message.find("no notes on channel 1") != std::string::npos);
        silent.channels = {16};
        QVERIFY(!extractRhythm(m_file, silent, "x").ok());
    }
};

QTEST_GUILESS_MAIN(TestMonotonic)
#include "tst_monotonic.moc"
