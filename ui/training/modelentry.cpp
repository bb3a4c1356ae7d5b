#include "training/modelentry.h"

#include "model/model.h"
#include "model/modelheader.h"
#include "training/modeleval.h"

#include <QFileInfo>

#include <algorithm>
#include <utility>
#include <vector>

namespace gs {

ModelEntry ModelEntry::read(const QString& path, bool bundled)
{
    Result<ModelHeader> header = readModelHeader(path.toStdString());
    if (header.ok())
        return fromHeader(header.value(), path, bundled);
    ModelEntry e;
    e.path = path;
    e.name = QFileInfo(path).completeBaseName();
    e.bundled = bundled;
    e.error = QString::fromStdString(header.error().message);
    return e;
}

ModelEntry ModelEntry::fromModel(const Model& model, const QString& path, bool bundled)
{
    ModelHeader header;
    header.config = model.config();
    header.parameters = model.parameterCount();
    header.history = model.history();
    header.metrics = model.metrics();
    header.dataset = model.datasetSummary();
    header.hasOptimizerState = model.hasOptimizerState();
    return fromHeader(header, path, bundled);
}

ModelEntry ModelEntry::fromHeader(const ModelHeader& header, const QString& path, bool bundled)
{
    ModelEntry e;
    e.path = path;
    e.name = QFileInfo(path).completeBaseName();
    e.bundled = bundled;
    const ModelConfig& c = header.config;
    e.type = QString::fromStdString(c.type);
    e.latent = c.latent;
    // The width that model type uses (a transformer's config still carries the unused dense width).
    e.hidden = c.type == "recurrent" ? c.rnnHidden : c.type == "transformer" ? c.transformer.encoderDModel : c.hidden;
    e.parameters = header.parameters;
    const DatasetSummary& d = header.dataset;
    e.datasetName = QString::fromStdString(d.name);
    e.trainWindows = d.trainWindows;
    e.validationWindows = d.validationWindows;
    e.styleCount = int(d.styles.size());
    std::vector<std::pair<std::string, int>> styles(d.styles.begin(), d.styles.end());
    std::stable_sort(styles.begin(), styles.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QStringList parts;
    for (const auto& [style, windows] : styles)
        parts << QStringLiteral("%1 %2").arg(QString::fromStdString(style.empty() ? std::string("unknown") : style)).arg(windows);
    e.styles = parts.join(QStringLiteral(", "));
    e.beta = c.loss.beta;
    e.freeBits = c.loss.freeBits;
    e.klAnneal = QString::fromStdString(c.loss.klAnneal);
    e.flat = c.loss.flat;
    e.flatEta = c.loss.flatEta;
    e.mapAxes = c.loss.mapAttributes > 0.0f;
    const std::vector<EpochRecord>& history = header.history;
    if (!history.empty()) {
        e.learningRate = history.front().learningRate;
        e.epochs = history.back().epoch;
        e.validationLoss = history.back().validation.total;
        for (const EpochRecord& r : history)
            e.trainingSeconds += r.seconds;
    }
    e.evaluation = evaluationFigures(header.metrics);
    return e;
}

} // namespace gs
