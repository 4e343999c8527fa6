#include "fuzz_driver.h"

/* Weak, so the fuzz targets link in an ordinary build too and fall back to Caseload's own mutation runner. */
__attribute__((weak)) int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t));

int cl_fuzzer_linked(void) { return LLVMFuzzerRunDriver != 0; }

int cl_fuzzer_run(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t)) {
  return LLVMFuzzerRunDriver(argc, argv, callback);
}
