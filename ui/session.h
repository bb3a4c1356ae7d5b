#pragma once
// The state every view shares: the current dataset, the current model, the
// current groove (with its drum map) and the tempo. One Session per process.
//
// How it is reached: the composition root (src/app, Services) creates it and hands it
// to the services in their constructors and to QML as `App.session`; view-models made
// in QML get it as a property (`session: App.session`). There is no global.
//
// Contract for other views (map, training):
//  - Call setGroove(groove, GrooveSource::Map) to put a decoded groove on the drum grid and in
//    the sequencer: the transport listens to grooveChanged and hands the pattern to
//    the audio engine at once (the playhead keeps running).
//  - setDataset / setModel replace the whole object; listeners re-read on
//    datasetChanged / modelChanged. Both are shared, immutable once published.
// Threads: every method is GUI-thread only. Workers report back through queued
// signals and the receiving view-model calls these setters.
#include "core/drummap.h"
#include "core/groove.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

#include <memory>

namespace gs {

class Dataset;
class Model;  // torch-free facade from src/model (forward-declared: Session never looks inside)

// Who put the groove on the grid; the transport times the change by it (an edit is heard
// at once, a new groove may wait for the bar line) and a step of a playing sequence is
// shown without being played again.
enum class GrooveSource {
    Empty,  // nothing yet, or a drum map change emptied it
    Dataset,  // a window of the dataset
    Map,  // decoded from the map, or a recalled bookmark's own groove
    Edit,  // the musician's edit on the grid (and its undo/redo)
    Sequence,  // a step of a path or sequence the transport already plays
    Accompaniment,  // drums the Groove panel generated from the input rhythm
};
// The lower-case name ("dataset", "map", ...): clip names and the QML property.
QString grooveSourceName(GrooveSource source);

class Session;
// For a view-model that QML gives its session as a property (`session: App.session`) and that shows an
// empty Session of its own (a child of `user`) until then: drops `user`'s connections to `current` (and
// the placeholder) and makes `next` current. False when there is nothing to change; the caller connects.
bool switchSession(QObject* user, Session*& current, Session* next);

class Session : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("the app makes the one Session: App.session")
    Q_PROPERTY(int steps READ steps NOTIFY grooveChanged)
    Q_PROPERTY(int voices READ voices NOTIFY grooveChanged)
    Q_PROPERTY(int stepsPerBar READ stepsPerBar NOTIFY grooveChanged)
    Q_PROPERTY(int stepsPerBeat READ stepsPerBeat NOTIFY grooveChanged)
    Q_PROPERTY(int hitCount READ hitCount NOTIFY grooveChanged)
    Q_PROPERTY(QString grooveSource READ grooveSource NOTIFY grooveChanged)
    Q_PROPERTY(QStringList voiceNames READ voiceNames NOTIFY drumMapChanged)
    Q_PROPERTY(QString drumMapName READ drumMapName NOTIFY drumMapChanged)
    Q_PROPERTY(bool hasDataset READ hasDataset NOTIFY datasetChanged)
    Q_PROPERTY(QString datasetName READ datasetName NOTIFY datasetChanged)
    Q_PROPERTY(int windowCount READ windowCount NOTIFY datasetChanged)
    Q_PROPERTY(int currentWindow READ currentWindow WRITE setCurrentWindow NOTIFY currentWindowChanged)
    Q_PROPERTY(bool hasModel READ hasModel NOTIFY modelChanged)
    Q_PROPERTY(QString modelName READ modelName NOTIFY modelChanged)
    // The file the model came from ("" for one trained in this session and not saved): the library marks it.
    Q_PROPERTY(QString modelPath READ modelPath NOTIFY modelChanged)
    Q_PROPERTY(double bpm READ bpm WRITE setBpm NOTIFY bpmChanged)
    // Choosing a dataset window (a point, a file's row) also takes its file's tempo; off: the tempo stays.
    Q_PROPERTY(bool followFileTempo READ followFileTempo WRITE setFollowFileTempo NOTIFY followFileTempoChanged)

public:
    explicit Session(QObject* parent = nullptr);
    ~Session() override;

    // Current groove. setGroove emits grooveChanged (always, so a re-decode of the
    // same z still retriggers listeners). `source` says who put it there.
    const Groove& groove() const { return m_groove; }
    void setGroove(const Groove& groove, GrooveSource source);
    GrooveSource source() const { return m_grooveSource; }
    QString grooveSource() const { return grooveSourceName(m_grooveSource); }
    int steps() const { return m_groove.steps(); }
    int voices() const { return m_groove.voices(); }
    int stepsPerBar() const { return m_groove.grid().stepsPerBar(); }
    int stepsPerBeat() const { return m_groove.grid().stepsPerBeat; }
    int hitCount() const { return m_groove.hitCount(); }

    // Drum map: names the voices of the groove and maps them to MIDI notes on export.
    const DrumMap& drumMap() const { return m_drumMap; }
    void setDrumMap(const DrumMap& map);
    QStringList voiceNames() const;
    QString drumMapName() const { return QString::fromStdString(m_drumMap.name()); }

    // Current dataset (null when none). Setting one also adopts its drum map.
    std::shared_ptr<const Dataset> dataset() const { return m_dataset; }
    void setDataset(std::shared_ptr<const Dataset> dataset, const QString& name);
    bool hasDataset() const { return m_dataset != nullptr; }
    QString datasetName() const { return m_datasetName; }
    int windowCount() const;
    // Index of the dataset window on the grid, -1 if the groove came from elsewhere.
    // Setting a valid index puts that window's groove (and tempo) on the grid.
    int currentWindow() const { return m_currentWindow; }
    void setCurrentWindow(int index);
    bool followFileTempo() const { return m_followFileTempo; }
    void setFollowFileTempo(bool follow);

    // Current model (null when none).
    std::shared_ptr<Model> model() const { return m_model; }
    void setModel(std::shared_ptr<Model> model, const QString& name, const QString& path = QString());
    bool hasModel() const { return m_model != nullptr; }
    QString modelName() const { return m_modelName; }
    QString modelPath() const { return m_modelPath; }

    // Playback tempo in BPM (clamped to 30..300).
    double bpm() const { return m_bpm; }
    void setBpm(double bpm);

    // "Place on map": asks the map to encode the current (edited) groove and move its
    // cursor there. Only emits placeOnMapRequested; the MapController does the work
    // off the GUI thread and leaves the groove on the grid untouched.
    Q_INVOKABLE void requestPlaceOnMap();

Q_SIGNALS:
    void followFileTempoChanged();
    void grooveChanged();
    void drumMapChanged();
    void datasetChanged();
    void currentWindowChanged();
    void modelChanged();
    void bpmChanged();
    void placeOnMapRequested();

private:
    Groove m_groove;
    GrooveSource m_grooveSource = GrooveSource::Empty;
    DrumMap m_drumMap;
    std::shared_ptr<const Dataset> m_dataset;
    QString m_datasetName;
    int m_currentWindow = -1;
    std::shared_ptr<Model> m_model;
    QString m_modelName;
    QString m_modelPath;
    bool m_followFileTempo = true;
    double m_bpm = 100.0;
};

} // namespace gs
