// MapController's t-SNE view (issue 14, "Embedding view"): the layout choice,
// the run on the embedding worker with its progress and cancel, and swapping
// the map's points between their PCA and t-SNE positions. The cursor's way
// between layout and latent is EmbeddingLayout's (mapcontroller.cpp asks it
// whenever showingEmbedding()).
#include "map/embeddingworker.h"
#include "map/mapbuilder.h"
#include "map/mapcontroller.h"

namespace gs {

bool MapController::embeddingAvailable() const
{
    return m_space && m_space->latent() > 3 && m_build && m_build->means.size() >= 4;
}

void MapController::setLayout(const QString& layout)
{
    const bool tsne = layout == QStringLiteral("tsne");
    if (tsne == m_layoutTsne || (tsne && !embeddingAvailable()))
        return;
    m_layoutTsne = tsne;
    Q_EMIT layoutChanged();
    if (tsne && m_embedding.empty()) {
        if (!m_embeddingRunning)
            startEmbedding();
        return;  // the PCA map stays until the layout arrives
    }
    showLayout();
}

void MapController::startEmbedding()
{
    stopEmbedding();
    const quint64 ticket = m_embeddingTicket;
    m_embeddingRunning = true;
    m_embeddingProgress = 0.0;
    m_embeddingError.clear();
    Q_EMIT embeddingChanged();
    Q_EMIT embeddingProgressChanged();
    auto lastPercent = std::make_shared<int>(-1);
    m_embedder->start(
        m_build->means, TsneOptions{},
        [this, ticket, lastPercent](int done, int total) {
            const int percent = total > 0 ? 100 * done / total : 100;
            if (percent == *lastPercent)
                return;  // a hundred reports a run, not a thousand
            *lastPercent = percent;
            QMetaObject::invokeMethod(this, [this, ticket, percent] {
                if (ticket != m_embeddingTicket)
                    return;
                m_embeddingProgress = percent / 100.0;
                Q_EMIT embeddingProgressChanged();
            }, Qt::QueuedConnection);
        },
        [this, ticket](Result<std::vector<float>> layout) {
            QMetaObject::invokeMethod(this, [this, ticket, layout = std::move(layout)] { applyEmbedding(layout, ticket); },
                                      Qt::QueuedConnection);
        });
}

void MapController::stopEmbedding()
{
    ++m_embeddingTicket;  // whatever the old run still reports is dropped
    m_embedder->cancel();
    m_embedding = EmbeddingLayout();
    if (m_embeddingRunning) {
        m_embeddingRunning = false;
        Q_EMIT embeddingChanged();
    }
}

void MapController::cancelEmbedding()
{
    ++m_embeddingTicket;
    m_embedder->cancel();
    const bool wasRunning = m_embeddingRunning;
    m_embeddingRunning = false;
    if (m_layoutTsne && m_embedding.empty()) {
        m_layoutTsne = false;  // nothing to show: back to the PCA map the user kept using
        Q_EMIT layoutChanged();
    }
    if (wasRunning)
        Q_EMIT embeddingChanged();
}

void MapController::applyEmbedding(const Result<std::vector<float>>& layout, quint64 ticket)
{
    if (ticket != m_embeddingTicket || !m_build)
        return;  // cancelled, or for the points of an earlier map
    m_embeddingRunning = false;
    if (!layout.ok()) {
        m_embeddingError = tr("No t-SNE layout: %1").arg(QString::fromStdString(layout.error().describe()));
        m_layoutTsne = false;
        Q_EMIT layoutChanged();
        Q_EMIT embeddingChanged();
        Q_EMIT error(m_embeddingError);
        return;
    }
    m_embedding = EmbeddingLayout(*layout, m_build->means);
    m_embeddingProgress = 1.0;
    Q_EMIT embeddingProgressChanged();
    if (m_layoutTsne)
        showLayout();
    else
        Q_EMIT embeddingChanged();
}

void MapController::showLayout()
{
    if (!m_build)
        return;
    std::vector<MapPointSource> points = m_build->points;
    if (showingEmbedding()) {
        for (std::size_t i = 0; i < points.size() && int(i) < m_embedding.count(); ++i) {
            points[i].x = m_embedding.x(int(i));
            points[i].y = m_embedding.y(int(i));
        }
        m_map.setBackground(QImage(), QRectF());  // decoded over the PCA plane: not this layout's
    } else {
        m_map.setBackground(m_build->background, m_build->backgroundRect);
    }
    m_map.setPoints(std::move(points), m_build->files, m_build->styles);
    m_map.setCursor(project(m_z));
    Q_EMIT embeddingChanged();
    Q_EMIT directionsChanged();
}

} // namespace gs
