/* SPDX-License-Identifier: MIT */
/* Shared by the fuzz targets that reach a game: see fuzzgame.h. */
#include "fuzzgame.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "fuzz.h"
#include "record.h"

static const char magic[] = "tightrope-save ";

static uint64_t fnv1a(const uint8_t *p, size_t len)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
    return h;
}

uint8_t *fuzzgame_fix(const uint8_t *data, size_t size)
{
    size_t at = sizeof magic - 1;
    if (size < at || memcmp(data, magic, at) != 0)
        return NULL;
    while (at < size && data[at] != '\n')
        at++;
    at++;
    if (at > size || size - at < 12)
        return NULL;
    uint8_t *copy = malloc(size);
    if (!copy)
        return NULL;
    memcpy(copy, data, size);
    size_t payload = size - at - 12;
    uint64_t sum = fnv1a(copy + at + 12, payload);
    for (int i = 0; i < 4; i++)
        copy[at + i] = (uint8_t)(payload >> (8 * i));
    for (int i = 0; i < 8; i++)
        copy[at + 4 + i] = (uint8_t)(sum >> (8 * i));
    return copy;
}

void fuzzgame_check(const Game *game)
{
    char err[256];
    FUZZ_CHECK(game_check(game, err, sizeof err));
    char *buf = NULL, *again = NULL;
    size_t len = 0, again_len = 0;
    FUZZ_CHECK(game_save(game, &buf, &len) == GAME_OK);
    Game *copy = NULL;
    FUZZ_CHECK(game_load(buf, len, &copy, err, sizeof err) == GAME_OK);
    FUZZ_CHECK(game_hash(copy) == game_hash(game));
    FUZZ_CHECK(game_save(copy, &again, &again_len) == GAME_OK);
    FUZZ_CHECK(again_len == len && memcmp(again, buf, len) == 0);
    free(again);
    free(buf);
    game_free(copy);
}

/* Every line of an iCalendar file ends in CRLF and holds at most 75 octets. */
static void check_ics(const char *ics)
{
    const char *line = ics;
    for (const char *p = ics; *p; p++) {
        if (*p != '\n')
            continue;
        FUZZ_CHECK(p > line && p[-1] == '\r');
        FUZZ_CHECK((size_t)(p - 1 - line) <= EXPORT_LINE_OCTETS);
        line = p + 1;
    }
    FUZZ_CHECK(*line == '\0');
}

static void check_end(const Game *game)
{
    GameSummary sum;
    game_summary(game, &sum);
    FUZZ_CHECK(sum.over);
    FUZZ_CHECK(sum.plan_count >= 0 && sum.plan_count <= GAME_ROUNDS_MAX);
    FUZZ_CHECK(sum.goal_count >= 0 && sum.goal_count <= 2 * GAME_ROUNDS_MAX);
    FUZZ_CHECK(sum.stars >= 0 && sum.stars <= sum.rounds);
    const char *decks[] = {"Fuzzed"};
    Record record;
    FUZZ_CHECK(record_from_summary(&record, &sum, decks, 1, "2026-01-05 20:00:00"));
    char *md = export_markdown(&record);
    ExportOptions opt = {.now = 1767639600};
    char *ics = export_ics(&record, &opt);
    FUZZ_CHECK(md && ics);
    check_ics(ics);
    free(md);
    free(ics);
    record_free(&record);
}

void fuzzgame_play(Game *game, const uint8_t *choices, size_t n)
{
    fuzzgame_check(game);
    char err[256];
    size_t next = 0;
    /* Passes are unlimited and are no step of the story: a game ends within
     * GAME_MAX_STEPS steps and, with at most PASS_RUN passes in a row, within
     * that many tries. */
    enum { PASS_RUN = 8 };
    int passes_in_row = 0;
    for (int step = 0; step <= (GAME_MAX_STEPS + 1) * (PASS_RUN + 1); step++) {
        GameView view;
        game_view(game, &view);
        if (view.phase == PHASE_OVER) {
            check_end(game);
            return;
        }
        Action actions[GAME_DAYS + 1];
        size_t count = game_actions(game, actions, sizeof actions / sizeof *actions);
        FUZZ_CHECK(count > 0);
        uint8_t pick = next < n ? choices[next++] : (uint8_t)step;
        GameError e;
        if ((view.allowed & (1u << ACTION_CUSTOM)) && (pick & 0x80) && next < n) {
            /* An own goal typed from the input's bytes: accepted, or refused
             * with the game as it was. */
            char text[64];
            size_t len = (size_t)(pick & 0x3F);
            if (len > n - next)
                len = n - next;
            memcpy(text, choices + next, len);
            text[len] = '\0';
            next += len;
            uint64_t before = game_hash(game);
            passes_in_row = 0;
            e = game_apply(game, (Action){.type = ACTION_CUSTOM, .text = text});
            FUZZ_CHECK(e == GAME_OK || e == GAME_E_GOAL_LENGTH || e == GAME_E_GOAL_TEXT);
            if (e != GAME_OK)
                FUZZ_CHECK(game_hash(game) == before);
        } else {
            Action a = actions[pick % count];
            /* After PASS_RUN passes in a row, the next action that is not one. */
            for (size_t i = 1; a.type == ACTION_PASS && passes_in_row >= PASS_RUN && i < count; i++)
                a = actions[(pick + i) % count];
            passes_in_row = a.type == ACTION_PASS ? passes_in_row + 1 : 0;
            e = game_apply(game, a);
            /* A forged save may have used up the room for actions. */
            if (e == GAME_E_FULL)
                return;
            FUZZ_CHECK(e == GAME_OK);
        }
        FUZZ_CHECK(game_check(game, err, sizeof err));
    }
    FUZZ_CHECK(!"a game never ended");
}
