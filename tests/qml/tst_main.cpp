// The QuickTest runner: one Session for the QML (as the app's composition
// root makes), the module's import path, and a temp folder of real Groove MIDI
// Dataset files for the browser test (context property `testDataDir`, "" if the
// shared data is missing, which tst_browser.qml reports as a failure), and `fileDialogs`:
// QuickTest cannot reach widgets, so it types into the real QFileDialog a FileChooser opened
// (key events into its name field, then Enter) as a person would.
#include "privatehome.h"
#include "services.h"
#include "testdata.h"

#include <QApplication>
#include <QFileDialog>
#include <QLineEdit>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>
#include <QtTest/QTest>

#include <memory>

Q_IMPORT_QML_PLUGIN(GroovescapeUiPlugin)
Q_IMPORT_QML_PLUGIN(GroovescapePlugin)

class FileDialogDriver : public QObject {
    Q_OBJECT

public:
    // The title of the file dialog on screen, "" when there is none.
    Q_INVOKABLE QString openTitle() const
    {
        QFileDialog* dialog = visibleDialog();
        return dialog ? dialog->windowTitle() : QString();
    }
    // Types `text` into the open dialog's name field (replacing its selection) and presses Enter;
    // false when no file dialog is showing.
    Q_INVOKABLE bool typeAndEnter(const QString& text) const
    {
        QFileDialog* dialog = visibleDialog();
        auto* field = dialog ? dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")) : nullptr;
        if (!field)
            return false;
        // Active and focused, as the window manager makes a new dialog (the name field reacts to focus).
        dialog->activateWindow();
        if (!QTest::qWaitFor([&] { return dialog->isActiveWindow() && field->hasFocus(); }, 5000))
            return false;
        QTest::keyClicks(field, text);
        QTest::keyClick(field, Qt::Key_Return);
        return true;
    }

private:
    static QFileDialog* visibleDialog()
    {
        for (QWidget* widget : QApplication::topLevelWidgets())
            if (auto* dialog = qobject_cast<QFileDialog*>(widget); dialog && dialog->isVisible())
                return dialog;
        return nullptr;
    }
};

class Setup : public QObject {
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        // The app's own services (the manual audio driver), reached by the views as `App`.
        m_services = std::make_unique<gs::Services>(gs::AudioLink::Driver::Manual);
        qmlRegisterSingletonInstance("Groovescape.App", 1, 0, "App", m_services.get());
        // Keep the test's settings away from the user's.
        QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTests"));
        stageGmdFiles();
    }

    void qmlEngineAvailable(QQmlEngine* engine)
    {
        engine->addImportPath(QStringLiteral(":/"));
        engine->rootContext()->setContextProperty(QStringLiteral("testDataDir"), m_stagedDir);
        engine->rootContext()->setContextProperty(QStringLiteral("fileDialogs"), &m_dialogs);
    }


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

    std::unique_ptr<gs::Services> m_services;
    QTemporaryDir m_temp;
    QString m_stagedDir;
    FileDialogDriver m_dialogs;
};

int main(int argc, char** argv)
{
    const QTemporaryDir home;
    usePrivateSettingsHome(home);
    QApplication app(argc, argv);  // Qt Charts in QML (the browser's Stats tab) needs the widgets application
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "groovescape_qml", nullptr, &setup);
}

#include "tst_main.moc"
