// LatentSpace on a real RhythmVAE (fresh weights: these checks are about the
// plumbing, not what a trained model has learned) and real GMD windows:
// encode, single and batched decode, bend, and the app's decode worker.
#include "latent/decodeworker.h"
#include "latent/latentspace.h"
#include "model/fastdecoder.h"
#include "latenttestdata.h"
#include "model/model.h"

#include <QtTest/QtTest>

#include <atomic>
#include <cmath>
#include <mutex>

using namespace gs;

namespace {

Model makeModel(const std::string& type, int latent)
{
    ModelConfig config;
    config.type = type;
    config.latent = latent;
    if (type == "recurrent")
        config.hidden = 64;
    auto model = Model::create(config, 3);
    if (!model)
        qFatal("%s", model.error().describe().c_str());
    return *model;
}

float maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    float worst = 0.0f;
    for (std::size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

} // namespace

class TestLatentSpace : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void encodesRealWindowsInBatches()
    {
        const auto windows = test::gmdWindows(test::someGmdBeats());
        QVERIFY2(windows.size() >= 40, qPrintable(QString::number(windows.size())));
        LatentSpace space(makeModel("rhythmvae", 4));
        std::vector<std::pair<int, int>> progress;
        auto encoded = space.encode(windows, [&](int done, int total) { progress.push_back({done, total}); }, nullptr, 16);
        QVERIFY2(encoded.ok(), encoded.ok() ? "" : encoded.error().describe().c_str());
        QCOMPARE(encoded->mean.size(), windows.size());
        QCOMPARE(encoded->mean.front().size(), std::size_t(4));
        QCOMPARE(progress.back().first, int(windows.size()));
        QCOMPARE(int(progress.size()), int((windows.size() + 15) / 16));
        // Batch size does not change the means (evaluation mode: BatchNorm uses its running statistics).
        auto again = space.encode(windows, {}, nullptr, 7);
        QVERIFY(again.ok());
        for (std::size_t i = 0; i < windows.size(); ++i)
            QVERIFY(maxDifference(encoded->mean[i], again->mean[i]) < 1e-4f);
        // Different windows land in different places.
        QVERIFY(maxDifference(encoded->mean[0], encoded->mean[1]) > 1e-6f);
    }
    void encodeRejectsWrongShapesAndCancels()
    {
        LatentSpace space(makeModel("rhythmvae", 2));
        std::vector<Groove> wrong{Groove(Grid{1, 4, {4, 4}}, 9)};  // 16 steps, the model has 32
        auto result = space.encode(wrong);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.find("16 steps") != std::string::npos);
        std::atomic<bool> cancel{true};
        const auto windows = test::gmdWindows({test::someGmdBeats().front()});
        QVERIFY(!windows.empty());
        auto cancelled = space.encode(windows, {}, &cancel);
        QVERIFY(!cancelled.ok());
        QVERIFY(space.checkLatent({1.0f}).ok() == false);
        QVERIFY(space.checkLatent({1.0f, NAN}).ok() == false);
        QVERIFY(space.checkLatent({1.0f, 2.0f}).ok());
    }
    void singleDecodeMatchesBatchAndIsDeterministic()
    {
        for (const char* type : {"rhythmvae", "recurrent"}) {
            LatentSpace space(makeModel(type, 3));
            const LatentVector z{0.3f, -1.2f, 0.7f};
            const DecodedGroove one = space.decode(z);
            QCOMPARE(one.steps, 32);
            QCOMPARE(one.voices, 9);
            QCOMPARE(one.hitLogits.size(), std::size_t(32 * 9));
            // Same z, same output, bit for bit.
            const DecodedGroove two = space.decode(z);
            QCOMPARE(one.hitLogits, two.hitLogits);
            QCOMPARE(one.velocity, two.velocity);
            // The single path (FastDecoder for RhythmVAE) agrees with the batched module.
            const auto batch = space.decode(std::vector<LatentVector>{{0, 0, 0}, z, {1, 1, 1}});
            QCOMPARE(batch.size(), std::size_t(3));
            std::vector<float> p1, p2;
            for (std::size_t i = 0; i < one.hitLogits.size(); ++i) {
                p1.push_back(one.probability(i));
                p2.push_back(batch[1].probability(i));
            }
            // RhythmVAE's single path stores fp16 weights (kHalfTolerance); the recurrent one is the module itself.
            const float tolerance = FastDecoder::kHalfTolerance;
            QVERIFY2(maxDifference(p1, p2) < tolerance, type);
            QVERIFY2(maxDifference(one.velocity, batch[1].velocity) < tolerance, type);
            QVERIFY2(maxDifference(one.offset, batch[1].offset) < tolerance, type);
            QVERIFY(maxDifference(batch[0].velocity, batch[2].velocity) > 0.0f);
        }
    }
    void bendIsReversibleBitForBit()
    {
        LatentSpace space(makeModel("rhythmvae", 2));
        const LatentVector z{0.5f, -0.5f};
        const std::vector<LatentVector> zs{z, {1, 2}};
        const DecodedGroove before = space.decode(z);
        const auto beforeBatch = space.decode(zs);
        const auto encodedBefore = space.encode(test::gmdWindows({test::someGmdBeats()[1]}));
        QVERIFY(encodedBefore.ok());
        space.bend(0.5f, 9);
        QVERIFY(space.isBent());
        const DecodedGroove bent = space.decode(z);
        QVERIFY(maxDifference(bent.hitLogits, before.hitLogits) > 1e-3f);
        // The encoder is not bent.
        const auto encodedBent = space.encode(test::gmdWindows({test::someGmdBeats()[1]}));
        QCOMPARE(encodedBent->mean, encodedBefore->mean);
        // Same seed, same bend (from the original weights, not stacked).
        space.bend(0.5f, 9);
        QCOMPARE(space.decode(z).hitLogits, bent.hitLogits);
        space.bend(0.5f, 10);
        QVERIFY(space.decode(z).hitLogits != bent.hitLogits);
        space.unbend();
        QVERIFY(!space.isBent());
        const DecodedGroove after = space.decode(z);
        QCOMPARE(after.hitLogits, before.hitLogits);
        QCOMPARE(after.velocity, before.velocity);
        QCOMPARE(after.offset, before.offset);
        const auto afterBatch = space.decode(zs);
        for (std::size_t i = 0; i < zs.size(); ++i)
            QCOMPARE(afterBatch[i].hitLogits, beforeBatch[i].hitLogits);
    }
    void decodeWorkerLatestRequestWins()
    {
        auto space = std::make_shared<const LatentSpace>(makeModel("recurrent", 2));
        std::mutex mutex;
        std::vector<std::uint64_t> delivered;
        std::vector<std::string> errors;
        DecodeWorker worker(space, [&](const DecodeResult& r) {
            std::lock_guard lock(mutex);
            delivered.push_back(r.id);
            if (!r.error.empty())
                errors.push_back(r.error);
        });
        const int requests = 500;
        for (int i = 1; i <= requests; ++i)
            worker.request({std::uint64_t(i), {float(i) / requests, -0.5f}, {}});
        worker.waitIdle();
        std::lock_guard lock(mutex);
        QVERIFY(errors.empty());
        // The last request is always decoded; most were replaced before their turn.
        QVERIFY(!delivered.empty());
        QCOMPARE(delivered.back(), std::uint64_t(requests));
        QVERIFY2(delivered.size() < std::size_t(requests) / 2, qPrintable(QString::number(delivered.size())));
        QVERIFY(std::is_sorted(delivered.begin(), delivered.end()));
        QCOMPARE(worker.requested(), std::uint64_t(requests));
        QCOMPARE(worker.decoded() + worker.dropped(), std::uint64_t(requests));
        QCOMPARE(worker.decoded(), std::uint64_t(delivered.size()));
    }
    void decodeWorkerReportsBadRequests()
    {
        auto space = std::make_shared<const LatentSpace>(makeModel("rhythmvae", 2));
        std::mutex mutex;
        DecodeResult last;
        DecodeWorker worker(space, [&](const DecodeResult& r) {
            std::lock_guard lock(mutex);
            last = r;
        });
        worker.request({7, {1.0f, 2.0f, 3.0f}, {}});
        worker.waitIdle();
        {
            std::lock_guard lock(mutex);
            QCOMPARE(last.id, std::uint64_t(7));
            QVERIFY(last.error.find("3 values") != std::string::npos);
        }
        SamplingOptions sampling;
        sampling.voiceMaxHits.assign(9, 1);
        sampling.threshold = 0.0f;
        worker.request({8, {0.0f, 0.0f}, sampling});
        worker.waitIdle();
        std::lock_guard lock(mutex);
        QCOMPARE(last.id, std::uint64_t(8));
        QVERIFY(last.error.empty());
        QCOMPARE(last.groove.hitCount(), 9);
    }
};

QTEST_GUILESS_MAIN(TestLatentSpace)
#include "tst_latentspace.moc"
