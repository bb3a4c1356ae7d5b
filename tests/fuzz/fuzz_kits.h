#pragma once
// The fuzz entry point for the kit readers (kit.json, Hydrogen drumkit.xml, SFZ, SF2), shared by
// the libFuzzer build (run-fuzz.sh, clang) and the replay test (tst_fuzz_kits).
#include <cstddef>
#include <cstdint>
#include <string>

// Makes the scratch kit folder the inputs are written into, with copies of the real samples of
// `samplesFrom` (a folder of FLAC / WAV files) under samples/ and at its root, so a seed's sample
// paths resolve. Call once before the first input; false when the folder cannot be made.
bool fuzzKitsSetUp(const std::string& samplesFrom);

// The first byte chooses the format (0 kit.json, 1 drumkit.xml, 2 SFZ, 3 SF2; modulo 4); the rest
// is the kit file.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
