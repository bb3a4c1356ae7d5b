#pragma once
// What drum an instrument's name says it is, in the spellings real kits use
// ("BassDrum", "Hi Hat Closed", "Hat Op Dirty", "Pearl Tom Floor", "tomhi2",
// "ride-crash20inch"), and how well such a drum fits a General MIDI note.
// Used where a kit carries no usable MIDI notes (most Hydrogen kits).
#include <string>

namespace gs {

enum class DrumClass {
    None, Kick, Snare, Rim, Clap, ClosedHat, PedalHat, OpenHat, LowTom, MidTom, HighTom, Tom,
    Crash, CrashRide, China, Splash, Ride, RideBell, Cowbell, Tambourine
};

struct DrumName {
    DrumClass drum = DrumClass::None;
    int penalty = 0;  // 0 = says exactly this; more = a weaker reading ("semi-open", "Tom 2", a bare "HiHat")
};

DrumName classifyDrumName(const std::string& instrumentName);

// The notes filled by name: the nine voices' own notes first, then the rest of the GM kit.
inline constexpr int kNamedDrumNotes[] = {36, 38, 42, 46, 43, 47, 50, 49, 51,
                                          35, 40, 37, 39, 44, 41, 45, 48, 57, 59, 52, 53, 55, 56, 54};

// The drum a GM percussion note stands for (None outside the notes we map by name).
DrumClass drumClassOfNote(int note);

// How well an instrument named `name` plays `note`: -1 not at all, else a
// penalty (0 best): a floor tom may play a high tom when the kit has no other.
int drumNameFit(const DrumName& name, int note);

} // namespace gs
