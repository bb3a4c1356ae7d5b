#pragma once
// Loads a model file off the GUI thread (torch::load of a few MB takes
// hundreds of ms) and hands it to the Session on the GUI thread. Used at
// start-up for the bundled default model (models/rhythmvae-2d.gsmodel) or --model.
#include <QObject>
#include <QString>

#include <thread>

namespace gs {

class Session;

class ModelLoader : public QObject {
    Q_OBJECT

public:
    explicit ModelLoader(Session* session, QObject* parent = nullptr);
    ~ModelLoader() override;  // joins the worker

    // GUI thread. Starts loading `path`; the result arrives as loaded() or failed().
    void load(const QString& path);

    // The bundled default model, or "" if there is none.
    static QString defaultModelPath();

Q_SIGNALS:
    void loaded(const QString& path);
    void failed(const QString& message);

private:
    Session* m_session;
    std::thread m_worker;
};

} // namespace gs
