#pragma once
// One piece of work for the Groove panel's worker, and what comes back: either a
// rhythm to answer (encode, average with the memory, move from the playing latent
// by the follow amount, add variation, decode, realise) or a latent to decode
// (the A/B crossfade). Plain C++; runs on the worker thread.
#include "core/groove.h"
#include "latent/accompanist.h"
#include "latentmix.h"

#include <cstdint>
#include <memory>
#include <string>

namespace gs {

struct GenerateJob {
    enum class Kind { Rhythm, Latent };
    Kind kind = Kind::Rhythm;
    std::shared_ptr<const Accompanist> accompanist;
    Groove rhythm;  // Kind::Rhythm: one voice on the accompanist's grid; both kinds: what a lock follows
    LatentVector z;  // Kind::Latent: decoded as it is
    LatentMemory memory;  // earlier passes' encodings, averaged with this one's
    LatentVector current;  // the latent playing now (empty: none)
    float followAmount = 1.0f;
    AccompanyConditions conditions;
    AccompanyOptions options;  // temperature, variation, seed, threshold
    bool timed = false;  // follow mode or the oscillation: takes over at the loop's end
    double loopEndSeconds = 0.0;  // when that loop ends (MidiInput::now()'s clock)
};

struct GenerateResult {
    GenerateJob::Kind kind = GenerateJob::Kind::Rhythm;
    LatentVector encoded;  // Kind::Rhythm: the rhythm's mean
    LatentVector z;  // what was decoded, before variation
    Groove rhythm;  // the rhythm the drums were locked to (the job's)
    Groove drums;
    double seconds = 0.0;  // the work's own time
    bool timed = false;
    double loopEndSeconds = 0.0;
    std::string error;
};

// Does the job (any thread; the accompanist serialises its own calls). Never throws.
GenerateResult runGenerateJob(const GenerateJob& job);

} // namespace gs
