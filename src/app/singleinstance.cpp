#include "singleinstance.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocalServer>
#include <QLocalSocket>

#include <unistd.h>

namespace gs {

SingleInstance::SingleInstance(QString name, QObject* parent)
    : QObject(parent)
    , m_name(std::move(name))
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::defaultName()
{
    const QByteArray custom = qgetenv("GROOVESCAPE_INSTANCE");
    if (!custom.isEmpty())
        return QString::fromLocal8Bit(custom);
    return QStringLiteral("groovescape-%1").arg(::getuid());
}

bool SingleInstance::sendToRunning(const QStringList& files, int timeoutMs)
{
    QLocalSocket socket;
    socket.connectToServer(m_name);
    if (!socket.waitForConnected(timeoutMs))
        return false;
    QByteArray line = QJsonDocument(QJsonArray::fromStringList(files)).toJson(QJsonDocument::Compact);
    line += '\n';
    socket.write(line);
    if (!socket.waitForBytesWritten(timeoutMs))
        return false;
    // Wait for the answer: a frozen first instance must not swallow our files silently.
    QByteArray answer;
    while (!answer.contains('\n')) {
        if (!socket.waitForReadyRead(timeoutMs))
            return false;
        answer += socket.readAll();
    }
    return answer.startsWith("ok");
}

bool SingleInstance::listen()
{
    if (m_server)
        return true;
    auto* server = new QLocalServer(this);
    server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!server->listen(m_name)) {
        // A socket file left by an instance that died: nobody answered sendToRunning, so take it over.
        QLocalServer::removeServer(m_name);
        if (!server->listen(m_name)) {
            m_error = server->errorString();
            delete server;
            return false;
        }
    }
    connect(server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    m_server = server;
    return true;
}

bool SingleInstance::listening() const { return m_server && m_server->isListening(); }

void SingleInstance::onNewConnection()
{
    while (QLocalSocket* socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > 1024 * 1024)
                    socket->abort();  // not one of ours
                return;
            }
            const QJsonDocument doc = QJsonDocument::fromJson(socket->readLine());
            QStringList files;
            for (const auto& value : doc.array())
                if (value.isString())
                    files << value.toString();
            socket->write(doc.isArray() ? "ok\n" : "error: expected a JSON array of paths\n");
            socket->flush();
            socket->disconnectFromServer();
            if (doc.isArray())
                Q_EMIT filesReceived(files);
        });
    }
}

} // namespace gs
