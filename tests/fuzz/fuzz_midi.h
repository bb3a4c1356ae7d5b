#pragma once
// The fuzz entry point, shared by the libFuzzer build (run-fuzz.sh, clang) and
// the corpus replay test (tst_fuzz_corpus, the normal build).
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
