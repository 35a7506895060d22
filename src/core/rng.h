/* SPDX-License-Identifier: MIT */
/* The rule RNG: xoshiro256** seeded through splitmix64. Small, fast, and
 * fully described by its four words of state, which a saved game keeps. */
#ifndef TIGHTROPE_RNG_H
#define TIGHTROPE_RNG_H

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint64_t s[4];
} Rng;

/* Seeds rng from any 64-bit seed (0 included). The same seed always gives
 * the same sequence, on every platform. */
void rng_seed(Rng *rng, uint64_t seed);

/* Returns the next 64 random bits and advances the state. */
uint64_t rng_next(Rng *rng);

/* Returns a uniform integer in [0, n), without modulo bias. n must be > 0;
 * for n == 0 it returns 0 and still advances the state. */
uint32_t rng_below(Rng *rng, uint32_t n);

/* True when state is one xoshiro can run from (not all zero). A loaded
 * save checks this before trusting its state. */
bool rng_valid(const Rng *rng);

/* One splitmix64 step: mixes x into a well-spread 64-bit value. Useful to
 * derive independent seeds from one seed. */
uint64_t rng_mix(uint64_t x);

#endif
