/* SPDX-License-Identifier: MIT */
/* The journal against kill -9: scripted games are killed at many random
 * points (seeded), resumed, and finished; each must end exactly as the same
 * game played without interruption, having lost at most the action in
 * flight at each kill. And the last action of a game is killed at every
 * write, sync and truncation the journal makes for it: afterwards the game
 * is either finished in the journey or resumable before that action, never
 * gone. */
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

#include <sqlite3.h>

#include "export.h"
#include "journal.h"
#include "replay.h"
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
    if (testutil_tmpdir(tmpdir, sizeof tmpdir, "kill") != 0)
        return -1;
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
        const char *begun[KIND_COUNT];
        testplay_deck_names(decks, deck_count, begun);
        if (session_begin(j, game, begun, deck_count) != JOURNAL_OK)
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

/* The last finished game in the journal at path replays through the engine
 * to the game recorded: no step differs and its summary is the record's. */
static void expect_replay(const char *path)
{
    Journal *j = NULL;
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(path, &ro, &j), JOURNAL_OK);
    Replay replay;
    assert_int_equal(replay_game(j, 0, &replay), JOURNAL_OK);
    if (replay.step)
        print_message("%s: step %ld (%s): %s\n", path, replay.step, replay.action, replay.what);
    assert_int_equal(replay.step, 0);
    /* Every action is a step of the story but a pass, which only counts. */
    assert_int_equal(replay.actions,
                     replay.recorded.balance_count + (size_t)replay.recorded.passes[0] + (size_t)replay.recorded.passes[1]);
    char got[4096], recorded[4096];
    replay_summary(&replay.replayed, got, sizeof got);
    replay_summary(&replay.recorded, recorded, sizeof recorded);
    assert_string_equal(got, recorded);
    replay_free(&replay);
    journal_close(j);
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
            assert_int_equal(r.balance_count + (size_t)r.passes[0] + (size_t)r.passes[1], hash_count - 1);
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
        expect_replay(clean);

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
        expect_replay(path);
        free(got);
        free(expect);
        interrupted += cut_short;
    }
    print_message("%d of %d games interrupted by %d kills, all resumed without loss\n", interrupted, GAMES, kills);
    assert_true(interrupted >= MIN_INTERRUPTED);
}

/* ---- the last action, killed at every write and sync ---- */

/* A VFS over the default one that kills the process at the Nth write, sync
 * or truncation of any file once armed: every moment of a commit. */
static sqlite3_vfs *base_vfs;
static sqlite3_vfs kill_vfs;
static long kill_countdown = -1; /* < 0: not armed */

typedef struct {
    sqlite3_file base;
    sqlite3_file *real;
} KillFile;

static void maybe_die(void)
{
    if (kill_countdown > 0 && --kill_countdown == 0)
        raise(SIGKILL);
}

static sqlite3_file *real_of(sqlite3_file *f) { return ((KillFile *)f)->real; }
static int k_close(sqlite3_file *f)
{
    int rc = real_of(f)->pMethods ? real_of(f)->pMethods->xClose(real_of(f)) : SQLITE_OK;
    sqlite3_free(real_of(f));
    return rc;
}
static int k_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o) { return real_of(f)->pMethods->xRead(real_of(f), b, n, o); }
static int k_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    maybe_die();
    return real_of(f)->pMethods->xWrite(real_of(f), b, n, o);
}
static int k_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    maybe_die();
    return real_of(f)->pMethods->xTruncate(real_of(f), size);
}
static int k_sync(sqlite3_file *f, int flags)
{
    maybe_die();
    int rc = real_of(f)->pMethods->xSync(real_of(f), flags);
    maybe_die(); /* right after the data reached the disk, too */
    return rc;
}
static int k_size(sqlite3_file *f, sqlite3_int64 *s) { return real_of(f)->pMethods->xFileSize(real_of(f), s); }
static int k_lock(sqlite3_file *f, int l) { return real_of(f)->pMethods->xLock(real_of(f), l); }
static int k_unlock(sqlite3_file *f, int l) { return real_of(f)->pMethods->xUnlock(real_of(f), l); }
static int k_check(sqlite3_file *f, int *r) { return real_of(f)->pMethods->xCheckReservedLock(real_of(f), r); }
static int k_control(sqlite3_file *f, int op, void *a) { return real_of(f)->pMethods->xFileControl(real_of(f), op, a); }
static int k_sector(sqlite3_file *f) { return real_of(f)->pMethods->xSectorSize(real_of(f)); }
static int k_caps(sqlite3_file *f) { return real_of(f)->pMethods->xDeviceCharacteristics(real_of(f)); }
static int k_shm_map(sqlite3_file *f, int i, int n, int e, void volatile **p)
{
    return real_of(f)->pMethods->xShmMap(real_of(f), i, n, e, p);
}
static int k_shm_lock(sqlite3_file *f, int o, int n, int fl) { return real_of(f)->pMethods->xShmLock(real_of(f), o, n, fl); }
static void k_shm_barrier(sqlite3_file *f) { real_of(f)->pMethods->xShmBarrier(real_of(f)); }
static int k_shm_unmap(sqlite3_file *f, int d) { return real_of(f)->pMethods->xShmUnmap(real_of(f), d); }

static const sqlite3_io_methods kill_io = {
    .iVersion = 2, .xClose = k_close, .xRead = k_read, .xWrite = k_write, .xTruncate = k_truncate,
    .xSync = k_sync, .xFileSize = k_size, .xLock = k_lock, .xUnlock = k_unlock,
    .xCheckReservedLock = k_check, .xFileControl = k_control, .xSectorSize = k_sector,
    .xDeviceCharacteristics = k_caps, .xShmMap = k_shm_map, .xShmLock = k_shm_lock,
    .xShmBarrier = k_shm_barrier, .xShmUnmap = k_shm_unmap,
};

static int k_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    (void)vfs;
    KillFile *kf = (KillFile *)f;
    kf->base.pMethods = NULL;
    kf->real = sqlite3_malloc(base_vfs->szOsFile);
    if (!kf->real)
        return SQLITE_NOMEM;
    memset(kf->real, 0, (size_t)base_vfs->szOsFile);
    int rc = base_vfs->xOpen(base_vfs, name, kf->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        sqlite3_free(kf->real);
        return rc;
    }
    kf->base.pMethods = &kill_io;
    return SQLITE_OK;
}

static int install_kill_vfs(void)
{
    base_vfs = sqlite3_vfs_find(NULL);
    if (!base_vfs)
        return -1;
    kill_vfs = *base_vfs;
    kill_vfs.zName = "tightrope-kill";
    kill_vfs.szOsFile = (int)sizeof(KillFile);
    kill_vfs.xOpen = k_open;
    return sqlite3_vfs_register(&kill_vfs, 1) == SQLITE_OK ? 0 : -1;
}

/* Plays game seed in the journal at path up to its last action, and leaves
 * the journal closed there. Returns the number of actions kept. */
static long play_to_last(const char *path, uint64_t seed, const char *const *names)
{
    Journal *j = NULL;
    assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
    GameOptions opt = options_for(seed);
    Game *game = NULL;
    char err[256], buf[300];
    assert_int_equal(game_new(&opt, (const Deck *const *)decks, deck_count, seed, &game, err, sizeof err), GAME_OK);
    assert_int_equal(session_begin(j, game, names, deck_count), JOURNAL_OK);
    /* The actions of the whole game, played on a copy to find the last. */
    Game *probe = NULL;
    char *saved_game = NULL;
    size_t saved_len = 0;
    assert_int_equal(game_save(game, &saved_game, &saved_len), GAME_OK);
    assert_int_equal(game_load(saved_game, saved_len, &probe, err, sizeof err), GAME_OK);
    free(saved_game);
    long total = 0;
    for (GameView v = {0}; game_view(probe, &v), v.phase != PHASE_OVER; total++)
        assert_int_equal(game_apply(probe, testplay_choose(probe, buf, sizeof buf)), GAME_OK);
    game_free(probe);
    for (long i = 0; i + 1 < total; i++) {
        JournalStatus saved;
        assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
        assert_int_equal(saved, JOURNAL_OK);
    }
    game_free(game);
    journal_close(j);
    return total - 1;
}

/* The child: resumes the game and applies its last action with the kill
 * armed at the nth write, sync or truncation. Exits 0 when nothing killed it. */
static int last_action_child(const char *path, long n)
{
    Journal *j = NULL;
    if (journal_open(path, NULL, &j) != JOURNAL_OK)
        return 20;
    Game *game = NULL;
    char err[256], buf[300];
    if (session_resume(j, &game, NULL, err, sizeof err) != JOURNAL_OK)
        return 21;
    Action last = testplay_choose(game, buf, sizeof buf);
    JournalStatus saved;
    kill_countdown = n;
    if (session_apply(j, game, last, &saved) != GAME_OK || saved != JOURNAL_OK)
        return 22;
    kill_countdown = -1;
    game_free(game);
    journal_close(j);
    return 0;
}

static void test_kill_last_action(void **state)
{
    (void)state;
    assert_int_equal(install_kill_vfs(), 0);
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    char path[400], snapshot[420];
    snprintf(path, sizeof path, "%s/last.db", tmpdir);
    snprintf(snapshot, sizeof snapshot, "%s/last-before.db", tmpdir);
    int games = 0, kills = 0, finished = 0, resumed = 0;
    for (uint64_t seed = 101; seed < 104; seed++, games++) {
        testutil_rmrf(path);
        long kept = play_to_last(path, seed, names);
        char cmd[2048];
        snprintf(cmd, sizeof cmd, "cp '%s' '%s'", path, snapshot);
        assert_int_equal(system(cmd), 0);
        bool survived = false;
        for (long n = 1; n <= 400 && !survived; n++) {
            snprintf(cmd, sizeof cmd, "cp '%s' '%s' && rm -f '%s-wal' '%s-shm'", snapshot, path, path, path);
            assert_int_equal(system(cmd), 0);
            pid_t pid = fork();
            assert_true(pid >= 0);
            if (pid == 0)
                _exit(last_action_child(path, n));
            int status;
            assert_int_equal(waitpid(pid, &status, 0), pid);
            if (WIFEXITED(status)) {
                assert_int_equal(WEXITSTATUS(status), 0);
                survived = true;
            } else {
                assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
                kills++;
            }
            /* Either the game is in the journey, or it resumes just before
             * its last action; never both, never neither. */
            Journal *j = NULL;
            assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
            Record r;
            JournalStatus in_journey = journal_load_game(j, 0, &r);
            if (in_journey == JOURNAL_OK) {
                assert_false(journal_has_progress(j));
                assert_int_equal(r.deck_count, deck_count);
                assert_string_equal(r.decks[0], names[0]);
                record_free(&r);
                finished++;
            } else {
                assert_int_equal(in_journey, JOURNAL_E_NO_SUCH_GAME);
                Game *game = NULL;
                long steps = 0;
                char err[256], buf[300];
                assert_int_equal(session_resume(j, &game, &steps, err, sizeof err), JOURNAL_OK);
                assert_int_equal(steps, kept);
                /* Played on, the game ends in the journey. */
                JournalStatus saved;
                assert_int_equal(session_apply(j, game, testplay_choose(game, buf, sizeof buf), &saved), GAME_OK);
                assert_int_equal(saved, JOURNAL_OK);
                assert_false(journal_has_progress(j));
                assert_int_equal(journal_load_game(j, 0, &r), JOURNAL_OK);
                record_free(&r);
                game_free(game);
                resumed++;
            }
            journal_close(j);
            expect_replay(path);
        }
        assert_true(survived);
    }
    print_message("last action of %d games killed at %d writes and syncs: %d already in the journey, %d resumed\n",
                  games, kills, finished, resumed);
    assert_true(kills >= 3 * games); /* a commit writes and syncs several times */
    assert_true(finished > 0 && resumed > 0);
}

/* A journal from before the last action recorded the game: the game is
 * over in progress and missing from the journey. session_recover keeps it. */
static void test_recover_over_unrecorded(void **state)
{
    (void)state;
    const char *names[KIND_COUNT];
    testplay_deck_names(decks, deck_count, names);
    char path[400];
    snprintf(path, sizeof path, "%s/old.db", tmpdir);
    Journal *j = NULL;
    assert_int_equal(journal_open(path, NULL, &j), JOURNAL_OK);
    GameOptions opt = options_for(7);
    Game *game = NULL;
    char err[256], buf[300];
    assert_int_equal(game_new(&opt, (const Deck *const *)decks, deck_count, 7, &game, err, sizeof err), GAME_OK);
    assert_int_equal(session_begin(j, game, names, deck_count), JOURNAL_OK);
    GameView v;
    for (game_view(game, &v); v.phase != PHASE_OVER; game_view(game, &v))
        assert_int_equal(game_apply(game, testplay_choose(game, buf, sizeof buf)), GAME_OK);
    /* What an older version left: the over game in progress, no record. */
    char *state_text = NULL;
    size_t len = 0;
    assert_int_equal(game_save(game, &state_text, &len), GAME_OK);
    JournalStep step = {.action = "done", .state = state_text, .len = len};
    assert_int_equal(journal_step(j, &step), JOURNAL_OK);
    free(state_text);
    assert_true(journal_has_progress(j));
    Record r;
    assert_int_equal(session_recover(j, &r), JOURNAL_OK);
    assert_true(r.id > 0);
    assert_int_equal(r.deck_count, deck_count);
    record_free(&r);
    assert_false(journal_has_progress(j));
    assert_int_equal(journal_load_game(j, 0, &r), JOURNAL_OK);
    record_free(&r);
    assert_int_equal(session_recover(j, &r), JOURNAL_E_NO_GAME);
    game_free(game);
    journal_close(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_kill_nine, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill_last_action, setup, teardown),
        cmocka_unit_test_setup_teardown(test_recover_over_unrecorded, setup, teardown),
    };
    return cmocka_run_group_tests_name("journal kill -9", tests, NULL, NULL);
}
