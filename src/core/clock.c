/* SPDX-License-Identifier: MIT */
#include "clock.h"

#include <stdatomic.h>

/* Set once at start-up (or by a test); read from any thread. */
static _Atomic long long fixed_at;

time_t clock_now(void)
{
    long long t = atomic_load(&fixed_at);
    return t ? (time_t)t : time(NULL);
}

void clock_fix(time_t t)
{
    atomic_store(&fixed_at, (long long)t);
}

void clock_advance(long long seconds)
{
    long long t = atomic_load(&fixed_at);
    if (t)
        atomic_store(&fixed_at, t + seconds);
}

bool clock_is_fixed(void)
{
    return atomic_load(&fixed_at) != 0;
}

time_t clock_script_day(void)
{
    struct tm tm = {.tm_year = 2026 - 1900, .tm_mon = 0, .tm_mday = 5, .tm_hour = 20, .tm_isdst = -1};
    return mktime(&tm);
}
