#pragma once
// The training view's settings as one QML value (`training.settings.latent`, ...): a Q_GADGET around
// src/train's TrainSettings, the value `groovescape-cli train` fills from its options. Reading and
// writing a field here only changes this copy; TrainingModel::setSettings() takes a whole value and
// clamps it into TrainSettings' ranges (QML writes `training.settings.epochs = 3` back through it).
// Any thread (a plain value).
#include "train/trainsettings.h"

#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

namespace gs {

class TrainingSettings {
    Q_GADGET
    QML_VALUE_TYPE(trainingSettings)
    // Main.
    Q_PROPERTY(QString modelType READ modelType WRITE setModelType)  // "rhythmvae", "recurrent" or "transformer"
    Q_PROPERTY(QString inputMode READ inputMode WRITE setInputMode)  // transformer: "full" or "groove"
    Q_PROPERTY(bool flat READ flat WRITE setFlat)
    Q_PROPERTY(int latent READ latent WRITE setLatent)
    Q_PROPERTY(int epochs READ epochs WRITE setEpochs)
    Q_PROPERTY(int batch READ batch WRITE setBatch)
    Q_PROPERTY(double learningRate READ learningRate WRITE setLearningRate)  // 0 = the trainer's choice
    Q_PROPERTY(double beta READ beta WRITE setBeta)
    Q_PROPERTY(double freeBits READ freeBits WRITE setFreeBits)
    Q_PROPERTY(int earlyStopPatience READ earlyStopPatience WRITE setEarlyStopPatience)
    // Advanced.
    Q_PROPERTY(int hidden READ hidden WRITE setHidden)  // 0 = the model's default
    Q_PROPERTY(double weightDecay READ weightDecay WRITE setWeightDecay)
    Q_PROPERTY(int seed READ seed WRITE setSeed)
    Q_PROPERTY(double flatEta READ flatEta WRITE setFlatEta)
    Q_PROPERTY(QString klAnneal READ klAnneal WRITE setKlAnneal)  // "none", "linear", "cyclic"
    Q_PROPERTY(int klWarmupEpochs READ klWarmupEpochs WRITE setKlWarmupEpochs)
    Q_PROPERTY(double clipNorm READ clipNorm WRITE setClipNorm)  // 0 = no clipping
    Q_PROPERTY(int threads READ threads WRITE setThreads)  // 0 = cores - 1
    // bf16 mixed precision where it pays (RhythmVAE, no flat penalty, a CPU with native bf16): ~1.6x
    // faster, the same quality in our comparison (docs/benchmarks.md). Elsewhere the run trains in fp32.
    Q_PROPERTY(bool fastTraining READ fastTraining WRITE setFastTraining)

public:
    TrainingSettings() = default;
    explicit TrainingSettings(TrainSettings value) : m_value(std::move(value)) {}

    const TrainSettings& value() const { return m_value; }
    TrainSettings& value() { return m_value; }
    bool operator==(const TrainingSettings& other) const { return m_value == other.m_value; }
    bool operator!=(const TrainingSettings& other) const { return !(*this == other); }

    // Why these settings cannot be used ("" when they can): TrainSettings::problem(), the CLI's words.
    Q_INVOKABLE QString problem() const;
    // The whole value as JSON (TrainSettings::toJson).
    Q_INVOKABLE QString toJson() const;

    QString modelType() const { return QString::fromStdString(m_value.model); }
    void setModelType(const QString& type) { m_value.model = type.toStdString(); }
    QString inputMode() const { return QString::fromStdString(m_value.input); }
    void setInputMode(const QString& mode) { m_value.input = mode.toStdString(); }
    bool flat() const { return m_value.flat; }
    void setFlat(bool flat) { m_value.flat = flat; }
    int latent() const { return m_value.latent; }
    void setLatent(int latent) { m_value.latent = latent; }
    int epochs() const { return m_value.epochs; }
    void setEpochs(int epochs) { m_value.epochs = epochs; }
    int batch() const { return m_value.batch; }
    void setBatch(int batch) { m_value.batch = batch; }
    double learningRate() const { return m_value.lr; }
    void setLearningRate(double lr) { m_value.lr = lr; }
    double beta() const { return m_value.beta; }
    void setBeta(double beta) { m_value.beta = beta; }
    double freeBits() const { return m_value.freeBits; }
    void setFreeBits(double bits) { m_value.freeBits = bits; }
    int earlyStopPatience() const { return m_value.earlyStop; }
    void setEarlyStopPatience(int epochs) { m_value.earlyStop = epochs; }
    int hidden() const { return m_value.hidden; }
    void setHidden(int hidden) { m_value.hidden = hidden; }
    double weightDecay() const { return m_value.weightDecay; }
    void setWeightDecay(double decay) { m_value.weightDecay = decay; }
    int seed() const;
    void setSeed(int seed);  // below 0 -> 0
    double flatEta() const { return m_value.flatEta; }
    void setFlatEta(double eta) { m_value.flatEta = eta; }
    QString klAnneal() const { return QString::fromStdString(m_value.klAnneal); }
    void setKlAnneal(const QString& anneal) { m_value.klAnneal = anneal.toStdString(); }
    int klWarmupEpochs() const { return m_value.klWarmup; }
    void setKlWarmupEpochs(int epochs) { m_value.klWarmup = epochs; }
    double clipNorm() const { return m_value.clipNorm; }
    void setClipNorm(double norm) { m_value.clipNorm = norm; }
    int threads() const { return m_value.threads; }
    void setThreads(int threads) { m_value.threads = threads; }
    bool fastTraining() const { return m_value.precision == "bf16"; }
    void setFastTraining(bool fast) { m_value.precision = fast ? "bf16" : "fp32"; }

private:
    TrainSettings m_value;
};

} // namespace gs
