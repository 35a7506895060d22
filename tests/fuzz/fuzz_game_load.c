/* SPDX-License-Identifier: MIT */
/* Fuzz target: the serialised-game loader (game_load). The bytes are loaded
 * as they are, then again with the header's length and checksum made to
 * match, so that the fuzzer reaches the decoder and the consistency checks.
 * A save the loader refuses leaves no game and a reason; a save it accepts
 * is a consistent game that saves back to itself and plays to its end. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "fuzzgame.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void load(const uint8_t *data, size_t size)
{
    Game *game = (Game *)1;
    char err[256];
    GameError e = game_load((const char *)data, size, &game, err, sizeof err);
    if (e != GAME_OK) {
        FUZZ_CHECK(game == NULL && err[0]);
        FUZZ_CHECK(e == GAME_E_SAVE_NOT || e == GAME_E_SAVE_NEWER || e == GAME_E_SAVE_TRUNCATED ||
                   e == GAME_E_SAVE_CORRUPT);
        return;
    }
    FUZZ_CHECK(game != NULL);
    fuzzgame_play(game, data + size / 2, size - size / 2);
    game_free(game);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    load(data, size);
    uint8_t *fixed = fuzzgame_fix(data, size);
    if (fixed) {
        load(fixed, size);
        free(fixed);
    }
    return 0;
}
