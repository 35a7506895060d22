/* SPDX-License-Identifier: MIT */
/* The front end, headless, when the world around it goes wrong: a journal
 * that is garbage, cut short, locked, read-only or on a full disk; a
 * settings file that is garbage; no font, no audio device; a gamepad pulled
 * out mid-game; a window squeezed to 1x1 and stretched to 8K; names typed
 * with control characters, right-to-left marks and SQL; a deck of a million
 * cards. Each plays on (or stops with one sentence), and nothing already
 * saved is lost. The rows of docs/RELIABILITY.md name these tests. */
#define _GNU_SOURCE /* unshare, for the full disk in a mount namespace of its own */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_image.h>

#include "journal.h"
#include "record.h"
#include "session.h"
#include "testutil.h"

static char dir[256], data[300], db_path[400];
static char out[1 << 16], err[1 << 16];

static int setup(void **state)
{
    (void)state;
    const char *made = testutil_mkdtemp("uifaults");
    if (!made)
        return -1;
    snprintf(dir, sizeof dir, "%s", made);
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(db_path, sizeof db_path, "%s/tightrope/journal.db", data);
    char folder[400];
    snprintf(folder, sizeof folder, "%s/tightrope", data);
    if (chmod(dir, 0755) != 0 || mkdir(data, 0755) != 0 || mkdir(folder, 0755) != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

typedef struct {
    const char *const *args; /* after --script FILE --seed 7; NULL-terminated, may be NULL */
    const char *audio;       /* SDL_AUDIODRIVER; NULL: dummy */
    const char *fontconfig;  /* FONTCONFIG_FILE; NULL: the system's */
    bool as_nobody;          /* run as user nobody (root writes anything) */
} Run;

/* Root reads and writes anything, so the read-only case runs as nobody, from
 * a copy of the program (with its decks and assets beside it, as installed)
 * in the test's folder: the build folder may be one nobody cannot enter. */
static const char *nobody_copy(void)
{
    static char bin[400];
    char cmd[2400];
    snprintf(bin, sizeof bin, "%s/prefix/bin/tightrope", dir);
    snprintf(cmd, sizeof cmd,
             "mkdir -p '%s/prefix/bin' '%s/prefix/share/tightrope' && cp '%s' '%s' && "
             "cp -r '%s/decks' '%s/assets' '%s/prefix/share/tightrope/' && chmod -R a+rX '%s/prefix'",
             dir, dir, TIGHTROPE_BIN, bin, SOURCE_DIR, SOURCE_DIR, dir, dir);
    return system(cmd) == 0 ? bin : NULL;
}

/* Runs tightrope --script with the script text; its data folder is data. */
static int play_with(const char *script_text, const Run *r)
{
    const char *bin = r->as_nobody ? nobody_copy() : TIGHTROPE_BIN;
    assert_non_null(bin);
    const char *script = testutil_write(dir, "play.script", script_text);
    assert_non_null(script);
    chmod(script, 0644);
    char out_path[300], err_path[300];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    const char *argv[40] = {bin, "--script", script, "--seed", "7"};
    int n = 5;
    for (int i = 0; r->args && r->args[i] && n < 39; i++)
        argv[n++] = r->args[i];
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd0 = open("/dev/null", O_RDONLY);
        int fd1 = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        int fd2 = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
        if (fd0 < 0 || fd1 < 0 || fd2 < 0 || dup2(fd0, 0) < 0 || dup2(fd1, 1) < 0 || dup2(fd2, 2) < 0)
            _exit(126);
        setenv("XDG_DATA_HOME", data, 1);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", r->audio ? r->audio : "dummy", 1);
        if (r->fontconfig)
            setenv("FONTCONFIG_FILE", r->fontconfig, 1);
        if (r->as_nobody && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(125);
        execv(bin, (char *const *)argv);
        _exit(127);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    if (!WIFEXITED(status))
        print_error("tightrope ended by signal %d\n", WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    assert_true(WIFEXITED(status));
    testutil_read(out_path, out, sizeof out);
    testutil_read(err_path, err, sizeof err);
    return WEXITSTATUS(status);
}

static int play(const char *script_text)
{
    Run r = {0};
    return play_with(script_text, &r);
}

/* A script of line n times, then quit. */
static char *repeat(const char *line, int n)
{
    char *s = malloc((strlen(line) + 1) * (size_t)n + 16);
    s[0] = '\0';
    for (int i = 0; i < n; i++) {
        strcat(s, line);
        strcat(s, "\n");
    }
    strcat(s, "quit\n");
    return s;
}

/* The trace reached Our week after every moment of three rounds. */
static void expect_whole_game(void)
{
    if (!strstr(out, "screen week\n"))
        print_error("trace:\n%s\nstderr:\n%s\n", out, err);
    assert_non_null(strstr(out, "screen play support-pick round 3"));
    assert_non_null(strstr(out, "screen week\n"));
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void write_bytes(const char *path, const void *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Plays a whole game into the journal at db_path, so there is
 * something saved to lose; returns its bytes. */
static char *journal_with_a_game(size_t *len)
{
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys), 0);
    free(keys);
    expect_whole_game();
    char *bytes = slurp(db_path, len);
    assert_non_null(bytes);
    return bytes;
}

static void expect_file(const char *path, const char *bytes, size_t len)
{
    size_t now_len = 0;
    char *now = slurp(path, &now_len);
    assert_non_null(now);
    assert_int_equal(now_len, len);
    assert_memory_equal(now, bytes, len);
    free(now);
}

/* ---- the journal ---- */

static void test_garbage_journal(void **state)
{
    (void)state;
    unsigned char garbage[8192];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)(i * 7919 + 13);
    write_bytes(db_path, garbage, sizeof garbage);
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys), 0);
    free(keys);
    expect_whole_game();
    assert_string_equal(err, "");
    expect_file(db_path, (const char *)garbage, sizeof garbage);
}

static void test_truncated_journal(void **state)
{
    (void)state;
    size_t len;
    char *whole = journal_with_a_game(&len);
    /* Cut in half: the game plays on unsaved; the half is left as it is. */
    write_bytes(db_path, whole, len / 2);
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys), 0);
    free(keys);
    expect_whole_game();
    assert_string_equal(err, "");
    expect_file(db_path, whole, len / 2);
    free(whole);
}

static void test_locked_journal(void **state)
{
    (void)state;
    size_t len;
    char *whole = journal_with_a_game(&len);
    free(whole);
    /* Another copy holds it: this one plays, and keeps its hands off. */
    Journal *first = NULL;
    assert_int_equal(journal_open(db_path, NULL, &first), JOURNAL_OK);
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys), 0);
    free(keys);
    expect_whole_game();
    assert_string_equal(err, "");
    JournalJourney journey;
    assert_int_equal(journal_journey(first, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 1);
    journal_journey_free(&journey);
    journal_close(first);
}

static void test_read_only_journal(void **state)
{
    (void)state;
    size_t len;
    char *whole = journal_with_a_game(&len);
    char folder[400];
    snprintf(folder, sizeof folder, "%s/tightrope", data);
    assert_int_equal(chmod(db_path, 0444), 0);
    assert_int_equal(chmod(folder, 0755), 0);
    char *keys = repeat("key Return", 45);
    Run r = {.as_nobody = true};
    assert_int_equal(play_with(keys, &r), 0);
    free(keys);
    expect_whole_game();
    assert_string_equal(err, "");
    expect_file(db_path, whole, len);
    free(whole);
}

/* In a mount namespace of its own, the data folder on a tmpfs of 1 MB: a
 * game begins, the disk fills, and the game plays to its end. The journal
 * still opens afterwards, holding what was saved before the disk filled. */
static int full_disk_child(void)
{
    if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("tmpfs", data, "tmpfs", 0, "size=1m,mode=0755") != 0)
        return 77;
    char folder[400], filler[420];
    snprintf(folder, sizeof folder, "%s/tightrope", data);
    snprintf(filler, sizeof filler, "%s/filler", data);
    if (mkdir(folder, 0700) != 0)
        return 2;
    /* Into the first sharing card (Enter on both names, then Start), saved;
     * then the disk fills up. */
    Run r = {0};
    if (play_with("key Return\nkey Return\nkey Return\nkey Return\nkey Return\nquit\n", &r) != 0)
        return 3;
    FILE *f = fopen(filler, "wb");
    static char chunk[1024];
    while (f && fwrite(chunk, 1, sizeof chunk, f) == sizeof chunk && fflush(f) == 0)
        ;
    if (f)
        fclose(f);
    /* Continue, and play to the end on a full disk. */
    char *keys = repeat("key Return", 45);
    int rc = play_with(keys, &r);
    free(keys);
    if (rc != 0 || !strstr(out, "screen week\n"))
        return 4;
    if (err[0])
        return 5;
    /* Space freed, as the message asks: the journal opens, in order. */
    unlink(filler);
    Journal *j = NULL;
    JournalStatus opened = journal_open(db_path, NULL, &j);
    if (opened != JOURNAL_OK) {
        fprintf(stderr, "full disk, then freed: %s\n", journal_message(opened));
        return 6;
    }
    Game *game = NULL;
    long steps = 0;
    JournalStatus st = session_resume(j, &game, &steps, NULL, 0);
    game_free(game);
    journal_close(j);
    /* The step saved before the disk filled is there (or, when the disk
     * had room for more, more of them). */
    return st == JOURNAL_OK && steps >= 1 ? 0 : 7;
}

static void test_full_disk(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(full_disk_child());
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        print_message("tmpfs could not be mounted here; test_journal covers a full disk\n");
        skip();
    }
    if (WEXITSTATUS(status) != 0)
        print_error("full disk: step %d failed\n", WEXITSTATUS(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* ---- settings, font, sound ---- */

static void test_garbage_settings(void **state)
{
    (void)state;
    char settings[400];
    snprintf(settings, sizeof settings, "%s/tightrope/settings.conf", data);
    unsigned char garbage[5000];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)(i * 31 + 5);
    write_bytes(settings, garbage, sizeof garbage);
    char *keys = repeat("key Return", 45);
    assert_int_equal(play(keys), 0);
    free(keys);
    expect_whole_game();
    assert_string_equal(err, "");
    expect_file(settings, (const char *)garbage, sizeof garbage);
}

static void test_missing_font(void **state)
{
    (void)state;
    char font[400];
    snprintf(font, sizeof font, "%s/no-such-font.ttf", dir);
    Run r = {.args = (const char *[]){"--font", font, NULL}};
    assert_int_equal(play_with("quit\n", &r), 1);
    char expect[600];
    snprintf(expect, sizeof expect, "tightrope: The font %s could not be opened: ", font);
    assert_true(strncmp(err, expect, strlen(expect)) == 0);
    /* No font on the system at all. */
    const char *conf = testutil_write(dir, "fonts.conf", "<?xml version=\"1.0\"?>\n<fontconfig></fontconfig>\n");
    Run none = {.fontconfig = conf};
    assert_int_equal(play_with("quit\n", &none), 1);
    assert_string_equal(err,
                        "tightrope: No font was found; install one, for example with: apt-get install fonts-dejavu-core\n");
}

static void test_no_audio_device(void **state)
{
    (void)state;
    /* Sound is on (the default) and no driver can open a device. */
    char *keys = repeat("key Return", 45);
    Run r = {.audio = "no-such-audio-driver"};
    assert_int_equal(play_with(keys, &r), 0);
    free(keys);
    expect_whole_game();
    assert_string_equal(err, "");
}

/* ---- gamepads and the window ---- */

static void test_gamepad_unplugged_mid_game(void **state)
{
    (void)state;
    /* Pad 1 plays into the game, is pulled out; the keyboard goes on; the
     * pad comes back and plays on; it goes again and the keyboard ends it. */
    char script[4096] = "";
    for (int i = 0; i < 8; i++)
        strcat(script, "pad 1 a\n");
    strcat(script, "unplug 1\nwait 500\n");
    for (int i = 0; i < 8; i++)
        strcat(script, "key Return\n");
    for (int i = 0; i < 8; i++)
        strcat(script, "pad 1 a\n");
    strcat(script, "unplug 1\nunplug 2\nwait 500\n");
    for (int i = 0; i < 21; i++)
        strcat(script, "key Return\n");
    strcat(script, "quit\n");
    assert_int_equal(play(script), 0);
    expect_whole_game();
    assert_string_equal(err, "");
}

/* Checks a screenshot's size. */
static void expect_size(const char *path, int w, int h)
{
    SDL_Surface *s = IMG_Load(path);
    if (!s)
        print_error("%s: %s\n", path, IMG_GetError());
    assert_non_null(s);
    assert_int_equal(s->w, w);
    assert_int_equal(s->h, h);
    SDL_FreeSurface(s);
}

static void test_window_1x1_and_8k(void **state)
{
    (void)state;
    char script[4096];
    snprintf(script, sizeof script,
             "key Return\nkey Return\nresize 1 1\nwait 400\nscreenshot %s/tiny.png\nkey Return\n"
             "resize 7680 4320\nwait 400\nscreenshot %s/huge.png\nkey Return\nresize 1280 720\n%s",
             dir, dir, "");
    char *rest = repeat("key Return", 42);
    strncat(script, rest, sizeof script - strlen(script) - 1);
    free(rest);
    assert_int_equal(play(script), 0);
    expect_whole_game();
    /* Squeezed, the window stops at its smallest size; the game says
     * nothing on stderr: no text fell outside its box. */
    assert_string_equal(err, "");
    char tiny[400], huge[400];
    snprintf(tiny, sizeof tiny, "%s/tiny.png", dir);
    snprintf(huge, sizeof huge, "%s/huge.png", dir);
    expect_size(tiny, 320, 180);
    expect_size(huge, 7680, 4320);
}

/* ---- typed names and a huge deck ---- */

/* The names the journal kept for its last game. */
static void expect_names(const char *a, const char *b)
{
    Journal *journal = NULL;
    JournalOptions ro = {.read_only = true};
    assert_int_equal(journal_open(db_path, &ro, &journal), JOURNAL_OK);
    Record record;
    assert_int_equal(journal_load_game(journal, 0, &record), JOURNAL_OK);
    assert_string_equal(record.names[0], a);
    assert_string_equal(record.names[1], b);
    record_free(&record);
    journal_close(journal);
}

/* Title, then the two names typed into the setup screen (the first name
 * has the focus), then Start. */
static char *names_script(const char *a, const char *b, int returns)
{
    char *s = malloc(64 * 1024);
    snprintf(s, 64 * 1024, "key Return\n%skey Tab\nkey Tab\nkey Tab\nkey Tab\n%sclick 0.846 0.907\nwait 400\n",
             a, b);
    char *rest = repeat("key Return", returns);
    strcat(s, rest);
    free(rest);
    return s;
}

/* No journal: the next game starts without a check-in. */
static void forget_games(void)
{
    char p[500];
    static const char *const suffixes[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        snprintf(p, sizeof p, "%s%s", db_path, suffixes[i]);
        unlink(p);
    }
}

static void test_names_typed(void **state)
{
    (void)state;
    /* Right-to-left marks, SQL and iCalendar meta characters: kept as typed. */
    const char *a = "\xE2\x80\x8FRobert'); DROP TABLE games;--";
    const char *b = "Zo\xC3\xAB;Ana,\\N:BEGIN:VEVENT\xE2\x80\xAE";
    char ta[200], tb[200];
    snprintf(ta, sizeof ta, "text %s\n", a);
    snprintf(tb, sizeof tb, "text %s\n", b);
    char *script = names_script(ta, tb, 44);
    assert_int_equal(play(script), 0);
    free(script);
    expect_whole_game();
    assert_string_equal(err, "");
    expect_names(a, b);

    /* 10 KB typed into a name keeps its first 40 characters; control
     * characters typed are dropped. */
    char *big = malloc(16 * 1024);
    big[0] = '\0';
    for (int line = 0; line < 3; line++) {
        strcat(big, "text ");
        for (int i = 0; i < 3500; i++)
            strcat(big, i % 2 ? "y" : "x");
        strcat(big, "\n");
    }
    forget_games();
    script = names_script(big, "text B\x01\x7f\x1b" "en\n", 44);
    free(big);
    assert_int_equal(play(script), 0);
    free(script);
    expect_whole_game();
    expect_names("xyxyxyxyxyxyxyxyxyxyxyxyxyxyxyxyxyxyxyxy", "Ben");

    /* A C1 control character is refused at Start, with the reason on the
     * screen: the game does not begin. */
    forget_games();
    script = names_script("text Ana\xC2\x85\n", "", 0);
    assert_int_equal(play(script), 0);
    free(script);
    assert_null(strstr(out, "screen play"));
    assert_string_equal(err, "");
}

static void test_million_card_deck(void **state)
{
    (void)state;
    char path[400];
    snprintf(path, sizeof path, "%s/million.deck", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs("deck: A Million\nkind: sharing\n", f);
    for (int i = 1; i <= 1000000; i++)
        fprintf(f, "Card number %d\n", i);
    assert_int_equal(fclose(f), 0);
    /* It loads; a game with it is refused with the reason, on Setup. */
    Run r = {.args = (const char *[]){"--deck", path, NULL}};
    assert_int_equal(play_with("key Return\nkey Return\nkey Return\nkey Return\nwait 400\nkey Return\nquit\n", &r), 0);
    assert_non_null(strstr(out, "screen setup\n"));
    assert_null(strstr(out, "screen play"));
    assert_string_equal(err, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_garbage_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_settings, setup, teardown),
        cmocka_unit_test_setup_teardown(test_missing_font, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_audio_device, setup, teardown),
        cmocka_unit_test_setup_teardown(test_gamepad_unplugged_mid_game, setup, teardown),
        cmocka_unit_test_setup_teardown(test_window_1x1_and_8k, setup, teardown),
        cmocka_unit_test_setup_teardown(test_names_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_million_card_deck, setup, teardown),
    };
    return cmocka_run_group_tests_name("ui faults", tests, NULL, NULL);
}
