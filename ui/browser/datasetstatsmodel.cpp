#include "browser/datasetstatsmodel.h"
#include "files/workerguard.h"

#include "dataset/dataset.h"

#include <cstdio>
#include <QFileInfo>
#include <QThread>

#include <algorithm>

namespace gs {

namespace {

// Qt Charts take counts as a list of numbers, and an axis maximum.
QVariantList asDoubles(const std::vector<long>& counts)
{
    QVariantList out;
    for (long count : counts)
        out << double(count);
    return out;
}

double largest(const std::vector<long>& counts)
{
    return counts.empty() ? 0.0 : double(*std::max_element(counts.begin(), counts.end()));
}

} // namespace

DatasetStatsModel::DatasetStatsModel(QObject* parent)
    : QObject(parent)
{
}

DatasetStatsModel::~DatasetStatsModel()
{
    if (m_thread) {
        m_thread->wait();  // one pass over the windows: short, and nothing to cancel mid-way
        delete m_thread;
    }
}

void DatasetStatsModel::setInputs(std::shared_ptr<const Dataset> dataset, std::vector<int> used, int selectedFile)
{
    m_dataset = std::move(dataset);
    m_used = std::move(used);
    m_selectedFile = selectedFile;
    ++m_generation;
    start();
}

void DatasetStatsModel::setFileOnly(bool fileOnly)
{
    if (fileOnly == m_fileOnly)
        return;
    m_fileOnly = fileOnly;
    Q_EMIT fileOnlyChanged();
    ++m_generation;
    start();
}

void DatasetStatsModel::start()
{
    if (m_thread)
        return;  // finish() starts again with the newest inputs
    std::vector<int> windows;
    QString scope;
    const int files = m_dataset ? int(m_dataset->files().size()) : 0;
    if (m_fileOnly && m_selectedFile >= 0 && m_selectedFile < files) {
        for (int i = 0; i < m_dataset->windowCount(); ++i)
            if (m_dataset->windows()[std::size_t(i)].file == m_selectedFile)
                windows.push_back(i);
        scope = tr("%1 (all its windows)")
                    .arg(QFileInfo(QString::fromStdString(m_dataset->files()[std::size_t(m_selectedFile)].path)).fileName());
    } else {
        windows = m_used;
        scope = tr("Included windows");
    }
    const int generation = m_generation;
    m_thread = QThread::create([this, dataset = m_dataset, windows = std::move(windows), scope, generation] {
        auto figures = std::make_shared<DatasetStatsFigures>();
        QStringList voices;
        if (dataset) {
            const QString thrown = runGuarded(scope, [&] {
                *figures = DatasetStatsFigures::compute(*dataset, windows, kOffsetBins);
                for (const DrumVoice& v : dataset->settings().map.voices())
                    voices << QString::fromStdString(v.name);
            });
            if (!thrown.isEmpty()) {
                *figures = DatasetStatsFigures();  // no figures rather than no app
                std::fprintf(stderr, "groovescape: statistics: %s\n", qPrintable(thrown));
            }
        }
        QMetaObject::invokeMethod(this, [this, figures, voices, scope, generation] {
            finish(figures, voices, scope, generation);
        }, Qt::QueuedConnection);
    });
    m_thread->start();
    Q_EMIT busyChanged();
}

void DatasetStatsModel::finish(std::shared_ptr<DatasetStatsFigures> figures, QStringList voices, QString scope,
    int generation)
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    if (generation != m_generation) {
        start();  // the inputs changed meanwhile: this result is stale
        return;
    }
    m_figures = std::move(*figures);
    m_voiceNames = std::move(voices);
    m_scopeText = std::move(scope);
    Q_EMIT busyChanged();
    Q_EMIT statsChanged();
}

QStringList DatasetStatsModel::styles() const
{
    QStringList out;
    for (const auto& [style, count] : m_figures.windowsPerStyle)
        out << QString::fromStdString(style);
    return out;
}

QVariantList DatasetStatsModel::styleCounts() const
{
    QVariantList out;
    for (const auto& [style, count] : m_figures.windowsPerStyle)
        out << count;
    return out;
}

double DatasetStatsModel::maxStyleCount() const
{
    int most = 0;
    for (const auto& [style, count] : m_figures.windowsPerStyle)
        most = std::max(most, count);
    return most;
}

QVariantList DatasetStatsModel::voiceHits() const
{
    return asDoubles(m_figures.hitsPerVoice);
}

double DatasetStatsModel::maxVoiceHits() const
{
    return largest(m_figures.hitsPerVoice);
}

QVariantList DatasetStatsModel::heatMeans() const
{
    QVariantList out;
    const int voices = int(m_figures.hitsPerVoice.size());
    out.reserve(voices * m_figures.heatSteps);
    for (int v = 0; v < voices; ++v)
        for (int s = 0; s < m_figures.heatSteps; ++s)
            out << m_figures.meanVelocity(v, s);
    return out;
}

QStringList DatasetStatsModel::offsetLabels() const
{
    // Bin centres in steps; the bar chart needs distinct category names.
    QStringList out;
    const int bins = int(m_figures.offsetHistogram.size());
    for (int b = 0; b < bins; ++b)
        out << QString::number(-0.5 + (b + 0.5) / bins, 'f', 3);
    return out;
}

QVariantList DatasetStatsModel::offsetCounts() const
{
    return asDoubles(m_figures.offsetHistogram);
}

double DatasetStatsModel::maxOffsetCount() const
{
    return largest(m_figures.offsetHistogram);
}

} // namespace gs
