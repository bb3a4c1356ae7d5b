#pragma once
// A value from a project that means something only on a model of one latent size (the map
// cursor, a path's ends, a freehand path): held as the file had it, saved back unchanged while
// it waits, and applied once when the map holds a model of that size. The one place that
// rule is written (the cursor part, InterpolationModel and FreehandPath use it).
// Threads: GUI thread only.
#include <QJsonValue>

#include <functional>

namespace gs {

class MapController;

class ModelWait {
public:
    // Holds `value` for a model of `latent` dimensions (replacing what was held).
    void hold(QJsonValue value, int latent);
    void drop();
    bool holding() const { return m_latent > 0; }
    const QJsonValue& value() const { return m_value; }
    int latent() const { return m_latent; }

    // When `controller` is ready with a model of the held latent size: drops the value, then
    // calls apply(value); true when it did. Otherwise it keeps waiting.
    bool applyWhenReady(const MapController& controller, const std::function<void(const QJsonValue&)>& apply);

private:
    QJsonValue m_value;
    int m_latent = 0;
};

} // namespace gs
