#include "modelloader.h"

#include "assetpaths.h"
#include "files/filecheck.h"
#include "model/model.h"
#include "session.h"
#include "files/workerguard.h"

#include <QDir>
#include <QFileInfo>
#include <QPointer>

#include <memory>

namespace gs {

ModelLoader::ModelLoader(Session* session, QObject* parent)
    : QObject(parent)
    , m_session(session)
{
}

ModelLoader::~ModelLoader()
{
    if (m_worker.joinable())
        m_worker.join();
}

QString ModelLoader::defaultModelPath()
{
    const QString dir = AssetPaths::findModelsDir();
    if (dir.isEmpty())
        return {};
    // Bundled models are named .gsmodel; models the app trains are .gsm (both are the same format).
    for (const char* name : {"rhythmvae-2d.gsm", "rhythmvae-2d.gsmodel"}) {
        const QString path = QDir(dir).filePath(QString::fromLatin1(name));
        if (QFileInfo(path).isFile())
            return path;
    }
    return {};
}

void ModelLoader::load(const QString& path)
{
    if (m_worker.joinable())
        m_worker.join();
    QPointer<ModelLoader> self(this);
    m_worker = std::thread([self, path] {
        std::shared_ptr<Model> model;
        // A FIFO or a device would block or read forever: refuse it before opening; any
        // exception from the reader ends here as the message, never in std::terminate.
        QString message = regularFileProblem(path, QStringLiteral("model"));
        if (message.isEmpty()) {
            message = runGuarded(path, [&] {
                auto result = Model::load(path.toStdString());
                if (result.ok())
                    model = std::make_shared<Model>(std::move(result).value());
                else
                    message = QString::fromStdString(result.error().describe());
            });
            if (!message.isEmpty())
                model.reset();
        }
        // Back to the GUI thread; the loader outlives the worker (its destructor joins).
        QMetaObject::invokeMethod(self.data(), [self, path, model, message] {
            if (!self)
                return;
            if (!model) {
                Q_EMIT self->failed(message);
                return;
            }
            self->m_session->setModel(model, QFileInfo(path).completeBaseName(), path);
            Q_EMIT self->loaded(path);
        }, Qt::QueuedConnection);
    });
}

} // namespace gs
