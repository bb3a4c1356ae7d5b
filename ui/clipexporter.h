#pragma once
// Exports the current groove (Session) off the GUI thread:
//  - exportMidi: the MIDI clip (writeGrooveMidi, tempo from Session);
//  - exportWav: the offline Renderer with the transport's kit, tempo, swing,
//    humanise and volume, exactly bars x tempo long (no tail, so it loops in a
//    DAW), written atomically (a failed write leaves no file);
//  - dragUrl: a real temporary .mid of the current groove, rewritten (on a
//    worker, shortly after each change) so a drag out of the window has a file
//    behind it before it starts. Named after the groove: style and tempo.
// Results come back as finished(ok, path) and `message` (errors name the file).
#include <QObject>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include <memory>
#include <vector>

class QThread;

namespace gs {

class Session;

class ClipExporter : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QString clipName READ clipName NOTIFY clipNameChanged)
    Q_PROPERTY(QUrl dragUrl READ dragUrl NOTIFY dragUrlChanged)
    Q_PROPERTY(bool dragEnabled READ dragEnabled WRITE setDragEnabled NOTIFY dragEnabledChanged)

public:
    explicit ClipExporter(QObject* parent = nullptr);  // uses Session::instance()
    ClipExporter(Session* session, QObject* parent);
    ~ClipExporter() override;  // waits for running exports (they are short)

    bool busy() const { return m_running > 0; }
    QString message() const { return m_message; }
    // File name stem for the current groove, e.g. "rock-120bpm" or "map-96bpm".
    QString clipName() const;
    // file:// URL of the temporary clip, empty until the first one is written.
    QUrl dragUrl() const { return m_dragUrl; }
    // Keep the drag file up to date (off by default: only the clip tile needs it).
    bool dragEnabled() const { return m_dragEnabled; }
    void setDragEnabled(bool on);

    // `pathOrUrl` may be a file:// URL; a missing suffix becomes .mid / .wav.
    Q_INVOKABLE void exportMidi(const QString& pathOrUrl);
    Q_INVOKABLE void exportWav(const QString& pathOrUrl);
    // Writes the drag file now (instead of after the short delay).
    Q_INVOKABLE void refreshDragFile();

Q_SIGNALS:
    void busyChanged();
    void messageChanged();
    void clipNameChanged();
    void dragUrlChanged();
    void dragEnabledChanged();
    void finished(bool ok, const QString& path);

private:
    struct Job;
    void start(std::shared_ptr<Job> job);
    void setMessage(const QString& text);
    static QString localPath(const QString& pathOrUrl, const QString& suffix);

    Session* m_session;
    QTemporaryDir m_tempDir;
    QTimer m_dragTimer;
    QUrl m_dragUrl;
    int m_dragGeneration = 0;
    bool m_dragEnabled = false;
    int m_running = 0;
    QString m_message;
    std::vector<QPointer<QThread>> m_workers;
};

} // namespace gs
