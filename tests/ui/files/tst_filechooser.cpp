// FileChooser, used as a person uses a dialog: the real QFileDialog it opens gets typed keys
// and Enter. A save dialog has a Save button, its name field focused and selected with a
// suggested name that names no existing file, nothing pre-selected in the list; a typed name
// gets the suffix, typed relative and absolute paths land where typed, an existing name is asked
// about (and "No" keeps the dialog), the folder is remembered per kind and never the bundled
// assets. Open: several files at once; a folder: "Choose" takes the folder you are in.
// HOME is a fresh temporary folder (no ~/Music in it), so the first start folder is home.
#include "assetpaths.h"
#include "files/filechooser.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest/QtTest>

using namespace gs;

namespace {

void touch(const QString& path)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("x");
}

QLineEdit* nameField(FileChooser& chooser)
{
    return chooser.dialog() ? chooser.dialog()->findChild<QLineEdit*>(QStringLiteral("fileNameEdit")) : nullptr;
}

QString acceptText(QFileDialog* dialog)
{
    auto* box = dialog->findChild<QDialogButtonBox*>();
    if (!box)
        return {};
    for (QAbstractButton* b : box->buttons())
        if (box->buttonRole(b) == QDialogButtonBox::AcceptRole)
            return b->text().remove(QLatin1Char('&'));
    return {};
}

// Types `text` into the focused name field (replacing the selection) and presses Enter.
void typeAndEnter(FileChooser& chooser, const QString& text)
{
    QLineEdit* field = nameField(chooser);
    QVERIFY(field);
    // The dialog is the active window, as on a desktop (its name field reacts to having the focus).
    chooser.dialog()->activateWindow();
    QVERIFY(QTest::qWaitFor([&] { return chooser.dialog()->isActiveWindow() && field->hasFocus(); }, 5000));
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
}

} // namespace

class TstFileChooser : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        QSettings().clear();
        QDir(home()).removeRecursively();
        QDir().mkpath(home());
    }

    void saveDialogOffersATypedName()
    {
        FileChooser chooser;
        chooser.setMode(FileChooser::SaveFile);
        chooser.setKind(QStringLiteral("exports"));
        chooser.setSuggestedName(QStringLiteral("funk-to-soul-path.mid"));
        chooser.setDefaultSuffix(QStringLiteral("mid"));
        chooser.setNameFilters({QStringLiteral("MIDI files (*.mid)")});
        QDir(home()).mkdir(QStringLiteral("a folder"));
        touch(home() + QStringLiteral("/old.mid"));
        QSignalSpy visible(&chooser, &FileChooser::visibleChanged);
        QSignalSpy accepted(&chooser, &FileChooser::accepted);
        chooser.open();
        QVERIFY(chooser.visible());
        QCOMPARE(visible.count(), 1);
        QFileDialog* dialog = chooser.dialog();
        QVERIFY(dialog && dialog->isVisible());
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        QCOMPARE(acceptText(dialog), QStringLiteral("Save"));
        QCOMPARE(QDir(dialog->directory()).canonicalPath(), QDir(home()).canonicalPath());
        QLineEdit* field = nameField(chooser);
        QVERIFY(field);
        QCOMPARE(dialog->focusWidget(), field);
        QCOMPARE(field->text(), QStringLiteral("funk-to-soul-path.mid"));
        QCOMPARE(field->selectedText(), field->text());  // typing replaces it
        QTest::qWait(300);  // the folder listing arrives: still nothing chosen in it
        auto* list = dialog->findChild<QAbstractItemView*>(QStringLiteral("listView"));
        QVERIFY(list);
        QVERIFY2(list->selectionModel()->selectedRows().isEmpty(), "no entry of the folder is pre-selected");
        QCOMPARE(field->text(), QStringLiteral("funk-to-soul-path.mid"));

        typeAndEnter(chooser, QStringLiteral("my groove"));
        QTRY_COMPARE(accepted.count(), 1);
        QCOMPARE(chooser.selectedFile(), home() + QStringLiteral("/my groove.mid"));
        QVERIFY(!chooser.visible());
        QCOMPARE(visible.count(), 2);
    }

    void typedPathsLandWhereTyped()
    {
        QTemporaryDir elsewhere;
        QDir(home()).mkdir(QStringLiteral("sub"));
        FileChooser chooser;
        chooser.setMode(FileChooser::SaveFile);
        chooser.setKind(QStringLiteral("exports"));
        chooser.setDefaultSuffix(QStringLiteral("wav"));
        QSignalSpy accepted(&chooser, &FileChooser::accepted);

        chooser.open();
        typeAndEnter(chooser, QStringLiteral("sub/relative"));
        QTRY_COMPARE(accepted.count(), 1);
        QCOMPARE(chooser.selectedFile(), home() + QStringLiteral("/sub/relative.wav"));

        // The folder is remembered for this kind: the next dialog starts in sub.
        chooser.open();
        QCOMPARE(QDir(chooser.dialog()->directory()).canonicalPath(), QDir(home() + QStringLiteral("/sub")).canonicalPath());
        typeAndEnter(chooser, elsewhere.path() + QStringLiteral("/absolute.wav"));
        QTRY_COMPARE(accepted.count(), 2);
        QCOMPARE(chooser.selectedFile(), elsewhere.path() + QStringLiteral("/absolute.wav"));
        QCOMPARE(FileChooser::startFolder(QStringLiteral("exports"), true), elsewhere.path());
        QCOMPARE(FileChooser::startFolder(QStringLiteral("projects"), true), QDir::homePath());  // another kind
    }

    void anExistingNameIsAskedAbout()
    {
        touch(home() + QStringLiteral("/groove.mid"));
        FileChooser chooser;
        chooser.setMode(FileChooser::SaveFile);
        chooser.setSuggestedName(QStringLiteral("groove.mid"));
        chooser.setDefaultSuffix(QStringLiteral("mid"));
        QSignalSpy accepted(&chooser, &FileChooser::accepted);
        QSignalSpy rejected(&chooser, &FileChooser::rejected);
        chooser.open();
        QCOMPARE(nameField(chooser)->text(), QStringLiteral("groove-2.mid"));  // never an existing file

        QString question;
        QTimer::singleShot(200, this, [&question] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
                    question = box->text();
                    box->button(QMessageBox::No)->click();
                }
        });
        typeAndEnter(chooser, QStringLiteral("groove"));
        QTRY_VERIFY(!question.isEmpty());
        QVERIFY2(question.contains(QStringLiteral("groove.mid")), qPrintable(question));
        QCOMPARE(accepted.count(), 0);
        QVERIFY(chooser.visible());  // "No": back in the dialog
        chooser.close();
        QTRY_COMPARE(rejected.count(), 1);
        QVERIFY(!chooser.visible());
        QCOMPARE(QFile(home() + QStringLiteral("/groove.mid")).size(), 1);
    }

    void neverStartsInTheBundledAssets()
    {
        const QString assets = AssetPaths::findAssetsDir();
        QVERIFY2(!assets.isEmpty(), "the bundled assets folder is found from the source tree");
        QSettings().setValue(QStringLiteral("folders/exports"), assets + QStringLiteral("/kits"));
        QCOMPARE(FileChooser::startFolder(QStringLiteral("exports"), true), QDir::homePath());
        QCOMPARE(FileChooser::startFolder(QStringLiteral("exports"), false), QDir::homePath());
        QDir(home()).mkdir(QStringLiteral("Music"));
        QCOMPARE(FileChooser::startFolder(QStringLiteral("exports"), true), home() + QStringLiteral("/Music"));
        QSettings().setValue(QStringLiteral("folders/exports"), home() + QStringLiteral("/gone"));
        QCOMPARE(FileChooser::startFolder(QStringLiteral("exports"), true), home() + QStringLiteral("/Music"));
    }

    void opensSeveralFiles()
    {
        touch(home() + QStringLiteral("/a.mid"));
        touch(home() + QStringLiteral("/b.mid"));
        FileChooser chooser;
        chooser.setMode(FileChooser::OpenFiles);
        chooser.setKind(QStringLiteral("imports"));
        QSignalSpy accepted(&chooser, &FileChooser::accepted);
        chooser.open();
        QCOMPARE(acceptText(chooser.dialog()), QStringLiteral("Open"));
        QCOMPARE(nameField(chooser)->text(), QString());
        typeAndEnter(chooser, QStringLiteral("\"a.mid\" \"b.mid\""));
        QTRY_COMPARE(accepted.count(), 1);
        QStringList files = chooser.selectedFiles();
        files.sort();
        QCOMPARE(files, QStringList({home() + QStringLiteral("/a.mid"), home() + QStringLiteral("/b.mid")}));
    }

    void choosesTheFolderYouAreIn()
    {
        QDir(home()).mkpath(QStringLiteral("drums/inner"));
        QSettings().setValue(QStringLiteral("folders/imports"), home() + QStringLiteral("/drums"));
        FileChooser chooser;
        chooser.setMode(FileChooser::OpenFolder);
        chooser.setKind(QStringLiteral("imports"));
        QSignalSpy accepted(&chooser, &FileChooser::accepted);
        chooser.open();
        QTest::qWait(300);  // the listing of drums/ (with inner/) arrives first
        typeAndEnter(chooser, QString());
        QTRY_COMPARE(accepted.count(), 1);
        QCOMPARE(chooser.selectedFile(), home() + QStringLiteral("/drums"));
    }

private:
    static QString home() { return QDir::homePath(); }
};

int main(int argc, char** argv)
{
    // A fresh home for the dialogs, and the test's settings inside it.
    QTemporaryDir home;
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/.config")).toUtf8());
    qunsetenv("XDG_MUSIC_DIR");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("GroovescapeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_filechooser"));
    QDir().mkpath(QDir::homePath());
    TstFileChooser test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_filechooser.moc"
