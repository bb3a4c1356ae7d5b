#pragma once
// Exports the current groove (Session) off the GUI thread:
//  - exportMidi: the MIDI clip (writeGrooveMidi, tempo from Session);
//  - exportWav: the offline Renderer with the transport's kit, tempo, swing,
//    humanise and volume, exactly bars x tempo long and seamless (the middle
//    pass of three, so it loops in a DAW), written atomically (a failed write
//    leaves no file);
//  - exportSequenceMidi / exportSequenceWav: several grooves one after another
//    as one clip, the same way; the current groove's exports are the
//    one-groove case. writeSequenceWav is the WAV half for
//    other workers (PathPlayer decodes and writes in one job);
//  - dragUrl: a real temporary .mid of the current groove, rewritten (on a
//    worker, shortly after each change) so a drag out of the window has a file
//    behind it before it starts. Named after the groove: style and tempo.
// Results come back as finished(ok, path) and `message` (errors name the file).
#include "transport/transport.h"

#include <QObject>
#include <QPointF>
#include <QPointer>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtQml/qqmlregistration.h>

#include "audio/enginesettings.h"
#include "core/drummap.h"
#include "core/error.h"
#include "core/groove.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

class QThread;

namespace gs {

class Session;

class ClipExporter : public QObject {
    Q_OBJECT
    Q_MOC_INCLUDE("session.h")
    QML_ELEMENT
    Q_PROPERTY(gs::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    // WAV exports use this transport's kit, swing, humanise and volume (unset: the defaults).
    Q_PROPERTY(gs::Transport* transport READ transport WRITE setTransport NOTIFY transportChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QString clipName READ clipName NOTIFY clipNameChanged)
    // Where the map's cursor is (QML binds it to App.map.map.cursor): a decoded groove is named after it.
    Q_PROPERTY(QPointF mapPosition READ mapPosition WRITE setMapPosition NOTIFY mapPositionChanged)
    Q_PROPERTY(QUrl dragUrl READ dragUrl NOTIFY dragUrlChanged)
    Q_PROPERTY(bool dragEnabled READ dragEnabled WRITE setDragEnabled NOTIFY dragEnabledChanged)

public:
    // QML sets `session: App.session` (until then it exports an empty groove of its own).
    explicit ClipExporter(QObject* parent = nullptr);
    ClipExporter(Session* session, QObject* parent);

    Session* session() const { return m_session; }
    void setSession(Session* session);
    Transport* transport() const { return m_transport; }
    void setTransport(Transport* transport);
    ~ClipExporter() override;  // waits for running exports (they are short)

    bool busy() const { return m_running > 0; }
    QString message() const { return m_message; }
    // File name stem for what plays, from where the groove came: a dataset window by its file and
    // bar ("1-funk-92-beat-4-4-bar3-92bpm"), the map by the cursor ("map-x0.42-y-1.37-96bpm"), an
    // edit by what it edited ("map-x0.42-y-1.37-edit-96bpm"), a sequence ("sequence-120bpm").
    QString clipName() const;
    QPointF mapPosition() const { return m_mapPosition; }
    void setMapPosition(QPointF position);
    // file:// URL of the temporary clip, empty until the first one is written.
    QUrl dragUrl() const { return m_dragUrl; }
    // Keep the drag file up to date (off by default: only the clip tile needs it).
    bool dragEnabled() const { return m_dragEnabled; }
    void setDragEnabled(bool on);

    // `pathOrUrl` may be a file:// URL; a missing suffix becomes .mid / .wav.
    Q_INVOKABLE void exportMidi(const QString& pathOrUrl);
    Q_INVOKABLE void exportWav(const QString& pathOrUrl);
    // `grooves` one after another as one clip at the session's tempo; `map` is the
    // grooves' drum map (default: the session's). An empty list is refused with a message.
    void exportSequenceMidi(std::vector<Groove> grooves, const QString& pathOrUrl,
                            std::optional<DrumMap> map = std::nullopt);
    void exportSequenceWav(std::vector<Groove> grooves, const QString& pathOrUrl,
                           std::optional<DrumMap> map = std::nullopt);
    // Writes the drag file now (instead of after the short delay).
    Q_INVOKABLE void refreshDragFile();

    // What a WAV export renders with, gathered on the GUI thread for a worker.
    struct WavOptions {
        QString kitDir;  // empty: no kit was found
        EngineSettings settings;  // tempo, swing, humanise, master volume
    };
    static constexpr double kWavSampleRate = 48000.0;
    // The render streams to the file; a WAV file holds at most 4 GB (24-bit stereo at 48 kHz is about
    // 17 MB a minute), so longer exports are refused before rendering.
    static constexpr double kMaxWavSeconds = 4.0 * 60.0 * 60.0;
    // The transport's kit, swing, humanise and volume (`transport` null: the defaults,
    // none: the default kit, straight) at `bpm`. GUI thread.
    static WavOptions wavOptions(const Transport* transport, double bpm);
    // Any thread: renders `grooves` one after another, exactly as long as they are (no
    // tail), and writes the WAV (or FLAC, by suffix) atomically. Errors name `path`.
    static Status writeSequenceWav(const std::string& path, const std::vector<Groove>& grooves, const DrumMap& map,
                                   const WavOptions& options);
    // A file:// URL or a path, as a local path; a missing suffix becomes `suffix`.
    static QString localPath(const QString& pathOrUrl, const QString& suffix);

Q_SIGNALS:
    void sessionChanged();
    void transportChanged();
    void busyChanged();
    void messageChanged();
    void clipNameChanged();
    void mapPositionChanged();
    void dragUrlChanged();
    void dragEnabledChanged();
    void finished(bool ok, const QString& path);

private:
    void followSession();
    QString sourceStem() const;  // the name without the tempo
    void nameInputsChanged();
    struct Job;
    // Checks `job` and runs it on a new worker (no map: the session's).
    void start(std::shared_ptr<Job> job);
    void setMessage(const QString& text);

    Session* m_session;
    QPointer<Transport> m_transport;
    QTemporaryDir m_tempDir;
    QTimer m_dragTimer;
    QUrl m_dragUrl;
    int m_dragGeneration = 0;
    bool m_dragEnabled = false;
    QPointF m_mapPosition;
    bool m_hasMapPosition = false;  // set by QML: until then a decoded groove is plain "map"
    QString m_editedFrom;  // the stem of the last groove that was not an edit: an edit is named after it
    int m_running = 0;
    QString m_message;
    std::vector<QPointer<QThread>> m_workers;
};

} // namespace gs
