#pragma once
// The browser's statistics for QML charts: windows per style, hits per voice,
// mean velocity per voice x step, micro-timing histogram. Computed on a worker
// thread (the latest inputs win) over the windows the app uses, or over the
// selected file's windows when `fileOnly` is on and a file is selected.
#include "browser/datasetstatsfigures.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

class QThread;

namespace gs {

class Dataset;

class DatasetStatsModel : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by DatasetBrowser")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(bool fileOnly READ fileOnly WRITE setFileOnly NOTIFY fileOnlyChanged)
    Q_PROPERTY(QString scopeText READ scopeText NOTIFY statsChanged)
    Q_PROPERTY(int windowCount READ windowCount NOTIFY statsChanged)
    Q_PROPERTY(double hitCount READ hitCount NOTIFY statsChanged)
    Q_PROPERTY(QStringList styles READ styles NOTIFY statsChanged)
    Q_PROPERTY(QVariantList styleCounts READ styleCounts NOTIFY statsChanged)
    Q_PROPERTY(double maxStyleCount READ maxStyleCount NOTIFY statsChanged)
    Q_PROPERTY(QStringList voiceNames READ voiceNames NOTIFY statsChanged)
    Q_PROPERTY(QVariantList voiceHits READ voiceHits NOTIFY statsChanged)
    Q_PROPERTY(double maxVoiceHits READ maxVoiceHits NOTIFY statsChanged)
    Q_PROPERTY(int heatSteps READ heatSteps NOTIFY statsChanged)
    Q_PROPERTY(int heatStepsPerBar READ heatStepsPerBar NOTIFY statsChanged)
    Q_PROPERTY(int heatStepsPerBeat READ heatStepsPerBeat NOTIFY statsChanged)
    Q_PROPERTY(int heatWindows READ heatWindows NOTIFY statsChanged)
    Q_PROPERTY(QVariantList heatMeans READ heatMeans NOTIFY statsChanged)
    Q_PROPERTY(QStringList offsetLabels READ offsetLabels NOTIFY statsChanged)
    Q_PROPERTY(QVariantList offsetCounts READ offsetCounts NOTIFY statsChanged)
    Q_PROPERTY(double maxOffsetCount READ maxOffsetCount NOTIFY statsChanged)

public:
    static constexpr int kOffsetBins = 20;

    explicit DatasetStatsModel(QObject* parent = nullptr);
    ~DatasetStatsModel() override;

    // GUI thread. `used`: the windows the app uses; `selectedFile`: -1 for none.
    void setInputs(std::shared_ptr<const Dataset> dataset, std::vector<int> used, int selectedFile);

    bool busy() const { return m_thread != nullptr; }
    bool fileOnly() const { return m_fileOnly; }
    void setFileOnly(bool fileOnly);
    QString scopeText() const { return m_scopeText; }
    const DatasetStatsFigures& figures() const { return m_figures; }
    int windowCount() const { return m_figures.windows; }
    double hitCount() const { return double(m_figures.hits); }
    QStringList styles() const;
    QVariantList styleCounts() const;
    double maxStyleCount() const;
    QStringList voiceNames() const { return m_voiceNames; }
    QVariantList voiceHits() const;
    double maxVoiceHits() const;
    int heatSteps() const { return m_figures.heatSteps; }
    int heatStepsPerBar() const { return m_figures.heatGrid.stepsPerBar(); }
    int heatStepsPerBeat() const { return m_figures.heatGrid.stepsPerBeat; }
    int heatWindows() const { return m_figures.heatWindows; }
    // Voice-major (voice * heatSteps + step) mean velocity 0..1, -1 where no hits.
    QVariantList heatMeans() const;
    QStringList offsetLabels() const;
    QVariantList offsetCounts() const;
    double maxOffsetCount() const;

Q_SIGNALS:
    void busyChanged();
    void fileOnlyChanged();
    void statsChanged();

private:
    void start();
    void finish(std::shared_ptr<DatasetStatsFigures> figures, QStringList voices, QString scope, int generation);

    std::shared_ptr<const Dataset> m_dataset;
    std::vector<int> m_used;
    int m_selectedFile = -1;
    bool m_fileOnly = false;
    QThread* m_thread = nullptr;
    int m_generation = 0;  // bumped by every input change; a stale result is dropped
    DatasetStatsFigures m_figures;
    QStringList m_voiceNames;
    QString m_scopeText;
};

} // namespace gs
