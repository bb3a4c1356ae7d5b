#pragma once
// How a model is trained. Torch-free. Saved nowhere (a resume takes fresh options), except the precision
// that actually ran, which each epoch record keeps.
#include <cstdint>
#include <string>

namespace gs {

// fp32, or bf16 mixed precision (see precision.h; falls back to fp32 where it would not pay).
enum class TrainPrecision { Float32, BFloat16 };

struct TrainOptions {
    int epochs = 20;  // epochs to run now (a resume appends this many)
    int batch = 64;
    double lr = 0;  // Adam; 0 = 1e-3 for a fresh model, the last epoch's lr on resume
    double weightDecay = 0.0;
    double plateauFactor = 0.5;  // ReduceLROnPlateau on the validation loss
    int plateauPatience = 3;  // epochs without improvement before the lr drops (0 = never)
    double minLr = 1e-6;
    int earlyStopPatience = 0;  // epochs without improvement before stopping (0 = never); restores the best weights
    double clipNorm = 5.0;  // gradient norm clip (0 = none)
    std::uint64_t seed = 1;
    int threads = 0;  // torch intra-op threads; 0 = max(1, cores - 1)
    // OpenBLAS threads for the fp32 matrix products (torch does not split a GEMM itself). 1 unless torch runs on
    // one thread: two pools spinning on the same cores fight. bf16 products run on torch's threads (oneDNN).
    int blasThreads = 1;
    int reportEverySteps = 0;  // also report every N batches (0 = per epoch only)
    bool flatOnValidation = true;  // evaluate the flat-manifold term on validation too
    TrainPrecision precision = TrainPrecision::Float32;  // each epoch's record says which one ran
    // Saved as it goes: the model (with its optimizer state) is written atomically here after every
    // checkpointEvery epochs, so a killed run loses at most those epochs and resumes from the file.
    std::string checkpointPath;  // "" = no checkpoints
    int checkpointEvery = 1;
};

// 0 -> max(1, hardware cores - 1).
int resolvedThreads(int requested);

} // namespace gs
