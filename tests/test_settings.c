/* SPDX-License-Identifier: MIT */
/* The settings file as people and accidents leave it: garbage, binary,
 * endless lines, a folder in its place. The game starts on the defaults,
 * says so in one sentence, and the old file is set aside, never lost. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "testutil.h"

static char dir[256], path[300];

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "settings") != 0)
        return -1;
    snprintf(path, sizeof path, "%s/settings.conf", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

static void write_bytes(const char *p, const void *data, size_t len)
{
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static void expect_defaults(const Settings *s)
{
    Settings d;
    settings_defaults(&d);
    assert_int_equal(s->fullscreen, d.fullscreen);
    assert_int_equal(s->text_size, d.text_size);
    assert_int_equal(s->theme, d.theme);
    assert_int_equal(s->sound, d.sound);
    assert_int_equal(s->reduced_motion, d.reduced_motion);
    assert_int_equal(s->language, SETTINGS_LANGUAGE_AUTO);
    assert_int_equal(d.language, SETTINGS_LANGUAGE_AUTO);
    assert_false(s->read_aloud);
    assert_false(d.read_aloud);
    assert_int_equal(s->speech_speed, SETTINGS_SPEED_NORMAL);
}

/* The one file beside path whose name starts with "settings.conf.broken-". */
static char *find_aside(void)
{
    static char found[600];
    found[0] = '\0';
    DIR *d = opendir(dir);
    assert_non_null(d);
    struct dirent *e;
    int n = 0;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, "settings.conf.broken-", 21) == 0) {
            snprintf(found, sizeof found, "%s/%s", dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    assert_int_equal(n, 1);
    return found;
}

static void test_missing_file_is_the_defaults(void **state)
{
    (void)state;
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    expect_defaults(&s);
    assert_false(s.broken);
    assert_string_equal(msg, "");
}

static void test_garbage_is_set_aside_never_lost(void **state)
{
    (void)state;
    /* Binary garbage: NUL bytes, invalid UTF-8, no line ends. */
    unsigned char garbage[3000];
    for (size_t i = 0; i < sizeof garbage; i++)
        garbage[i] = (unsigned char)(i * 131 + 7);
    write_bytes(path, garbage, sizeof garbage);
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    expect_defaults(&s);
    assert_true(s.broken);
    assert_non_null(strstr(msg, "of the settings file makes no sense to this version, so the defaults stand in for "
                                "what could not be read; the old file will be kept beside the new one."));
    /* Saving keeps the old bytes beside the new file, byte for byte. */
    s.text_size = 150;
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    assert_false(s.broken);
    char *aside = find_aside();
    static char back[4096];
    assert_int_equal(testutil_read(aside, back, sizeof back), (long)sizeof garbage);
    assert_memory_equal(back, garbage, sizeof garbage);
    Settings again;
    assert_int_equal(settings_load(path, &again, msg, sizeof msg), 0);
    assert_int_equal(again.text_size, 150);
}

static void test_zeros_are_the_defaults_with_a_warning(void **state)
{
    (void)state;
    /* What a crash while the disk wrote the file can leave. */
    static const unsigned char zeros[512];
    write_bytes(path, zeros, sizeof zeros);
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    expect_defaults(&s);
    assert_true(s.broken);
    assert_string_equal(msg, "The settings file holds zero bytes, not text (a crash may have cut it short), so the "
                             "defaults are used; the old file will be kept beside the new one.");
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    char back[64];
    assert_true(testutil_read(path, back, sizeof back) > 23);
    assert_memory_equal(back, "# tightrope-settings 1\n", 23);
}

static void test_good_lines_survive_a_bad_one(void **state)
{
    (void)state;
    assert_non_null(testutil_write(dir, "settings.conf",
                                   "# mine\nfullscreen = yes\ntext-size = 175\nvolume = 11\ntheme = high-contrast\n"
                                   "text-size = 180\nsound = maybe\n\xFF\xFE = \x01\nreduced-motion=on\n"));
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_true(s.fullscreen);
    assert_int_equal(s.text_size, 175);
    assert_int_equal(s.theme, SETTINGS_THEME_CONTRAST);
    assert_true(s.sound);
    assert_true(s.reduced_motion);
    assert_true(s.broken);
    assert_string_equal(msg, "Line 4 of the settings file makes no sense to this version, so the defaults stand in "
                             "for what could not be read; the old file will be kept beside the new one.");
}

static void test_endless_line(void **state)
{
    (void)state;
    size_t len = 10 * 1024 * 1024;
    char *big = malloc(len);
    assert_non_null(big);
    memset(big, 'x', len);
    memcpy(big, "fullscreen = yes", 16);
    write_bytes(path, big, len);
    free(big);
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_true(s.broken);
    assert_false(s.fullscreen);
}

static void test_huge_numbers(void **state)
{
    (void)state;
    assert_non_null(testutil_write(dir, "settings.conf", "text-size = 99999999999999999999999999\n"));
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_int_equal(s.text_size, 100);
    assert_non_null(testutil_write(dir, "settings.conf", "text-size = -18446744073709551616\n"));
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_int_equal(s.text_size, 100);
}

static void test_folder_in_its_place(void **state)
{
    (void)state;
    assert_int_equal(mkdir(path, 0700), 0);
    Settings s;
    char msg[512];
    settings_load(path, &s, msg, sizeof msg);
    expect_defaults(&s);
    /* It cannot be saved over: said in a sentence, the folder left alone. */
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), -1);
    assert_string_equal(msg, "The settings could not be saved (Is a directory).");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
}

/* Lines of any length: a 5,000-character comment is one line. */
static void test_long_comment(void **state)
{
    (void)state;
    size_t n = 5000;
    char *text = malloc(n + 64);
    assert_non_null(text);
    text[0] = '#';
    memset(text + 1, 'c', n - 1);
    strcpy(text + n, "\ntheme = high-contrast\nbogus\n");
    write_bytes(path, text, strlen(text));
    free(text);
    Settings s;
    char msg[512];
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_int_equal(s.theme, SETTINGS_THEME_CONTRAST);
    assert_string_equal(msg, "Line 3 of the settings file makes no sense to this version, so the defaults stand in "
                             "for what could not be read; the old file will be kept beside the new one.");
    /* Without the bad line, the file is good: nothing is set aside. */
    text = malloc(n + 64);
    text[0] = '#';
    memset(text + 1, 'c', n - 1);
    strcpy(text + n, "\ntheme = high-contrast\n");
    write_bytes(path, text, strlen(text));
    free(text);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_false(s.broken);
    assert_int_equal(s.theme, SETTINGS_THEME_CONTRAST);
}

/* Special files are never read: a FIFO does not block, a device is not
 * read forever; the defaults are used and the file is left alone. */
static void test_special_files(void **state)
{
    (void)state;
    Settings s;
    char msg[512];
    assert_int_equal(mkfifo(path, 0600), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    expect_defaults(&s);
    assert_string_equal(msg, "The settings file could not be read (it is a named pipe (FIFO), not a file), so the "
                             "defaults are used.");
    assert_int_equal(unlink(path), 0);
    assert_int_equal(symlink("/dev/zero", path), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    expect_defaults(&s);
    assert_string_equal(msg, "The settings file could not be read (it is a device, not a file), so the defaults are "
                             "used.");
    assert_int_equal(unlink(path), 0);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_string_equal(msg, "The settings file could not be read (it is a folder, not a file), so the defaults are "
                             "used.");
}

/* Phones, and keeping private answers: off until chosen, kept when saved. */
static void test_phones(void **state)
{
    (void)state;
    Settings s;
    char msg[512];
    settings_defaults(&s);
    assert_false(s.phones);
    assert_false(s.keep_answers);
    testutil_write(dir, "settings.conf", "phones = on\nphones-keep-answers = yes\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_true(s.phones);
    assert_true(s.keep_answers);
    s.phones = false;
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_false(s.phones);
    assert_true(s.keep_answers);
    testutil_write(dir, "settings.conf", "phones = sometimes\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_false(s.phones);
}

/* Both answer: on by default, kept when saved, and a bad value named. */
static void test_both_answer(void **state)
{
    (void)state;
    Settings s;
    char msg[512];
    settings_defaults(&s);
    assert_true(s.both_answer);
    testutil_write(dir, "settings.conf", "sound = no\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_true(s.both_answer);
    testutil_write(dir, "settings.conf", "both-answer = no\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_false(s.both_answer);
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    settings_defaults(&s);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_false(s.both_answer);
    testutil_write(dir, "settings.conf", "sound = no\nboth-answer = sometimes\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_true(s.both_answer);
    assert_false(s.sound);
    assert_true(s.broken);
    assert_string_equal(msg, "Line 2 of the settings file: both-answer is yes or no, so both partners answer each "
                             "sharing card (the default); the old file will be kept beside the new one.");
}

/* Who sits on the left, kept from Swap sides: Partner 1 by default. */
static void test_sides(void **state)
{
    (void)state;
    Settings s;
    char msg[512];
    settings_defaults(&s);
    assert_int_equal(s.left, 0);
    testutil_write(dir, "settings.conf", "partner-1-sits = right\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_int_equal(s.left, 1);
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    char text[2048];
    assert_true(testutil_read(path, text, sizeof text) > 0);
    assert_non_null(strstr(text, "\n# Where Partner 1 sits, on the left or the right of the screen (Swap sides).\n"
                                 "partner-1-sits = right\n"));
    s.left = 0;
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_int_equal(s.left, 0);
    testutil_write(dir, "settings.conf", "sound = no\npartner-1-sits = middle\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_int_equal(s.left, 0);
    assert_false(s.sound);
    assert_string_equal(msg, "Line 2 of the settings file makes no sense to this version, so the defaults stand in "
                             "for what could not be read; the old file will be kept beside the new one.");
}

static void test_card_language(void **state)
{
    (void)state;
    Settings s;
    char msg[512], lang[16];
    testutil_write(dir, "settings.conf", "language = ja\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_int_equal(s.language, SETTINGS_LANGUAGE_JA);
    settings_card_language(&s, lang, sizeof lang);
    assert_string_equal(lang, "ja");
    s.language = SETTINGS_LANGUAGE_ES;
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_int_equal(s.language, SETTINGS_LANGUAGE_ES);
    testutil_write(dir, "settings.conf", "language = klingon\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_int_equal(s.language, SETTINGS_LANGUAGE_AUTO);
    assert_string_equal(settings_language_code(SETTINGS_LANGUAGE_AUTO), "auto");
    assert_null(settings_language_code(SETTINGS_LANGUAGE_COUNT));
    /* Automatic: LC_ALL, then LC_MESSAGES, then LANG. */
    static const struct {
        const char *all, *messages, *lang, *expect;
    } cases[] = {
        {NULL, NULL, "es_ES.UTF-8", "es"}, {NULL, "ja_JP.UTF-8", "es_ES.UTF-8", "ja"},
        {"en_US.UTF-8", "ja_JP", "es_ES", "en"}, {"C", NULL, NULL, "en"}, {NULL, NULL, NULL, "en"},
        {"C.UTF-8", NULL, NULL, "en"}, {"POSIX", NULL, "ja_JP", "en"}, {NULL, "", "pt-BR", "pt"},
        {NULL, NULL, "sr@latin", "sr"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const char *vars[3] = {"LC_ALL", "LC_MESSAGES", "LANG"};
        const char *values[3] = {cases[i].all, cases[i].messages, cases[i].lang};
        for (int v = 0; v < 3; v++) {
            if (values[v])
                setenv(vars[v], values[v], 1);
            else
                unsetenv(vars[v]);
        }
        s.language = SETTINGS_LANGUAGE_AUTO;
        settings_card_language(&s, lang, sizeof lang);
        assert_string_equal(lang, cases[i].expect);
        s.language = SETTINGS_LANGUAGE_EN;
        settings_card_language(&s, lang, sizeof lang);
        assert_string_equal(lang, "en");
    }
}

/* Read cards aloud: off by default, kept with its speed, and a speed that
 * makes no sense is the one line that falls back. */
static void test_read_aloud(void **state)
{
    (void)state;
    Settings s;
    char msg[512], text[1024];
    testutil_write(dir, "settings.conf", "read-aloud = yes\nread-aloud-speed = fast\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_true(s.read_aloud);
    assert_int_equal(s.speech_speed, SETTINGS_SPEED_FAST);
    assert_true(s.sound);
    s.speech_speed = SETTINGS_SPEED_SLOW;
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    assert_true(testutil_read(path, text, sizeof text) > 0);
    assert_non_null(strstr(text, "\nread-aloud = yes\nread-aloud-speed = slow\n"));
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_true(s.read_aloud);
    assert_int_equal(s.speech_speed, SETTINGS_SPEED_SLOW);
    s.read_aloud = false;
    assert_int_equal(settings_save(path, &s, msg, sizeof msg), 0);
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), 0);
    assert_false(s.read_aloud);
    assert_int_equal(s.speech_speed, SETTINGS_SPEED_SLOW);
    testutil_write(dir, "settings.conf", "read-aloud = on\nread-aloud-speed = 300\n");
    assert_int_equal(settings_load(path, &s, msg, sizeof msg), -1);
    assert_true(s.read_aloud);
    assert_int_equal(s.speech_speed, SETTINGS_SPEED_NORMAL);
    assert_non_null(strstr(msg, "Line 2 of the settings file"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_missing_file_is_the_defaults, setup, teardown),
        cmocka_unit_test_setup_teardown(test_garbage_is_set_aside_never_lost, setup, teardown),
        cmocka_unit_test_setup_teardown(test_zeros_are_the_defaults_with_a_warning, setup, teardown),
        cmocka_unit_test_setup_teardown(test_good_lines_survive_a_bad_one, setup, teardown),
        cmocka_unit_test_setup_teardown(test_endless_line, setup, teardown),
        cmocka_unit_test_setup_teardown(test_huge_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(test_folder_in_its_place, setup, teardown),
        cmocka_unit_test_setup_teardown(test_long_comment, setup, teardown),
        cmocka_unit_test_setup_teardown(test_special_files, setup, teardown),
        cmocka_unit_test_setup_teardown(test_card_language, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_aloud, setup, teardown),
        cmocka_unit_test_setup_teardown(test_phones, setup, teardown),
        cmocka_unit_test_setup_teardown(test_both_answer, setup, teardown),
        cmocka_unit_test_setup_teardown(test_sides, setup, teardown),
    };
    return cmocka_run_group_tests_name("settings", tests, NULL, NULL);
}
