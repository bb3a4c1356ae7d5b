#pragma once
// The musician's voice mapping, saved per kit in the app's settings (QSettings
// "kitVoices/<kit id>": output note -> instrument name, "" for none), and
// applied by the audio link each time that kit loads. Kept by instrument name,
// not index, so a kit whose file changed still finds its instruments.
// Any thread (QSettings is reentrant; one instance per call).
#include "audio/kitremap.h"

#include <QString>
#include <QVariantMap>

#include <vector>

namespace gs {

class Kit;

namespace kitvoices {

// A kit's id: its path, and the preset for an .sf2 ("/x/FluidR3_GM.sf2#8").
QString kitId(const QString& path, int preset);

// {"38": "Snare Jazz", "42": ""}: what is saved for `kitId` (empty when nothing is).
QVariantMap saved(const QString& kitId);
void save(const QString& kitId, const QVariantMap& choices);

// The saved choices as instrument indices of `kit` (names the kit lacks are left out).
std::vector<VoiceChoice> resolve(const QVariantMap& choices, const Kit& kit);

} // namespace kitvoices
} // namespace gs
