/* SPDX-License-Identifier: MIT */
/* Cards read aloud: espeak-ng's voices synthesise into a buffer (English,
 * Spanish, Japanese), and whole scripted games with "Read cards aloud" on
 * speak every card dealt, after its reader's name, in its deck's language,
 * through the game's audio (the dummy driver) - and stay silent when the
 * sound is off or there is no device. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "journal.h"
#include "record.h"
#include "testutil.h"
#include "voice.h"

static char dir[256];
static char data[400]; /* XDG_DATA_HOME of the last game: a new one for each */
static char out[1 << 17], err[1 << 16];

static int setup(void **state)
{
    (void)state;
    if (testutil_tmpdir(dir, sizeof dir, "speech") != 0)
        return -1;
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return testutil_rmrf(dir);
}

static double rms(const VoicePcm *pcm)
{
    double sum = 0;
    for (size_t i = 0; i < pcm->count; i++)
        sum += (double)pcm->samples[i] * pcm->samples[i];
    return pcm->count ? sqrt(sum / (double)pcm->count) : 0;
}

/* A card and the same card with more words: the sound grows with the text
 * and is speech, not silence, in each language's own voice. */
static void test_synthesis(void **state)
{
    (void)state;
    static const struct {
        const char *language, *card, *longer;
    } cases[] = {
        {"en", "Alex: What made you laugh this week?",
         "Alex: What made you laugh this week? Tell the story from the start, and say who was there with you."},
        {"es", "Alex: ¿Qué te hizo reír esta semana?",
         "Alex: ¿Qué te hizo reír esta semana? Cuenta la historia desde el principio y di quién estaba contigo."},
        {"ja", "アレックス: こんしゅう、なにがおかしかった?",
         "アレックス: こんしゅう、なにがおかしかった? はじめから、だれといっしょだったか、はなしてください。"},
    };
    char problem[256], used[32];
    assert_int_equal(voice_open(problem, sizeof problem), 0);
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        assert_true(voice_select(cases[i].language, used, sizeof used));
        assert_string_equal(used, cases[i].language);
        VoicePcm card = {0}, longer = {0};
        assert_int_equal(voice_say(cases[i].card, VOICE_WPM_NORMAL, &card, NULL, NULL), 0);
        assert_int_equal(voice_say(cases[i].longer, VOICE_WPM_NORMAL, &longer, NULL, NULL), 0);
        assert_int_equal(card.rate, 22050);
        /* At least a second of speech, and more than twice that for the longer card. */
        assert_true(card.count > (size_t)card.rate);
        assert_true(longer.count > 2 * card.count);
        assert_true(rms(&card) > 1000);
        assert_true(rms(&longer) > 1000);
        /* Faster is shorter. */
        VoicePcm fast = {0};
        assert_int_equal(voice_say(cases[i].card, VOICE_WPM_FAST, &fast, NULL, NULL), 0);
        assert_true(fast.count < card.count);
        voice_pcm_free(&card);
        voice_pcm_free(&longer);
        voice_pcm_free(&fast);
    }
    /* A language with no voice: English stands in, and says so. */
    assert_false(voice_select("x-klingon", used, sizeof used));
    assert_string_equal(used, "en");
    assert_true(voice_select("es-MX", used, sizeof used));
    voice_close();
}

/* Runs tightrope --script at 1920x1080 with the settings file given, in a
 * new data folder in the test's folder. */
static int play(const char *settings, const char *script_text, const char *audio_driver)
{
    static int games;
    char path[500], text[4200];
    snprintf(data, sizeof data, "%s/data%d", dir, ++games);
    assert_int_equal(mkdir(data, 0700), 0);
    snprintf(path, sizeof path, "%s/tightrope", data);
    assert_int_equal(mkdir(path, 0700), 0);
    assert_non_null(testutil_write(path, "settings.conf", settings));
    snprintf(text, sizeof text, "resize 1920 1080\n%s", script_text);
    const char *script = testutil_write(dir, "play.script", text);
    assert_non_null(script);
    setenv("XDG_DATA_HOME", data, 1);
    setenv("SDL_VIDEODRIVER", "dummy", 1);
    setenv("SDL_AUDIODRIVER", audio_driver, 1);
    const char *args[] = {"--script", script, "--seed", "7", NULL};
    int status = testutil_run(TIGHTROPE_BIN, args, dir, out, sizeof out, err, sizeof err);
    assert_int_equal(status, 0);
    assert_string_equal(err, "");
    return status;
}

static char *returns(int n)
{
    static char s[4096];
    s[0] = '\0';
    for (int i = 0; i < n; i++)
        strcat(s, "key Return\n");
    strcat(s, "quit\n");
    return s;
}

static int count(const char *haystack, const char *needle)
{
    int n = 0;
    for (const char *p = haystack; (p = strstr(p, needle)); p += strlen(needle) - 1)
        n++;
    return n;
}

enum { MAX_CARDS = 128 };

/* The trace, split: every card dealt, with its reader (the partner of the
 * moment it was dealt for: the next "screen play" line), and every line
 * spoken, with its voice. */
typedef struct {
    char dealt[MAX_CARDS][1100], spoken[MAX_CARDS][1100], voices[MAX_CARDS][16];
    int readers[MAX_CARDS]; /* of each card dealt: 1 or 2 */
    int dealt_count, spoken_count;
} Heard;

static void hear(Heard *h)
{
    memset(h, 0, sizeof *h);
    int pending = 0;
    for (char *line = out; *line;) {
        char *nl = strchr(line, '\n');
        assert_non_null(nl);
        *nl = '\0';
        int turn;
        if (strncmp(line, "dealt: ", 7) == 0) {
            assert_true(h->dealt_count < MAX_CARDS);
            snprintf(h->dealt[h->dealt_count++], sizeof h->dealt[0], "%s", line + 7);
            pending++;
        } else if (strncmp(line, "spoken ", 7) == 0) {
            char *colon = strstr(line, ": ");
            assert_non_null(colon);
            assert_true(h->spoken_count < MAX_CARDS);
            snprintf(h->voices[h->spoken_count], sizeof h->voices[0], "%.*s", (int)(colon - line - 7), line + 7);
            snprintf(h->spoken[h->spoken_count++], sizeof h->spoken[0], "%s", colon + 2);
        } else if (sscanf(line, "screen play %*s round %*d turn %d", &turn) == 1) {
            for (int i = h->dealt_count - pending; i < h->dealt_count; i++)
                h->readers[i] = turn;
            pending = 0;
        }
        *nl = '\n';
        line = nl + 1;
    }
    assert_int_equal(pending, 0);
}

/* Card i was spoken as it should be heard: the reader's stand-in name in
 * the game's language (voice: "Player T", "Persona T", "プレイヤーT"), ": "
 * and its text. */
static void expect_heard(const Heard *h, int i, const char *voice)
{
    char expect[1200];
    const char *stand_in = strcmp(voice, "es") == 0 ? "Persona" : strcmp(voice, "ja") == 0 ? "プレイヤー" : "Player";
    snprintf(expect, sizeof expect, strcmp(voice, "ja") == 0 ? "%s%d: %s" : "%s %d: %s", stand_in, h->readers[i],
             h->dealt[i]);
    assert_string_equal(h->spoken[i], expect);
    assert_string_equal(h->voices[i], voice);
}

static bool spoken(const Heard *h, const char *text)
{
    for (int i = 0; i < h->spoken_count; i++) {
        const char *colon = strstr(h->spoken[i], ": ");
        if (colon && strcmp(colon + 2, text) == 0)
            return true;
    }
    return false;
}

/* A whole game with read-aloud on: every card dealt is spoken, in order,
 * after its reader's name, in English; the plans and goals the journal kept
 * are among them. */
static void test_whole_game_speaks_every_card(void **state)
{
    (void)state;
    /* 39 presses up to Our week: both answer each sharing card, and rounds
     * 2 and 3 keep both goals. */
    play("read-aloud = yes\nread-aloud-speed = fast\nlanguage = en\n", returns(39), "dummy");
    assert_non_null(strstr(out, "screen week\n"));
    static Heard h;
    hear(&h);
    /* Each round: two sharing cards, three plans and two solo cards for
     * each partner; two support cards for each goal made (round 1 only:
     * rounds 2 and 3 keep both goals); two cards for each of the three
     * rebalances of this deal. 13 + 9 + 9 + 6. */
    assert_int_equal(h.dealt_count, 37);
    assert_int_equal(h.spoken_count, h.dealt_count);
    for (int i = 0; i < h.dealt_count; i++)
        expect_heard(&h, i, "en");
    assert_int_equal(strncmp(h.spoken[0], "Player 1: ", 10), 0);
    assert_int_equal(strncmp(h.spoken[1], "Player 2: ", 10), 0);
    char path[500];
    snprintf(path, sizeof path, "%s/tightrope/journal.db", data);
    Journal *journal = NULL;
    JournalOptions opt = {.read_only = true};
    assert_int_equal(journal_open(path, &opt, &journal), JOURNAL_OK);
    Record record;
    assert_int_equal(journal_load_game(journal, 0, &record), JOURNAL_OK);
    journal_close(journal);
    assert_int_equal(record.plan_count, 3);
    for (size_t i = 0; i < record.plan_count; i++)
        assert_true(spoken(&h, record.plans[i].text));
    for (size_t i = 0; i < record.goal_count; i++)
        assert_true(spoken(&h, record.goals[i].text) && spoken(&h, record.goals[i].support));
    record_free(&record);
}

/* Spanish and Japanese cards are read by Spanish and Japanese voices. */
static void test_deck_language_voice(void **state)
{
    (void)state;
    static const char *const languages[] = {"es", "ja"};
    for (size_t l = 0; l < 2; l++) {
        char settings[128];
        snprintf(settings, sizeof settings, "read-aloud = yes\nlanguage = %s\n", languages[l]);
        play(settings, returns(8), "dummy"); /* 6 before both answered: two listener's Dones */
        static Heard h;
        hear(&h);
        assert_true(h.dealt_count >= 5);
        assert_int_equal(h.spoken_count, h.dealt_count);
        for (int i = 0; i < h.dealt_count; i++)
            expect_heard(&h, i, languages[l]);
    }
}

/* Off by default; silent with the sound off or without a device; R reads
 * the cards again whatever the setting, and gamepad Y too. */
static void test_silence_and_repeat(void **state)
{
    (void)state;
    static Heard h;
    /* To the plan: 8 presses (6 before both answered each sharing card). */
    play("", returns(8), "dummy");
    hear(&h);
    assert_int_equal(h.dealt_count + h.spoken_count, 0);
    play("read-aloud = yes\nsound = no\n", returns(8), "dummy");
    hear(&h);
    assert_int_equal(h.dealt_count + h.spoken_count, 0);
    play("read-aloud = yes\n", returns(8), "no-such-audio-driver");
    hear(&h);
    assert_int_equal(h.spoken_count, 0);
    assert_non_null(strstr(out, "screen play plan-pick round 1"));
    /* Read-aloud off: to the first card (the title, two names, Start), then R, S, pad Y, pad X. */
    play("", "key Return\nkey Return\nkey Return\nkey Return\nkey r\nkey s\npad 1 y\npad 1 x\nquit\n", "dummy");
    hear(&h);
    assert_int_equal(h.dealt_count, 0);
    assert_int_equal(h.spoken_count, 2);
    assert_string_equal(h.spoken[0], h.spoken[1]);
    /* S and X each cut the reading short. */
    assert_int_equal(count(out, "\nhushed\n"), 2);
    assert_int_equal(strncmp(h.spoken[0], "Player 1: ", 10), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_synthesis),
        cmocka_unit_test_setup_teardown(test_whole_game_speaks_every_card, setup, teardown),
        cmocka_unit_test_setup_teardown(test_deck_language_voice, setup, teardown),
        cmocka_unit_test_setup_teardown(test_silence_and_repeat, setup, teardown),
    };
    return cmocka_run_group_tests_name("speech", tests, NULL, NULL);
}
