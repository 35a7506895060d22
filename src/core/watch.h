/* SPDX-License-Identifier: MIT */
/* Watching deck folders for changes (Linux inotify), so the game can pick
 * up an edited deck without polling: a descriptor becomes readable when a
 * watched folder changes, and nothing wakes while nothing changes. */
#ifndef TIGHTROPE_WATCH_H
#define TIGHTROPE_WATCH_H

#include <stdbool.h>
#include <stddef.h>

typedef struct Watch Watch;

/* Watches the folders given (those that do not exist are skipped). Returns
 * NULL when the system cannot watch (then the caller refreshes on demand). */
Watch *watch_open(const char *const *dirs, size_t count);
void watch_close(Watch *watch);

/* The descriptor to wait on (poll for reading). */
int watch_fd(const Watch *watch);

/* Reads what is pending without blocking. Returns true when a .deck file in
 * a watched folder was created, changed, moved or removed. */
bool watch_drain(Watch *watch);

#endif
