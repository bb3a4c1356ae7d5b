#pragma once
// One Groovescape per user: the first instance listens on a local socket
// ("groovescape-<user>", or $GROOVESCAPE_INSTANCE so tests never collide); a
// second one hands its files to it (the first opens them and raises its
// window) and exits. If nobody answers within the timeout (a crashed first
// instance left its socket behind), the caller starts normally and listen()
// takes the name over.
// Protocol: the client writes one line, a JSON array of absolute paths; the
// server answers "ok\n". Threads: listen() and filesReceived on the owner's
// thread; sendToRunning() blocks its caller (it runs before any window exists).
#include <QObject>
#include <QStringList>

class QLocalServer;

namespace gs {

class SingleInstance : public QObject {
    Q_OBJECT

public:
    explicit SingleInstance(QString name = defaultName(), QObject* parent = nullptr);
    ~SingleInstance() override;

    static QString defaultName();
    QString name() const { return m_name; }

    // True if a running instance took `files` (may be empty: it only raises its window).
    bool sendToRunning(const QStringList& files, int timeoutMs = 1000);
    // Becomes the instance others talk to; false (with errorString) if the name cannot be taken.
    bool listen();
    bool listening() const;
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void filesReceived(const QStringList& files);

private:
    void onNewConnection();

    QString m_name;
    QLocalServer* m_server = nullptr;
    QString m_error;
};

} // namespace gs
