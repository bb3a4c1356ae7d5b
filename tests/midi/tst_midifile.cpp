// The SMF reader against real edge-case files (../shared/data/bad-midi) and
// hand-built bytes: every file loads correctly or fails with a clear reason.
#include "midi/midifile.h"
#include "smfbytes.h"
#include "testdata.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <set>

using namespace gs;
using namespace gs::test;

namespace {

const char* kBad = "bad-midi/jazz-soft";

Result<MidiFile> parse(const Bytes& bytes) { return parseMidi(bytes.data(), bytes.size(), "mem.mid"); }

QString reason(const Result<MidiFile>& r) { return r ? QString() : QString::fromStdString(r.error().describe()); }

// A one-track format 0 file of a C major scale at 96 ticks per quarter.
Bytes scale()
{
    return smf(0, 96, {track({msg(0, {0x90, 60, 100}), msg(96, {0x80, 60, 64}), msg(0, {0x90, 62, 90}),
                              msg(96, {0x80, 62, 64})})});
}

} // namespace

class TestMidiFile : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void everyBadFileLoadsOrFailsClearly()
    {
        GS_REQUIRE_SHARED(dir, kBad);
        int files = 0, loaded = 0;
        for (const auto& entry : std::filesystem::directory_iterator(dir)) {
            const std::string ext = entry.path().extension().string();
            if (ext != ".mid" && ext != ".syx")
                continue;
            ++files;
            const std::string path = entry.path().string();
            const Result<MidiFile> r = readMidiFile(path);
            if (r) {
                ++loaded;
                QVERIFY(r->format == 0 || r->format == 1);
                for (const MidiNote& n : r->notes) {
                    QVERIFY(n.velocity >= 1 && n.velocity <= 127);
                    QVERIFY(n.endTick > n.tick);
                    QVERIFY(n.channel >= 0 && n.channel < 16);
                }
                QVERIFY(std::is_sorted(r->notes.begin(), r->notes.end(),
                                       [](const MidiNote& a, const MidiNote& b) { return a.tick < b.tick; }));
            } else {
                QVERIFY2(!r.error().message.empty(), path.c_str());
                QCOMPARE(r.error().file, path);
                QVERIFY(r.error().describe().find(entry.path().filename().string()) != std::string::npos);
            }
        }
        QVERIFY2(files >= 70, "expected about 75 files in bad-midi/jazz-soft");
        QVERIFY(loaded >= 60);  // most of them are valid files with odd content
    }

    void knownBadFilesFailWithTheirReason_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("words");
        QTest::newRow("empty") << "test-empty-file.mid" << "empty file";
        QTest::newRow("text") << "test-not-a-midi-file.mid" << "not a MIDI file";
        QTest::newRow("sysex dump") << "test-syx-7e-06-01-id-request.syx" << "no MThd";
        QTest::newRow("format 2") << "test-2-tracks-type-2.mid" << "format 2";
        QTest::newRow("missing byte") << "test-corrupt-file-missing-byte.mid" << "truncated chunk \"MTrk\" at byte 14";
        QTest::newRow("undefined F4") << "test-illegal-message-f4.mid" << "0xF4";
        QTest::newRow("undefined F5") << "test-illegal-message-f5.mid" << "0xF5";
        QTest::newRow("all illegal") << "test-illegal-message-all.mid" << "undefined MIDI status byte";
    }
    void knownBadFilesFailWithTheirReason()
    {
        QFETCH(QString, file);
        QFETCH(QString, words);
        const std::string rel = std::string(kBad) + "/" + file.toStdString();
        GS_REQUIRE_SHARED(path, rel);
        const Result<MidiFile> r = readMidiFile(path.string());
        QVERIFY2(!r, qPrintable(file + " should not load"));
        QVERIFY2(reason(r).contains(words), qPrintable(reason(r)));
        QVERIFY(reason(r).contains(file));
    }

    void oddButValidFilesLoad_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("notes");
        QTest::addColumn<int>("tracks");
        QTest::newRow("extra byte at the end") << "test-corrupt-file-extra-byte.mid" << 8 << 1;
        QTest::newRow("unknown chunk skipped") << "test-non-midi-track.mid" << 8 << 1;
        QTest::newRow("format 0 with 2 tracks") << "test-2-tracks-type-0.mid" << 16 << 2;
        QTest::newRow("format 1") << "test-2-tracks-type-1.mid" << 16 << 2;
        QTest::newRow("4-byte VLQ") << "test-vlq-4-byte.mid" << 8 << 1;
        QTest::newRow("SMPTE offset meta") << "test-smpte-offset.mid" << 8 << 1;
        QTest::newRow("real-time byte F8") << "test-illegal-message-f8.mid" << 8 << 1;
        QTest::newRow("F2 song position") << "test-illegal-message-f2-xx-xx.mid" << 8 << 1;
        QTest::newRow("karaoke, 3 tracks") << "test-karaoke-kar.mid" << 29 << 3;
        QTest::newRow("only a track end") << "test-empty.mid" << 0 << 1;
    }
    void oddButValidFilesLoad()
    {
        QFETCH(QString, file);
        QFETCH(int, notes);
        QFETCH(int, tracks);
        const std::string rel = std::string(kBad) + "/" + file.toStdString();
        GS_REQUIRE_SHARED(path, rel);
        const Result<MidiFile> r = readMidiFile(path.string());
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(int(r->notes.size()), notes);
        QCOMPARE(r->trackCount, tracks);
    }

    void runningStatusAcrossMetaAndSysexLoads_data()
    {
        QTest::addColumn<QString>("file");
        QTest::newRow("meta") << "test-running-status-metaevent.mid";
        QTest::newRow("sysex") << "test-running-status-sysex.mid";
    }
    void runningStatusAcrossMetaAndSysexLoads()
    {
        QFETCH(QString, file);
        const std::string rel = std::string(kBad) + "/" + file.toStdString();
        GS_REQUIRE_SHARED(path, rel);
        const Result<MidiFile> r = readMidiFile(path.string());
        QVERIFY2(r, qPrintable(reason(r)));
        const int pitches[] = {60, 62, 64, 65, 67, 69, 71, 72};
        QCOMPARE(int(r->notes.size()), 8);
        for (int i = 0; i < 8; ++i) {
            const MidiNote& n = r->notes[std::size_t(i)];
            QCOMPARE(n.note, pitches[i]);
            QCOMPARE(n.tick, std::int64_t(96 * i));
            QCOMPARE(n.endTick, std::int64_t(96 * i + 96));  // ended by note-on velocity 0
            QCOMPARE(n.velocity, 127);
            QCOMPARE(n.channel, 0);
        }
    }

    void allGmPercussionIsOnTheDrumChannel()
    {
        GS_REQUIRE_SHARED(path, "bad-midi/jazz-soft/test-all-gm-percussion.mid");
        const Result<MidiFile> r = readMidiFile(path.string());
        QVERIFY2(r, qPrintable(reason(r)));
        std::set<int> pitches;
        int drums = 0;
        for (const MidiNote& n : r->notes) {
            if (n.channel == 9) {
                ++drums;
                pitches.insert(n.note);
            }
        }
        QCOMPARE(drums, 183);  // 61 keys (27..87), 3 hits each
        QCOMPARE(int(pitches.size()), 61);
        QCOMPARE(*pitches.begin(), 27);
        QCOMPARE(*pitches.rbegin(), 87);
        QCOMPARE(r->trackNames.at(0), std::string("All GM Percussion"));
    }

    void velocitiesAndNamesAreRead()
    {
        GS_REQUIRE_SHARED(path, "bad-midi/jazz-soft/test-note-on-velocity.mid");
        const Result<MidiFile> r = readMidiFile(path.string());
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(int(r->notes.size()), 9);
        QCOMPARE(r->notes.front().velocity, 1);
        QCOMPARE(r->notes.back().velocity, 127);
        QCOMPARE(r->trackNames.at(0), std::string("Note-On Velocity Test"));
    }

    void tempoAndKaraokeTracks()
    {
        GS_REQUIRE_SHARED(path, "bad-midi/jazz-soft/test-karaoke-kar.mid");
        const Result<MidiFile> r = readMidiFile(path.string());
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(r->ticksPerQuarter, 100);
        QCOMPARE(r->format, 1);
        QVERIFY(qAbs(r->bpmAt(0) - 90.0) < 1e-3);
        QCOMPARE(r->trackNames.at(0), std::string("Karaoke .KAR Test"));
        QCOMPARE(r->trackNames.at(1), std::string("Lyrics"));
    }

    void rmidWrapperIsUnwrapped()
    {
        const Bytes inner = scale();
        Bytes riff{'R', 'I', 'F', 'F'};
        Bytes form{'R', 'M', 'I', 'D', 'L', 'I', 'S', 'T', 2, 0, 0, 0, 'x', 'y', 'd', 'a', 't', 'a'};
        const auto n = std::uint32_t(inner.size());
        append(form, {std::uint8_t(n), std::uint8_t(n >> 8), std::uint8_t(n >> 16), std::uint8_t(n >> 24)});
        append(form, inner);
        const auto total = std::uint32_t(form.size());
        append(riff, {std::uint8_t(total), std::uint8_t(total >> 8), 0, 0});
        append(riff, form);
        const Result<MidiFile> r = parse(riff);
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(int(r->notes.size()), 2);
        QCOMPARE(r->notes[1].note, 62);
        QCOMPARE(r->notes[1].tick, std::int64_t(96));

        Bytes wave{'R', 'I', 'F', 'F', 4, 0, 0, 0, 'W', 'A', 'V', 'E'};
        QVERIFY(reason(parse(wave)).contains("not RIFF MIDI"));
    }

    void malformedBytesGivePreciseReasons_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("words");
        auto qb = [](const Bytes& b) { return QByteArray(reinterpret_cast<const char*>(b.data()), int(b.size())); };
        QTest::newRow("SMPTE division") << qb(smf(0, 0xE728, {track({})})) << "SMPTE time division (25 frames/s)";
        QTest::newRow("zero division") << qb(smf(0, 0, {track({})})) << "0 ticks per quarter";
        QTest::newRow("format 3") << qb(smf(3, 96, {track({})})) << "unknown SMF format 3";
        QTest::newRow("5-byte VLQ") << qb(smf(0, 96, {track({Bytes{0x81, 0x80, 0x80, 0x80, 0x00, 0x90, 60, 1}})}))
                                   << "bad variable-length delta time";
        QTest::newRow("data byte > 127") << qb(smf(0, 96, {track({msg(0, {0x90, 60, 0xA0})})}))
                                         << "data byte 0xA0 > 127 in a 0x90 message";
        QTest::newRow("no running status") << qb(smf(0, 96, {track({msg(0, {60, 100})})}))
                                           << "no running status";
        Bytes cut = header(0, 1, 96);
        append(cut, chunk("MTrk", {0x00, 0x90, 60}));
        QTest::newRow("truncated event") << qb(cut) << "truncated 0x90 message";
        Bytes metaCut = header(0, 1, 96);
        append(metaCut, chunk("MTrk", {0x00, 0xFF, 0x01, 0x10, 'a', 'b'}));
        QTest::newRow("truncated meta") << qb(metaCut) << "truncated meta event 0x01 (16 bytes declared, 2 left";
        Bytes twoDeclared = header(1, 2, 96);
        append(twoDeclared, track({}));
        QTest::newRow("missing track") << qb(twoDeclared) << "declares 2 tracks but the file holds 1";
        QTest::newRow("bad tempo") << qb(smf(0, 96, {track({msg(0, {0xFF, 0x51, 0x02, 1, 2})})}))
                                   << "tempo event with 2 data bytes";
        QTest::newRow("zero tempo") << qb(smf(0, 96, {track({msg(0, {0xFF, 0x51, 0x03, 0, 0, 0})})}))
                                    << "0 microseconds";
        QTest::newRow("meter 3/32") << qb(smf(0, 96, {track({timeSignature(0, 3, 5)})}))
                                    << "unsupported time signature 3/32";
        QTest::newRow("short header") << qb(chunk("MThd", {0, 0, 0, 1})) << "MThd header of 4 bytes";
        QTest::newRow("no MThd") << qb(chunk("MTrk", {})) << "no MThd header";
    }
    void malformedBytesGivePreciseReasons()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, words);
        const Result<MidiFile> r = parseMidi(reinterpret_cast<const std::uint8_t*>(bytes.constData()),
                                             std::size_t(bytes.size()), "mem.mid");
        QVERIFY2(!r, "should not load");
        QVERIFY2(reason(r).startsWith("mem.mid: "), qPrintable(reason(r)));
        QVERIFY2(reason(r).contains(words), qPrintable(reason(r)));
    }

    void everyPrefixOfAFileIsSafe()
    {
        // Cut a real multi-track file at every byte: each prefix loads or fails, never crashes.
        GS_REQUIRE_SHARED(path, "bad-midi/jazz-soft/test-karaoke-kar.mid");
        QFile f(QString::fromStdString(path.string()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray all = f.readAll();
        int failures = 0;
        for (int n = 0; n < all.size(); ++n) {
            const Result<MidiFile> r = parseMidi(reinterpret_cast<const std::uint8_t*>(all.constData()), std::size_t(n), "cut.mid");
            if (!r) {
                ++failures;
                QVERIFY(!r.error().message.empty());
            }
        }
        QCOMPARE(failures, int(all.size()));  // every proper prefix of this file is truncated
    }

    void notesPairFirstInFirstOut()
    {
        // Two overlapping hits of one key: the first note-off ends the first note-on.
        const Bytes bytes = smf(0, 480, {track({msg(0, {0x99, 38, 100}), msg(10, {0x99, 38, 50}),
                                                 msg(10, {0x89, 38, 0}), msg(10, {0x99, 38, 0}),
                                                 msg(0, {0x99, 42, 70})})});
        const Result<MidiFile> r = parse(bytes);
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(int(r->notes.size()), 3);
        QCOMPARE(r->notes[0].endTick, std::int64_t(20));
        QCOMPARE(r->notes[1].endTick, std::int64_t(30));
        QCOMPARE(r->notes[2].endTick, std::int64_t(31));  // never ended: one tick long
        QCOMPARE(r->notes[2].channel, 9);
        QCOMPARE(r->lengthTicks, std::int64_t(30));
    }

    void tracksMergeInTimeOrderWithTheirTempoAndMeterMaps()
    {
        const Bytes bytes = smf(1, 480,
                                {track({msg(0, {0xFF, 0x03, 0x04, 'c', 'o', 'n', 'd'}), tempo(0, 100),
                                        timeSignature(0, 3, 2), tempo(960, 150), timeSignature(480, 7, 3),
                                        tempo(480, 60)}),
                                 track({msg(100, {0x99, 36, 90}), msg(1000, {0x89, 36, 0})}),
                                 track({msg(50, {0x99, 42, 80}), msg(200, {0x99, 38, 70})})});
        const Result<MidiFile> r = parse(bytes);
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(r->trackCount, 3);
        QCOMPARE(int(r->trackNames.size()), 3);
        QCOMPARE(r->trackNames[0], std::string("cond"));
        QCOMPARE(int(r->notes.size()), 3);
        QCOMPARE(r->notes[0].note, 42);
        QCOMPARE(r->notes[0].track, 2);
        QCOMPARE(r->notes[1].note, 36);
        QCOMPARE(r->notes[1].track, 1);
        QCOMPARE(r->notes[2].tick, std::int64_t(250));
        QCOMPARE(int(r->tempos.size()), 3);
        QCOMPARE(int(r->meters.size()), 2);
        QCOMPARE(r->meterAt(0), (Meter{3, 4}));
        QCOMPARE(r->meterAt(1440), (Meter{7, 8}));
        QVERIFY(qAbs(r->bpmAt(959) - 100.0) < 1e-3);
        QVERIFY(qAbs(r->bpmAt(960) - 150.0) < 1e-3);
        QVERIFY(qAbs(r->bpmAt(5000) - 60.0) < 1e-3);
        // 2 quarters at 100 BPM + 2 at 150 + 1 at 60: 1.2 + 0.8 + 1.0 seconds.
        QVERIFY(qAbs(r->secondsAt(960 + 960 + 480) - 3.0) < 1e-3);
        QCOMPARE(r->lengthTicks, std::int64_t(1920));
    }

    void manyTempoChanges()
    {
        Bytes body;
        for (int i = 0; i < 500; ++i)
            append(body, tempo(i == 0 ? 0 : 10, 60.0 + i));
        append(body, {0x00, 0xFF, 0x2F, 0x00});
        Bytes bytes = header(0, 1, 480);
        append(bytes, chunk("MTrk", body));
        const Result<MidiFile> r = parse(bytes);
        QVERIFY2(r, qPrintable(reason(r)));
        QCOMPARE(int(r->tempos.size()), 500);
        QVERIFY(qAbs(r->bpmAt(4990) - 559.0) < 0.01);
        QVERIFY(qAbs(r->tempos[123].bpm() - 183.0) < 0.01);
    }

    void missingFilesAndFoldersAreErrors()
    {
        const Result<MidiFile> missing = readMidiFile("/nonexistent/groove.mid");
        QVERIFY(!missing);
        QVERIFY(reason(missing).contains("/nonexistent/groove.mid"));
        QVERIFY(reason(missing).contains("No such file"));
        const Result<MidiFile> folder = readMidiFile(QDir::tempPath().toStdString());
        QVERIFY(!folder);
        QVERIFY(reason(folder).contains("folder"));
    }
};

QTEST_APPLESS_MAIN(TestMidiFile)
#include "tst_midifile.moc"
