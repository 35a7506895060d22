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

#include <dirent.h>
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
#include <signal.h>
#include <time.h>
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
    if (testutil_tmpdir(dir, sizeof dir, "uifaults") != 0)
        return -1;
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
    const char *data_home;   /* XDG_DATA_HOME; NULL: data */
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
        setenv("XDG_DATA_HOME", r->data_home ? r->data_home : data, 1);
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

/* The trace reached Our week after every moment of three rounds (the last
 * a solo turn: from round 2 Enter keeps each partner's goal). */
static void expect_whole_game(void)
{
    if (!strstr(out, "screen week\n"))
        print_error("trace:\n%s\nstderr:\n%s\n", out, err);
    assert_non_null(strstr(out, "screen play solo-pick round 3 turn 2"));
    assert_non_null(strstr(out, "screen play break round 3 "));
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
    char *keys = repeat("key Return", 50);
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
    char *keys = repeat("key Return", 50);
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
    char *keys = repeat("key Return", 50);
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
    char *keys = repeat("key Return", 50);
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

/* Each of lines (NULL-terminated) is a whole line of out, in this order. */
static void expect_lines_in_order(const char *const *lines)
{
    const char *at = out;
    for (int i = 0; lines[i]; i++) {
        char want[2200];
        snprintf(want, sizeof want, "%s\n", lines[i]);
        const char *found = strstr(at, want);
        if (!found || (found != out && found[-1] != '\n'))
            print_error("missing, or out of order: %s\ntrace:\n%s", lines[i], out);
        assert_non_null(found);
        at = found + strlen(want);
    }
}

/* Another copy holds the journal with a game in progress: "Open read-only"
 * does not continue that game, says what it does, and a game started here
 * says on the play screen that it will not be kept. The other copy's game
 * is left exactly where it was. */
static void test_read_only_copy(void **state)
{
    (void)state;
    size_t len;
    free(journal_with_a_game(&len));
    /* Past the check-in of that game, into a new one. */
    char *keys = repeat("key Return", 12);
    assert_int_equal(play(keys), 0);
    free(keys);
    assert_non_null(strstr(out, "screen play"));
    Journal *first = NULL;
    assert_int_equal(journal_open(db_path, NULL, &first), JOURNAL_OK);
    Game *game = NULL;
    long steps_before = 0;
    assert_int_equal(session_resume(first, &game, &steps_before, NULL, 0), JOURNAL_OK);
    uint64_t hash_before = game_hash(game);
    game_free(game);
    /* At 1280x720 the "Open read-only" button sits bottom right. */
    assert_int_equal(play("click 0.835 0.902\nkey Return\nkey Return\nkey Return\nkey Return\nkey Return\nquit\n"), 0);
    assert_string_equal(err, "");
    expect_lines_in_order((const char *[]){
        "screen title",
        "notice: Another copy of Tightrope is using the journal, so this one can only open it read-only.",
        "notice: The journal is open read-only, as another copy of Tightrope is using it: Our journey shows its "
        "games, and a game played here is not kept.",
        "screen setup",
        "screen play sharing round 1 turn 1 step 0",
        "saving: This game will not be kept: another copy of Tightrope is using the journal, so this one only reads "
        "it.",
        NULL});
    /* The other copy's game was not continued: the only game played here
     * began at its first step. */
    const char *first_play = strstr(out, "screen play");
    assert_true(first_play == strstr(out, "screen play sharing round 1 turn 1 step 0"));
    long steps_after = 0;
    assert_int_equal(session_resume(first, &game, &steps_after, NULL, 0), JOURNAL_OK);
    assert_int_equal(steps_after, steps_before);
    assert_true(game_hash(game) == hash_before);
    game_free(game);
    JournalJourney journey;
    assert_int_equal(journal_journey(first, NULL, NULL, &journey), JOURNAL_OK);
    assert_int_equal(journey.count, 1);
    journal_journey_free(&journey);
    journal_close(first);
}

/* The data folder is a file: the title says what happened, why, and what
 * to do, and the play screen that this game is not kept. */
static void test_data_folder_is_a_file(void **state)
{
    (void)state;
    const char *file = testutil_write(dir, "not-a-folder", "x");
    Run r = {.data_home = file};
    char *keys = repeat("key Return", 5);
    assert_int_equal(play_with(keys, &r), 0);
    free(keys);
    char notice[1200];
    snprintf(notice, sizeof notice,
             "notice: The journal file cannot be opened, so nothing from this game will be saved. Why: %s is a file, "
             "where a folder should be. Put that right, then start Tightrope again.",
             file);
    expect_lines_in_order((const char *[]){
        "screen title", notice, "screen setup", "screen play sharing round 1 turn 1 step 0",
        "saving: This game is not being kept. The journal file cannot be opened, so nothing from this game will be "
        "saved.",
        NULL});
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
    char *keys = repeat("key Return", 50);
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
    char *keys = repeat("key Return", 50);
    int rc = play_with(keys, &r);
    free(keys);
    if (rc != 0 || !strstr(out, "screen week\n"))
        return 4;
    if (err[0])
        return 5;
    /* The play screen said the game is not kept, and why. */
    if (!strstr(out, "\nsaving: This game is not being kept. The disk is full, so the journal cannot save anything "
                     "until some space is freed.\n")) {
        fprintf(stderr, "trace:\n%s\n", out);
        return 8;
    }
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

/* The disk fills in the middle of a game (a 200 KB tmpfs, as the issue
 * found it): the play screen says saving has stopped and why, the game
 * plays on to its end from memory. */
static int disk_fills_child(void)
{
    if (unshare(CLONE_NEWNS) != 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0 ||
        mount("tmpfs", data, "tmpfs", 0, "size=200k,mode=0755") != 0)
        return 77;
    char *keys = repeat("key Return", 50);
    Run r = {0};
    int rc = play_with(keys, &r);
    free(keys);
    if (rc != 0 || !strstr(out, "screen week\n"))
        return 2;
    const char *said = strstr(out, "\nsaving: Saving has stopped: the disk is full. This game goes on from memory; "
                                   "free some space, then choose Try saving again.\n");
    if (!said) {
        fprintf(stderr, "trace:\n%s\n", out);
        return 3;
    }
    /* Said during the game, before it ended. */
    if (!strstr(said, "screen play") || strstr(out, "screen week\n") < said)
        return 4;
    return 0;
}

static void test_disk_fills_mid_game(void **state)
{
    (void)state;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0)
        _exit(disk_fills_child());
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    if (WEXITSTATUS(status) == 77) {
        print_message("tmpfs could not be mounted here; test_session covers a full disk\n");
        skip();
    }
    if (WEXITSTATUS(status) != 0)
        print_error("disk fills: step %d failed\n", WEXITSTATUS(status));
    assert_int_equal(WEXITSTATUS(status), 0);
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
    char *keys = repeat("key Return", 50);
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
    /* A FIFO or a device as the font: refused at once, never read. */
    char fifo[400];
    snprintf(fifo, sizeof fifo, "%s/font.fifo", dir);
    assert_int_equal(mkfifo(fifo, 0600), 0);
    Run f = {.args = (const char *[]){"--font", fifo, NULL}};
    assert_int_equal(play_with("quit\n", &f), 1);
    snprintf(expect, sizeof expect,
             "tightrope: The font %s could not be opened: it is a named pipe (FIFO), not a font file\n", fifo);
    assert_string_equal(err, expect);
    Run z = {.args = (const char *[]){"--font", "/dev/zero", NULL}};
    assert_int_equal(play_with("quit\n", &z), 1);
    assert_string_equal(err, "tightrope: The font /dev/zero could not be opened: it is a device, not a font file\n");
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
    char *keys = repeat("key Return", 50);
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
    /* 13: the rest of the game up to Our week (both answer each sharing
     * card; rounds 2 and 3 keep both goals). */
    for (int i = 0; i < 13; i++)
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
    char *rest = repeat("key Return", 35); /* up to Our week: both answer, both goals kept in rounds 2 and 3 */
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

/* ---- a real collection of decks ---- */

/* 10,000 decks in the player's folder: the title comes first, drawn before
 * the decks are all read (they load in the background); setup counts every
 * deck (none is dropped by a limit) and lists them on a screen of their own,
 * so nothing overflows and nothing floods stderr. */
static void test_ten_thousand_decks(void **state)
{
    (void)state;
    char decks[500];
    snprintf(decks, sizeof decks, "%s/tightrope/decks", data);
    assert_int_equal(mkdir(decks, 0700), 0);
    for (int i = 1; i <= 10000; i++) {
        char name[32], text[160];
        snprintf(name, sizeof name, "d%05d.deck", i);
        snprintf(text, sizeof text, "deck: Deck %05d\nkind: sharing\nlanguage: en\nCard one of %d\nCard two of %d\n", i,
                 i, i);
        assert_non_null(testutil_write(decks, name, text));
    }
    /* The built-in decks are found beside them. */
    int builtin = 0;
    DIR *d = opendir(SOURCE_DIR "/decks");
    assert_non_null(d);
    for (struct dirent *e; (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        builtin += n > 5 && strcmp(e->d_name + n - 5, ".deck") == 0;
    }
    closedir(d);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(play("key Return\nlayout\nquit\n"), 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    print_message("10,000 decks: start, setup and quit in %.2f s\n",
                  (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    assert_true(strncmp(out, "screen title\nscreen setup\n", strlen("screen title\nscreen setup\n")) == 0);
    char expect[64];
    snprintf(expect, sizeof expect, " of %d\"", 10000 + builtin);
    const char *count = strstr(out, "\"Decks in play: ");
    assert_non_null(count);
    assert_non_null(strstr(count, expect));
    assert_string_equal(err, "");
}

/* ---- signals at start-up ---- */

/* Starts tightrope (no script: it waits for a player), sends sig after
 * delay_ms, and returns how long it took to end, in ms (-1: it did not end
 * within 1 s, and was killed). */
static long signal_after(int sig, int delay_ms)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open("/dev/null", O_RDWR);
        if (fd < 0 || dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0)
            _exit(126);
        setenv("XDG_DATA_HOME", data, 1);
        setenv("SDL_VIDEODRIVER", "dummy", 1);
        setenv("SDL_AUDIODRIVER", "dummy", 1);
        execl(TIGHTROPE_BIN, TIGHTROPE_BIN, (char *)NULL);
        _exit(127);
    }
    usleep((useconds_t)delay_ms * 1000);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(kill(pid, sig), 0);
    for (;;) {
        int status;
        pid_t done = waitpid(pid, &status, WNOHANG);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
        if (done == pid)
            return ms;
        if (ms > 1000) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            return -1;
        }
        usleep(5000);
    }
}

/* settings.conf as a FIFO and as /dev/zero, and a folder of 3,000 decks
 * (a long start-up): SIGTERM and SIGINT, at several moments of start-up
 * and after it, end the game within a second. */
static void test_signals_at_start_up(void **state)
{
    (void)state;
    char settings[500];
    snprintf(settings, sizeof settings, "%s/tightrope/settings.conf", data);
    static const int delays[] = {0, 5, 30, 150, 600};
    for (int kind = 0; kind < 3; kind++) {
        unlink(settings);
        if (kind == 0)
            assert_int_equal(mkfifo(settings, 0600), 0);
        else if (kind == 1)
            assert_int_equal(symlink("/dev/zero", settings), 0);
        else {
            char decks[500];
            snprintf(decks, sizeof decks, "%s/tightrope/decks", data);
            mkdir(decks, 0700);
            for (int i = 0; i < 3000; i++) {
                char name[32], text[128];
                snprintf(name, sizeof name, "d%04d.deck", i);
                snprintf(text, sizeof text, "deck: Deck %d\nkind: sharing\nA card of deck %d\n", i, i);
                assert_non_null(testutil_write(decks, name, text));
            }
        }
        for (size_t d = 0; d < sizeof delays / sizeof *delays; d++) {
            for (int s = 0; s < 2; s++) {
                int sig = s ? SIGINT : SIGTERM;
                long ms = signal_after(sig, delays[d]);
                if (ms < 0)
                    print_error("case %d: signal %d after %d ms was not answered within 1 s\n", kind, sig, delays[d]);
                assert_true(ms >= 0);
            }
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_signals_at_start_up, setup, teardown),
        cmocka_unit_test_setup_teardown(test_ten_thousand_decks, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_truncated_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_locked_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_journal, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_only_copy, setup, teardown),
        cmocka_unit_test_setup_teardown(test_data_folder_is_a_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
        cmocka_unit_test_setup_teardown(test_disk_fills_mid_game, setup, teardown),
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
