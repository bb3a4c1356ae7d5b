// MIDI -> groove windows (quantisation in ticks, meters, windows) and back
// (writer, reader, round trip), on hand-built files and real GMD files.
#include "midi/groovemidi.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <cmath>
#include <filesystem>

using namespace gs;

namespace {

constexpr int kTpq = 480;  // ticks per quarter in these hand-built files: a 16th step is 120 ticks

MidiNote hit(std::int64_t tick, int note, int velocity, int channel = 9)
{
    MidiNote n;
    n.tick = tick;
    n.endTick = tick + 60;
    n.note = note;
    n.velocity = velocity;
    n.channel = channel;
    return n;
}

MidiFile fileOf(std::vector<MidiNote> notes, std::int64_t length, std::vector<MeterChange> meters = {})
{
    MidiFile f;
    f.ticksPerQuarter = kTpq;
    f.notes = std::move(notes);
    f.lengthTicks = length;
    f.meters = std::move(meters);
    return f;
}

WindowOptions windows(int bars, int stepsPerBeat = 4, int hop = 0)
{
    WindowOptions o;
    o.bars = bars;
    o.stepsPerBeat = stepsPerBeat;
    o.hopBars = hop;
    return o;
}

const int kKick = 0;  // voices of DrumMap::groovae(): kick 36, snare 38, closed hat 42, ...
const int kSnare = 1;
const int kClosedHat = 2;

std::string gmd(const std::string& relative) { return "gmd/" + relative; }

// Hits on step 0 of the first groove played early cannot be written before the clip starts.
Groove withoutLeadIn(Groove g)
{
    for (int v = 0; v < g.voices(); ++v)
        if (g.hit(0, v) && g.offset(0, v) < 0.0f)
            g.setHit(0, v, g.velocity(0, v), 0.0f);
    return g;
}

// The reason of a failed result, or nothing (QVERIFY2 evaluates its message even on success).
template <typename T>
const char* why(const Result<T>& r)
{
    static std::string text;
    text = r ? std::string() : r.error().describe();
    return text.c_str();
}

QString tempFile(const QTemporaryDir& dir, const char* name) { return dir.filePath(QString::fromLatin1(name)); }

} // namespace

class TestGrooveMidi : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void offsetsAreSignedHalfSteps()
    {
        const MidiFile f = fileOf({hit(130, 36, 100), hit(110 + 240, 38, 64), hit(480, 42, 127)}, 3840);
        const DrumExtraction ex = extractWindows(f, DrumMap::groovae(), windows(2));
        QCOMPARE(int(ex.windows.size()), 1);
        const Groove& g = ex.windows[0].groove;
        QCOMPARE(g.steps(), 32);
        QVERIFY(g.hit(1, kKick));
        QVERIFY(qAbs(g.offset(1, kKick) - 10.0f / 60.0f) < 1e-6f);  // 10 ticks late of a 60-tick half step
        QVERIFY(qAbs(g.velocity(1, kKick) - 100.0f / 127.0f) < 1e-6f);
        QVERIFY(g.hit(3, kSnare));
        QVERIFY(qAbs(g.offset(3, kSnare) + 10.0f / 60.0f) < 1e-6f);  // early
        QVERIFY(g.hit(4, kClosedHat));
        QCOMPARE(g.offset(4, kClosedHat), 0.0f);
        QCOMPARE(g.velocity(4, kClosedHat), 1.0f);
        QCOMPARE(g.hitCount(), 3);
        QCOMPARE(ex.drumNotes, 3);
        QCOMPARE(ex.mappedNotes, 3);
        QCOMPARE(ex.bars, 2);
    }

    void lastHalfStepGoesToTheNextWindow()
    {
        // 2-bar windows of 4/4 are 3840 ticks; 30 and 60 ticks before the boundary.
        const MidiFile f = fileOf({hit(3840 - 30, 36, 90), hit(3840 - 60, 38, 80), hit(3840 - 61, 42, 70)}, 4 * 1920);
        const DrumExtraction ex = extractWindows(f, DrumMap::groovae(), windows(2));
        QCOMPARE(int(ex.windows.size()), 2);
        const Groove& first = ex.windows[0].groove;
        const Groove& second = ex.windows[1].groove;
        QVERIFY(second.hit(0, kKick));
        QVERIFY(qAbs(second.offset(0, kKick) + 0.5f) < 1e-6f);
        QVERIFY(second.hit(0, kSnare));  // exactly half a step early belongs to the later step
        QCOMPARE(second.offset(0, kSnare), -1.0f);
        QVERIFY(first.hit(31, kClosedHat));  // one tick less late stays on step 31
        QVERIFY(qAbs(first.offset(31, kClosedHat) - 59.0f / 60.0f) < 1e-6f);
        QCOMPARE(first.hitCount(), 1);
        QCOMPARE(second.hitCount(), 2);
        QCOMPARE(ex.windows[1].firstBar, 2);
    }

    void louderHitOnOneStepWins()
    {
        // Two kicks 20 ticks apart, then two closed hi-hats (42 and its edge, 22) on one step.
        const MidiFile f = fileOf({hit(0, 36, 50), hit(20, 36, 100), hit(600, 42, 110), hit(610, 22, 40)}, 3840);
        const DrumExtraction ex = extractWindows(f, DrumMap::groovae(), windows(2));
        const Groove& g = ex.windows.at(0).groove;
        QVERIFY(qAbs(g.velocity(0, kKick) - 100.0f / 127.0f) < 1e-6f);
        QVERIFY(qAbs(g.offset(0, kKick) - 20.0f / 60.0f) < 1e-6f);  // the louder hit's offset
        QVERIFY(qAbs(g.velocity(5, kClosedHat) - 110.0f / 127.0f) < 1e-6f);
        QCOMPARE(g.offset(5, kClosedHat), 0.0f);
        QCOMPARE(g.hitCount(), 2);
        QCOMPARE(ex.mappedNotes, 4);
    }

    void meterChangesStartNewWindows()
    {
        // 3 bars of 3/4 (1440 ticks each), then 7/8 (1680 ticks a bar) for 4 bars.
        const std::int64_t change = 3 * 1440;
        const MidiFile f = fileOf({hit(1440 + 480, 36, 100),  // bar 1 of 3/4, beat 2: step 12 + 4
                                   hit(change - 20, 38, 90),  // last half step before the change
                                   hit(change + 1680 + 360, 42, 80)},  // bar 1 of 7/8, 3rd eighth
                                  change + 4 * 1680, {{0, {3, 4}}, {change, {7, 8}}});
        const DrumExtraction ex = extractWindows(f, DrumMap::groovae(), windows(2));
        QCOMPARE(ex.bars, 7);
        QCOMPARE(ex.meter, (Meter{3, 4}));
        // 3/4: one window (bars 0-1); bar 2 cannot start a window that would straddle the change.
        // 7/8: windows at bars 3 and 5.
        QCOMPARE(int(ex.windows.size()), 3);
        QCOMPARE(ex.windows[0].firstBar, 0);
        QCOMPARE(ex.windows[1].firstBar, 3);
        QCOMPARE(ex.windows[2].firstBar, 5);
        QCOMPARE(ex.windows[0].groove.grid().meter, (Meter{3, 4}));
        QCOMPARE(ex.windows[0].groove.steps(), 24);
        QCOMPARE(ex.windows[1].groove.grid().meter, (Meter{7, 8}));
        QCOMPARE(ex.windows[1].groove.steps(), 28);
        QVERIFY(ex.windows[0].groove.hit(16, kKick));
        QVERIFY(ex.windows[1].groove.hit(0, kSnare));
        QVERIFY(qAbs(ex.windows[1].groove.offset(0, kSnare) + 20.0f / 60.0f) < 1e-6f);
        QVERIFY(ex.windows[1].groove.hit(14 + 3, kClosedHat));
        QCOMPARE(ex.windows[1].groove.hitCount(), 2);
    }

    void otherMeters_data()
    {
        QTest::addColumn<int>("num");
        QTest::addColumn<int>("den");
        QTest::addColumn<int>("stepsPerBar");
        QTest::newRow("6/8") << 6 << 8 << 12;
        QTest::newRow("5/4") << 5 << 4 << 20;
        QTest::newRow("7/8") << 7 << 8 << 14;
        QTest::newRow("5/8") << 5 << 8 << 10;
    }
    void otherMeters()
    {
        QFETCH(int, num);
        QFETCH(int, den);
        QFETCH(int, stepsPerBar);
        const std::int64_t bar = std::int64_t(kTpq) * 4 * num / den;
        // One hit on the downbeat of every bar, for 4 bars.
        std::vector<MidiNote> notes;
        for (int b = 0; b < 4; ++b)
            notes.push_back(hit(b * bar, 36, 100));
        const DrumExtraction ex = extractWindows(fileOf(notes, 4 * bar, {{0, {num, den}}}), DrumMap::groovae(), windows(1));
        QCOMPARE(ex.bars, 4);
        QCOMPARE(int(ex.windows.size()), 4);
        for (const GrooveWindow& w : ex.windows) {
            QCOMPARE(w.groove.steps(), stepsPerBar);
            QCOMPARE(w.groove.hitCount(), 1);
            QVERIFY(w.groove.hit(0, kKick));
            QCOMPARE(w.groove.offset(0, kKick), 0.0f);
        }
    }

    void tempoChangesDoNotMoveTheGrid()
    {
        std::vector<MidiNote> notes;
        for (int i = 0; i < 64; ++i)
            notes.push_back(hit(i * 120 + (i % 5) * 7 - 14, 36 + (i % 3) * 3, 30 + i));
        notes.erase(notes.begin());  // no hit before tick 0
        MidiFile steady = fileOf(notes, 4 * 1920);
        MidiFile rubato = steady;
        for (int i = 0; i < 40; ++i)
            rubato.tempos.push_back(TempoChange{i * 173, 60e6 / (70.0 + 3.0 * i)});
        const DrumExtraction a = extractWindows(steady, DrumMap::groovae(), windows(2));
        const DrumExtraction b = extractWindows(rubato, DrumMap::groovae(), windows(2));
        QCOMPARE(int(a.windows.size()), 2);
        QCOMPARE(int(b.windows.size()), 2);
        for (int w = 0; w < 2; ++w)
            QVERIFY(a.windows[std::size_t(w)].groove.sameAs(b.windows[std::size_t(w)].groove, 0.0f));
        QVERIFY(a.windows[0].groove.hitCount() > 20);
        QCOMPARE(a.windows[1].bpm, 120.0);
        QVERIFY(qAbs(b.windows[0].bpm - 70.0) < 1e-6);
        QVERIFY(qAbs(b.windows[1].bpm - rubato.bpmAt(3840)) < 1e-9);
        QVERIFY(qAbs(b.bpm - 70.0) < 1e-6);
    }

    void overlappingWindowsAndTriplets()
    {
        const MidiFile f = fileOf({hit(1920 + 160, 36, 100)}, 3 * 1920);  // bar 1, 2nd triplet 16th... 160 ticks
        const DrumExtraction hop = extractWindows(f, DrumMap::groovae(), windows(2, 12, 1));
        QCOMPARE(int(hop.windows.size()), 2);  // bars 0-1 and 1-2
        QCOMPARE(hop.windows[0].groove.steps(), 96);
        QVERIFY(hop.windows[0].groove.hit(48 + 4, kKick));  // 160 ticks = 4 steps of 40
        QVERIFY(hop.windows[1].groove.hit(4, kKick));
        QCOMPARE(hop.windows[1].firstBar, 1);
        const DrumExtraction four = extractWindows(f, DrumMap::groovae(), windows(4));
        QCOMPARE(int(four.windows.size()), 0);  // 3 bars do not fill a 4-bar window
        QCOMPARE(four.bars, 3);
    }

    void onlyTheDrumChannelIsRead()
    {
        const MidiFile f = fileOf({hit(0, 36, 100, 0), hit(120, 38, 100, 9), hit(240, 100, 50, 9), hit(360, 100, 50, 9),
                                   hit(480, 13, 60, 9)},
                                  1920);
        const DrumExtraction ex = extractWindows(f, DrumMap::groovae(), windows(1));
        QCOMPARE(ex.drumNotes, 4);
        QCOMPARE(ex.mappedNotes, 1);
        QCOMPARE(int(ex.unmappedNotes.size()), 2);
        QCOMPARE(ex.unmappedNotes.at(100), 2);
        QCOMPARE(ex.unmappedNotes.at(13), 1);
        QCOMPARE(ex.windows.at(0).groove.hitCount(), 1);
        QVERIFY(ex.windows[0].groove.hit(1, kSnare));

        WindowOptions all = windows(1);
        all.drumChannel = -1;
        const DrumExtraction every = extractWindows(f, DrumMap::groovae(), all);
        QCOMPARE(every.drumNotes, 5);
        QVERIFY(every.windows.at(0).groove.hit(0, kKick));
    }

    void fileWithoutDrumsIsNotAnError()
    {
        const MidiFile f = fileOf({hit(0, 60, 100, 0), hit(480, 62, 100, 1)}, 1920);
        const DrumExtraction ex = extractWindows(f, DrumMap::gm(), windows(1));
        QVERIFY(!ex.hasDrums());
        QCOMPARE(ex.drumNotes, 0);
        QVERIFY(ex.unmappedNotes.empty());
        QCOMPARE(int(ex.windows.size()), 1);
        QCOMPARE(ex.windows[0].groove.hitCount(), 0);
    }

    void absurdLengthIsCapped()
    {
        const MidiFile f = fileOf({hit(0, 36, 100), hit(std::int64_t(1) << 36, 36, 100)}, std::int64_t(1) << 36);
        const DrumExtraction ex = extractWindows(f, DrumMap::groovae(), windows(2));
        QVERIFY(ex.truncated);
        QCOMPARE(ex.bars, kMaxExtractBars);
        QCOMPARE(int(ex.windows.size()), kMaxExtractBars / 2);
        QVERIFY(ex.windows[0].groove.hit(0, kKick));
    }

    void realGrooveMidiFile()
    {
        GS_REQUIRE_SHARED(path, "gmd/drummer1/session2/4_jazz_120_beat_3-4.mid");
        const Result<MidiFile> file = readMidiFile(path.string());
        QVERIFY2(file, why(file));
        QCOMPARE(file->ticksPerQuarter, 480);
        const DrumExtraction ex = extractWindows(*file, DrumMap::groovae(), windows(2));
        QCOMPARE(ex.meter, (Meter{3, 4}));
        QVERIFY(qAbs(ex.bpm - 120.0) < 0.01);
        // info.csv: 131.7 s at 120 BPM = 263.4 quarters = 87.8 bars of 3/4.
        QCOMPARE(ex.bars, 88);
        QCOMPARE(int(ex.windows.size()), 44);
        QCOMPARE(ex.drumNotes, 1008);
        QCOMPARE(ex.mappedNotes, ex.drumNotes);  // every TD-11 pitch is in the GrooVAE map
        QVERIFY(ex.unmappedNotes.empty());
        int hits = 0;
        for (int i = 0; i < 44; ++i) {
            const GrooveWindow& w = ex.windows[std::size_t(i)];
            QCOMPARE(w.firstBar, 2 * i);
            QCOMPARE(w.groove.steps(), 24);
            QCOMPARE(w.groove.voices(), 9);
            hits += w.groove.hitCount();
        }
        QVERIFY(hits > 700 && hits <= 1008);
        // The same windows built by plain floating-point arithmetic from the notes.
        const DrumMap map = DrumMap::groovae();
        std::vector<Groove> expected(44, Groove(Grid{2, 4, {3, 4}}, 9));
        for (const MidiNote& n : file->notes) {
            const double steps = double(n.tick) / 120.0;
            const double step = std::floor(steps + 0.5);
            const auto window = std::size_t(step / 24.0);
            if (window < expected.size()) {
                expected[window].mergeHit(int(step) % 24, map.voiceForNote(n.note), float(n.velocity) / 127.0f,
                                          float((steps - step) * 2.0));
            }
        }
        for (std::size_t i = 0; i < expected.size(); ++i)
            QVERIFY2(expected[i].sameAs(ex.windows[i].groove, 1e-5f), qPrintable(QString("window %1").arg(i)));
    }

    void writtenClipIsValidMidi()
    {
        const DrumMap map = DrumMap::groovae();
        Groove a(Grid{1, 4, {4, 4}}, 9), b(Grid{1, 4, {3, 4}}, 9);
        a.setHit(0, kKick, 0.0f);  // velocity 0 still sounds: MIDI velocity 1
        a.setHit(4, kSnare, 1.0f, 0.5f);
        b.setHit(2, kClosedHat, 0.5f, -0.25f);
        ClipOptions options;
        options.bpm = 96.0;
        const std::vector<std::uint8_t> bytes = grooveMidiBytes({a, b}, map, options);
        const Result<MidiFile> r = parseMidi(bytes.data(), bytes.size(), "clip");
        QVERIFY2(r, why(r));
        QCOMPARE(r->format, 1);
        QCOMPARE(r->trackCount, 2);
        QCOMPARE(r->ticksPerQuarter, 480);
        QVERIFY(qAbs(r->bpmAt(0) - 96.0) < 0.01);
        QCOMPARE(int(r->meters.size()), 2);
        QCOMPARE(r->meters[1].tick, std::int64_t(1920));
        QCOMPARE(r->meters[1].meter, (Meter{3, 4}));
        QCOMPARE(r->trackNames[1], options.trackName);
        QCOMPARE(int(r->notes.size()), 3);
        QCOMPARE(r->notes[0].velocity, 1);
        QCOMPARE(r->notes[0].note, 36);
        QCOMPARE(r->notes[0].endTick - r->notes[0].tick, std::int64_t(60));  // half a step
        QCOMPARE(r->notes[1].tick, std::int64_t(480 + 30));
        QCOMPARE(r->notes[1].velocity, 127);
        QCOMPARE(r->notes[2].tick, std::int64_t(1920 + 240 - 15));
        QCOMPARE(r->notes[2].velocity, 64);  // 0.5 x 127 rounded
        for (const MidiNote& n : r->notes)
            QCOMPARE(n.channel, 9);
        QCOMPARE(r->lengthTicks, std::int64_t(1920 + 1440));
    }

    void roundTripOfHandMadeGrooves()
    {
        const DrumMap map = DrumMap::groovae();
        std::vector<Groove> grooves;
        for (int k = 0; k < 3; ++k) {
            Groove g(Grid{2, 4, {4, 4}}, 9);
            for (int s = 0; s < 32; ++s)
                for (int v = 0; v < 9; ++v)
                    if ((s * 7 + v * 3 + k) % 5 == 0)
                        g.setHit(s, v, float((s + v) % 127 + 1) / 127.0f, float(((s * 13 + v * 5) % 119) - 59) / 60.0f);
            g.setHit(31, 8, 0.5f, 1.0f);  // +1: written a tick short so it stays on its step
            grooves.push_back(g);
        }
        QTemporaryDir dir;
        const std::string path = tempFile(dir, "clip.mid").toStdString();
        QVERIFY(writeGrooveMidi(path, grooves, map));
        const Result<std::vector<Groove>> back = readGrooveMidi(path, map, 2, 4);
        QVERIFY2(back, why(back));
        QCOMPARE(int(back->size()), 3);
        for (int k = 0; k < 3; ++k) {
            const Groove expected = k == 0 ? withoutLeadIn(grooves[0]) : grooves[std::size_t(k)];
            QVERIFY(expected.sameHits(back->at(std::size_t(k))));
            QVERIFY2(expected.sameAs(back->at(std::size_t(k)), 1.0f / 60.0f + 1e-5f), qPrintable(QString::number(k)));
        }
        QVERIFY(qAbs(back->at(2).offset(31, 8) - 59.0f / 60.0f) < 1e-6f);
    }

    void roundTripOfRealFiles_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("stepsPerBeat");
        QTest::newRow("funk 4/4") << "drummer1/session1/1_funk_80_beat_4-4.mid" << 4;
        QTest::newRow("funk 4/4 triplets") << "drummer1/session1/1_funk_80_beat_4-4.mid" << 12;
        QTest::newRow("jazz 3/4") << "drummer1/session2/4_jazz_120_beat_3-4.mid" << 4;
        QTest::newRow("rock 6/8") << "drummer6/session1/2_rock_70_beat_6-8.mid" << 4;
        QTest::newRow("merengue 5/8") << "drummer5/session1/8_latin-venezuelan-merengue_162_beat_5-8.mid" << 4;
        QTest::newRow("prog 5/4") << "drummer1/session2/111_rock-prog_110_beat_5-4.mid" << 12;
    }
    void roundTripOfRealFiles()
    {
        QFETCH(QString, file);
        QFETCH(int, stepsPerBeat);
        const std::string relative = gmd(file.toStdString());
        GS_REQUIRE_SHARED(path, relative);
        const DrumMap map = DrumMap::groovae();
        const Result<MidiFile> midi = readMidiFile(path.string());
        QVERIFY(midi);
        const DrumExtraction ex = extractWindows(*midi, map, windows(2, stepsPerBeat));
        QVERIFY(ex.windows.size() >= 4);
        std::vector<Groove> grooves;
        for (const GrooveWindow& w : ex.windows)
            grooves.push_back(w.groove);

        QTemporaryDir dir;
        const std::string out = tempFile(dir, "roundtrip.mid").toStdString();
        ClipOptions options;
        options.bpm = ex.bpm;
        QVERIFY(writeGrooveMidi(out, grooves, map, options));
        const Result<std::vector<Groove>> back = readGrooveMidi(out, map, 2, stepsPerBeat);
        QVERIFY2(back, why(back));
        QCOMPARE(back->size(), grooves.size());
        // 480 ticks per quarter both ways: offsets come back to the tick, velocities exactly.
        const float tolerance = 1.0f / (240.0f / float(stepsPerBeat)) + 1e-5f;
        int hits = 0;
        for (std::size_t k = 0; k < grooves.size(); ++k) {
            const Groove expected = k == 0 ? withoutLeadIn(grooves[0]) : grooves[k];
            QVERIFY2(expected.sameAs(back->at(k), tolerance), qPrintable(QString("window %1").arg(k)));
            hits += expected.hitCount();
        }
        QVERIFY(hits > 100);
    }

    void writerRefusesWhatItCannotWrite()
    {
        const DrumMap map = DrumMap::groovae();
        Groove g(Grid{}, 9);
        g.setHit(0, 0, 1.0f);
        QTemporaryDir dir;

        const std::string noFolder = tempFile(dir, "missing/sub/clip.mid").toStdString();
        const Status missing = writeGrooveMidi(noFolder, {g}, map);
        QVERIFY(!missing);
        QCOMPARE(missing.error().file, noFolder);
        QVERIFY(!missing.error().message.empty());
        QVERIFY(!std::filesystem::exists(noFolder));

        const Status folder = writeGrooveMidi(dir.path().toStdString(), {g}, map);
        QVERIFY(!folder);
        QVERIFY(QString::fromStdString(folder.error().message).contains("folder"));

        // A failed write leaves an existing file as it was.
        const std::string existing = tempFile(dir, "keep.mid").toStdString();
        QVERIFY(writeGrooveMidi(existing, {g}, map));
        const auto before = std::filesystem::file_size(existing);
        const Status wrongVoices = writeGrooveMidi(existing, {Groove(Grid{}, 4)}, map);
        QVERIFY(!wrongVoices);
        QVERIFY(QString::fromStdString(wrongVoices.error().message).contains("4 voices"));
        QCOMPARE(std::filesystem::file_size(existing), before);
        QVERIFY(readGrooveMidi(existing, map));

        // Nothing but the files written is left in the folder (no temporary files).
        int entries = 0;
        for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir.path().toStdString()))
            ++entries;
        QCOMPARE(entries, 1);
    }

    void readingAClipWithoutDrumsIsAnError()
    {
        GS_REQUIRE_SHARED(path, "bad-midi/jazz-soft/test-c-major-scale.mid");
        const Result<std::vector<Groove>> r = readGrooveMidi(path.string(), DrumMap::gm());
        QVERIFY(!r);
        QVERIFY(QString::fromStdString(r.error().describe()).contains("no notes on the drum channel"));
        QVERIFY(!readGrooveMidi("/nonexistent.mid", DrumMap::gm()));
    }
};

QTEST_APPLESS_MAIN(TestGrooveMidi)
#include "tst_groovemidi.moc"
