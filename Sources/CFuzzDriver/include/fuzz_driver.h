#ifndef CASELOAD_FUZZ_DRIVER_H
#define CASELOAD_FUZZ_DRIVER_H
#include <stddef.h>
#include <stdint.h>

/// Whether libFuzzer is linked in (a build with -sanitize=fuzzer).
int cl_fuzzer_linked(void);
/// Runs libFuzzer's driver with `callback`; only when cl_fuzzer_linked().
int cl_fuzzer_run(int *argc, char ***argv, int (*callback)(const uint8_t *, size_t));
#endif
