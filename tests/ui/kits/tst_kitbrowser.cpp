// The kit browser and the voice-mapping table, with the real models and the composition root:
// a temp folder holding a copy of a Debian Hydrogen kit (hydrogen-drumkits; skipped when it is not
// installed) and the bundled kit is scanned on a worker; a FIFO named like a kit and a symlink loop
// beside them are passed over. The Hydrogen kit plays through the audio link; its snare voice is
// mapped to another instrument, saved, the app made again, and a render with the kit the engine got
// plays the chosen instrument for the snare.
#include "audio/engine.h"
#include "audio/kitloader.h"
#include "audio/renderer.h"
#include "core/drummap.h"
#include "core/groove.h"
#include "kits/kitscan.h"
#include "kits/kitvoicesettings.h"
#include "services.h"
#include "testdata.h"

#include <QAbstractItemModelTester>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <filesystem>
#include <sys/stat.h>

using namespace gs;
namespace fs = std::filesystem;

namespace {

const char* kHydrogenKits = "/usr/share/hydrogen/data/drumkits";

// A small Debian Hydrogen kit, or "" when hydrogen-drumkits is not installed.
QString debianHydrogenKit()
{
    for (const char* name : {"HardElectro1", "ElectricEmpireKit", "Millo-Drums_v.1"}) {
        const fs::path p = fs::path(kHydrogenKits) / name;
        if (fs::is_regular_file(p / "drumkit.xml"))
            return QString::fromStdString(p.string());
    }
    return {};
}

int rowNamed(const QAbstractItemModel& model, int role, const QString& value)
{
    for (int r = 0; r < model.rowCount(); ++r)
        if (model.data(model.index(r, 0), role).toString() == value)
            return r;
    return -1;
}

// One hit of `voice` (GrooVAE map) at step 0.
std::shared_ptr<const Pattern> oneHit(int voice)
{
    Groove g(Grid{1, 4, Meter{4, 4}}, 9);
    g.setHit(0, voice, 0.8f);
    auto p = Pattern::fromGroove(g, Pattern::notesOf(DrumMap::groovae()));
    return p ? *p : nullptr;
}

std::vector<float> render(const std::shared_ptr<const Pattern>& pattern, std::shared_ptr<const Kit> kit)
{
    RenderOptions options;
    options.sampleRate = kit->sampleRate();
    options.tailSeconds = 0.5;
    Renderer renderer(options);
    auto result = renderer.render({pattern}, std::move(kit));
    return result ? result->audio : std::vector<float>{};
}

float maxDifference(const std::vector<float>& a, const std::vector<float>& b)
{
    if (a.size() != b.size())
        return 1e9f;
    float d = 0.0f;
    for (std::size_t i = 0; i < a.size(); ++i)
        d = std::max(d, std::abs(a[i] - b[i]));
    return d;
}

float peak(const std::vector<float>& a)
{
    float p = 0.0f;
    for (float v : a)
        p = std::max(p, std::abs(v));
    return p;
}

} // namespace

class TstKitBrowser : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_hydrogen;  // the copy in m_dir
    QString m_hydrogenName;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);  // QSettings under ~/.qttest
        QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_kitbrowser"));
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        const fs::path root(m_dir.path().toStdString());
        // The bundled kit, as a musician's copy.
        fs::create_directories(root / "mine");
        fs::create_directories(root / "hydrogen");
        fs::copy(test::sourceDir() / "assets" / "kits" / "acoustic", root / "mine" / "acoustic", fs::copy_options::recursive);
        // Traps: a FIFO named like a kit, a folder linking back up (a loop), a folder linking to a kit twice.
        QCOMPARE(::mkfifo((root / "mine" / "trap.sfz").c_str(), 0600), 0);
        fs::create_directory_symlink(root / "mine", root / "mine" / "loop");
        const QString source = debianHydrogenKit();
        if (!source.isEmpty()) {
            m_hydrogenName = QFileInfo(source).fileName();
            fs::copy(source.toStdString(), root / "hydrogen" / m_hydrogenName.toStdString(), fs::copy_options::recursive);
            m_hydrogen = QString::fromStdString((root / "hydrogen" / m_hydrogenName.toStdString()).string());
        }
    }

    void cleanupTestCase() { QSettings().clear(); }

    void theScanFindsTheKitsGroupedAndPassesOverTraps()
    {
        std::atomic<bool> cancel{false};
        const KitScanResult result = scanKitFolders({m_dir.path().toStdString()}, cancel);
        int json = 0, hydrogen = 0, sfz = 0;
        for (const FoundKit& kit : result.kits) {
            json += kit.format == KitFormat::Json;
            hydrogen += kit.format == KitFormat::Hydrogen;
            sfz += kit.format == KitFormat::Sfz;
        }
        QCOMPARE(json, 1);  // the loop leads back to the same folder: found once
        QCOMPARE(hydrogen, m_hydrogen.isEmpty() ? 0 : 1);
        QCOMPARE(sfz, 0);  // the FIFO is never opened as a kit
        // Grouped: kit.json before Hydrogen.
        QCOMPARE(result.kits.front().format, KitFormat::Json);

        // A cancelled scan stops at once.
        cancel = true;
        QVERIFY(scanKitFolders({m_dir.path().toStdString()}, cancel).kits.empty());
        // A bounded scan says where it stopped.
        cancel = false;
        KitScanLimits tight;
        tight.maxEntries = 2;
        QVERIFY(!scanKitFolders({m_dir.path().toStdString()}, cancel, tight).problems.empty());
    }

    void theBrowserModelScansOnAWorkerAndKeepsTheMusiciansFolders()
    {
        KitBrowserModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPlaces({m_dir.path() + QStringLiteral("/mine")});
        QSignalSpy scanning(&model, &KitBrowserModel::scanningChanged);
        QSignalSpy count(&model, &KitBrowserModel::countChanged);
        QSignalSpy status(&model, &KitBrowserModel::statusChanged);
        QSignalSpy folders(&model, &KitBrowserModel::foldersChanged);
        QSignalSpy finished(&model, &KitBrowserModel::scanFinished);
        QSignalSpy current(&model, &KitBrowserModel::currentIdChanged);
        model.rescan();
        QVERIFY(model.scanning());
        QVERIFY(finished.wait(20000));
        QVERIFY(!model.scanning());
        QVERIFY(model.scanned());
        QCOMPARE(scanning.count(), 2);
        QVERIFY(count.count() >= 1);
        QVERIFY(status.count() >= 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), KitBrowserModel::FormatRole).toString(), QStringLiteral("Groovescape"));
        QCOMPARE(model.data(model.index(0), KitBrowserModel::NameRole).toString(), QStringLiteral("acoustic"));

        // A folder the musician adds is saved and scanned; one that is no folder is refused.
        QVERIFY(!model.addFolder(m_dir.path() + QStringLiteral("/nothing")));
        QCOMPARE(folders.count(), 0);
        if (!m_hydrogen.isEmpty()) {
            QVERIFY(model.addFolder(QUrl::fromLocalFile(m_dir.path() + QStringLiteral("/hydrogen")).toString()));
            QCOMPARE(folders.count(), 1);
            QVERIFY(finished.wait(20000));
            QCOMPARE(model.rowCount(), 2);
            QCOMPARE(model.data(model.index(1), KitBrowserModel::FormatRole).toString(), QStringLiteral("Hydrogen"));
            QCOMPARE(QSettings().value(QStringLiteral("kits/folders")).toStringList(),
                     QStringList{m_dir.path() + QStringLiteral("/hydrogen")});
            KitBrowserModel again;
            QCOMPARE(again.folders(), model.folders());
            model.removeFolder(m_dir.path() + QStringLiteral("/hydrogen"));
            QCOMPARE(folders.count(), 2);
            QVERIFY(finished.wait(20000));
            QCOMPARE(model.rowCount(), 1);
        }
        const QString id = model.data(model.index(0), KitBrowserModel::IdRole).toString();
        model.setCurrentId(id);
        QCOMPARE(current.count(), 1);
        QVERIFY(model.data(model.index(0), KitBrowserModel::CurrentRole).toBool());
    }

    void aChangedVoiceMappingIsSavedAppliedOnLoadAndPlaysTheNewInstrument()
    {
        if (m_hydrogen.isEmpty())
            QSKIP("hydrogen-drumkits is not installed (apt install hydrogen-drumkits)");
        QSettings().clear();
        const int snareVoice = 1;  // GrooVAE map: Kick, Snare, ...
        const int snareNote = DrumMap::groovae().outputNote(snareVoice);
        int chosen = -1;
        int chosenNote = -1;
        QString chosenName;
        QString kitId;
        {
            Services app(AudioLink::Driver::Manual);
            KitBrowserModel& browser = *app.kitBrowser();
            VoiceMappingModel& mapping = *app.voiceMapping();
            QAbstractItemModelTester tester(&mapping, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QSignalSpy kitChanged(&mapping, &VoiceMappingModel::kitChanged);
            QSignalSpy mappingChanged(&mapping, &VoiceMappingModel::mappingChanged);
            QSignalSpy loaded(app.audio(), &AudioLink::kitLoaded);
            QSignalSpy audition(&mapping, &VoiceMappingModel::auditionRequested);
            browser.setPlaces({m_dir.path()});
            QSignalSpy finished(&browser, &KitBrowserModel::scanFinished);
            browser.rescan();
            QVERIFY(finished.wait(20000));
            const int row = rowNamed(browser, KitBrowserModel::NameRole, m_hydrogenName);
            QVERIFY(row >= 0);
            loaded.clear();
            browser.choose(row);
            // The kit joins the transport's kit box and is the chosen one.
            QCOMPARE(app.transport()->kits().at(app.transport()->kitIndex()), m_hydrogenName);
            QVERIFY(loaded.wait(20000));
            kitId = app.audio()->currentKitId();
            QCOMPARE(kitId, kitvoices::kitId(m_hydrogen, -1));
            QCOMPARE(browser.currentId(), kitId);
            QVERIFY(kitChanged.count() >= 1);
            QCOMPARE(mapping.rowCount(), 9);
            QVERIFY(mapping.instruments().size() >= 2);
            QVERIFY(!mapping.custom());
            for (int r = 0; r < mapping.rowCount(); ++r) {
                const QString how = mapping.data(mapping.index(r), VoiceMappingModel::HowRole).toString();
                QVERIFY2(QStringList({"note", "name", "order", "none"}).contains(how), qPrintable(how));
            }
            const auto kit = app.audio()->currentKit();
            const int before = kit->instrumentForNote(snareNote);
            // Another instrument with sound for the snare voice, one that a note of its own plays
            // (to render it alone for comparison below).
            for (int i = 0; i < kit->instrumentCount() && chosen < 0; ++i) {
                if (i == before || kit->instrument(i).muted || !kit->instrument(i).layerFor(100))
                    continue;
                for (int note = 0; note < 128 && chosen < 0; ++note)
                    if (note != snareNote && kit->instrumentForNote(note) == i) {
                        chosen = i;
                        chosenNote = note;
                    }
            }
            QVERIFY(chosen >= 0);
            chosenName = QString::fromStdString(kit->instrument(chosen).name);

            loaded.clear();
            mapping.setInstrument(snareVoice, chosen);
            QCOMPARE(mappingChanged.count(), 1);
            QVERIFY(loaded.wait(20000));  // loaded again, with the choice
            QCOMPARE(mapping.data(mapping.index(snareVoice), VoiceMappingModel::InstrumentRole).toInt(), chosen);
            QCOMPARE(mapping.data(mapping.index(snareVoice), VoiceMappingModel::HowRole).toString(), QStringLiteral("chosen"));
            QCOMPARE(mapping.data(mapping.index(snareVoice), VoiceMappingModel::InstrumentNameRole).toString(), chosenName);
            QVERIFY(mapping.custom());
            QCOMPARE(kitvoices::saved(kitId).value(QString::number(snareNote)).toString(), chosenName);

            // Audition: the voice sounds through the running engine while the transport is stopped.
            app.audio()->processFrames(4800);
            QCOMPARE(app.audio()->lastPosition().peakLeft + app.audio()->lastPosition().peakRight, 0.0f);
            mapping.audition(snareVoice);
            QCOMPARE(audition.count(), 1);
            QCOMPARE(audition.at(0).at(0).toInt(), snareNote);
            float heard = 0.0f;
            for (int block = 0; block < 20; ++block) {
                app.audio()->processFrames(256);
                heard = std::max({heard, app.audio()->lastPosition().peakLeft, app.audio()->lastPosition().peakRight});
            }
            QVERIFY(heard > 0.001f);
        }

        // The app made again (the next start): choosing the kit applies the saved mapping.
        Services app(AudioLink::Driver::Manual);
        QSignalSpy loaded(app.audio(), &AudioLink::kitLoaded);
        const int index = app.transport()->kits().indexOf(m_hydrogenName);
        QVERIFY2(index >= 0, "the browser's kit is in the kit box after a restart");
        loaded.clear();
        app.transport()->setKitIndex(index);
        QVERIFY(loaded.wait(20000));
        const auto kit = app.audio()->currentKit();
        QCOMPARE(app.audio()->currentKitId(), kitId);
        QCOMPARE(kit->instrumentForNote(snareNote), chosen);
        QCOMPARE(app.voiceMapping()->data(app.voiceMapping()->index(snareVoice), VoiceMappingModel::HowRole).toString(),
                 QStringLiteral("chosen"));

        // Rendering: the snare voice now sounds exactly as the chosen instrument played by its own note,
        // and not as the kit's own snare did.
        auto plain = loadKit(m_hydrogen.toStdString(), kit->sampleRate());
        QVERIFY(plain.ok());
        QCOMPARE((*plain)->instrumentForNote(chosenNote), chosen);
        const auto snareNow = render(oneHit(snareVoice), kit);
        QVERIFY(peak(snareNow) > 0.01f);
        Groove g(Grid{1, 4, Meter{4, 4}}, 9);
        g.setHit(0, 0, 0.8f);
        std::vector<int> notes = Pattern::notesOf(DrumMap::groovae());
        notes[0] = chosenNote;
        const auto chosenAlone = render(*Pattern::fromGroove(g, notes), *plain);
        QVERIFY2(maxDifference(snareNow, chosenAlone) < 1e-6f, "the snare voice plays the chosen instrument");
        const auto snareBefore = render(oneHit(snareVoice), *plain);
        QVERIFY(maxDifference(snareNow, snareBefore) > 0.01f);

        // Back to the kit's own mapping: saved choices gone, the kit loads as before.
        loaded.clear();
        app.voiceMapping()->resetMapping();
        QVERIFY(loaded.wait(20000));
        QVERIFY(kitvoices::saved(kitId).isEmpty());
        QVERIFY(maxDifference(render(oneHit(snareVoice), app.audio()->currentKit()), snareBefore) < 1e-6f);
    }
};

QTEST_MAIN(TstKitBrowser)
#include "tst_kitbrowser.moc"
