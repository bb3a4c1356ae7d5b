// QuickTest runner for the map and training views (tests/qml/map/tst_*.qml).
// The session holds a small real dataset (a few Groove MIDI Dataset files)
// and a tiny RhythmVAE trained on it for two epochs, as the app would after
// an import and a training run.
#include "privatehome.h"
#include "services.h"
#include "tinydataset.h"
#include "dataset/dataset.h"
#include "model/model.h"
#include "session.h"
#include "train/trainer.h"

#include <QApplication>
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest>

#include <cstdio>

Q_IMPORT_QML_PLUGIN(GroovescapeUiPlugin)
Q_IMPORT_QML_PLUGIN(GroovescapePlugin)

class MapTestSetup : public QObject {
    Q_OBJECT

public:
public Q_SLOTS:
    void applicationAvailable()
    {
        // The app's own services (the manual audio driver), reached by the views as `App`.
        m_services = std::make_unique<gs::Services>(gs::AudioLink::Driver::Manual);
        qmlRegisterSingletonInstance("Groovescape.App", 1, 0, "App", m_services.get());
        gs::Session& session = *m_services->session();
        std::shared_ptr<const gs::Dataset> dataset = gs::test::tinyGmdDataset();
        if (!dataset) {
            std::fprintf(stderr, "mapquicktest: the shared GMD data is missing\n");
            return;  // the tests then fail on "no dataset"
        }
        session.setDataset(dataset, QStringLiteral("tiny GMD"));
        gs::ModelConfig config;
        config.latent = 2;
        config.grid = dataset->mostCommonGrid();
        config.drumMap = dataset->settings().map;
        config.hidden = 64;
        config.decoderHidden = 128;
        gs::Result<gs::Model> model = gs::Model::create(config, 5);
        if (!model.ok())
            return;
        gs::TrainOptions options;
        options.epochs = 2;
        options.batch = 16;
        gs::Trainer trainer(model.value(), gs::TrainingSet::fromDataset(*dataset, config.grid, "tiny"), options);
        if (trainer.run({}).ok())
            session.setModel(std::make_shared<gs::Model>(trainer.model()), QStringLiteral("tiny model"));
    }
    void qmlEngineAvailable(QQmlEngine* engine) { engine->addImportPath(QStringLiteral(":/")); }

private:
    std::unique_ptr<gs::Services> m_services;
};

int main(int argc, char** argv)
{
    const QTemporaryDir home;
    usePrivateSettingsHome(home);
    QApplication app(argc, argv);  // Qt Charts in QML needs the widgets application
    MapTestSetup setup;
    return quick_test_main_with_setup(argc, argv, "mapqml", QUICK_TEST_SOURCE_DIR, &setup);
}

#include "mapquicktest.moc"
