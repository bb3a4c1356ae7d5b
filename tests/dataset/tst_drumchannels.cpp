// The drum channel and what the import leaves out, on real songs: OpenMSX's full
// General MIDI arrangements (drums on channel 10, a band on the others). The
// import counts, per file, the notes of the channels it does not read; another
// drum channel can be chosen for an import or for one file; the .gsd keeps both
// (and a version 1 file still loads). A folder holding a FIFO, a socket and a
// symlink loop beside real MIDI files imports without opening them, and lists
// each with its reason.
#include "testdata.h"

#include "dataset/bytestream.h"
#include "dataset/contenthash.h"
#include "dataset/datasetfile.h"
#include "dataset/importer.h"
#include "midi/midifile.h"

#include <QTemporaryDir>

#include <filesystem>
#include <map>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

using namespace gs;
namespace fs = std::filesystem;

namespace {

Result<Dataset> importWith(const std::vector<std::string>& paths, ImportSettings settings)
{
    Importer importer(std::move(settings));
    importer.setThreadCount(2);
    return importer.run(paths);
}

const FileRecord* recordFor(const Dataset& d, const std::string& fileName)
{
    for (const FileRecord& f : d.files())
        if (fs::path(f.path).filename() == fileName)
            return &f;
    return nullptr;
}

// Note-ons per 1-based channel, read straight from the MIDI reader (the import's counts must agree).
// Empty, with `error` set, when the file cannot be read.
std::map<int, int> notesPerChannel(const fs::path& file, std::string* error = nullptr)
{
    std::map<int, int> out;
    auto midi = readMidiFile(file.string());
    if (midi)
        for (const MidiNote& n : midi->notes)
            ++out[n.channel + 1];
    else if (error)
        *error = midi.error().describe();
    return out;
}

// The busiest channel that is not channel 10: the song's lead, a drum channel no one would choose.
int busiestOtherChannel(const std::map<int, int>& perChannel)
{
    int best = -1;
    for (const auto& [channel, count] : perChannel)
        if (channel != 10 && (best < 0 || count > perChannel.at(best)))
            best = channel;
    return best;
}

// A version 1 .gsd (before drum channels), written byte by byte: one file record, one window.
std::vector<std::uint8_t> versionOneFile()
{
    ByteWriter p;
    p.putString(DrumMap::groovae().toJson());
    for (std::int32_t v : {2, 4, 0, 6})
        p.put(v);
    p.put(std::uint8_t(1));
    p.put(std::uint64_t(1));
    p.put(1.0 / 6.0);
    p.put(std::int32_t(0));
    p.put(std::int32_t(0));
    p.put(std::uint32_t(1));
    p.putString("song.mid");
    p.put(std::uint64_t(7));
    p.put(std::uint64_t(100));
    p.put(std::uint8_t(0));
    p.putString("");
    for (int k = 0; k < 5; ++k)
        p.put(std::int32_t(1));
    p.put(std::uint32_t(0));
    p.putString("rock");
    p.put(std::uint8_t(0));
    p.put(120.0);
    p.put(std::int32_t(4));
    p.put(std::int32_t(4));
    p.put(std::uint8_t(0));
    p.put(std::uint8_t(0));
    p.put(std::uint32_t(1));
    for (std::int32_t v : {0, 0, 2, 4, 4, 4, 9})
        p.put(v);
    p.put(120.0f);
    p.put(std::uint32_t(1));
    p.put(std::uint32_t(0));
    p.put(0.8f);
    p.put(0.0f);
    ByteWriter h;
    for (char c : DatasetFile::kMagic)
        h.put(std::uint8_t(c));
    h.put(std::uint32_t(1));
    h.put(std::uint64_t(p.bytes().size()));
    h.put(fnv1a64(p.bytes().data(), p.bytes().size()));
    std::vector<std::uint8_t> out = h.bytes();
    out.insert(out.end(), p.bytes().begin(), p.bytes().end());
    return out;
}

} // namespace

class TestDrumChannels : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void songsCountTheNotesOfTheirOtherChannels()
    {
        GS_REQUIRE_SHARED(folder, "openmsx");
        auto d = importWith({folder.string()}, ImportSettings{});
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().describe().c_str());
        QCOMPARE(int(d->files().size()), 31);
        int withBand = 0, drumless = 0;
        for (const FileRecord& f : d->files()) {
            std::string error;
            std::map<int, int> perChannel = notesPerChannel(f.path, &error);
            QVERIFY2(!perChannel.empty(), (f.path + ": " + error).c_str());
            QCOMPARE(f.drumChannel, 10);
            QCOMPARE(f.drumNotes, perChannel.count(10) ? perChannel[10] : 0);
            perChannel.erase(10);
            QVERIFY2(f.otherChannelNotes == perChannel, f.path.c_str());  // every other channel, with its count
            withBand += f.otherChannelNoteCount() > 0;
            drumless += f.status == FileStatus::NoDrums;
            if (f.status == FileStatus::NoDrums)  // the reason says where its notes are
                QVERIFY2(f.reason.find("channel") != std::string::npos && f.reason.find("10") != std::string::npos,
                    f.reason.c_str());
        }
        QCOMPARE(withBand, 31);  // full arrangements: every song has a band
        qInfo("openmsx: %d songs, all with notes off the drum channel; %d without drums on channel 10", withBand,
            drumless);
    }

    void anotherDrumChannelForTheImportOrForOneFile()
    {
        GS_REQUIRE_SHARED(song, "openmsx/chuggachugga.mid");
        GS_REQUIRE_SHARED(other, "openmsx/relax_song.mid");
        std::map<int, int> perChannel = notesPerChannel(song);
        const int lead = busiestOtherChannel(perChannel);
        QVERIFY(lead > 0);

        ImportSettings settings;
        settings.drumChannel = lead;
        auto all = importWith({song.string(), other.string()}, settings);
        QVERIFY(all.ok());
        const FileRecord* rec = recordFor(*all, "chuggachugga.mid");
        QVERIFY(rec);
        QCOMPARE(rec->drumChannel, lead);
        QCOMPARE(rec->drumNotes, perChannel[lead]);
        QCOMPARE(rec->otherChannelNotes.count(lead), std::size_t(0));
        QCOMPARE(rec->otherChannelNotes.at(10), perChannel[10]);  // the real drums, now counted as left out
        QCOMPARE(recordFor(*all, "relax_song.mid")->drumChannel, lead);

        // One file by its name: only that file reads another channel.
        ImportSettings perFile;
        perFile.fileDrumChannels["chuggachugga.mid"] = lead;
        auto mixed = importWith({song.string(), other.string()}, perFile);
        QVERIFY(mixed.ok());
        QCOMPARE(recordFor(*mixed, "chuggachugga.mid")->drumChannel, lead);
        QCOMPARE(recordFor(*mixed, "chuggachugga.mid")->drumNotes, perChannel[lead]);
        QCOMPARE(recordFor(*mixed, "relax_song.mid")->drumChannel, 10);

        // Kept by the dataset file.
        QTemporaryDir tmp;
        const std::string path = (fs::path(tmp.path().toStdString()) / "songs.gsd").string();
        QVERIFY(DatasetFile::save(*mixed, path).ok());
        auto back = DatasetFile::load(path);
        QVERIFY2(back.ok(), back.ok() ? "" : back.error().describe().c_str());
        QVERIFY(*back == *mixed);
        QCOMPARE(back->settings().fileDrumChannels.at("chuggachugga.mid"), lead);
        QCOMPARE(recordFor(*back, "chuggachugga.mid")->otherChannelNotes.at(10), perChannel[10]);
    }

    void channelsOutsideOneToSixteenAreRefused()
    {
        GS_REQUIRE_SHARED(song, "openmsx/chuggachugga.mid");
        for (int channel : {0, 17, -1}) {
            ImportSettings settings;
            settings.drumChannel = channel;
            auto r = importWith({song.string()}, settings);
            QVERIFY(!r.ok());
            QVERIFY2(r.error().message.find("1 to 16") != std::string::npos, r.error().message.c_str());
            ImportSettings perFile;
            perFile.fileDrumChannels["chuggachugga.mid"] = channel;
            auto p = importWith({song.string()}, perFile);
            QVERIFY(!p.ok());
            QCOMPARE(p.error().file, std::string("chuggachugga.mid"));
        }
    }

    void versionOneDatasetsStillLoad()
    {
        const std::vector<std::uint8_t> bytes = versionOneFile();
        auto d = DatasetFile::decode(bytes.data(), bytes.size(), "old.gsd");
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().describe().c_str());
        QCOMPARE(d->settings().drumChannel, 10);
        QVERIFY(d->settings().fileDrumChannels.empty());
        QCOMPARE(int(d->files().size()), 1);
        QCOMPARE(d->files()[0].drumChannel, 10);
        QVERIFY(d->files()[0].otherChannelNotes.empty());
        QCOMPARE(d->windowCount(), 1);
        // The same bytes claiming version 2 lack the new fields: refused, not misread.
        std::vector<std::uint8_t> claimsTwo = bytes;
        claimsTwo[4] = 2;
        auto r = DatasetFile::decode(claimsTwo.data(), claimsTwo.size(), "old.gsd");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().file, std::string("old.gsd"));
    }

    void specialFilesInAFolderAreListedNeverOpened()
    {
        GS_REQUIRE_SHARED(a, "gmd/drummer4/session1/1_rock_87_beat_4-4.mid");
        GS_REQUIRE_SHARED(b, "openmsx/chuggachugga.mid");
        QTemporaryDir tmp;
        const fs::path dir(tmp.path().toStdString());
        fs::create_directories(dir / "in" / "sub");
        fs::copy_file(a, dir / "in" / "beat.mid");
        fs::copy_file(b, dir / "in" / "sub" / "song.mid");
        QCOMPARE(::mkfifo((dir / "in" / "pipe.mid").c_str(), 0600), 0);
        const int sock = ::socket(AF_UNIX, SOCK_STREAM, 0);
        QVERIFY(sock >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const std::string sockPath = (dir / "in" / "sub" / "live.sock").string();
        QVERIFY(sockPath.size() < sizeof addr.sun_path);
        std::memcpy(addr.sun_path, sockPath.c_str(), sockPath.size() + 1);
        QCOMPARE(::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
        fs::create_symlink("loop2.mid", dir / "in" / "loop1.mid");
        fs::create_symlink("loop1.mid", dir / "in" / "loop2.mid");
        fs::create_symlink("pipe.mid", dir / "in" / "to-pipe.mid");
        fs::create_directory_symlink(".", dir / "in" / "sub" / "self");  // a folder loop: not followed

        auto d = importWith({(dir / "in").string()}, ImportSettings{});
        ::close(sock);
        QVERIFY2(d.ok(), d.ok() ? "" : d.error().describe().c_str());
        std::map<std::string, std::string> failed;
        for (const FileRecord& f : d->files())
            if (f.status == FileStatus::Failed)
                failed[fs::path(f.path).filename().string()] = f.reason;
        QCOMPARE(int(failed.size()), 5);
        QVERIFY2(failed["pipe.mid"].find("FIFO") != std::string::npos, failed["pipe.mid"].c_str());
        QVERIFY2(failed["to-pipe.mid"].find("FIFO") != std::string::npos
                && failed["to-pipe.mid"].find("symbolic link") != std::string::npos,
            failed["to-pipe.mid"].c_str());
        QVERIFY2(failed["live.sock"].find("socket") != std::string::npos, failed["live.sock"].c_str());
        for (const char* loop : {"loop1.mid", "loop2.mid"})
            QVERIFY2(failed[loop].find("leads nowhere") != std::string::npos, failed[loop].c_str());
        for (const auto& [name, reason] : failed)
            QVERIFY2(reason.rfind("skipped: ", 0) == 0, reason.c_str());
        QCOMPARE(d->fileCount(FileStatus::Ok) + d->fileCount(FileStatus::NoDrums), 2);  // both real files read
        QVERIFY(recordFor(*d, "beat.mid") && recordFor(*d, "beat.mid")->windowsKept > 0);
        QVERIFY(d->windowCount() > 0);
    }
};

QTEST_GUILESS_MAIN(TestDrumChannels)
#include "tst_drumchannels.moc"
