/* SPDX-License-Identifier: MIT */
/* Writes the seed saves of the game_load and journal fuzz targets: games on
 * small decks and on the built-in decks, saved at the start, in the middle,
 * just before the end and at the end, plus a few refused saves. Run by hand
 * when the save format changes: make_seeds DECKS_DIR OUT_DIR. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "game.h"

static const char *const small[KIND_COUNT] = {
    ("deck: Talk\nkind: sharing\nlevel: 1\nS1a\nS1b\n    weight: 2\nlevel: 2\nS2a\n    weight: -1\nS2b\nlevel: 3\n"
     "S3a\nS3b\n    weight: 0\n"),
    "deck: Plans\nkind: planning\nP1\nP2\n    weight: 0\nP3\n    weight: 3\nP4\n    weight: 1\n",
    ("deck: Mine\nkind: solo\nO1\n    where: home\n    traits: shareable, skill\nO2\n    weight: -1\n    where: out\n"
     "    traits: private, people\nO3\n    weight: -2\n"),
    ("deck: Help\nkind: support\nU1\nU2\n    weight: 0\nU3\n    weight: 3\nU-out\n    suits: out\nU-show\n"
     "    suits: shareable, home\n"),
    "deck: Steady\nkind: rebalance\nweight: 2\nR+\nweight: -3\nR-\nweight: -1\nR-small\n",
};
static const char *const builtin_files[KIND_COUNT] = {"sharing.deck", "planning.deck", "solo.deck", "support.deck",
                                                      "rebalance.deck"};

static int write_file(const char *dir, const char *name, const void *data, size_t len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, len, f) != len || fclose(f) != 0) {
        fprintf(stderr, "make_seeds: %s: cannot write\n", path);
        return -1;
    }
    return 0;
}

static int save_as(const Game *game, const char *dir, const char *name)
{
    char *buf;
    size_t len;
    if (game_save(game, &buf, &len) != GAME_OK)
        return -1;
    int rc = write_file(dir, name, buf, len);
    free(buf);
    return rc;
}

/* Plays a game from decks, saving it at the start, at step mid, one action
 * before the end and at the end. Own goals are typed now and then. */
static int play(const Deck *const *decks, const GameOptions *opt, uint64_t seed, const char *dir, const char *tag)
{
    Game *game = NULL;
    char err[256], name[128];
    if (game_new(opt, decks, KIND_COUNT, seed, &game, err, sizeof err) != GAME_OK) {
        fprintf(stderr, "make_seeds: %s\n", err);
        return -1;
    }
    /* Once to count the actions, then again to save at the right places. */
    int total = 0;
    for (int pass = 0; pass < 2; pass++) {
        game_restart(game, seed);
        int step = 0;
        for (;;) {
            if (pass == 1 && (step == 0 || step == total / 2 || step == total - 1 || step == total)) {
                snprintf(name, sizeof name, "%s-step-%03d.save", tag, step);
                if (save_as(game, dir, name) != 0)
                    return -1;
            }
            GameView view;
            game_view(game, &view);
            if (view.phase == PHASE_OVER)
                break;
            Action actions[GAME_DAYS + 1];
            size_t n = game_actions(game, actions, GAME_DAYS + 1);
            Action a = actions[(size_t)step % n];
            if ((view.allowed & (1u << ACTION_CUSTOM)) && step % 3 == 0)
                a = (Action){.type = ACTION_CUSTOM,
                             .index = step % GOAL_WHERE_COUNT,
                             .text = "Walk to the lake; call Mum, then rest \xE2\x80\x8F!"};
            if (game_apply(game, a) != GAME_OK)
                return -1;
            step++;
        }
        total = step;
    }
    game_free(game);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: make_seeds DECKS_DIR OUT_DIR\n");
        return 2;
    }
    Deck *decks[KIND_COUNT], *builtin[KIND_COUNT];
    for (int k = 0; k < KIND_COUNT; k++) {
        DeckReport report = {0};
        decks[k] = deck_parse(small[k], strlen(small[k]), &report);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[1], builtin_files[k]);
        builtin[k] = deck_load(path, &report);
        deck_report_free(&report);
        if (!decks[k] || !builtin[k]) {
            fprintf(stderr, "make_seeds: the decks do not load\n");
            return 1;
        }
    }
    const char *dir = argv[2];
    GameOptions one = {.rounds = 1, .names = {"Ana", "Ben"}};
    GameOptions three = {.rounds = 3, .needs = {NEED_CLOSER, NEED_SPACE}, .timer_minutes = 2};
    GameOptions seven = {.rounds = 7, .names = {"\xD7\x93\xD7\xA0\xD7\x94\xE2\x80\x8F", "Zo\xC3\xAB' OR 1=1; --"}};
    int rc = 0;
    rc |= play((const Deck *const *)decks, &one, 1, dir, "small-1-round");
    rc |= play((const Deck *const *)decks, &three, 2, dir, "small-3-rounds");
    rc |= play((const Deck *const *)decks, &seven, 3, dir, "small-7-rounds");
    rc |= play((const Deck *const *)builtin, &three, 4, dir, "builtin-3-rounds");
    /* Refused ones: not a save, a newer format, cut short. */
    rc |= write_file(dir, "not-a-save", "deck: Talk\nkind: sharing\n", 25);
    rc |= write_file(dir, "newer-version.save", "tightrope-save 99\n", 18);
    rc |= write_file(dir, "cut-short.save", "tightrope-save 2\n\x10\x00", 19);
    for (int k = 0; k < KIND_COUNT; k++) {
        deck_free(decks[k]);
        deck_free(builtin[k]);
    }
    return rc ? 1 : 0;
}
