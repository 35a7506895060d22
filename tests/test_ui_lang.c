/* SPDX-License-Identifier: MIT */
/* The game in every language, headless: one script per language plays a
 * whole game and draws every screen at 1920x1080 and at 1280x720, with the
 * game's own layout check (nothing under its floor, no overlap, nothing out
 * of its box or the safe area). In Japanese and Spanish every string drawn
 * is compared with the catalogue's English (po/tightrope.pot): none may be
 * drawn untranslated, and the exports (Markdown, iCalendar) are in the
 * language too. The pseudo-translation (every string 40% longer, accented)
 * shows what a longer language would overflow. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static char dir[256];
static char out[1 << 23], err[1 << 16];

#define NAME_A "Jean-Baptiste Alexander Wolfgang Amadeus"
#define NAME_B "Maria Guadalupe Fernandez de la Cruz Xim"

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "lang") != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

/* Runs the game on script_text in a fresh data folder, with the Language
 * setting (ja, es, en) or $TIGHTROPE_LANGUAGE (pseudo); with Phones on when phones. */
static void run(const char *script_text, const char *language, bool phones)
{
    char data[300], cmd[1400], conf[64];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(cmd, sizeof cmd, "rm -rf '%s' '%s/home' && mkdir -p '%s/tightrope' '%s/home/Documents'", data, dir, data,
             dir);
    assert_int_equal(system(cmd), 0);
    bool pseudo = strcmp(language, "pseudo") == 0;
    snprintf(conf, sizeof conf, "language = %s\n", pseudo ? "en" : language);
    assert_non_null(testutil_write(data, "tightrope/settings.conf", conf));
    const char *script = testutil_write(dir, "play.script", script_text);
    assert_non_null(script);
    char home[300];
    snprintf(home, sizeof home, "%s/home", dir);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("HOME", home, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 1);
    if (pseudo)
        setenv("TIGHTROPE_LANGUAGE", "pseudo", 1);
    else
        unsetenv("TIGHTROPE_LANGUAGE");
    /* Phones on, on the loopback address, for the Phones screen. */
    const char *argv[] = {"--script", script, "--seed", "7", phones ? "--phones-listen" : NULL, "127.0.0.1:0", NULL};
    int status = testutil_run(TIGHTROPE_BIN, argv, dir, out, sizeof out, err, sizeof err);
    unsetenv("TIGHTROPE_LANGUAGE");
    assert_int_equal(status, 0);
}

/* A look at the screen as it is, at 1920x1080 and (when both) at 1280x720. */
static void look_at(char *s, bool both)
{
    testutil_script_add(s, both ? "layout\nresize 1280 720\nwait 50\nlayout\nresize 1920 1080\nwait 50\n" : "layout\n");
}

static void look(char *s)
{
    look_at(s, true);
}

static bool from_deck(const char *label);

/* The problems the game's layout check found (its "layout:" lines), but
 * for the size of a deck's own text: a card too long for the room it is
 * given is the deck's to fix (docs/WRITING.md), in any language. The first
 * few are printed; returns how many. */
static int layout_problems(const char *language)
{
    int found = 0;
    char copy[sizeof err];
    snprintf(copy, sizeof copy, "%s", err);
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        const char *q = strstr(line, ": text \"");
        if (q && strstr(line, "\" is ") && strstr(line, " px high, under ") && from_deck(q + 8))
            continue;
        /* The count at the end counts those too; each problem is named. */
        if (strstr(line, " texts did not fit in all ("))
            continue;
        if (found++ < 8)
            print_error("%s: %s\n", language, line);
    }
    return found;
}

/* Enter presses from the start of play to Our week in this language (the
 * decks, and so the rebalances, differ). */
static int presses_to_week(const char *language)
{
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "click 0.5 0.396\nclick 0.85 0.896\n");
    for (int i = 0; i < 60; i++)
        testutil_script_add(s, "key Return\nwait 100\n");
    testutil_script_add(s, "quit\n");
    run(s, language, false);
    free(s);
    const char *play = strstr(out, "screen play sharing round 1 turn 1 step 0\n");
    const char *week = strstr(out, "screen week\n");
    assert_non_null(play);
    assert_non_null(week);
    int n = 0;
    for (const char *p = play; p < week; p++)
        n += *p == '\n';
    return n;
}

/* Every screen: the title, Our journey, the decks and a card, settings,
 * Phones (on, with its code, then off), how to play (every page), setup
 * with long names, the decks in play, a whole game with the pause menu
 * (the week grid, the round breaks, the end reveal), Our week (a goal dropped, Keep this week, Export), the journey with a
 * game in it and its week reopened, and a week later the check-in: a plan
 * celebrated, a plan missed and carried into the week, one put off
 * (Later), a goal celebrated; then setup, and the next check-in, where
 * the plan put off asks for the last time. The texts of must_draw (NULL
 * or NULL-ended) must be among those drawn. */
static void every_screen(const char *language, const char *name_a, const char *name_b, const char *const *must_draw)
{
    int presses = presses_to_week(language);
    char *s = testutil_script();
    assert_non_null(s);
    testutil_script_add(s, "resize 1920 1080\nwait 1000\n");
    look(s);
    testutil_script_add(s, "click 0.5 0.48\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nclick 0.5 0.563\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Up\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nkey Escape\nclick 0.5 0.646\nwait 300\n");
    look(s);
    /* Settings -> Phones (on, from --phones-listen), then Phones off. */
    testutil_script_add(s, "click 0.155 0.896\nwait 300\n");
    look(s);
    testutil_script_add(s, "click 0.466 0.245\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nwait 100\nkey Escape\nclick 0.5 0.730\nwait 300\n");
    look(s);
    for (int page = 0; page < 5; page++) {
        testutil_script_add(s, "key Return\nwait 100\n");
        look(s);
    }
    testutil_script_add(s, "key Escape\nclick 0.5 0.396\nwait 300\nclick 0.24 0.298\ntext %s\nclick 0.24 0.476\ntext %s\n", name_a,
        name_b);
    look(s);
    testutil_script_add(s, "click 0.727 0.763\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nwait 300\nclick 0.85 0.896\nwait 1000\n");
    look(s);
    testutil_script_add(s, "key Escape\nwait 100\n");
    look(s);
    testutil_script_add(s, "key Escape\n");
    /* Every moment of play at 1080p, every other one at 720p too (the last
     * round's break and the end reveal always). */
    for (int i = 0; i < presses; i++) {
        testutil_script_add(s, "key Return\nwait 500\n");
        look_at(s, i % 2 == 0 || i >= presses - 3);
    }
    /* Our week: a goal dropped, Keep this week, Export. */
    testutil_script_add(s, "key Up\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Down\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Left\nkey Return\nwait 300\n");
    look(s);
    /* The journey with the game, and its week reopened. */
    testutil_script_add(s, "key Escape\nwait 300\nclick 0.5 0.48\nwait 300\n");
    look(s);
    testutil_script_add(s, "click 0.5 0.484\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nwait 300\nkey Escape\nwait 300\ndays 7\nclick 0.5 0.396\nwait 300\n");
    look(s);
    /* The check-in: the first plan happened, the second did not (and is
     * carried into this week), the third waits (Later); a goal happened. */
    testutil_script_add(s, "key Left\nkey Left\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Return\nwait 300\nkey Left\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Left\nkey Return\nwait 300\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Left\nkey Left\nkey Return\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nwait 300\n");
    look(s);
    testutil_script_add(s, "key Escape\nwait 300\nclick 0.5 0.396\nwait 300\n");
    look(s);
    testutil_script_add(s, "quit\n");
    run(s, language, true);
    free(s);
    /* The game's own check found nothing at either size. */
    assert_int_equal(layout_problems(language), 0);
    static const char *const screens[] = {"title", "journey", "decks", "preview", "settings", "phones", "howto",
                                          "setup", "choose", "play", "reveal", "week", "checkin"};
    for (size_t i = 0; i < sizeof screens / sizeof *screens; i++)
        for (int size = 0; size < 2; size++) {
            char head[80];
            snprintf(head, sizeof head, "\nlayout %s %s ", screens[i], size ? "1280x720" : "1920x1080");
            if (!strstr(out, head))
                print_error("%s: screen %s was not drawn at %s\n", language, screens[i], head + 8);
            assert_non_null(strstr(out, head));
        }
    assert_non_null(strstr(out, "screen play paused\n"));
    /* The moments the script means to reach were drawn: must_draw's texts
     * (the language's words for them). */
    for (size_t i = 0; must_draw && must_draw[i]; i++) {
        char quoted[400];
        snprintf(quoted, sizeof quoted, " \"%s\"\n", must_draw[i]);
        if (!strstr(out, quoted))
            print_error("%s: \"%s\" was not drawn\n", language, must_draw[i]);
        assert_non_null(strstr(out, quoted));
    }
}

/* ---- the catalogue's English ---- */

enum { MSGIDS = 600, MSGID_SIZE = 1200 };
static char msgids[MSGIDS][MSGID_SIZE];
static int msgid_count;

/* The English of every message in po/tightrope.pot (both forms of a
 * plural), line breaks as spaces, as the layout dump shows them. */
static void load_msgids(void)
{
    static char pot[1 << 20];
    char path[512];
    snprintf(path, sizeof path, "%s/po/tightrope.pot", SOURCE_DIR);
    assert_true(testutil_read(path, pot, sizeof pot) > 0);
    msgid_count = 0;
    char *cur = NULL;
    size_t len = 0;
    for (char *line = strtok(pot, "\n"); line; line = strtok(NULL, "\n")) {
        const char *q = NULL;
        if (strncmp(line, "msgid \"", 7) == 0 || strncmp(line, "msgid_plural \"", 14) == 0) {
            assert_true(msgid_count < MSGIDS);
            cur = msgids[msgid_count++];
            len = 0;
            q = strchr(line, '"') + 1;
        } else if (line[0] == '"' && cur) {
            q = line + 1;
        } else {
            cur = NULL;
            continue;
        }
        for (; *q && !(q[0] == '"' && q[1] == '\0') && len + 1 < MSGID_SIZE; q++) {
            char c = *q;
            if (c == '\\') {
                q++;
                c = *q == 'n' ? ' ' : *q;
            }
            cur[len++] = c;
        }
        cur[len] = '\0';
    }
    assert_true(msgid_count > 200);
}

/* The length of a printf conversion at f ("%s", "%d", "%zu", "%2$s"), or 0. */
static size_t conversion(const char *f)
{
    if (f[0] != '%' || f[1] == '%')
        return 0;
    size_t n = strspn(f + 1, "0123456789$.-z");
    return strchr("sd", f[1 + n]) && f[1 + n] ? n + 2 : 0;
}

/* Whether text is drawn from the English format f (conversions match any
 * text); a text cut at the end (long) matches what it has. */
static bool matches(const char *f, const char *t, bool cut)
{
    for (;;) {
        size_t c = conversion(f);
        if (c) {
            for (const char *u = t;; u++) {
                if (matches(f + c, u, cut))
                    return true;
                if (!*u)
                    return false;
            }
        }
        if (!*t)
            return !*f || cut;
        if (!*f || *f != *t)
            return false;
        f += *f == '%' && f[1] == '%' ? 2 : 1;
        t++;
    }
}

static bool is_word_char(char c)
{
    return isalnum((unsigned char)c) || (c & 0x80);
}

/* Whether word (a whole word or phrase) is in text. */
static bool has_phrase(const char *text, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
        if ((p == text || !is_word_char(p[-1])) && !is_word_char(p[n]))
            return true;
    return false;
}

/* Key and button names, the same in every language's How to play;
 * English as Settings names it in every language, in its own words; a
 * word Spanish shares ("Normal"); and the level names the English decks
 * give themselves (levels: Light, Closer, Deep), shown with their cards. */
static bool is_key_name(const char *id)
{
    static const char *const keys[] = {"Start", "Space", "Tab",   "Enter", "Esc",
                                       "English", "Normal", "Light", "Closer", "Deep"};
    for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
        if (strcmp(id, keys[i]) == 0)
            return true;
    return false;
}

/* Card text, deck names, about: lines and level names come from the deck
 * files, in the deck's own language: a label holding one is exempt. */
static char deck_texts[1 << 21];

static void load_deck_texts(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/decks", SOURCE_DIR);
    DIR *d = opendir(path);
    assert_non_null(d);
    size_t len = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strstr(e->d_name, ".deck"))
            continue;
        static char file[1 << 18];
        char fpath[800];
        snprintf(fpath, sizeof fpath, "%s/%s", path, e->d_name);
        assert_true(testutil_read(fpath, file, sizeof file) > 0);
        for (char *line = strtok(file, "\n"); line; line = strtok(NULL, "\n")) {
            while (*line == ' ')
                line++;
            if (*line == '#' || strncmp(line, "tags:", 5) == 0 || strncmp(line, "kind:", 5) == 0 ||
                strncmp(line, "weight:", 7) == 0 || strncmp(line, "level:", 6) == 0)
                continue;
            const char *colon = strstr(line, ": ");
            const char *value = colon && colon - line < 12 ? colon + 2 : line;
            len += (size_t)snprintf(deck_texts + len, sizeof deck_texts - len, "\n%s", value);
            assert_true(len < sizeof deck_texts);
            /* A card may start with words and a colon ("Phones out: ..."):
             * the whole line is a deck's text too. */
            if (value != line)
                len += (size_t)snprintf(deck_texts + len, sizeof deck_texts - len, "\n%s", line);
            assert_true(len < sizeof deck_texts);
        }
    }
    closedir(d);
}

/* Whether the label shows text from a deck file (a card, a deck's name or
 * about: line, a level's name): at least its first 12 bytes are a deck
 * line's, or a deck's name starts it. */
static bool from_deck(const char *label)
{
    const char *p = label;
    if (strncmp(p, "✓ ", 4) == 0 || strncmp(p, "○ ", 4) == 0)
        p += 4;
    for (const char *line = deck_texts; (line = strchr(line, '\n')); line++) {
        const char *v = line + 1;
        size_t n = strcspn(v, "\n");
        if (n >= 3 && strncmp(p, v, n < 12 ? n : 12) == 0 && (n >= 12 || !is_word_char(p[n])))
            return true;
    }
    return false;
}

/* Every text drawn (the layout dump's text lines) that still shows the
 * catalogue's English: the first few are printed. Returns how many. */
static int english_drawn(const char *language)
{
    int found = 0;
    for (const char *line = out; (line = strstr(line, "\ntext ")); line++) {
        const char *q = strchr(line + 1, '"');
        const char *end = strchr(line + 1, '\n');
        if (!q || !end || q > end)
            continue;
        char label[256];
        size_t n = (size_t)(end - q - 2);
        if (n >= sizeof label)
            n = sizeof label - 1;
        memcpy(label, q + 1, n);
        label[n] = '\0';
        if (from_deck(label))
            continue;
        bool cut = n >= 190;
        for (int i = 0; i < msgid_count; i++) {
            const char *id = msgids[i];
            bool has_format = strchr(id, '%') != NULL;
            /* A label cut short is matched only by formats with words first. */
            if (cut && has_format && strcspn(id, "%") < 6)
                continue;
            bool english = has_format ? matches(id, label, cut)
                                      : strlen(id) >= 4 && !is_key_name(id) && has_phrase(label, id);
            /* A format with no words of its own ("%s · %s") says nothing. */
            int letters = 0;
            for (const char *c = id; *c; c++)
                letters += isalpha((unsigned char)*c) && !(c > id && c[-1] == '%') && !conversion(c);
            if (english && letters >= 3) {
                if (found++ < 8)
                    print_error("%s: English drawn: \"%s\" (from \"%s\")\n", language, label, id);
                break;
            }
        }
    }
    return found;
}

/* The Markdown and iCalendar files of the export, read into md and ics. */
static void read_export(char *md, size_t mdsize, char *ics, size_t icssize)
{
    char docs[400];
    snprintf(docs, sizeof docs, "%s/home/Documents/Tightrope", dir);
    DIR *d = opendir(docs);
    assert_non_null(d);
    struct dirent *e;
    md[0] = ics[0] = '\0';
    while ((e = readdir(d))) {
        char path[800];
        snprintf(path, sizeof path, "%s/%s", docs, e->d_name);
        size_t n = strlen(e->d_name);
        if (n > 3 && strcmp(e->d_name + n - 3, ".md") == 0)
            assert_true(testutil_read(path, md, mdsize) > 0);
        if (n > 4 && strcmp(e->d_name + n - 4, ".ics") == 0)
            assert_true(testutil_read(path, ics, icssize) > 0);
    }
    closedir(d);
    assert_true(md[0] && ics[0]);
}

/* No line of the export is the catalogue's English (names and card text
 * aside: they match the formats' %s). */
static int english_exported(const char *language, const char *text)
{
    int found = 0;
    static char copy[1 << 16];
    snprintf(copy, sizeof copy, "%s", text);
    for (char *line = strtok(copy, "\r\n"); line; line = strtok(NULL, "\r\n")) {
        const char *body = line;
        if (strncmp(body, "PRODID:", 7) == 0) /* the calendar's maker, for programs */
            continue;
        body += strspn(body, "#-* ");
        for (int i = 0; i < msgid_count; i++) {
            const char *id = msgids[i];
            const char *idb = id + strspn(id, "#-* ");
            int letters = 0; /* a format with no words of its own says nothing */
            for (const char *c = idb; *c; c++)
                letters += isalpha((unsigned char)*c) && !(c > idb && c[-1] == '%') && !conversion(c);
            if (strlen(idb) >= 5 && letters >= 3 && (strstr(idb, "%") ? matches(idb, body, false) : strstr(body, idb) != NULL) &&
                !from_deck(body)) {
                if (found++ < 8)
                    print_error("%s: English exported: \"%s\" (from \"%s\")\n", language, line, id);
                break;
            }
        }
    }
    return found;
}

static void in_language(const char *language, const char *heading, const char *summary, const char *const *must_draw)
{
    load_deck_texts();
    every_screen(language, NAME_A, NAME_B, must_draw);
    load_msgids();
    assert_int_equal(english_drawn(language), 0);
    static char md[1 << 16], ics[1 << 16];
    read_export(md, sizeof md, ics, sizeof ics);
    assert_non_null(strstr(md, heading));
    assert_non_null(strstr(ics, summary));
    assert_int_equal(english_exported(language, md), 0);
    assert_int_equal(english_exported(language, ics), 0);
}

static void test_japanese(void **state)
{
    (void)state;
    /* (iCalendar folds its lines at 75 bytes, and escapes commas.) */
    /* Phones on and off, Our week kept, the check-in's celebration, a plan
     * missed, and Later for the second time. */
    static const char *const must_draw[] = {"どれかキーを押して次へ", "ふたりの一週間を見る", "いつにする？",
                                            "このコードを入力してください：",
                                            "スマホはオフです。ネットワークからの接続は受け付けていません。",
                                            "書き出す",
                                            "おたがいに聞いてみて：「いちばんよかったのは？」",
                                            "だいじょうぶ。忙しい週もあります。",
                                            "今週の予定に入れる",
                                            "もう一度「あとで」にすると、わからないまま、ふりかえりから外れます。",
                                            NULL};
    in_language("ja", "# ふたりの一週間：", "DESCRIPTION:" NAME_A "と", must_draw);
}

static void test_spanish(void **state)
{
    (void)state;
    static const char *const must_draw[] = {"Pulsa cualquier tecla para seguir", "Ver nuestra semana", "¿Cuándo lo hacemos?",
                                            "y escribe el código:",
                                            "Teléfonos está desactivado: nada escucha en la red.",
                                            "Exportar",
                                            "Preguntémonos: «¿Qué fue lo mejor?»",
                                            "No pasa nada: las semanas se llenan.",
                                            "Pasarlo a esta semana",
                                            "Otra vez «Más tarde» y sale del repaso sin respuesta.",
                                            NULL};
    in_language("es", "# Nuestra semana: ", "DESCRIPTION:Un plan para nuestra semana\\, de ", must_draw);
}

/* The pseudo-translation is drawn: every string of the catalogue is in
 * brackets, so an English one (a string the catalogue lacks) shows. */
static void test_pseudo(void **state)
{
    (void)state;
    /* The names as most are: the longest ones are the English test's. */
    load_deck_texts();
    every_screen("pseudo", "Sam", "Alex", NULL);
    load_msgids();
    assert_int_equal(english_drawn("pseudo"), 0);
    int bracketed = 0;
    for (const char *p = out; (p = strstr(p, " \"[")); p++)
        bracketed++;
    assert_true(bracketed > 500);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_japanese, setup, teardown),
        cmocka_unit_test_setup_teardown(test_spanish, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pseudo, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
