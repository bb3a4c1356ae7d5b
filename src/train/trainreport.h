#pragma once
// What the trainer tells its listener (the UI plots these live). Torch-free.
#include "model/modelrecords.h"

#include <string>

namespace gs {

struct TrainReport {
    enum class Kind { Step, Epoch };
    Kind kind = Kind::Epoch;
    int epoch = 0;  // 1-based, in the model's whole history
    int epochsPlanned = 0;  // the last epoch this run will reach
    long step = 0;  // batches done in this run
    LossTerms train;  // running mean over the epoch so far (Step) or the whole epoch (Epoch)
    LossTerms validation;  // Epoch reports only
    double learningRate = 0;
    double klWeight = 0;
    double samplesPerSecond = 0;
    double elapsedSeconds = 0;  // since this run started
    double remainingSeconds = 0;  // estimate
};

struct TrainOutcome {
    enum class End { Completed, EarlyStopped, Cancelled, Diverged, Failed };
    End end = End::Completed;
    std::string message;  // why it ended (always set for Diverged and Failed)
    int epochsRun = 0;  // in this run
    double seconds = 0;
    double samplesPerSecond = 0;  // mean over this run's training passes
    bool ok() const { return end != End::Diverged && end != End::Failed; }
};

const char* endName(TrainOutcome::End end);

} // namespace gs
