#pragma once
// The fuzz entry point for the file readers besides MIDI (dataset file, drum map, model config),
// shared by the libFuzzer build (run-fuzz.sh, clang) and the replay test (tst_fuzz_files).
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
