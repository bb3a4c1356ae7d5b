#pragma once
// Where the bundled assets (kits, demo dataset) and models are, for QML: the
// search path of src/core/datapaths.h ($GROOVESCAPE_DATA, an install's
// ../share/groovescape, the source tree, the configured install data dir).
#include <QObject>
#include <QString>
#include <QtQml/qqmlregistration.h>

class QQmlEngine;
class QJSEngine;

namespace gs {

class AssetPaths : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString assetsDir READ assetsDir CONSTANT)
    // The user guides (docs/ of the source tree, share/groovescape/docs installed); empty when not found.
    Q_PROPERTY(QString docsDir READ docsDir CONSTANT)
    Q_PROPERTY(QString modelsDir READ modelsDir CONSTANT)
    Q_PROPERTY(QString demoDataset READ demoDataset CONSTANT)

public:
    explicit AssetPaths(QObject* parent = nullptr);

    // "" when no assets folder is found.
    static QString findAssetsDir();
    static QString findModelsDir();
    // assets/demo.gsd, else the folder assets/demo if it holds MIDI files; "" when neither.
    static QString findDemoDataset();
    // Sub-folders of assets/kits (each one kit).
    static QStringList kitDirs();

    QString assetsDir() const { return findAssetsDir(); }
    QString docsDir() const;
    QString modelsDir() const { return findModelsDir(); }
    QString demoDataset() const { return findDemoDataset(); }
};

} // namespace gs
