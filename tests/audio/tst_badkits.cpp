// Malformed and hostile kits of every format: each gives a clear error or a
// warning naming the file, never a crash or a hang, and what loads plays
// finite sound. SF2: a small valid file (sf2builder.h) truncated at every
// length and with wrong chunk sizes and indices. Hydrogen: an entity bomb, no
// instruments, a truncated drumkit.xml, samples that are missing, /dev/zero, a
// FIFO or outside the kit, a huge pitch and gain. SFZ: the same special files.
#include "audiotest.h"
#include "sf2builder.h"

#include <QtTest/QtTest>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

void writeBytes(const fs::path& path, const std::vector<std::uint8_t>& bytes, std::size_t length)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(std::min(length, bytes.size())));
}

void writeText(const fs::path& path, const std::string& text)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << text;
}

std::string instrumentXml(const std::string& name, const std::string& file, const std::string& extra = {})
{
    return "<instrument><name>" + name + "</name>" + extra + "<layer><filename>" + file +
           "</filename><min>0</min><max>1</max><gain>1</gain><pitch>0</pitch></layer></instrument>\n";
}

std::string drumkitXml(const std::string& instruments)
{
    return "<?xml version=\"1.0\"?>\n<drumkit_info><name>bad</name><instrumentList>\n" + instruments +
           "</instrumentList></drumkit_info>\n";
}

bool mentions(const std::vector<std::string>& warnings, const std::string& a, const std::string& b)
{
    for (const std::string& w : warnings)
        if (w.find(a) != std::string::npos && w.find(b) != std::string::npos)
            return true;
    return false;
}

} // namespace

class TestBadKits : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_tmp;
    fs::path dir(const std::string& name)
    {
        const fs::path d = fs::path(m_tmp.path().toStdString()) / name;
        fs::create_directories(d);
        return d;
    }
    void copySample(const fs::path& to) { fs::copy_file(kitPath("acoustic") + "/samples/drum_bass_soft.flac", to); }

private Q_SLOTS:
    void validSf2Loads()
    {
        const fs::path path = dir("sf2") / "good.sf2";
        writeBytes(path, Sf2Builder::build(), SIZE_MAX);
        auto kit = loadKit(path.string(), 48000.0);
        QVERIFY2(kit, kit ? "" : kit.error().describe().c_str());
        QCOMPARE((*kit)->instrumentCount(), 4);
        QCOMPARE((*kit)->name(), std::string("Test Kit"));
        const KitInstrument& hat = (*kit)->instrument((*kit)->instrumentForNote(42));
        QCOMPARE(hat.tune, 0.0f);  // root key = its own key
        QCOMPARE(hat.chokeGroup, 1);
        QCOMPARE((*kit)->instrument((*kit)->instrumentForNote(46)).chokeGroup, 1);
        QCOMPARE((*kit)->instrument((*kit)->instrumentForNote(36)).chokeGroup, 0);
        QCOMPARE((*kit)->instrument((*kit)->instrumentForNote(36)).layers[0].samples[0]->length, 2400);
    }

    void truncatedSf2AtEveryLength()
    {
        const auto bytes = Sf2Builder::build();
        const fs::path path = dir("sf2") / "cut.sf2";
        int errors = 0;
        for (std::size_t length = 0; length < bytes.size(); length += 7) {
            writeBytes(path, bytes, length);
            auto kit = loadKit(path.string(), 48000.0);
            QVERIFY2(!kit, qPrintable(QString("a file cut at %1 of %2 bytes loaded").arg(length).arg(bytes.size())));
            QVERIFY2(kit.error().describe().find("cut.sf2") != std::string::npos, kit.error().describe().c_str());
            ++errors;
        }
        qInfo("%d truncated SoundFonts: %d clear errors", errors, errors);
        writeBytes(path, bytes, bytes.size() - 100);
        auto kit = loadKit(path.string(), 48000.0);
        QVERIFY(!kit && kit.error().message.find("truncated") != std::string::npos);
    }

    void wrongSf2ChunkSizesAndIndices()
    {
        const auto good = Sf2Builder::build();
        const fs::path path = dir("sf2") / "wrong.sf2";
        const auto load = [&](const std::vector<std::uint8_t>& bytes) {
            writeBytes(path, bytes, SIZE_MAX);
            return loadKit(path.string(), 48000.0);
        };
        // A record chunk whose size is no multiple of its record.
        auto bytes = good;
        std::size_t at = Sf2Builder::sizeField(bytes, "phdr");
        Sf2Builder::set32(bytes, at, Sf2Builder::get32(bytes, at) - 2);
        auto r = load(bytes);
        QVERIFY(!r);
        // (the chunks after it are now misaligned: the error names the list they are read from)
        QVERIFY2(r.error().message.find("'pdta'") != std::string::npos, r.error().describe().c_str());
        QVERIFY(r.error().file.find("wrong.sf2") != std::string::npos);
        // The last chunk one byte pair short: its size is no multiple of its 46-byte record.
        bytes = good;
        at = Sf2Builder::sizeField(bytes, "shdr");
        Sf2Builder::set32(bytes, at, Sf2Builder::get32(bytes, at) - 2);
        r = load(bytes);
        QVERIFY(!r);
        QVERIFY2(r.error().message.find("chunk 'shdr' has size") != std::string::npos, r.error().describe().c_str());
        // A chunk larger than its parent list.
        bytes = good;
        at = Sf2Builder::sizeField(bytes, "smpl");
        Sf2Builder::set32(bytes, at, 0x7FFFFFF0u);
        r = load(bytes);
        QVERIFY(!r);
        QVERIFY2(r.error().message.find("'smpl'") != std::string::npos, r.error().describe().c_str());
        // A RIFF size past the end of the file.
        bytes = good;
        Sf2Builder::set32(bytes, 4, 0xFFFFFFF0u);
        r = load(bytes);
        QVERIFY(!r && r.error().message.find("RIFF size") != std::string::npos);
        // A generator index out of range in the instrument's bags.
        bytes = good;
        at = Sf2Builder::sizeField(bytes, "ibag") + 4;
        bytes[at] = 0xFF, bytes[at + 1] = 0x7F;
        r = load(bytes);
        QVERIFY(!r);
        QVERIFY2(r.error().message.find("'ibag'") != std::string::npos, r.error().describe().c_str());
        // A sample whose end lies past the sample data: that zone is skipped with a warning naming it.
        bytes = good;
        at = Sf2Builder::sizeField(bytes, "shdr") + 4 + 24;  // first sample's end
        Sf2Builder::set32(bytes, at, 0x00FFFFFFu);
        r = load(bytes);
        QVERIFY2(r, r ? "" : r.error().describe().c_str());
        QCOMPARE((*r)->instrumentForNote(36), -1);
        QVERIFY((*r)->instrumentForNote(38) >= 0);
        QVERIFY(mentions((*r)->report().warnings, "tone36", "'smpl'"));
        // Not a SoundFont at all.
        writeText(path, std::string("RIFF\x04\0\0\0WAVE", 12));
        r = loadKit(path.string(), 48000.0);
        QVERIFY(!r && r.error().message.find("not a RIFF 'sfbk'") != std::string::npos);
    }

    void hydrogenEntityBombIsRefusedQuickly()
    {
        const fs::path d = dir("bomb");
        std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
        for (int i = 1; i < 10; ++i)
            bomb += "<!ENTITY lol" + std::to_string(i) + " \"" + std::string(10, '&') + "\">\n";
        for (int i = 1; i < 10; ++i) {
            std::string refs;
            for (int k = 0; k < 10; ++k)
                refs += "&lol" + std::to_string(i - 1 == 0 ? 0 : i - 1) + ";";
            bomb += "<!ENTITY lola" + std::to_string(i) + " \"" + refs + "\">\n";
        }
        bomb += "]>\n<drumkit_info><name>&lola9;</name><instrumentList>" + instrumentXml("Kick", "k.flac") +
                "</instrumentList></drumkit_info>\n";
        writeText(d / "drumkit.xml", bomb);
        copySample(d / "k.flac");
        QElapsedTimer t;
        t.start();
        auto kit = loadKit(d.string(), 48000.0);
        QVERIFY(!kit);
        QVERIFY2(kit.error().message.find("not supported") != std::string::npos, kit.error().describe().c_str());
        QVERIFY(kit.error().file.find("drumkit.xml") != std::string::npos);
        QVERIFY(t.elapsed() < 2000);
    }

    void hydrogenWithoutInstrumentsOrTruncated()
    {
        const fs::path d = dir("empty");
        writeText(d / "drumkit.xml", drumkitXml(""));
        auto kit = loadKit(d.string(), 48000.0);
        QVERIFY(!kit && kit.error().message.find("no instruments") != std::string::npos);
        // Every instrument's sample missing: an error that names the kit file and the first missing sample.
        writeText(d / "drumkit.xml", drumkitXml(instrumentXml("Kick", "gone.flac")));
        kit = loadKit(d.string(), 48000.0);
        QVERIFY(!kit);
        QVERIFY(kit.error().file.find("drumkit.xml") != std::string::npos);
        QVERIFY2(kit.error().message.find("gone.flac") != std::string::npos, kit.error().describe().c_str());
        // A real kit's drumkit.xml cut in half: an XML error with a line number.
        const std::string real = "/usr/share/hydrogen/data/drumkits/VariBreaks/drumkit.xml";
        if (fs::exists(real)) {
            std::ifstream in(real);
            const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            writeText(d / "drumkit.xml", text.substr(0, text.size() / 2));
            kit = loadKit(d.string(), 48000.0);
            QVERIFY(!kit);
            QVERIFY2(kit.error().message.find("XML error at line") != std::string::npos, kit.error().describe().c_str());
        }
    }

    void hydrogenSpecialSamplesAreSkippedWithWarnings()
    {
        const fs::path root = dir("special");
        const fs::path d = root / "kit";
        fs::create_directories(d);
        copySample(d / "kick.flac");
        copySample(root / "outside.flac");
        QCOMPARE(mkfifo((d / "fifo.wav").c_str(), 0600), 0);
        fs::create_symlink("/dev/zero", d / "zero.wav");
        writeText(d / "drumkit.xml",
            drumkitXml(instrumentXml("Kick", "kick.flac") + instrumentXml("Snare", "fifo.wav") + instrumentXml("Hat Closed", "/dev/zero") +
                       instrumentXml("Hat Open", "zero.wav") + instrumentXml("Tom Low", "../outside.flac") +
                       instrumentXml("Crash", "missing.flac") +
                       instrumentXml("Ride", "kick.flac", "<pitchOffset>400</pitchOffset><volume>1e30</volume><gain>1e308</gain>")));
        QElapsedTimer t;
        t.start();
        auto kit = loadKit(d.string(), 48000.0);
        QVERIFY(t.elapsed() < 5000);  // the FIFO was not opened
        QVERIFY2(kit, kit ? "" : kit.error().describe().c_str());
        const auto& w = (*kit)->report().warnings;
        for (const std::string& s : w)
            qInfo("warning: %s", s.c_str());
        QVERIFY(mentions(w, "fifo.wav", "not a regular file"));
        QVERIFY(mentions(w, "/dev/zero", "relative to the kit folder"));
        QVERIFY(mentions(w, "zero.wav", "escapes the kit folder"));
        QVERIFY(mentions(w, "outside.flac", "escapes the kit folder"));
        QVERIFY(mentions(w, "missing.flac", "missing"));
        QVERIFY(mentions(w, "Ride", "pitch 400"));
        QVERIFY(mentions(w, "Ride", "gain"));
        QCOMPARE((*kit)->instrumentCount(), 2);  // Kick and Ride play; the rest were skipped
        const KitInstrument& ride = (*kit)->instrument((*kit)->instrumentForNote(51));
        QCOMPARE(ride.tune, 24.0f);
        QVERIFY(ride.gain <= 8.0f);
        // And it plays finite sound.
        RenderOptions o;
        o.tailSeconds = 0.5;
        const RenderResult r = renderPatterns({makePattern({{0, 8, 1.0f, 0.0f}, {4, 0, 1.0f, 0.0f}})}, *kit, o);
        QCOMPARE(r.hitsPlayed, std::uint64_t(2));
        for (float v : r.audio)
            QVERIFY(std::isfinite(v));
        // A FIFO or device given as the kit itself.
        auto fifoKit = loadKit((d / "fifo.wav").string(), 48000.0);
        QVERIFY(!fifoKit && fifoKit.error().message.find("not a regular file") != std::string::npos);
        QVERIFY(!loadKit("/dev/zero", 48000.0));
    }

    void sfzSpecialSamplesAndBrokenText()
    {
        const fs::path root = dir("sfz");
        const fs::path d = root / "kit";
        fs::create_directories(d);
        copySample(d / "kick.flac");
        copySample(root / "outside.flac");
        QCOMPARE(mkfifo((d / "fifo.wav").c_str(), 0600), 0);
        writeText(d / "kit.sfz", "<region> sample=kick.flac key=36\n<region> sample=fifo.wav key=38\n"
                                 "<region> sample=/dev/zero key=42\n<region> sample=../outside.flac key=43\n"
                                 "<region> sample=nothere.wav key=49\n<region> sample=kick.flac key=51 tune=90000\n");
        QElapsedTimer t;
        t.start();
        auto kit = loadKit((d / "kit.sfz").string(), 48000.0);
        QVERIFY(t.elapsed() < 5000);
        QVERIFY2(kit, kit ? "" : kit.error().describe().c_str());
        const auto& w = (*kit)->report().warnings;
        QVERIFY(mentions(w, "fifo.wav", "not a regular file"));
        QVERIFY(mentions(w, "/dev/zero", "relative"));
        QVERIFY(mentions(w, "outside.flac", "escapes"));
        QVERIFY(mentions(w, "nothere.wav", "missing"));
        QVERIFY(std::abs((*kit)->instrument((*kit)->instrumentForNote(51)).tune) <= 24.0f);
        // Nothing playable, a header never closed, an empty file: errors naming the file.
        writeText(d / "none.sfz", "<region> sample=fifo.wav key=38\n");
        auto none = loadKit((d / "none.sfz").string(), 48000.0);
        QVERIFY(!none && none.error().file.find("none.sfz") != std::string::npos);
        writeText(d / "cut.sfz", "<region> sample=kick.flac key=36\n<regi");
        auto cut = loadKit((d / "cut.sfz").string(), 48000.0);
        QVERIFY(!cut && cut.error().message.find("not closed") != std::string::npos);
        writeText(d / "empty.sfz", "");
        QVERIFY(!loadKit((d / "empty.sfz").string(), 48000.0));
    }
};

QTEST_GUILESS_MAIN(TestBadKits)
#include "tst_badkits.moc"
