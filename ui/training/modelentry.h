#pragma once
// One row of the model library: what a model file says about itself (type,
// size, the data and settings it was trained with, its stored evaluation).
// Read on a worker thread; plain data afterwards.
#include <QString>
#include <QVariantMap>

namespace gs {

class Model;
struct ModelHeader;

struct ModelEntry {
    QString path;
    QString name;  // the file name without its extension
    bool bundled = false;  // shipped with the app: read-only
    QString error;  // why the file could not be read ("" when fine)

    QString type;
    int latent = 0;
    int hidden = 0;
    qint64 parameters = 0;
    // The dataset it was trained on.
    QString datasetName;
    int trainWindows = 0;
    int validationWindows = 0;
    int styleCount = 0;
    QString styles;  // the biggest styles first: "rock 2695, latin 1402, ..."
    // Settings the file keeps (the batch size is not stored in a model file).
    double learningRate = 0;  // of the first epoch
    double beta = 0;
    double freeBits = 0;
    QString klAnneal;
    bool flat = false;
    double flatEta = 0;
    bool mapAxes = false;  // a map whose x follows density and y velocity (--map-attributes)
    // History.
    int epochs = 0;
    double trainingSeconds = 0;
    double validationLoss = 0;  // the last epoch's
    // The stored evaluation figures by file name (hit_f1, ...); empty when never evaluated.
    QVariantMap evaluation;

    // Reads the file's header and metadata, not its weights (file I/O: call on a worker). A file
    // damaged inside its weights lists fine and fails on Open, which checks everything.
    static ModelEntry read(const QString& path, bool bundled);
    static ModelEntry fromModel(const Model& model, const QString& path, bool bundled);
    static ModelEntry fromHeader(const ModelHeader& header, const QString& path, bool bundled);
};

} // namespace gs
