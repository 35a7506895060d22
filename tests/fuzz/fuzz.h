/* SPDX-License-Identifier: MIT */
/* What every fuzz target in tests/fuzz/ provides, and the checks they share.
 * Each target is built twice: with libFuzzer (scripts/fuzz, TIGHTROPE_FUZZ)
 * and with replay.c's main, which feeds it its corpus as a unit test. */
#ifndef TIGHTROPE_FUZZ_H
#define TIGHTROPE_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* libFuzzer's entry points. Initialize runs once before the first input. */
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A property that must hold for every input: when it does not, the target
 * stops the way a crash does, so libFuzzer keeps the input. */
#define FUZZ_CHECK(cond)                                                                                               \
    do {                                                                                                               \
        if (!(cond)) {                                                                                                 \
            fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond);                              \
            abort();                                                                                                   \
        }                                                                                                              \
    } while (0)

#endif
