#pragma once
// The project's "session" part: where the dataset came from and its name, the model
// file, the window on the grid and the tempo. Saved as
//   {"dataset": [PATH, ...], "dataset_name": NAME, "model": PATH, "window": N, "bpm": X}
// (paths through Project::encodePath). Loading hands the dataset sources and
// the model file to loaders the composition root supplies (the dataset
// browser's background import, the ModelLoader), so nothing slow runs on the
// GUI thread; the window and tempo are applied when the dataset arrives.
// Missing files are reported by name and the rest loads; values of the wrong JSON type,
// a NaN or out-of-range tempo are refused with a note.
// The sources of a dataset the user imported some other way are its files' paths.
// GUI thread only.
#include "project/projectpart.h"
#include <QJsonValue>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

namespace gs {

class Dataset;
class Project;
class Session;

class ProjectSessionPart : public QObject, public ProjectPart {
    Q_OBJECT

public:
    static constexpr const char* key = "session";
    // Starts loading a dataset from MIDI files / folders or one .gsd, to be called `name` ("" = the
    // loader's own choice); false if it could not start.
    using DatasetLoader = std::function<bool(const QStringList& paths, const QString& name)>;
    // Starts loading a model file; the result reaches the Session (setModel) later.
    using ModelLoader = std::function<void(const QString& path)>;

    // The composition root registers it with `project` under key (ProjectPart::add).
    ProjectSessionPart(Project* project, Session* session, QObject* parent = nullptr);

    void setDatasetLoader(DatasetLoader loader) { m_datasetLoader = std::move(loader); }
    void setModelLoader(ModelLoader loader) { m_modelLoader = std::move(loader); }

    // The file a model came from (model loader, model library, trainer): remembered for the
    // Session's model of the same name.
    void noteModelPath(const QString& path);
    QString modelPath() const { return m_modelPath; }
    // The absolute sources of the current dataset (or of the one being loaded).
    QStringList datasetSources() const;
    bool loading() const { return !m_pendingSources.isEmpty(); }
    // A model the project asked for has not arrived yet.
    bool modelLoading() const { return m_modelRequested; }
    // The model loader could not open the model load() asked for (it reports why itself).
    // The project keeps naming that file (it is not rewritten without it).
    void modelFailed();

    // The import the dataset loader started for load() has ended (either way; the dataset it
    // brought, if any, has already arrived through the Session).
    void datasetImportEnded();

    QJsonValue savePart() const override;
    void loadPart(const QJsonValue& value) override;

Q_SIGNALS:
    // A dataset asked for by load() arrived and its window / tempo were applied.
    void restored();

private:
    void onDatasetChanged();
    void onModelChanged();
    bool matchesPending(const Dataset& dataset) const;
    static bool filesUnder(const Dataset& dataset, const QStringList& sources);
    void applyWindowAndTempo(int window, double bpm);

    Project* m_project;
    QPointer<Session> m_session;
    DatasetLoader m_datasetLoader;
    ModelLoader m_modelLoader;
    QStringList m_sources;  // of m_sourcesFor
    const Dataset* m_sourcesFor = nullptr;
    QString m_sourcesName;  // the dataset's name when m_sources were set
    const Dataset* m_namelessFor = nullptr;  // restored from a file without "dataset_name"
    QStringList m_pendingSources;
    QString m_pendingName;
    int m_pendingWindow = -1;
    double m_pendingBpm = 0.0;
    QString m_notedModel;
    QString m_modelPath;
    bool m_modelRequested = false;  // load() asked for m_notedModel and it has not arrived yet
    QString m_failedModel;  // the project's model that could not be opened (still the project's)
};

} // namespace gs
