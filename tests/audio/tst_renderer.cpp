// The offline renderer: the same audio whatever the block size, a tail for
// decays, atomic WAV/FLAC files that read back, and clear errors.
#include "audiotest.h"

#include <QtTest/QtTest>

#include <sndfile.h>

#include <filesystem>

using namespace gs;
using namespace gs::test;

namespace fs = std::filesystem;

namespace {

std::vector<float> readBack(const std::string& path, SF_INFO& info)
{
    info = {};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, &info);
    if (!f)
        return {};
    std::vector<float> data(std::size_t(info.frames * info.channels));
    sf_readf_float(f, data.data(), info.frames);
    sf_close(f);
    return data;
}

} // namespace

class TestRenderer : public QObject {
    Q_OBJECT
private:
    std::shared_ptr<const Kit> m_kit;
    std::shared_ptr<const Pattern> m_groove;

private Q_SLOTS:
    void initTestCase()
    {
        m_kit = loadAssetKit("acoustic", 48000.0);
        QVERIFY(m_kit);
        std::vector<TestHit> hits;
        for (int s = 0; s < 16; ++s) {
            hits.push_back({s, 2, 0.5f + 0.03f * float(s), (s % 4 - 2) * 0.2f});
            if (s % 4 == 0)
                hits.push_back({s, s % 8 ? 1 : 0, 0.9f, 0.0f});
        }
        hits.push_back({14, 3, 0.8f, 0.0f});
        m_groove = makePattern(hits);
    }

    void blockSizeDoesNotChangeTheSound()
    {
        RenderOptions o;
        o.loops = 2;
        o.settings.swingPercent = 62.0;
        o.blockSize = 256;
        const auto reference = renderPatterns({m_groove}, m_kit, o);
        QVERIFY(reference.frames > 0);
        for (int block : {1, 64, 777, 4096}) {
            o.blockSize = block;
            const auto other = renderPatterns({m_groove}, m_kit, o);
            QCOMPARE(other.frames, reference.frames);
            QCOMPARE(firstDifference(other.audio, reference.audio), std::int64_t(-1));
        }
    }

    void tailLetsDecaysRingAndStopsAtSilence()
    {
        RenderOptions o;
        o.tailSeconds = 10.0;
        const auto r = renderPatterns({m_groove}, m_kit, o);
        QCOMPARE(r.musicFrames, std::int64_t(96000));
        QVERIFY(r.frames > r.musicFrames);  // the open hat rings past the end
        QVERIFY(r.frames < r.musicFrames + 10 * 48000);  // and the tail stops once all is silent
        QVERIFY(firstAbove(r.audio, r.musicFrames, 0.0f) >= 0);
        o.tailSeconds = 0.0;
        QCOMPARE(renderPatterns({m_groove}, m_kit, o).frames, std::int64_t(96000));
    }

    void writesWavAndFlacAtomically()
    {
        QTemporaryDir tmp;
        const auto r = renderPatterns({m_groove}, m_kit, RenderOptions{});
        for (const char* name : {"out.wav", "out.flac"}) {
            const std::string path = (fs::path(tmp.path().toStdString()) / name).string();
            const Status written = writeAudioFile(path, r.audio, 48000.0);
            QVERIFY2(written.ok(), written.ok() ? "" : written.error().describe().c_str());
            SF_INFO info;
            const auto data = readBack(path, info);
            QCOMPARE(info.samplerate, 48000);
            QCOMPARE(info.channels, 2);
            QCOMPARE(std::int64_t(info.frames), r.frames);
            float worst = 0.0f;
            for (std::size_t i = 0; i < data.size(); ++i)
                worst = std::max(worst, std::abs(data[i] - std::clamp(r.audio[i], -1.0f, 1.0f)));
            QVERIFY2(worst < 1e-5f, qPrintable(QString::number(worst)));  // 24-bit
        }
        // No temp files left behind.
        QCOMPARE(int(std::distance(fs::directory_iterator(tmp.path().toStdString()), fs::directory_iterator())), 2);
    }

    void streamedRenderIsTheSameAudio()
    {
        // Streamed block by block (an odd block size, a tail that ends at silence) it is the same
        // audio as the render kept in memory, and a sink error stops the render with that error.
        RenderOptions o;
        o.blockSize = 333;
        o.loops = 2;
        o.tailSeconds = 3.0;
        Renderer renderer(o);
        const auto kept = renderer.render({m_groove}, m_kit);
        QVERIFY(kept.ok());
        std::vector<float> streamed;
        int blocks = 0;
        const auto sent = renderer.render({m_groove}, m_kit, [&](const float* audio, std::int64_t frames) {
            streamed.insert(streamed.end(), audio, audio + 2 * frames);
            ++blocks;
            return success();
        });
        QVERIFY(sent.ok());
        QVERIFY(sent->audio.empty());
        QCOMPARE(sent->frames, kept->frames);
        QVERIFY(streamed == kept->audio);
        QVERIFY(blocks > 100);
        int calls = 0;
        const auto failed = renderer.render({m_groove}, m_kit, [&](const float*, std::int64_t) -> Status {
            if (++calls == 3)
                return Error{"out.wav", "disk full"};
            return success();
        });
        QVERIFY(!failed.ok());
        QCOMPARE(failed.error().describe(), Error({"out.wav", "disk full"}).describe());
        QCOMPARE(calls, 3);
    }

    void unfinishedWriterLeavesNothing()
    {
        QTemporaryDir dir;
        const std::string path = (fs::path(dir.path().toStdString()) / "take.wav").string();
        const std::vector<float> second(2 * 48000, 0.25f);
        {
            auto writer = AudioFileWriter::open(path, 48000.0);
            QVERIFY(writer.ok());
            QVERIFY((*writer)->write(second.data(), 48000).ok());
        }  // dropped unfinished (a failed render)
        QVERIFY(fs::is_empty(dir.path().toStdString()));
        auto writer = AudioFileWriter::open(path, 48000.0);
        QVERIFY(writer.ok());
        QVERIFY((*writer)->write(second.data(), 48000).ok());
        QVERIFY((*writer)->write(second.data(), 24000).ok());
        QVERIFY((*writer)->finish().ok());
        SF_INFO info;
        QCOMPARE(readBack(path, info).size(), std::size_t(2 * 72000));
        QVERIFY(!(*writer)->write(second.data(), 1).ok());  // closed
    }

    void badOutputsAreRefused()
    {
        QTemporaryDir tmp;
        const std::vector<float> audio(2000, 0.1f);
        const Status mp3 = writeAudioFile(tmp.filePath("x.mp3").toStdString(), audio, 48000.0);
        QVERIFY(!mp3);
        QVERIFY(mp3.error().message.find("unsupported audio format") != std::string::npos);
        const Status noDir = writeAudioFile(tmp.filePath("missing/x.wav").toStdString(), audio, 48000.0);
        QVERIFY(!noDir);
        QVERIFY(noDir.error().file.find("missing/x.wav") != std::string::npos);
        // A kit at another rate than the render is an error, not a silently wrong pitch.
        auto kit44 = loadAssetKit("acoustic", 44100.0);
        Renderer renderer(RenderOptions{});
        auto r = renderer.render({m_groove}, kit44);
        QVERIFY(!r);
        QVERIFY(r.error().message.find("44100") != std::string::npos);
        QVERIFY(!renderer.render({}, m_kit));
    }

    void metronomeAndCountIn()
    {
        RenderOptions o;
        o.settings.countInBars = 1;
        o.settings.metronome = true;
        o.tailSeconds = 0.0;
        const auto empty = makePattern({});
        const auto r = renderPatterns({empty}, m_kit, o);
        QCOMPARE(r.musicFrames, std::int64_t(2 * 96000));  // a bar of count-in, a bar of music
        // A click on every beat (24000 frames apart) of the count-in and the bar.
        for (int beat = 0; beat < 8; ++beat)
            QCOMPARE(firstAbove(r.audio, beat * 24000, 1e-4f), std::int64_t(beat * 24000 + 1));  // sin(0) = 0
        QCOMPARE(r.hitsPlayed, std::uint64_t(0));
    }
};

QTEST_GUILESS_MAIN(TestRenderer)
#include "tst_renderer.moc"
