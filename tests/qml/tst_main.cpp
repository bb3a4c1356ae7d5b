// The QuickTest runner: one Session for the QML (as the app's composition
// root makes), the module's import path, and a temp folder of real Groove MIDI
// Dataset files for the browser test (context property `testDataDir`, "" if the
// shared data is missing, which tst_browser.qml reports as a failure).
#include "session.h"
#include "testdata.h"

#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

#include <memory>

Q_IMPORT_QML_PLUGIN(GroovescapeUiPlugin)
Q_IMPORT_QML_PLUGIN(GroovescapePlugin)

class Setup : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        m_session = std::make_unique<gs::Session>(nullptr);
        gs::Session::setInstance(m_session.get());
        // Keep the test's settings away from the user's.
        QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTests"));
        stageGmdFiles();
    }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral(":/"));
        engine->rootContext()->setContextProperty(QStringLiteral("testDataDir"), m_stagedDir);
    }

    void cleanupTestCase() { gs::Session::setInstance(nullptr); }

private:
    void stageGmdFiles()
    {
        static const char* const files[] = {
            "drummer1/session1/1_funk_80_beat_4-4.mid",
            "drummer1/session1/102_funk_95_beat_4-4.mid",
            "drummer1/session1/100_neworleans-secondline_94_beat_4-4.mid",
            "drummer1/session1/101_dance-disco_120_beat_4-4.mid",
        };
        if (!m_temp.isValid())
            return;
        for (const char* rel : files) {
            const auto source = gs::test::sharedPath(std::string("gmd/") + rel);
            if (source.empty())
                return;
            const QString target = m_temp.filePath(QFileInfo(QString::fromLatin1(rel)).fileName());
            if (!QFile::copy(QString::fromStdString(source.string()), target))
                return;
        }
        m_stagedDir = m_temp.path();
    }

    std::unique_ptr<gs::Session> m_session;
    QTemporaryDir m_temp;
    QString m_stagedDir;
};

int main(int argc, char** argv)
{
    QApplication app(argc, argv);  // Qt Charts in QML (the browser's Stats tab) needs the widgets application
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "groovescape_qml", nullptr, &setup);
}

#include "tst_main.moc"
