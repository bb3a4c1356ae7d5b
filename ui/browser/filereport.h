#pragma once
// The detail view of one imported file: which MIDI notes the drum map dropped
// (note number, General MIDI name, count) and which voices took the rest
// (the voice's notes and its hits in the file's kept windows).
#include <QString>
#include <QVariantMap>

namespace gs {

class Dataset;

// "Acoustic Snare" for 38; a plain description outside the GM percussion range (27..87).
QString gmPercussionName(int note);

// {"file", "drumNotes", "unmappedTotal", "unmapped": [{note, name, count}] (most first),
//  "voices": [{name, notes, hits}], "fileIndex", "drumChannel", "otherChannelNotes",
//  "otherChannels": [{channel, count}]}; empty map when `file` is out of range.
QVariantMap fileReport(const Dataset& dataset, int file);

} // namespace gs
