/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz targets that reach a game: making a fuzzed save pass
 * its checksum, and playing a loaded game to its end under checks. */
#ifndef TIGHTROPE_FUZZGAME_H
#define TIGHTROPE_FUZZGAME_H

#include <stddef.h>
#include <stdint.h>

#include "game.h"

/* When data starts like a save ("tightrope-save N\n" and a 12-byte header),
 * returns a copy (freed by the caller) whose header's payload length and
 * checksum match the bytes after it, so that the loader looks past them;
 * otherwise NULL. */
uint8_t *fuzzgame_fix(const uint8_t *data, size_t size);

/* Checks a game the engine accepted: it is consistent, its save loads back
 * as the same game, and it plays on to its end (choices, n bytes, pick each
 * action; an own goal's text may come from them too) with every action
 * listed as allowed accepted and the game consistent after each. At the end,
 * its record exports to Markdown and iCalendar with folded lines. */
void fuzzgame_play(Game *game, const uint8_t *choices, size_t n);

/* The same, for a game that a journal keeps: the checks without the play. */
void fuzzgame_check(const Game *game);

#endif
