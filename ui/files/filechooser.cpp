#include "files/filechooser.h"

#include "assetpaths.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLineEdit>
#include <QQuickItem>
#include <QQuickWindow>
#include <QScreen>
#include <QSettings>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <QWindow>

namespace gs {

namespace {

QString settingsKey(const QString& kind) { return QStringLiteral("folders/") + kind; }

bool isInside(const QString& path, const QString& folder)
{
    if (folder.isEmpty())
        return false;
    const QString a = QDir(path).canonicalPath();
    const QString b = QDir(folder).canonicalPath();
    return !a.isEmpty() && !b.isEmpty() && (a == b || a.startsWith(b + QLatin1Char('/')));
}

// A folder a dialog may start in: it exists, it is not the bundled data, and (to save) it is writable.
bool usable(const QString& folder, bool forSave)
{
    const QFileInfo info(folder);
    if (folder.isEmpty() || !info.isDir())
        return false;
    if (isInside(folder, AssetPaths::findAssetsDir()) || isInside(folder, AssetPaths::findModelsDir()))
        return false;
    return !forSave || info.isWritable();
}

} // namespace

FileChooser::FileChooser(QObject* parent)
    : QObject(parent)
{
}

FileChooser::~FileChooser()
{
    if (m_dialog)
        delete m_dialog.data();
}

void FileChooser::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    Q_EMIT optionsChanged();
}

void FileChooser::setTitle(const QString& title)
{
    if (title == m_title)
        return;
    m_title = title;
    Q_EMIT optionsChanged();
}

void FileChooser::setNameFilters(const QStringList& filters)
{
    if (filters == m_nameFilters)
        return;
    m_nameFilters = filters;
    Q_EMIT optionsChanged();
}

void FileChooser::setDefaultSuffix(const QString& suffix)
{
    if (suffix == m_defaultSuffix)
        return;
    m_defaultSuffix = suffix;
    Q_EMIT optionsChanged();
}

void FileChooser::setSuggestedName(const QString& name)
{
    if (name == m_suggestedName)
        return;
    m_suggestedName = name;
    Q_EMIT optionsChanged();
}

void FileChooser::setKind(const QString& kind)
{
    if (kind == m_kind || kind.isEmpty())
        return;
    m_kind = kind;
    Q_EMIT optionsChanged();
}

QString FileChooser::startFolder(const QString& kind, bool forSave)
{
    const QString remembered = QSettings().value(settingsKey(kind)).toString();
    if (usable(remembered, forSave))
        return remembered;
    const QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    if (usable(music, forSave))
        return music;
    return QDir::homePath();
}

QString FileChooser::freeName(const QString& folder, const QString& name)
{
    const QDir dir(folder);
    if (name.isEmpty() || !dir.exists(name))
        return name;
    const QFileInfo info(name);
    const QString base = info.completeBaseName();
    const QString suffix = info.suffix().isEmpty() ? QString() : QLatin1Char('.') + info.suffix();
    for (int n = 2; n < 1000; ++n) {
        const QString candidate = QStringLiteral("%1-%2%3").arg(base).arg(n).arg(suffix);
        if (!dir.exists(candidate))
            return candidate;
    }
    return name;  // the overwrite question still guards it
}

void FileChooser::open()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    const bool save = m_mode == SaveFile;
    const QString folder = startFolder(m_kind, save);
    auto* dialog = new QFileDialog(nullptr, m_title, folder);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(objectName().isEmpty() ? QStringLiteral("fileChooserDialog") : objectName() + QStringLiteral("Dialog"));
    if (!m_nameFilters.isEmpty())
        dialog->setNameFilters(m_nameFilters);
    switch (m_mode) {
    case OpenFile: dialog->setFileMode(QFileDialog::ExistingFile); break;
    case OpenFiles: dialog->setFileMode(QFileDialog::ExistingFiles); break;
    case OpenFolder:
        dialog->setFileMode(QFileDialog::Directory);
        dialog->setOption(QFileDialog::ShowDirsOnly);
        break;
    case SaveFile:
        dialog->setFileMode(QFileDialog::AnyFile);
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setDefaultSuffix(m_defaultSuffix);
        break;
    }
    // Places to start from: home, Music (if there is one) and where this kind was used last.
    QList<QUrl> places{QUrl::fromLocalFile(QDir::homePath())};
    const QString music = QStandardPaths::writableLocation(QStandardPaths::MusicLocation);
    if (QFileInfo(music).isDir())
        places << QUrl::fromLocalFile(music);
    if (!places.contains(QUrl::fromLocalFile(folder)))
        places << QUrl::fromLocalFile(folder);
    dialog->setSidebarUrls(places);
    if (save && !m_suggestedName.isEmpty())
        dialog->selectFile(freeName(folder, m_suggestedName));

    // Modal over the whole app (a Space typed into the name must not reach the transport), and a
    // transient of the app's window so the window manager keeps it above and centred on it.
    QWindow* host = hostWindow();
    dialog->setWindowModality(Qt::ApplicationModal);
    placeOver(dialog, host);
    if (host) {
        dialog->winId();  // the native window, to name its parent before it shows
        if (dialog->windowHandle())
            dialog->windowHandle()->setTransientParent(host);
    }
    connect(dialog, &QDialog::finished, this, &FileChooser::onFinished);
    m_dialog = dialog;
    dialog->show();
    // Typing replaces the suggested name at once (Qt's widget dialog; a native one does this itself).
    if (auto* nameField = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"))) {
        nameField->setFocus(Qt::OtherFocusReason);
        if (save)
            nameField->selectAll();
    }
    Q_EMIT visibleChanged();
}

void FileChooser::close()
{
    if (m_dialog)
        m_dialog->reject();
}

void FileChooser::onFinished(int result)
{
    QFileDialog* dialog = m_dialog;
    if (!dialog)
        return;
    QStringList chosen;
    if (result == QDialog::Accepted) {
        for (const QString& path : dialog->selectedFiles())
            chosen << QDir::cleanPath(path);
        if (m_mode == OpenFolder && chosen.isEmpty())
            chosen << dialog->directory().absolutePath();  // "Choose" with nothing typed: the folder you are in
        if (!chosen.isEmpty()) {
            const QString remember = m_mode == OpenFolder ? dialog->directory().absolutePath()
                                                          : QFileInfo(chosen.constFirst()).absolutePath();
            QSettings().setValue(settingsKey(m_kind), remember);
        }
    }
    m_dialog = nullptr;  // WA_DeleteOnClose deletes it
    Q_EMIT visibleChanged();
    if (chosen.isEmpty()) {
        Q_EMIT rejected();
        return;
    }
    m_selected = chosen;
    Q_EMIT selectionChanged();
    Q_EMIT accepted();
}

QWindow* FileChooser::hostWindow() const
{
    // The window of the QML item this chooser was declared in (QML parents it to that item).
    for (QObject* o = parent(); o; o = o->parent()) {
        if (auto* item = qobject_cast<QQuickItem*>(o); item && item->window())
            return item->window();
        if (auto* window = qobject_cast<QWindow*>(o))
            return window;
    }
    return QGuiApplication::focusWindow();
}

void FileChooser::placeOver(QFileDialog* dialog, QWindow* host) const
{
    if (!host) {
        dialog->resize(820, 520);
        return;
    }
    // Centred over the app, on the screen (the app's window may be larger than a 1280x720 screen),
    // and never larger than either.
    QRect area = host->geometry();
    if (host->screen() && area.intersects(host->screen()->availableGeometry()))
        area = area.intersected(host->screen()->availableGeometry());
    const QSize size(qMin(820, area.width() - 40), qMin(520, area.height() - 40));
    dialog->resize(size);
    dialog->move(area.center() - QPoint(size.width() / 2, size.height() / 2));
}

} // namespace gs
