/* SPDX-License-Identifier: MIT */
/* One clock for the whole game. The engine, the journal, the exports and the
 * front end ask clock_now() for "now"; a scripted run or a test fixes it with
 * clock_fix(), so a game's plans, the time it was played and its check-in
 * all agree. Plain C. */
#ifndef TIGHTROPE_CLOCK_H
#define TIGHTROPE_CLOCK_H

#include <stdbool.h>
#include <time.h>

/* The time now: the fixed time if one is set, otherwise the system's. */
time_t clock_now(void);

/* Fixes "now" at t for the rest of the run (0 goes back to the system
 * clock). A fixed clock stands still unless clock_advance moves it. */
void clock_fix(time_t t);

/* Moves a fixed clock on by seconds (a simulated week between two scripted
 * games); does nothing to the system clock. */
void clock_advance(long long seconds);

/* True when the clock is fixed. */
bool clock_is_fixed(void);

/* The fixed "today" of scripted runs and tests: Monday 5 January 2026,
 * 20:00 local time. */
time_t clock_script_day(void);

#endif
