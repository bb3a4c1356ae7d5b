// libFuzzer's set-up hook for the kits fuzzer (run-fuzz.sh): the scratch kit folder gets the bundled
// acoustic kit's samples before the first input. The replay test calls fuzzKitsSetUp itself.
#include "fuzz_kits.h"

#include <cstdlib>

extern "C" int LLVMFuzzerInitialize(int*, char***)
{
    return fuzzKitsSetUp(GS_FUZZ_KIT_SAMPLES) ? 0 : 1;
}
