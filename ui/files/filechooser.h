#pragma once
// Open and save dialogs for QML: one QFileDialog (widgets; the app runs a QApplication) per
// request, opened without blocking. Qt Quick's FileDialog falls back, without a Qt platform
// theme, to a QML dialog that cannot create a file; QFileDialog is a real dialog everywhere
// (the desktop's own one when a platform theme offers it, else Qt's widget dialog).
//
//   FileChooser { id: chooser; mode: FileChooser.SaveFile; kind: "exports"
//                 suggestedName: "groove.mid"; defaultSuffix: "mid"
//                 onAccepted: exporter.exportMidi(chooser.selectedFile) }
//
// Save: a Save button, the name field focused and selected, a suggested name that names no
// existing file, the suffix added when missing, an overwrite question. Every mode starts in
// the folder last used for its `kind` (kept in QSettings "folders/<kind>"), else ~/Music,
// else home: never the bundled (read-only) assets.
#include <QFileDialog>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QWindow;

namespace gs {

class FileChooser : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(Mode mode READ mode WRITE setMode NOTIFY optionsChanged)
    Q_PROPERTY(QString title READ title WRITE setTitle NOTIFY optionsChanged)
    Q_PROPERTY(QStringList nameFilters READ nameFilters WRITE setNameFilters NOTIFY optionsChanged)
    Q_PROPERTY(QString defaultSuffix READ defaultSuffix WRITE setDefaultSuffix NOTIFY optionsChanged)
    Q_PROPERTY(QString suggestedName READ suggestedName WRITE setSuggestedName NOTIFY optionsChanged)
    Q_PROPERTY(QString kind READ kind WRITE setKind NOTIFY optionsChanged)
    Q_PROPERTY(bool visible READ visible NOTIFY visibleChanged)
    Q_PROPERTY(QString selectedFile READ selectedFile NOTIFY selectionChanged)
    Q_PROPERTY(QStringList selectedFiles READ selectedFiles NOTIFY selectionChanged)

public:
    enum Mode { OpenFile, OpenFiles, SaveFile, OpenFolder };
    Q_ENUM(Mode)

    explicit FileChooser(QObject* parent = nullptr);
    ~FileChooser() override;

    Mode mode() const { return m_mode; }
    void setMode(Mode mode);
    QString title() const { return m_title; }
    void setTitle(const QString& title);
    QStringList nameFilters() const { return m_nameFilters; }
    void setNameFilters(const QStringList& filters);
    QString defaultSuffix() const { return m_defaultSuffix; }
    void setDefaultSuffix(const QString& suffix);
    QString suggestedName() const { return m_suggestedName; }
    void setSuggestedName(const QString& name);
    QString kind() const { return m_kind; }
    void setKind(const QString& kind);
    bool visible() const { return !m_dialog.isNull(); }
    // Local paths (not URLs); the folder itself in OpenFolder mode.
    QString selectedFile() const { return m_selected.value(0); }
    QStringList selectedFiles() const { return m_selected; }

    // Shows the dialog and returns at once; accepted() or rejected() follows. A second open()
    // while one is showing brings that one to the front.
    Q_INVOKABLE void open();
    // Closes a showing dialog as Cancel would.
    Q_INVOKABLE void close();

    // The folder a dialog of this kind starts in (see the header comment).
    static QString startFolder(const QString& kind, bool forSave);
    // `name` in `folder`, or name-2.ext, name-3.ext, ... when a file of that name exists.
    static QString freeName(const QString& folder, const QString& name);
    // The dialog showing now (for tests that type into it like a person); nullptr if none.
    QFileDialog* dialog() const { return m_dialog; }

Q_SIGNALS:
    void optionsChanged();
    void visibleChanged();
    void selectionChanged();
    void accepted();
    void rejected();

private:
    QWindow* hostWindow() const;
    void placeOver(QFileDialog* dialog, QWindow* host) const;
    void onFinished(int result);

    Mode m_mode = OpenFile;
    QString m_title;
    QStringList m_nameFilters;
    QString m_defaultSuffix;
    QString m_suggestedName;
    QString m_kind = QStringLiteral("files");
    QStringList m_selected;
    QPointer<QFileDialog> m_dialog;
};

} // namespace gs
