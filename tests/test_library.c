/* SPDX-License-Identifier: MIT */
/* The deck library: decks from every source, the same-name rule, refresh
 * after changes on disk, the folder watch, and dropped files copied in
 * without ever overwriting a different file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sys/wait.h>

#include "library.h"
#include "testutil.h"
#include "watch.h"

static char dir[256];
static char builtin[300], user[300], extra[300], loose[300];

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "library") != 0)
        return -1;
    snprintf(builtin, sizeof builtin, "%s/builtin", dir);
    snprintf(user, sizeof user, "%s/user", dir);
    snprintf(extra, sizeof extra, "%s/extra", dir);
    snprintf(loose, sizeof loose, "%s/loose", dir);
    mkdir(builtin, 0700);
    mkdir(user, 0700);
    mkdir(extra, 0700);
    mkdir(loose, 0700);
    testutil_write(builtin, "share.deck", "deck: Between Us\nkind: sharing\nOne\nTwo\n");
    testutil_write(builtin, "plan.deck", "deck: Plans\nkind: planning\nWalk\n");
    testutil_write(builtin, "notes.txt", "not a deck\n");
    testutil_write(user, "mine.deck", "deck: Between Us\nkind: sharing\nOur own question\n");
    testutil_write(user, "broken.deck", "deck: Broken\nkind: games\nA card\n");
    testutil_write(extra, "friends.deck", "deck: Friends\nkind: solo\nCall a friend\n");
    testutil_write(loose, "one.deck", "deck: One File\nkind: support\nCheer\n");
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

static Library load(void)
{
    const char *dirs[] = {extra};
    char file[400];
    snprintf(file, sizeof file, "%s/one.deck", loose);
    const char *files[] = {file};
    LibrarySources src = {.builtin_dir = builtin, .user_dir = user, .dirs = dirs, .dir_count = 1, .files = files,
                          .file_count = 1};
    Library lib;
    assert_int_equal(library_load(&lib, &src), 0);
    return lib;
}

static const char *base(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static void test_every_source_in_order(void **state)
{
    (void)state;
    Library lib = load();
    assert_int_equal(lib.count, 6);
    static const struct {
        const char *file;
        DeckSource source;
    } expect[] = {
        {"plan.deck", SOURCE_BUILTIN}, {"share.deck", SOURCE_BUILTIN}, {"broken.deck", SOURCE_USER},
        {"mine.deck", SOURCE_USER},    {"friends.deck", SOURCE_FOLDER}, {"one.deck", SOURCE_FILE},
    };
    for (size_t i = 0; i < lib.count; i++) {
        assert_string_equal(base(lib.items[i].path), expect[i].file);
        assert_int_equal(lib.items[i].source, expect[i].source);
    }
    assert_string_equal(library_source_name(SOURCE_USER), "yours");
    /* A broken deck is listed with its problems, never played. */
    assert_null(lib.items[2].deck);
    assert_int_equal(lib.items[2].report.count, 1);
    assert_int_equal(lib.items[2].report.items[0].code, DECK_E_UNKNOWN_KIND);
    assert_int_equal(lib.items[2].report.items[0].line, 2);
    library_free(&lib);
}

/* Loaded in two steps (on the game's loader thread): once library_begin has
 * copied the sources, what they pointed to may be gone, as the game's
 * options and window are when it quits while the decks still load. */
static void test_sources_copied_before_loading(void **state)
{
    (void)state;
    char *user_copy = strdup(user), *extra_copy = strdup(extra);
    assert_non_null(user_copy);
    assert_non_null(extra_copy);
    const char **dirs = malloc(sizeof *dirs);
    assert_non_null(dirs);
    dirs[0] = extra_copy;
    LibrarySources *src = malloc(sizeof *src);
    assert_non_null(src);
    *src = (LibrarySources){.user_dir = user_copy, .dirs = dirs, .dir_count = 1};
    Library lib;
    library_begin(&lib, src);
    memset(user_copy, 'x', strlen(user_copy));
    free(user_copy);
    free(extra_copy);
    free(dirs);
    free(src);
    assert_int_equal(lib.count, 0);
    assert_int_equal(library_fill(&lib), 0);
    assert_int_equal(lib.count, 3);
    assert_string_equal(base(lib.items[0].path), "broken.deck");
    assert_string_equal(base(lib.items[1].path), "mine.deck");
    assert_string_equal(base(lib.items[2].path), "friends.deck");
    assert_int_equal(lib.items[2].source, SOURCE_FOLDER);
    assert_string_equal(lib.sources.user_dir, user);
    library_free(&lib);
}

static void test_same_name_is_shown_beside(void **state)
{
    (void)state;
    Library lib = load();
    /* Both "Between Us" decks are there: the built-in one and the player's. */
    assert_string_equal(lib.items[1].deck->name, "Between Us");
    assert_false(lib.items[1].beside_builtin);
    assert_string_equal(lib.items[3].deck->name, "Between Us");
    assert_true(lib.items[3].beside_builtin);
    assert_string_equal(lib.items[3].deck->cards[0].text, "Our own question");
    assert_false(lib.items[4].beside_builtin);
    library_free(&lib);
}

static void test_refresh_sees_changes(void **state)
{
    (void)state;
    Library lib = load();
    const Deck *plans = lib.items[0].deck;
    assert_false(library_refresh(&lib));
    assert_ptr_equal(lib.items[0].deck, plans); /* untouched decks are kept as they are */

    /* An edit (size changes), a fix, a new file and a removal. */
    testutil_write(builtin, "share.deck", "deck: Between Us\nkind: sharing\nOne\nTwo\nThree\n");
    testutil_write(user, "broken.deck", "deck: Broken\nkind: sharing\nA card\n");
    testutil_write(extra, "new.deck", "deck: New\nkind: rebalance\nweight: 2\nHug\n");
    char gone[400];
    snprintf(gone, sizeof gone, "%s/mine.deck", user);
    assert_int_equal(unlink(gone), 0);
    assert_true(library_refresh(&lib));
    assert_int_equal(lib.count, 6);
    assert_ptr_equal(lib.items[0].deck, plans);
    assert_string_equal(base(lib.items[1].path), "share.deck");
    assert_int_equal(lib.items[1].deck->card_count, 3);
    assert_string_equal(base(lib.items[2].path), "broken.deck");
    assert_non_null(lib.items[2].deck);
    assert_string_equal(base(lib.items[3].path), "friends.deck");
    assert_string_equal(base(lib.items[4].path), "new.deck");
    assert_string_equal(base(lib.items[5].path), "one.deck");
    library_free(&lib);
}

static void test_watch_wakes_on_deck_changes(void **state)
{
    (void)state;
    const char *dirs[] = {user, "/nonexistent-folder"};
    Watch *w = watch_open(dirs, 2);
    assert_non_null(w);
    assert_true(watch_fd(w) >= 0);
    assert_false(watch_drain(w));
    testutil_write(user, "notes.txt", "only notes\n");
    assert_false(watch_drain(w)); /* not a deck */
    testutil_write(user, "fresh.deck", "deck: Fresh\nkind: solo\nRest\n");
    assert_true(watch_drain(w));
    assert_false(watch_drain(w));
    watch_close(w);
}

static void test_import_copies_never_overwrites(void **state)
{
    (void)state;
    char dest[600], err[256];
    char src[400];
    snprintf(src, sizeof src, "%s/one.deck", loose);
    assert_int_equal(library_import(user, src, dest, sizeof dest, err, sizeof err), 0);
    char expect[600];
    snprintf(expect, sizeof expect, "%s/one.deck", user);
    assert_string_equal(dest, expect);
    assert_int_equal(access(src, F_OK), 0); /* copied, not moved */
    /* The same file again: nothing new. */
    assert_int_equal(library_import(user, src, dest, sizeof dest, err, sizeof err), 0);
    assert_string_equal(dest, expect);
    /* A different file of the same name: a second name, the first untouched. */
    testutil_write(loose, "one.deck", "deck: Other\nkind: support\nDifferent\n");
    assert_int_equal(library_import(user, src, dest, sizeof dest, err, sizeof err), 0);
    snprintf(expect, sizeof expect, "%s/one-2.deck", user);
    assert_string_equal(dest, expect);
    char text[200], first[600];
    snprintf(first, sizeof first, "%s/one.deck", user);
    testutil_read(first, text, sizeof text);
    assert_string_equal(text, "deck: One File\nkind: support\nCheer\n");
}

static void test_import_odd_names(void **state)
{
    (void)state;
    char dest[600], err[256], expect[600];
    /* Spaces are kept; the path never leaves the folder. */
    const char *spaced = testutil_write(loose, "our week.deck", "deck: Spaced\nkind: solo\nA\n");
    assert_int_equal(library_import(user, spaced, dest, sizeof dest, err, sizeof err), 0);
    snprintf(expect, sizeof expect, "%s/our week.deck", user);
    assert_string_equal(dest, expect);
    char dotted[500];
    snprintf(dotted, sizeof dotted, "%s/../loose/our week.deck", user);
    assert_int_equal(library_import(user, dotted, dest, sizeof dest, err, sizeof err), 0);
    assert_string_equal(dest, expect);
    /* Bytes that are not UTF-8 become '_'; a leading dot is dropped. */
    const char *odd = testutil_write(loose, ".caf\xe9.deck", "deck: Odd\nkind: solo\nB\n");
    assert_int_equal(library_import(user, odd, dest, sizeof dest, err, sizeof err), 0);
    snprintf(expect, sizeof expect, "%s/caf_.deck", user);
    assert_string_equal(dest, expect);
    /* Not a deck, or not a file. */
    const char *txt = testutil_write(loose, "cards.txt", "hello\n");
    assert_int_equal(library_import(user, txt, dest, sizeof dest, err, sizeof err), -1);
    assert_string_equal(err, "Only files whose names end in .deck can be added as decks.");
    char fake_dir[400];
    snprintf(fake_dir, sizeof fake_dir, "%s/folder.deck", loose);
    mkdir(fake_dir, 0700);
    assert_int_equal(library_import(user, fake_dir, dest, sizeof dest, err, sizeof err), -1);
    assert_string_equal(err, "The file could not be added: it is a folder, not a file. Only ordinary .deck files of up "
                             "to 64 MB can be added.");
}

static void test_user_dir_has_a_readme(void **state)
{
    (void)state;
    char data[400], path[600], text[1024];
    snprintf(data, sizeof data, "%s/data", dir);
    setenv("XDG_DATA_HOME", data, 1);
    assert_int_equal(library_user_dir(path, sizeof path), 0);
    char expect[600];
    snprintf(expect, sizeof expect, "%s/tightrope/decks", data);
    assert_string_equal(path, expect);
    char readme[700];
    snprintf(readme, sizeof readme, "%s/README.txt", path);
    assert_true(testutil_read(readme, text, sizeof text) > 0);
    int lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    assert_int_equal(lines, 5);
    assert_non_null(strstr(text, "docs/DECKS.md"));
    /* A second call leaves the player's README alone. */
    testutil_write(path, "README.txt", "my notes\n");
    assert_int_equal(library_user_dir(path, sizeof path), 0);
    testutil_read(readme, text, sizeof text);
    assert_string_equal(text, "my notes\n");
}

/* A deck drop killed half-way leaves .import-PID.tmp: the next start
 * clears it; one of a process still running is left alone. */
static void test_import_leftover_cleared(void **state)
{
    (void)state;
    char data[400], path[600], tmp[700];
    snprintf(data, sizeof data, "%s/data", dir);
    setenv("XDG_DATA_HOME", data, 1);
    assert_int_equal(library_user_dir(path, sizeof path), 0);
    pid_t gone = fork();
    assert_true(gone >= 0);
    if (gone == 0)
        _exit(0);
    assert_int_equal(waitpid(gone, NULL, 0), gone);
    char name[64];
    snprintf(name, sizeof name, ".import-%ld.tmp", (long)gone);
    assert_non_null(testutil_write(path, name, "deck: Half\n"));
    snprintf(name, sizeof name, ".import-%ld.tmp", (long)getpid());
    assert_non_null(testutil_write(path, name, "deck: Mine\n"));
    assert_int_equal(library_user_dir(path, sizeof path), 0);
    struct stat st;
    snprintf(tmp, sizeof tmp, "%s/.import-%ld.tmp", path, (long)gone);
    assert_int_equal(stat(tmp, &st), -1);
    snprintf(tmp, sizeof tmp, "%s/.import-%ld.tmp", path, (long)getpid());
    assert_int_equal(stat(tmp, &st), 0);
}

/* The decks a new game starts with, by card language. */
static void test_default_decks_by_language(void **state)
{
    (void)state;
    char lang_dir[300], own[300];
    snprintf(lang_dir, sizeof lang_dir, "%s/lang", dir);
    snprintf(own, sizeof own, "%s/own", dir);
    mkdir(lang_dir, 0700);
    mkdir(own, 0700);
    testutil_write(lang_dir, "a-share-en.deck", "deck: A\nkind: sharing\nOne\n");
    testutil_write(lang_dir, "b-share-ja.deck", "deck: B\nkind: sharing\nlanguage: ja\n一つ\n");
    testutil_write(lang_dir, "c-share-es.deck", "deck: C\nkind: sharing\nlanguage: es-ES\nUna\n");
    testutil_write(lang_dir, "d-pack-es.deck", "deck: D\nkind: sharing\nlanguage: es\npack: yes\nDos\n");
    testutil_write(lang_dir, "e-pack-en.deck", "deck: E\nkind: sharing\npack: yes\nTwo\n");
    testutil_write(lang_dir, "f-plan-en.deck", "deck: F\nkind: planning\nWalk\n");
    testutil_write(lang_dir, "g-plan-de.deck", "deck: G\nkind: planning\nlanguage: de\nGehen\n");
    testutil_write(own, "h-own-ja.deck", "deck: H\nkind: sharing\nlanguage: ja\n二つ\n");
    testutil_write(own, "i-own-en.deck", "deck: I\nkind: sharing\nThree\n");
    testutil_write(own, "j-own-plan-en.deck", "deck: J\nkind: planning\nRun\n");
    testutil_write(own, "k-own-pack-ja.deck", "deck: K\nkind: planning\nlanguage: ja\npack: yes\n走る\n");
    LibrarySources src = {.builtin_dir = lang_dir, .user_dir = own};
    Library lib;
    assert_int_equal(library_load(&lib, &src), 0);
    assert_int_equal(lib.count, 11);
    static const struct {
        const char *lang;
        bool on[11]; /* a..k */
    } expect[] = {
        /* English: the English built-in decks but packs; own English decks. */
        {"en", {true, false, false, false, false, true, false, false, true, true, false}},
        /* Japanese: Japanese sharing; no Japanese planning deck, so the
         * English built-in one and (as before) every own planning deck but
         * packs; own Japanese sharing. */
        {"ja", {false, true, false, false, false, true, false, true, false, true, false}},
        /* Spanish: es-ES counts as es; the Spanish pack stays off. */
        {"es", {false, false, true, false, false, true, false, false, false, true, false}},
        /* German: planning in German, so no own planning deck in another
         * language; sharing falls back to the English built-in deck, and
         * every own sharing deck (none is German). */
        {"de", {true, false, false, false, false, false, true, true, true, false, false}},
    };
    for (size_t t = 0; t < sizeof expect / sizeof *expect; t++) {
        bool enabled[11];
        library_default_enabled(&lib, expect[t].lang, enabled);
        for (size_t i = 0; i < lib.count; i++) {
            if (enabled[i] != expect[t].on[i])
                print_error("%s: %s is %s\n", expect[t].lang, base(lib.items[i].path), enabled[i] ? "on" : "off");
            assert_int_equal(enabled[i], expect[t].on[i]);
        }
    }
    library_free(&lib);
    /* --deck files are always in play, packs too; broken decks never. */
    lib = load();
    bool enabled[6];
    library_default_enabled(&lib, "ja", enabled);
    assert_false(enabled[2]);  /* broken.deck */
    assert_true(enabled[5]);   /* one.deck, a --deck file */
    library_free(&lib);
    assert_true(library_language_is("pt-BR", "pt"));
    assert_true(library_language_is("JA", "ja"));
    assert_false(library_language_is("jav", "ja"));
    assert_false(library_language_is("en", ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_source_in_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sources_copied_before_loading, setup, teardown),
        cmocka_unit_test_setup_teardown(test_same_name_is_shown_beside, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refresh_sees_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_watch_wakes_on_deck_changes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_copies_never_overwrites, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_odd_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_import_leftover_cleared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_user_dir_has_a_readme, setup, teardown),
        cmocka_unit_test_setup_teardown(test_default_decks_by_language, setup, teardown),
    };
    return cmocka_run_group_tests_name("library", tests, NULL, NULL);
}
