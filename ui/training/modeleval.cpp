#include "training/modeleval.h"

#include "dataset/dataset.h"
#include "latent/evaluator.h"
#include "latent/featureeval.h"
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

std::vector<std::string> validationStyles(const Dataset& dataset, const ModelConfig& config)
{
    std::vector<std::string> styles;
    for (const DatasetWindow& w : dataset.windows())
        if (w.split == Split::Validation && w.groove.steps() == config.steps() && w.groove.voices() == config.voices())
            styles.push_back(w.style);
    return styles;
}

namespace {

QVariantList doubles(const std::vector<double>& values)
{
    QVariantList list;
    list.reserve(qsizetype(values.size()));
    for (double v : values)
        list.append(v);
    return list;
}

QVariantMap heatMap(const VelocityHeatMap& map)
{
    return {{QStringLiteral("heatMean"), doubles(map.meanVelocity)}, {QStringLiteral("heatRate"), doubles(map.hitRate)}};
}

QVariantMap setMap(const FeatureComparison& c, const VelocityHeatMap& heat)
{
    QVariantMap out = heatMap(heat);
    QVariantList features;
    for (std::size_t f = 0; f < c.names.size() && f < c.overall.features.size(); ++f) {
        const FeatureDistribution& d = c.overall.features[f];
        features.append(QVariantMap{{QStringLiteral("name"), QString::fromStdString(c.names[f])},
            {QStringLiteral("overlap"), d.overlap}, {QStringLiteral("kl"), d.kl}, {QStringLiteral("low"), d.low},
            {QStringLiteral("high"), d.high}, {QStringLiteral("real"), doubles(d.real)},
            {QStringLiteral("generated"), doubles(d.generated)}, {QStringLiteral("realMean"), d.realMean},
            {QStringLiteral("generatedMean"), d.generatedMean}});
    }
    out.insert(QStringLiteral("features"), features);
    QVariantList styles;
    for (const auto& [style, set] : c.perStyle) {
        double overlap = 0.0;
        for (const FeatureDistribution& d : set.features)
            overlap += d.overlap;
        styles.append(QVariantMap{{QStringLiteral("style"), QString::fromStdString(style)},
            {QStringLiteral("real"), set.realCount}, {QStringLiteral("generated"), set.generatedCount},
            {QStringLiteral("overlap"), set.features.empty() ? 0.0 : overlap / double(set.features.size())}});
    }
    out.insert(QStringLiteral("styles"), styles);
    return out;
}

} // namespace

Result<QVariantMap> compareFeaturesInto(Model& model, const std::vector<Groove>& windows,
                                        const std::vector<std::string>& styles, const std::atomic<bool>* cancel)
{
    if (windows.size() < 2)
        return Error{"", "the feature comparison needs at least 2 windows on this model's grid"};
    const LatentSpace space(model);
    const ModelConfig& config = space.config();
    std::vector<std::string> voiceNames;
    for (const DrumVoice& v : config.drumMap.voices())
        voiceNames.push_back(v.name);
    auto comparison = compareModelFeatures(space, windows, styles, voiceNames, {}, cancel);
    if (!comparison)
        return comparison.error();
    std::map<std::string, double> metrics = model.metrics();
    for (const auto& [key, value] : comparison->metrics())
        metrics[key] = value;
    model.setMetrics(std::move(metrics));

    QStringList names, voices;
    for (const std::string& n : comparison->prior.names)
        names.append(QString::fromStdString(n));
    for (const std::string& v : voiceNames)
        voices.append(QString::fromStdString(v));
    const Grid grid = windows.front().grid();
    return QVariantMap{{QStringLiteral("windows"), int(windows.size())}, {QStringLiteral("names"), names},
        {QStringLiteral("voiceNames"), voices}, {QStringLiteral("steps"), comparison->real.steps},
        {QStringLiteral("voices"), comparison->real.voices}, {QStringLiteral("stepsPerBar"), grid.stepsPerBar()},
        {QStringLiteral("stepsPerBeat"), grid.stepsPerBeat},
        {QStringLiteral("prior"), setMap(comparison->prior, comparison->priorHeat)},
        {QStringLiteral("reconstruction"), setMap(comparison->reconstruction, comparison->reconstructionHeat)},
        {QStringLiteral("real"), heatMap(comparison->real)}};
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
    for (const auto& [key, value] : metrics)  // the feature overlaps, when eval stored them
        if (key.rfind("feature_", 0) == 0)
            figures.insert(QString::fromStdString(key), value);
    return figures;
}

} // namespace gs
