/* SPDX-License-Identifier: MIT */
/* The journal against kill -9: scripted games are killed at many random
 * points (seeded), resumed, and finished; each must end exactly as the same
 * game played without interruption, having lost at most the action in
 * flight at each kill. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "export.h"
#include "journal.h"
#include "rng.h"
#include "session.h"
#include "testplay.h"
#include "testutil.h"

enum {
    GAMES = 64,           /* games played, each killed at least once */
    MIN_INTERRUPTED = 50, /* games that must really have been cut short */
    MAX_KILLS = 3         /* kills per game before it may finish */
};

static char tmpdir[256];
static Deck *decks[KIND_COUNT];
static size_t deck_count;

static int setup(void **state)
{
    (void)state;
    const char *d = testutil_mkdtemp("kill");
    if (!d)
        return -1;
    snprintf(tmpdir, sizeof tmpdir, "%s", d);
    setenv("XDG_DATA_HOME", tmpdir, 1);
    deck_count = testplay_decks(decks);
    return deck_count == KIND_COUNT ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    testplay_free_decks(decks, deck_count);
    return testutil_rmrf(tmpdir);
}

static GameOptions options_for(uint64_t seed)
{
    static const char *const names[4] = {"Anna", "Ben", "Chris", "Dana"};
    GameOptions opt = {.names = {names[seed % 2], names[2 + seed % 2]}};
    opt.rounds = 1 + (int)(seed % 4);
    opt.needs[0] = (Need)(seed % NEED_COUNT);
    return opt;
}

/* One player process: continues the game in the journal at path, or starts
 * it, and plays to the end with the deterministic policy, writing the number
 * of actions committed to fd after each commit, and -1 once the finished
 * game is stored. Returns the exit status. */
static int player(const char *path, uint64_t seed, int fd)
{
    Journal *j = NULL;
    if (journal_open(path, NULL, &j) != JOURNAL_OK)
        return 10;
    Game *game = NULL;
    long steps = 0;
    char err[256];
    JournalStatus st = session_resume(j, &game, &steps, err, sizeof err);
    if (st == JOURNAL_E_NO_GAME) {
        Record done;
        if (journal_load_game(j, 0, &done) == JOURNAL_OK) { /* finished already */
            record_free(&done);
            journal_close(j);
            long end = -1;
            return write(fd, &end, sizeof end) == sizeof end ? 0 : 11;
        }
        GameOptions opt = options_for(seed);
        if (game_new(&opt, (const Deck *const *)decks, deck_count, seed, &game, err, sizeof err) != GAME_OK)
            return 12;
        if (session_begin(j, game) != JOURNAL_OK)
            return 13;
    } else if (st != JOURNAL_OK) {
        return 14;
    }
    char buf[300];
    GameView v;
    game_view(game, &v);
    while (v.phase != PHASE_OVER) {
        JournalStatus saved;
        if (session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved) != GAME_OK || saved != JOURNAL_OK)
            return 15;
        steps++;
        if (write(fd, &steps, sizeof steps) != sizeof steps)
            return 16;
        game_view(game, &v);
    }
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    if (session_finish(j, game, names, deck_count, NULL) != JOURNAL_OK)
        return 17;
    game_free(game);
    journal_close(j);
    long end = -1;
    return write(fd, &end, sizeof end) == sizeof end ? 0 : 18;
}

/* The finished game as text, without the time it was played. */
static char *finished_text(const char *path)
{
    Journal *j = NULL;
    assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
    Record r;
    assert_int_equal(journal_load_game(j, 0, &r), JOURNAL_OK);
    assert_false(journal_has_progress(j));
    journal_close(j);
    snprintf(r.played, sizeof r.played, "2024-05-03 21:00:00");
    char *md = export_markdown(&r);
    ExportOptions opt = {.now = 1};
    char *ics = export_ics(&r, &opt);
    size_t len = strlen(md) + strlen(ics) + 2;
    char *both = malloc(len);
    assert_non_null(both);
    snprintf(both, len, "%s\n%s", md, ics);
    free(md);
    free(ics);
    record_free(&r);
    return both;
}

/* The hash of the game after each action of an uninterrupted game. */
static size_t reference_hashes(uint64_t seed, uint64_t *hashes, size_t cap)
{
    GameOptions opt = options_for(seed);
    Game *game = NULL;
    char err[256], buf[300];
    assert_int_equal(game_new(&opt, (const Deck *const *)decks, deck_count, seed, &game, err, sizeof err), GAME_OK);
    size_t n = 0;
    hashes[n++] = game_hash(game);
    GameView v;
    game_view(game, &v);
    while (v.phase != PHASE_OVER && n < cap) {
        assert_int_equal(game_apply(game, testplay_choose(game, buf, sizeof buf)), GAME_OK);
        hashes[n++] = game_hash(game);
        game_view(game, &v);
    }
    game_free(game);
    return n;
}

typedef struct {
    pid_t pid;
    int fd;
} Child;

static Child spawn(const char *path, uint64_t seed)
{
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        _exit(player(path, seed, fds[1]));
    }
    close(fds[1]);
    return (Child){pid, fds[0]};
}

/* Reads one report; false at the end of the pipe. */
static bool next_report(int fd, long *value)
{
    ssize_t n;
    do
        n = read(fd, value, sizeof *value);
    while (n < 0 && errno == EINTR);
    return n == (ssize_t)sizeof *value;
}

static void expect_exit_ok(pid_t pid)
{
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        print_message("player ended with status %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* After a kill: the journal opens, and the game in it is the reference game
 * after `kept` actions, where the player had reported `reported` commits. */
static void check_after_kill(const char *path, uint64_t seed, const uint64_t *hashes, size_t hash_count,
                             long reported, bool *finished, long *kept_out)
{
    Journal *j = NULL;
    assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
    Game *game = NULL;
    long kept = 0;
    char err[256];
    JournalStatus st = session_resume(j, &game, &kept, err, sizeof err);
    *finished = false;
    *kept_out = 0;
    if (st == JOURNAL_E_NO_GAME) {
        Record r;
        if (journal_load_game(j, 0, &r) == JOURNAL_OK) {
            /* Killed while finishing: the game was stored whole. */
            *finished = true;
            assert_int_equal(r.balance_count, hash_count - 1);
            record_free(&r);
        } else {
            /* Killed before the game began: nothing reported either. */
            assert_int_equal(reported, 0);
        }
    } else {
        assert_int_equal(st, JOURNAL_OK);
        /* Nothing committed is lost; at most the action in flight was kept
         * without being reported. */
        if (kept < reported || kept > reported + 1)
            print_message("seed %llu: %ld kept, %ld reported\n", (unsigned long long)seed, kept, reported);
        assert_true(kept >= reported && kept <= reported + 1);
        assert_true((size_t)kept < hash_count);
        assert_true(game_hash(game) == hashes[kept]);
        *kept_out = kept;
        game_free(game);
    }
    journal_close(j);
}

static void test_kill_nine(void **state)
{
    (void)state;
    Rng rng;
    rng_seed(&rng, 20240503);
    int interrupted = 0, kills = 0;
    static uint64_t hashes[GAME_MAX_STEPS + 2];
    for (int g = 0; g < GAMES; g++) {
        uint64_t seed = 1000 + (uint64_t)g;
        size_t hash_count = reference_hashes(seed, hashes, sizeof hashes / sizeof *hashes);
        size_t actions = hash_count - 1;

        /* The same game without interruption, through the journal. */
        char clean[400], path[400];
        snprintf(clean, sizeof clean, "%s/clean-%d.db", tmpdir, g);
        snprintf(path, sizeof path, "%s/killed-%d.db", tmpdir, g);
        Child c = spawn(clean, seed);
        long report, last = 0;
        while (next_report(c.fd, &report))
            last = report;
        close(c.fd);
        expect_exit_ok(c.pid);
        assert_int_equal(last, -1);
        char *expect = finished_text(clean);

        bool finished = false, cut_short = false;
        long kept = 0; /* actions in the journal: where the next player starts */
        for (int k = 0; k < MAX_KILLS && !finished; k++) {
            c = spawn(path, seed);
            /* Kill after a random number of commits (0: maybe before the
             * journal is even made), then a random moment more, so kills
             * land before, inside and after commits. */
            long wait_for = kept + (long)rng_below(&rng, (uint32_t)(actions - (size_t)kept) + 2);
            long reported = kept;
            bool ended = false;
            while (reported < wait_for) {
                if (!next_report(c.fd, &report) || report == -1) {
                    ended = true;
                    break;
                }
                reported = report;
            }
            struct timespec pause = {0, (long)rng_below(&rng, 3000) * 1000};
            nanosleep(&pause, NULL);
            kill(c.pid, SIGKILL);
            int status;
            assert_int_equal(waitpid(c.pid, &status, 0), c.pid);
            /* Reports written before the kill are still in the pipe. */
            while (next_report(c.fd, &report)) {
                if (report == -1)
                    ended = true;
                else
                    reported = report;
            }
            close(c.fd);
            bool killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
            if (!killed) {
                assert_true(WIFEXITED(status));
                assert_int_equal(WEXITSTATUS(status), 0);
            }
            if (killed && !ended) {
                cut_short = true;
                kills++;
            }
            check_after_kill(path, seed, hashes, hash_count, reported, &finished, &kept);
        }
        /* Then let it finish. */
        c = spawn(path, seed);
        while (next_report(c.fd, &report))
            ;
        close(c.fd);
        expect_exit_ok(c.pid);
        char *got = finished_text(path);
        assert_string_equal(got, expect);
        free(got);
        free(expect);
        interrupted += cut_short;
    }
    print_message("%d of %d games interrupted by %d kills, all resumed without loss\n", interrupted, GAMES, kills);
    assert_true(interrupted >= MIN_INTERRUPTED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kill_nine, setup, teardown),
    };
    return cmocka_run_group_tests_name("journal kill -9", tests, NULL, NULL);
}
