#include "generatejob.h"

#include "latent/sampling.h"

#include <chrono>
#include <cmath>
#include <random>

namespace gs {

namespace {

// Variation: z moved by `amount` prior standard deviations of seeded noise in every dimension.
void vary(LatentVector& z, float amount, std::uint64_t seed)
{
    if (!(amount > 0.0f))
        return;
    std::mt19937_64 random(seed);
    std::normal_distribution<float> normal(0.0f, 1.0f);
    for (float& v : z)
        v += amount * normal(random);
}

} // namespace

GenerateResult runGenerateJob(const GenerateJob& job)
{
    const auto started = std::chrono::steady_clock::now();
    GenerateResult result;
    result.kind = job.kind;
    result.timed = job.timed;
    result.loopEndSeconds = job.loopEndSeconds;
    result.rhythm = job.rhythm;
    if (!job.accompanist) {
        result.error = "no accompaniment model is loaded";
        return result;
    }
    try {
        LatentVector z;
        if (job.kind == GenerateJob::Kind::Rhythm) {
            Result<LatentVector> encoded = job.accompanist->encode(job.rhythm);
            if (!encoded.ok()) {
                result.error = encoded.error().describe();
                return result;
            }
            result.encoded = encoded.value();
            LatentMemory memory = job.memory;
            memory.push(result.encoded);
            z = follow(job.current, memory.mean(), job.followAmount);
        } else {
            z = job.z;
        }
        if (int(z.size()) != job.accompanist->latent()) {
            result.error = "the latent does not fit the accompaniment model";
            return result;
        }
        result.z = z;
        vary(z, job.options.variation, job.options.seed);
        const DecodedGroove decoded = job.accompanist->decode(z, job.conditions);
        SamplingOptions sampling;
        sampling.threshold = job.options.threshold;
        sampling.temperature = job.options.temperature;
        result.drums = realise(decoded, sampling);
        if (job.options.lockToRhythm && job.rhythm.hitCount() > 0 && job.rhythm.steps() == result.drums.steps())
            lockToRhythm(result.drums, decoded, job.rhythm);
    } catch (const std::exception& e) {
        result.error = e.what();
    } catch (...) {
        result.error = "unknown error while generating";
    }
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return result;
}

} // namespace gs
