// QuickTest runner for "Place on map" with the bundled defaults (tests/qml/place):
// the session holds the demo dataset (assets/demo/gmd) and the bundled 2D
// RhythmVAE (models/rhythmvae-2d.gsmodel), as the app has them on first run.
// A context object `placeCheck` gives the QML test what the model says in C++:
// the encoded z of the session's groove, the map controller's cursor z, and the
// groove the model decodes from a z (the controller's own latent space and
// sampling), to compare with what the views show.
#include "privatehome.h"
#include "dataset/importer.h"
#include "latent/latentspace.h"
#include "latent/sampling.h"
#include "map/mapcontroller.h"
#include "model/model.h"
#include "services.h"
#include "session.h"
#include "testdata.h"

#include <QApplication>
#include <QQmlContext>
#include <QQmlEngine>
#include <QVariantList>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(GroovescapeUiPlugin)
Q_IMPORT_QML_PLUGIN(GroovescapePlugin)

namespace {

QVariantList toList(const gs::LatentVector& z)
{
    QVariantList out;
    for (float v : z)
        out << double(v);
    return out;
}

gs::LatentVector fromList(const QVariantList& list)
{
    gs::LatentVector z;
    for (const QVariant& v : list)
        z.push_back(float(v.toDouble()));
    return z;
}

// Hits of a groove as "step:voice" strings, in step-then-voice order.
QStringList hitCells(const gs::Groove& groove)
{
    QStringList cells;
    for (int s = 0; s < groove.steps(); ++s)
        for (int v = 0; v < groove.voices(); ++v)
            if (groove.hit(s, v))
                cells << QStringLiteral("%1:%2").arg(s).arg(v);
    return cells;
}

} // namespace

class PlaceCheck : public QObject {
    Q_OBJECT

public:
    explicit PlaceCheck(gs::Session* session) : m_session(session) {}
    void setSession(gs::Session* session) { m_session = session; }

    // The encoder's mean for the session's current groove (the model read straight from the session).
    Q_INVOKABLE QVariantList encodeSessionGroove() const
    {
        if (!m_session->model())
            return {};
        const gs::LatentSpace space(*m_session->model());
        gs::Result<gs::EncodedSet> encoded = space.encode({m_session->groove()});
        return encoded.ok() && !encoded->mean.empty() ? toList(encoded->mean.front()) : QVariantList();
    }
    Q_INVOKABLE QVariantList cursorZ(QObject* controller) const
    {
        auto* c = qobject_cast<gs::MapController*>(controller);
        return c ? toList(c->currentZ()) : QVariantList();
    }
    // Where a z lies on the controller's 2D map (the map's own coordinates).
    Q_INVOKABLE QPointF project(QObject* controller, const QVariantList& z) const
    {
        auto* c = qobject_cast<gs::MapController*>(controller);
        return c ? c->project(fromList(z)) : QPointF();
    }
    // The hits the model decodes at z with the controller's sampling settings.
    Q_INVOKABLE QStringList decodedHits(QObject* controller, const QVariantList& z) const
    {
        auto* c = qobject_cast<gs::MapController*>(controller);
        if (!c || !c->space())
            return {};
        return hitCells(gs::realise(c->space()->decode(fromList(z)), c->sampling()));
    }
    Q_INVOKABLE QStringList sessionHits() const { return hitCells(m_session->groove()); }

private:
    gs::Session* m_session;
};

class PlaceTestSetup : public QObject {
    Q_OBJECT

public:
public Q_SLOTS:
    void applicationAvailable()
    {
        // The app's own services (the manual audio driver), reached by the views as `App`.
        m_services = std::make_unique<gs::Services>(gs::AudioLink::Driver::Manual);
        qmlRegisterSingletonInstance("Groovescape.App", 1, 0, "App", m_services.get());
        gs::Session& session = *m_services->session();
        m_check.setSession(&session);
        gs::Importer importer;
        gs::Result<gs::Dataset> demo = importer.run({(gs::test::sourceDir() / "assets/demo/gmd").string()});
        if (demo.ok())
            session.setDataset(std::make_shared<const gs::Dataset>(std::move(demo.value())), QStringLiteral("demo"));
        else
            std::fprintf(stderr, "placequicktest: %s\n", demo.error().describe().c_str());
        gs::Result<gs::Model> model = gs::Model::load((gs::test::sourceDir() / "models/rhythmvae-2d.gsmodel").string());
        if (model.ok())
            session.setModel(std::make_shared<gs::Model>(std::move(model.value())), QStringLiteral("rhythmvae-2d"));
        else
            std::fprintf(stderr, "placequicktest: %s\n", model.error().describe().c_str());
    }
    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral(":/"));
        engine->rootContext()->setContextProperty(QStringLiteral("placeCheck"), &m_check);
    }

private:
    std::unique_ptr<gs::Services> m_services;
    PlaceCheck m_check{nullptr};
};

int main(int argc, char** argv)
{
    const QTemporaryDir home;
    usePrivateSettingsHome(home);
    QApplication app(argc, argv);
    PlaceTestSetup setup;
    return quick_test_main_with_setup(argc, argv, "placeqml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "placequicktest.moc"
