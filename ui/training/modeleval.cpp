#include "training/modeleval.h"

#include "dataset/dataset.h"
#include "latent/evaluator.h"
#include "latent/latentspace.h"
#include "model/model.h"

namespace gs {

std::vector<Groove> validationWindows(const Dataset& dataset, const ModelConfig& config)
{
    std::vector<Groove> windows;
    for (const DatasetWindow& w : dataset.windows())
        if (w.split == Split::Validation && w.groove.steps() == config.steps() && w.groove.voices() == config.voices())
            windows.push_back(w.groove);
    return windows;
}

Status evaluateInto(Model& model, const std::vector<Groove>& windows, const std::atomic<bool>* cancel,
                    std::function<bool(const char* phase, double fraction)> progress)
{
    if (windows.size() < 2)
        return Error{"", "the validation split has " + std::to_string(windows.size())
                + " window(s) on this model's grid; evaluation needs at least 2"};
    const LatentSpace space(model);
    EvalOptions options;
    options.progress = std::move(progress);
    Result<EvalReport> report = Evaluator(space).evaluate(windows, options, cancel);
    if (!report.ok())
        return report.error();
    std::map<std::string, double> metrics = model.metrics();
    for (const auto& [key, value] : report.value().flatten())
        metrics[key] = value;
    model.setMetrics(std::move(metrics));
    return success();
}

QVariantMap evaluationFigures(const std::map<std::string, double>& metrics)
{
    if (!metrics.count("hit_f1"))
        return {};
    QVariantMap figures;
    for (const char* key : {"windows", "hit_f1", "hit_precision", "hit_recall", "velocity_mse", "offset_mse",
                            "smoothness_mean", "smoothness_max", "attribute_correlation_density",
                            "attribute_correlation_velocity", "attribute_correlation_offset", "attribute_change_density",
                            "attribute_change_velocity", "attribute_change_offset", "active_dims"}) {
        const auto it = metrics.find(key);
        if (it != metrics.end())
            figures.insert(QString::fromLatin1(key), it->second);
    }
    return figures;
}

} // namespace gs
