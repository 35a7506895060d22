/* SPDX-License-Identifier: MIT */
/* Fuzz target: the journal's import of a stored game. The bytes become the
 * stored state of the game in progress (with the header's length and
 * checksum made to match, when they look like a save), and are read back the
 * way Continue reads them: journal_resume and game_load through
 * session_resume. A state the engine refuses is reported as a damaged or
 * newer journal, never half-loaded; a state it accepts plays on, each action
 * committed and read back the same, and a game that ends is kept as a
 * finished game that loads back. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "fuzzgame.h"
#include "journal.h"
#include "session.h"

enum { REOPEN_EVERY = 5000 };

static char dir[256], path[300];
static Journal *journal;
static unsigned long inputs;

static void remove_files(void)
{
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
        char p[320];
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
}

static void open_fresh(void)
{
    journal_close(journal);
    journal = NULL;
    remove_files();
    FUZZ_CHECK(journal_open(path, NULL, &journal) == JOURNAL_OK);
}

static void cleanup(void)
{
    journal_close(journal);
    journal = NULL;
    remove_files();
    rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* A folder in memory when there is one: the journal syncs every commit. */
    struct stat st;
    const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0
                           ? "/dev/shm"
                           : (getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    snprintf(dir, sizeof dir, "%s/tightrope-fuzz-journal-XXXXXX", base);
    FUZZ_CHECK(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/journal.db", dir);
    open_fresh();
    atexit(cleanup);
    return 0;
}

/* Reads the game in progress back and checks it is game. */
static void expect_kept(const Game *game, long steps)
{
    Game *kept = NULL;
    long kept_steps = -1;
    char err[256];
    FUZZ_CHECK(session_resume(journal, &kept, &kept_steps, err, sizeof err) == JOURNAL_OK);
    FUZZ_CHECK(kept_steps == steps);
    FUZZ_CHECK(game_hash(kept) == game_hash(game));
    game_free(kept);
    char **actions = NULL;
    size_t count = 0;
    FUZZ_CHECK(journal_progress_actions(journal, &actions, &count) == JOURNAL_OK);
    FUZZ_CHECK(count == (size_t)steps);
    for (size_t i = 0; i < count; i++)
        free(actions[i]);
    free(actions);
}

static void finish(const Game *game)
{
    const char *decks[] = {"Fuzzed"};
    Record record, loaded;
    FUZZ_CHECK(session_finish(journal, game, decks, 1, &record) == JOURNAL_OK);
    FUZZ_CHECK(!journal_has_progress(journal));
    FUZZ_CHECK(journal_load_game(journal, record.id, &loaded) == JOURNAL_OK);
    FUZZ_CHECK(strcmp(loaded.names[0], record.names[0]) == 0 && strcmp(loaded.names[1], record.names[1]) == 0);
    FUZZ_CHECK(loaded.plan_count == record.plan_count && loaded.goal_count == record.goal_count);
    for (size_t i = 0; i < record.goal_count; i++)
        FUZZ_CHECK(strcmp(loaded.goals[i].text, record.goals[i].text) == 0);
    record_free(&loaded);
    record_free(&record);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (++inputs % REOPEN_EVERY == 0)
        open_fresh();
    uint8_t *fixed = fuzzgame_fix(data, size);
    const uint8_t *state = fixed ? fixed : data;
    FUZZ_CHECK(journal_begin(journal, state, size, NULL, 0) == JOURNAL_OK);
    FUZZ_CHECK(journal_has_progress(journal));
    Game *game = (Game *)1;
    long steps = -1;
    char err[256];
    err[0] = '\0';
    JournalStatus st = session_resume(journal, &game, &steps, err, sizeof err);
    if (st != JOURNAL_OK) {
        FUZZ_CHECK(game == NULL && err[0]);
        FUZZ_CHECK(st == JOURNAL_E_CORRUPT || st == JOURNAL_E_NEWER_VERSION);
        FUZZ_CHECK(journal_abandon(journal) == JOURNAL_OK);
        free(fixed);
        return 0;
    }
    FUZZ_CHECK(steps == 0);
    fuzzgame_check(game);
    /* A few actions, each committed and read back. */
    const uint8_t *choices = data + size / 2;
    for (long i = 0; i < 3; i++) {
        GameView view;
        game_view(game, &view);
        if (view.phase == PHASE_OVER)
            break;
        Action actions[GAME_DAYS + 1];
        size_t count = game_actions(game, actions, sizeof actions / sizeof *actions);
        FUZZ_CHECK(count > 0);
        uint8_t pick = (size_t)i < size - size / 2 ? choices[i] : 0;
        JournalStatus saved = JOURNAL_E_IO;
        GameError e = session_apply(journal, game, actions[pick % count], &saved);
        if (e == GAME_E_FULL)
            break;
        FUZZ_CHECK(e == GAME_OK && saved == JOURNAL_OK);
        game_view(game, &view);
        if (view.phase == PHASE_OVER) /* the last action recorded the game */
            FUZZ_CHECK(!journal_has_progress(journal));
        else
            expect_kept(game, i + 1);
    }
    GameView view;
    game_view(game, &view);
    if (view.phase == PHASE_OVER)
        finish(game);
    else
        FUZZ_CHECK(journal_abandon(journal) == JOURNAL_OK);
    game_free(game);
    free(fixed);
    return 0;
}
