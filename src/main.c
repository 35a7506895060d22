/* SPDX-License-Identifier: MIT */
/* The tightrope command line: checks deck files, simulates games, and (with
 * the front end) starts the game. Usage errors exit with status 2. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "datadir.h"
#include "deck.h"
#include "export.h"
#include "files.h"
#include "glyphs.h"
#include "i18n.h"
#include "journal.h"
#include "library.h"
#include "paths.h"
#include "replay.h"
#include "settings.h"
#include "sim.h"

#include "app.h"

#ifndef TIGHTROPE_VERSION
#define TIGHTROPE_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "Usage: tightrope [--fullscreen | --windowed] [--font FILE] [--deck FILE]... [--decks-dir DIR]...\n"
    "                 [--phones-listen ADDRESS:PORT] [--script FILE [--seed S]]\n"
    "       tightrope --check FILE...\n"
    "       tightrope --simulate N [--seed S] [--policy random|steady] [--deck FILE]...\n"
    "       tightrope --history [--journal FILE]\n"
    "       tightrope --export [GAME_ID|last] --out DIR [--journal FILE]\n"
    "       tightrope --replay GAME_ID|last [--journal FILE]\n"
    "A cooperative card game for two partners. With no command, the game opens in a window.\n"
    "\n"
    "Options:\n"
    "  --fullscreen     start fullscreen (remembered; F11 switches)\n"
    "  --windowed       start in a window (remembered; F11 switches)\n"
    "  --font FILE      draw the game's text with the font in FILE\n"
    "  --deck FILE      play with FILE too; with --simulate: instead of the built-in decks of its kind\n"
    "  --decks-dir DIR  play with the deck files in DIR too\n"
    "  --phones-listen ADDRESS:PORT  turn Phones on, on a private or loopback address (PORT 0: any free port)\n"
    "  --script FILE    play from the commands in FILE (keys, text, clicks, gamepad, screenshots), then quit\n"
    "  --seed S         the seed of the first game (with --script or --simulate; --simulate's default is 1)\n"
    "  --check FILE...  check deck files and report their problems\n"
    "  --simulate N     play N games (1 to 1000000) headless on the built-in decks and print their figures\n"
    "  --policy P       with --simulate: choose at random (default) or keep the rope steady\n"
    "  --history        print our journey, every finished game, as a table\n"
    "  --export [ID]    export finished game ID (default: last) as Markdown, iCalendar and PNG files\n"
    "  --out DIR        with --export: the folder to write the files to (made if missing)\n"
    "  --replay ID      replay finished game ID (or last) from its moves, checking each one\n"
    "  --journal FILE   with --history, --export or --replay: read FILE instead of the journal in the data folder\n"
    "  --help           show this help and exit\n"
    "  --version        show the version and exit\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tightrope: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'tightrope --help' for more information.\n");
    return 2;
}

/* s as it may be shown on a terminal: control characters (C0, DEL, C1)
 * and U+2028/U+2029 escaped as \xHH or \uHHHH, never sent raw. */
static const char *shown(const char *s, char *buf, size_t size)
{
    size_t o = 0;
    const unsigned char *u = (const unsigned char *)s;
    for (size_t i = 0; u[i] && o + 8 < size; i++) {
        if ((u[i] < 0x20) || u[i] == 0x7F || u[i] == '\\') {
            o += (size_t)snprintf(buf + o, size - o, u[i] == '\\' ? "\\\\" : "\\x%02X", u[i]);
        } else if (u[i] == 0xC2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
            o += (size_t)snprintf(buf + o, size - o, "\\u%04X", u[i + 1]);
            i++;
        } else if (u[i] == 0xE2 && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9)) {
            o += (size_t)snprintf(buf + o, size - o, "\\u%04X", 0x2000u + u[i + 2] - 0x80u);
            i += 2;
        } else {
            buf[o++] = (char)u[i];
        }
    }
    buf[o] = '\0';
    return buf;
}

/* Prints a report the way compilers do, so editors can jump to each line. */
static void print_report(const char *raw_path, const DeckReport *report)
{
    char buf[4 * 4096 + 16];
    const char *path = shown(raw_path, buf, sizeof buf);
    for (size_t i = 0; i < report->count; i++) {
        const DeckProblem *p = &report->items[i];
        const char *severity = p->severity == SEVERITY_ERROR ? "error" : "warning";
        if (p->line > 0)
            fprintf(stderr, "%s:%d:%d: %s: %s\n", path, p->line, p->column, severity, p->message);
        else
            fprintf(stderr, "%s: %s: %s\n", path, severity, p->message);
    }
    if (report->dropped)
        fprintf(stderr, "%s: note: %zu more problems are not shown; fix the ones above first\n", path,
                report->dropped);
}

/* Warns about characters of a card that no installed font can draw: they
 * would show as empty boxes. Returns the number of warnings. */
static size_t check_glyphs(const char *path, const Deck *deck, const Glyphs *glyphs)
{
    size_t warned = 0;
    for (size_t i = 0; glyphs && i < deck->card_count; i++) {
        uint32_t missing[4];
        size_t n = glyphs_missing(glyphs, deck->cards[i].text, missing, 4);
        if (n == 0)
            continue;
        char list[128] = "";
        size_t len = 0;
        for (size_t j = 0; j < n && j < 4; j++)
            len += (size_t)snprintf(list + len, sizeof list - len, "%sU+%04X", j ? ", " : "", (unsigned)missing[j]);
        const char *package = glyphs_package(missing[0]);
        char advice[160];
        if (package)
            snprintf(advice, sizeof advice, "install %s to show this card", package);
        else
            snprintf(advice, sizeof advice, "these are private-use characters, which only a font made for them can draw");
        fprintf(stderr, "%s:%d:1: warning: no installed font can draw %s%s%s; %s\n", path, deck->cards[i].line,
                n == 1 ? "the character " : "the characters ", list, n > 4 ? " and more" : "", advice);
        warned++;
    }
    return warned;
}

/* --check: returns 0 when no file has an error, 1 otherwise. */
static int check_files(int count, char **paths)
{
    int status = 0;
    Glyphs *glyphs = glyphs_open();
    for (int i = 0; i < count; i++) {
        DeckReport report = {0};
        Deck *deck = deck_load(paths[i], &report);
        deck_check_close(deck, &report);
        print_report(paths[i], &report);
        char path[4 * 4096 + 16];
        shown(paths[i], path, sizeof path);
        if (deck) {
            check_glyphs(path, deck, glyphs);
            printf("%s: %zu card%s (%s)\n", path, deck->card_count, deck->card_count == 1 ? "" : "s",
                   deck_kind_name(deck->kind));
        } else {
            status = 1;
        }
        deck_free(deck);
        deck_report_free(&report);
    }
    glyphs_close(glyphs);
    return status;
}

/* The one rule for numbers on the command line: decimal digits only, with
 * an optional leading '+'; no spaces, signs elsewhere, 0x or octal (a
 * leading 0 is still decimal: 010 is ten). At most max. */
static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (!s)
        return false;
    if (*s == '+')
        s++;
    if (!*s)
        return false;
    uint64_t v = 0;
    for (const char *p = s; *p; p++) {
        if (*p < '0' || *p > '9')
            return false;
        unsigned d = (unsigned)(*p - '0');
        if (v > (UINT64_MAX - d) / 10)
            return false;
        v = v * 10 + d;
    }
    if (v > max)
        return false;
    *out = v;
    return true;
}

typedef struct {
    uint64_t games, seed;
    SimPolicy policy;
    const char **decks; /* the --deck files */
    int deck_count;
} SimArgs;

/* Loads one deck file, printing its problems. NULL when it has errors. */
static Deck *load_reported(const char *path)
{
    DeckReport report = {0};
    Deck *deck = deck_load(path, &report);
    print_report(path, &report);
    deck_report_free(&report);
    return deck;
}

/* The built-in decks a new game starts with in the locale's card language,
 * except those of the kinds in replaced: moved from entries (path_count
 * loaded decks) to decks and origin from *count on. */
static void choose_builtin(LibraryEntry *entries, char **paths, size_t path_count, bool *enabled, unsigned replaced,
                           Deck **decks, const char **origin, size_t *count)
{
    char lang[16];
    settings_locale_language(lang, sizeof lang);
    Library builtin = {.items = entries, .count = path_count};
    library_default_enabled(&builtin, lang, enabled);
    for (size_t i = 0; i < path_count; i++) {
        if (!enabled[i] || replaced & 1u << entries[i].deck->kind)
            continue;
        origin[*count] = paths[i];
        decks[(*count)++] = entries[i].deck;
        entries[i].deck = NULL;
    }
}

/* --simulate: the built-in decks a new game starts with in the locale's
 * card language (library_default_enabled: no packs), each --deck replacing
 * those of its kind. Returns 0, or 1 when decks do not load or a rule broke. */
static int simulate(const SimArgs *args, const char *argv0)
{
    int status = 1, given_count = 0;
    char **paths = NULL;
    size_t path_count = 0, count = 0;
    const char **origin = NULL, **given_paths = NULL;
    Deck **decks = NULL;
    LibraryEntry *entries = NULL;
    bool *enabled = NULL;
    Deck **given = calloc((size_t)args->deck_count + 1, sizeof *given);
    given_paths = calloc((size_t)args->deck_count + 1, sizeof *given_paths);
    unsigned replaced = 0;
    if (!given || !given_paths)
        goto fail;
    for (int i = 0; i < args->deck_count; i++) {
        given_paths[given_count] = args->decks[i];
        given[given_count] = load_reported(args->decks[i]);
        if (!given[given_count++])
            goto fail;
        replaced |= 1u << given[given_count - 1]->kind;
    }
    char dir[4200], why[512];
    if (paths_builtin_decks(argv0, dir, sizeof dir, why, sizeof why) != 0) {
        fprintf(stderr, "tightrope: %s\n", why);
        goto fail;
    }
    if (paths_list_decks(dir, &paths, &path_count) != 0) {
        fprintf(stderr, "tightrope: %s: %s\n", dir, strerror(errno));
        goto fail;
    }
    decks = calloc(path_count + (size_t)given_count + 1, sizeof *decks);
    origin = calloc(path_count + (size_t)given_count + 1, sizeof *origin);
    entries = calloc(path_count + 1, sizeof *entries);
    enabled = calloc(path_count + 1, sizeof *enabled);
    if (!decks || !origin || !entries || !enabled)
        goto fail;
    for (size_t i = 0; i < path_count; i++) {
        entries[i] = (LibraryEntry){.path = paths[i], .source = SOURCE_BUILTIN, .deck = load_reported(paths[i])};
        if (!entries[i].deck)
            goto fail;
    }
    choose_builtin(entries, paths, path_count, enabled, replaced, decks, origin, &count);
    for (int i = 0; i < given_count; i++) {
        origin[count] = given_paths[i];
        decks[count++] = given[i];
        given[i] = NULL;
    }
    for (size_t i = 0; i < count; i++) {
        char name[4 * 1024], where[4 * 4096 + 16];
        printf("%s: %s (%s, %zu card%s)\n", deck_kind_name(decks[i]->kind), shown(decks[i]->name, name, sizeof name),
               shown(origin[i], where, sizeof where), decks[i]->card_count, decks[i]->card_count == 1 ? "" : "s");
    }
    SimOptions opt = {.games = args->games, .seed = args->seed, .policy = args->policy};
    SimResult result;
    char err[512];
    if (!sim_run(&opt, (const Deck *const *)decks, count, &result, err, sizeof err)) {
        fprintf(stderr, "tightrope: %s\n", err);
        goto fail;
    }
    char line[SIM_LINE_MAX];
    sim_format(&result, line, sizeof line);
    printf("%s\n", line);
    status = 0;

fail:
    for (size_t i = 0; decks && i < count; i++)
        deck_free(decks[i]);
    for (size_t i = 0; entries && i < path_count; i++)
        deck_free(entries[i].deck);
    free(entries);
    free(enabled);
    for (int i = 0; given && i < given_count; i++)
        deck_free(given[i]);
    free(decks);
    free(given);
    free(given_paths);
    free(origin);
    paths_list_free(paths, path_count);
    return status;
}

/* ---- the journal: --history and --export ---- */

typedef struct {
    bool history, exporting, replaying;
    long long game_id;       /* --export: 0 for the last game */
    const char *out_dir;     /* --out */
    const char *journal;     /* --journal, or NULL for the data folder's */
    const char *argv0;       /* to find the assets for the picture */
} JournalArgs;

/* Opens the journal read-only (the game may be running): 0, or 1 after
 * saying what went wrong, why, and what to do, in the command's words. */
static int open_journal(const JournalArgs *ja, Journal **journal)
{
    char path[4096], why[4400];
    JournalOptions opt = {.read_only = true};
    JournalStatus st;
    if (ja->journal) {
        snprintf(path, sizeof path, "%s", ja->journal);
        st = journal_open(path, &opt, journal);
    } else {
        st = journal_open_default(&opt, journal, path, sizeof path);
    }
    switch (st) {
    case JOURNAL_OK:
        return 0;
    case JOURNAL_E_NO_PLACE:
        datadir_problem(why, sizeof why);
        fprintf(stderr, "tightrope: cannot find the journal: %s; set HOME to your home folder, or give --journal FILE.\n",
                why);
        return 1;
    case JOURNAL_E_NOT_FOUND:
        if (!ja->journal && !journal_path_problem(path, why, sizeof why)) {
            fprintf(stderr, "tightrope: %s: there is no journal yet; it is made when a game is played.\n", path);
            return 1;
        }
        break;
    case JOURNAL_E_NOT_A_DATABASE:
    case JOURNAL_E_NEWER_VERSION:
    case JOURNAL_E_CORRUPT:
    case JOURNAL_E_NO_MEMORY:
        fprintf(stderr, "tightrope: %s: %s\n", path, journal_message(st));
        return 1;
    default:
        break;
    }
    journal_path_problem(path, why, sizeof why);
    if (!why[0])
        snprintf(why, sizeof why, "%s", journal_message(st));
    fprintf(stderr, "tightrope: cannot read the journal: %s; %s.\n", why,
            ja->journal ? "give --journal the journal file (journal.db in the data folder)"
                        : "the game makes its journal there when that is put right");
    return 1;
}

static const char history_head[] = "Game  Played            Stars   Plans done  Goals done  Couple\n";

static void print_history_row(const JournalEntry *e)
{
    char s[24], p[24], g[24];
    snprintf(s, sizeof s, "%d of %d", e->stars, e->rounds);
    snprintf(p, sizeof p, "%d of %d", e->plans_done, e->plans_made);
    snprintf(g, sizeof g, "%d of %d", e->goals_done, e->goals_made);
    printf("%4lld  %-16.16s  %-6s  %-10s  %-10s  %s & %s\n", e->id, e->played, s, p, g, e->names[0], e->names[1]);
}

/* --history: the journey as a table on stdout. */
static int print_history(Journal *journal)
{
    JournalJourney journey;
    JournalStatus st = journal_journey(journal, NULL, NULL, &journey);
    if (st != JOURNAL_OK) {
        fprintf(stderr, "tightrope: %s\n", journal_message(st));
        return 1;
    }
    if (journey.count == 0) {
        printf("No finished games yet.\n");
        journal_journey_free(&journey);
        return 0;
    }
    int stars = 0, rounds = 0, plans = 0, plans_done = 0, goals = 0, goals_done = 0;
    fputs(history_head, stdout);
    for (size_t i = 0; i < journey.count; i++) {
        const JournalEntry *e = &journey.items[i];
        print_history_row(e);
        stars += e->stars;
        rounds += e->rounds;
        plans += e->plans_made;
        plans_done += e->plans_done;
        goals += e->goals_made;
        goals_done += e->goals_done;
    }
    printf("%zu %s: %d of %d stars, %d of %d plans done, %d of %d goals done.\n", journey.count,
           journey.count == 1 ? "game" : "games", stars, rounds, plans_done, plans, goals_done, goals);
    journal_journey_free(&journey);
    return 0;
}

/* --out DIR: a folder, made (with its parents, like mkdir -p) when it is
 * not there yet. 0, or 1 after saying why not. */
static int make_out_dir(const char *dir)
{
    char path[4096];
    struct stat st;
    if (snprintf(path, sizeof path, "%s", dir) >= (int)sizeof path) {
        fprintf(stderr, "tightrope: %s: the path is too long for --out.\n", dir);
        return 1;
    }
    for (char *p = path + 1;; p++) {
        bool last = *p == '\0';
        if (!last && *p != '/')
            continue;
        *p = '\0';
        if (stat(path, &st) != 0) {
            if (errno != ENOENT || mkdir(path, 0755) != 0) {
                fprintf(stderr, "tightrope: %s: the folder to export to cannot be made: %s.\n", path,
                        files_errno_words(errno));
                return 1;
            }
        } else if (!S_ISDIR(st.st_mode)) {
            fprintf(stderr, "tightrope: %s is a %s, not a folder; give --out a folder to write the files to.\n", path,
                    S_ISREG(st.st_mode) ? "file" : files_kind(st.st_mode));
            return 1;
        }
        if (last)
            break;
        *p = '/';
    }
    return 0;
}

/* --export: Markdown and iCalendar files of one finished game. */
static int export_game(Journal *journal, const JournalArgs *ja)
{
    Record record;
    JournalStatus st = journal_load_game(journal, ja->game_id, &record);
    if (st == JOURNAL_E_NO_SUCH_GAME && ja->game_id == 0) {
        fprintf(stderr, "tightrope: there is no finished game to export yet.\n");
        return 1;
    }
    if (st != JOURNAL_OK) {
        if (st == JOURNAL_E_NO_SUCH_GAME)
            fprintf(stderr, "tightrope: there is no game %lld; 'tightrope --history' lists them.\n", ja->game_id);
        else
            fprintf(stderr, "tightrope: %s\n", journal_message(st));
        return 1;
    }
    if (make_out_dir(ja->out_dir) != 0) {
        record_free(&record);
        return 1;
    }
    ExportFiles files;
    ExportStatus es = export_write(&record, ja->out_dir, NULL, &files);
    if (es != EXPORT_OK) {
        record_free(&record);
        fprintf(stderr, "tightrope: %s: %s\n", ja->out_dir, export_message(es));
        return 1;
    }
    printf("%s\n%s\n", files.markdown, files.ics);
    /* The picture of Our week needs no display: it is drawn on a surface. */
    char assets[4200], err[512];
    AppOptions opt = {.assets_dir = paths_assets(ja->argv0, assets, sizeof assets, err, sizeof err) == 0 ? assets : NULL};
    int status = 0;
    if (app_export_png(&record, files.png, &opt, err, sizeof err) == 0) {
        printf("%s\n", files.png);
    } else {
        fprintf(stderr, "tightrope: %s\n", err);
        status = 1;
    }
    record_free(&record);
    return status;
}

/* --replay, when the game cannot be replayed: says why; exits 2. */
static int replay_refused(Journal *journal, long long id, JournalStatus st)
{
    Record last = {0};
    bool any = journal_load_game(journal, 0, &last) == JOURNAL_OK;
    long long next = any ? last.id + 1 : 1;
    record_free(&last);
    if (st == JOURNAL_E_NO_REPLAY)
        fprintf(stderr, "tightrope: game %lld was played with an older version that did not keep its moves, so it "
                        "cannot be replayed.\n", id);
    else if (st == JOURNAL_E_OLD_RULES)
        fprintf(stderr, "tightrope: game %lld was played by the rules of an older version (two passes each, one "
                        "rebalance card), so this version cannot replay it.\n", id);
    else if (st == JOURNAL_E_NO_SUCH_GAME && journal_has_progress(journal) && (id == next || (id == 0 && !any)))
        fprintf(stderr, "tightrope: game %lld is still being played; it can be replayed once it is finished.\n", next);
    else if (st == JOURNAL_E_NO_SUCH_GAME && id == 0)
        fprintf(stderr, "tightrope: there is no finished game to replay yet.\n");
    else if (st == JOURNAL_E_NO_SUCH_GAME)
        fprintf(stderr, "tightrope: there is no game %lld; 'tightrope --history' lists them.\n", id);
    else
        return -1;
    return 2;
}

/* --replay: the game played again from its moves, its row of --history,
 * its summary and hash; 1 naming the first step that differs. */
static int replay_command(Journal *journal, long long id)
{
    Replay replay;
    JournalStatus st = replay_game(journal, id, &replay);
    int status = st == JOURNAL_OK ? 0 : replay_refused(journal, replay.recorded.id ? replay.recorded.id : id, st);
    if (status < 0) {
        fprintf(stderr, "tightrope: game %lld cannot be replayed: %s\n", replay.recorded.id,
                st == JOURNAL_E_CORRUPT && replay.what[0] ? replay.what : journal_message(st));
        status = 1;
    } else if (status == 0 && replay.step) {
        fprintf(stderr, "tightrope: game %lld diverges at step %ld (%s): %s.\n", replay.recorded.id, replay.step,
                replay.action[0] ? replay.action : "no action kept", replay.what);
        status = 1;
    } else if (status == 0) {
        JournalJourney journey;
        if (journal_journey(journal, NULL, NULL, &journey) == JOURNAL_OK) {
            fputs(history_head, stdout);
            for (size_t i = 0; i < journey.count; i++)
                if (journey.items[i].id == replay.recorded.id)
                    print_history_row(&journey.items[i]);
            journal_journey_free(&journey);
        }
        char summary[4096];
        replay_summary(&replay.replayed, summary, sizeof summary);
        printf("Replayed %zu actions: %s\nHash: %016" PRIx64 "\n", replay.actions, summary, replay.hash);
    }
    replay_free(&replay);
    return status;
}

static int journal_command(const JournalArgs *ja)
{
    Journal *journal = NULL;
    if (open_journal(ja, &journal) != 0)
        return 1;
    int status = ja->history ? print_history(journal) : ja->replaying ? replay_command(journal, ja->game_id) : 0;
    if (status == 0 && ja->exporting)
        status = export_game(journal, ja);
    journal_close(journal);
    return status;
}

/* ---- the command line ---- */

typedef enum { MODE_PLAY, MODE_CHECK, MODE_SIMULATE, MODE_HISTORY, MODE_EXPORT, MODE_REPLAY } Mode;

enum {
    M_PLAY = 1 << MODE_PLAY,
    M_SIM = 1 << MODE_SIMULATE,
    M_HISTORY = 1 << MODE_HISTORY,
    M_EXPORT = 1 << MODE_EXPORT,
    M_REPLAY = 1 << MODE_REPLAY
};

/* Every option but --check, --help and --version: whether it takes a value,
 * and the modes it belongs to (a command sets the mode). */
static const struct {
    const char *name;
    const char *value; /* what the value is, for "needs ..."; NULL: takes none */
    unsigned modes;
    int command;       /* the mode it selects, or -1 */
    const char *needs; /* what it goes with */
} options[] = {
    {"--fullscreen", NULL, M_PLAY, -1, "when the game opens in a window"},
    {"--windowed", NULL, M_PLAY, -1, "when the game opens in a window"},
    {"--font", "a font file, like --font /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", M_PLAY, -1,
     "when the game opens in a window"},
    {"--script", "a script file, like --script play.txt", M_PLAY, -1, "when the game opens in a window"},
    {"--phones-listen", "an address and port, like --phones-listen 192.168.1.20:47617", M_PLAY, -1,
     "when the game opens in a window"},
    {"--deck", "a deck file", M_PLAY | M_SIM, -1, "when playing or with --simulate"},
    {"--decks-dir", "a folder of deck files", M_PLAY, -1, "when the game opens in a window"},
    {"--seed", "a number, like --seed 42", M_PLAY | M_SIM, -1, "with --script or --simulate"},
    {"--simulate", "a number of games, like --simulate 10000", M_SIM, MODE_SIMULATE, NULL},
    {"--policy", "a policy: random or steady", M_SIM, -1, "only with --simulate N"},
    {"--history", NULL, M_HISTORY, MODE_HISTORY, NULL},
    {"--export", NULL, M_EXPORT, MODE_EXPORT, NULL},
    {"--out", "a folder, like --out ~/Documents", M_EXPORT, -1, "only with --export"},
    {"--replay", "a game number (see --history) or 'last', like --replay 3", M_REPLAY, MODE_REPLAY, NULL},
    {"--journal", "a journal file, like --journal journal.db", M_HISTORY | M_EXPORT | M_REPLAY, -1,
     "only with --history, --export or --replay"},
};
enum { OPTION_COUNT = sizeof options / sizeof *options };

typedef struct {
    int mode;            /* -1 until a command is given */
    const char *first;   /* the first option given, for messages */
    unsigned given;      /* bit per options[] entry */
    const char *values[OPTION_COUNT];
    const char **decks;
    int deck_count;
    const char **dirs; /* --decks-dir */
    int dir_count;
    long long game_id;
} Cli;

static int find_option(const char *arg)
{
    for (int i = 0; i < OPTION_COUNT; i++)
        if (strcmp(arg, options[i].name) == 0)
            return i;
    return -1;
}

/* --help, -h or --version, alone: prints and returns 0; with other
 * arguments: a usage error. */
static int help_or_version(int argc, char **argv, int i)
{
    const char *arg = argv[i];
    /* Stray arguments are errors, here as everywhere. */
    if (argc > 2) {
        char fmt[160];
        snprintf(fmt, sizeof fmt, "%%s takes no other arguments, not '%.100s'", argv[i == 1 ? 2 : 1]);
        return usage_error(fmt, arg);
    }
    if (strcmp(arg, "--version") == 0)
        printf("tightrope %s\n", TIGHTROPE_VERSION);
    else
        fputs(usage_text, stdout);
    return 0;
}

/* After the arguments: each option in its mode, and the pairs that must or
 * must not go together. -1 to go on, or an exit status. */
static int check_cli(Cli *cli)
{
    if (cli->mode < 0)
        cli->mode = MODE_PLAY;
    for (int o = 0; o < OPTION_COUNT; o++) {
        if ((cli->given & (1u << o)) && !(options[o].modes & (1u << cli->mode))) {
            char fmt[160];
            snprintf(fmt, sizeof fmt, "%%s works %s", options[o].needs);
            return usage_error(fmt, options[o].name);
        }
    }
    const char *game = cli->values[find_option("--replay")];
    uint64_t n;
    if (game && strcmp(game, "last") != 0 && (!parse_u64(game, INT64_MAX, &n) || n == 0))
        return usage_error("--replay takes a game number (see --history) or 'last', not '%s'", game);
    if (game)
        cli->game_id = strcmp(game, "last") == 0 ? 0 : (long long)n;
    if (cli->mode == MODE_EXPORT && !cli->values[find_option("--out")])
        return usage_error("%s needs a folder to write to: add --out DIR", "--export");
    if (cli->mode == MODE_PLAY && cli->values[find_option("--seed")] && !cli->values[find_option("--script")])
        return usage_error("%s works with --script or --simulate", "--seed");
    if ((cli->given & (1u << find_option("--fullscreen"))) && (cli->given & (1u << find_option("--windowed"))))
        return usage_error("%s cannot be combined with --windowed", "--fullscreen");
    return -1;
}

/* Parses argv into cli. Returns -1 to go on, or an exit status. */
static int parse(int argc, char **argv, Cli *cli)
{
    cli->mode = -1;
    cli->decks = calloc((size_t)argc, sizeof *cli->decks);
    cli->dirs = calloc((size_t)argc, sizeof *cli->dirs);
    if (!cli->decks || !cli->dirs)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0 || strcmp(arg, "--version") == 0)
            return help_or_version(argc, argv, i);
        if (strcmp(arg, "--check") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs at least one deck file", arg);
            if (cli->first)
                return usage_error("--check cannot be combined with %s", cli->first);
            return check_files(argc - i - 1, argv + i + 1);
        }
        int o = find_option(arg);
        if (o < 0) {
            if (arg[0] == '-')
                return usage_error("unknown option '%s'", arg);
            return usage_error("unexpected argument '%s'; to check a deck, use --check FILE", arg);
        }
        if (!cli->first)
            cli->first = arg;
        if (options[o].command >= 0) {
            if (cli->mode >= 0 && cli->mode != options[o].command)
                return usage_error("%s cannot be combined with another command", arg);
            cli->mode = options[o].command;
        }
        if ((cli->given & (1u << o)) && strcmp(arg, "--deck") != 0 && strcmp(arg, "--decks-dir") != 0)
            return usage_error("%s is given twice", arg);
        cli->given |= 1u << o;
        if (strcmp(arg, "--export") == 0 && i + 1 < argc && strncmp(argv[i + 1], "--", 2) != 0) {
            const char *id = argv[++i];
            uint64_t n;
            if (strcmp(id, "last") == 0)
                cli->game_id = 0;
            else if (parse_u64(id, INT64_MAX, &n) && n > 0)
                cli->game_id = (long long)n;
            else
                return usage_error("--export takes a game number (see --history) or 'last', not '%s'", id);
            continue;
        }
        if (!options[o].value)
            continue;
        const char *value = i + 1 < argc ? argv[i + 1] : NULL;
        if (!value || strncmp(value, "--", 2) == 0) {
            char fmt[160];
            snprintf(fmt, sizeof fmt, "%%s needs %s", options[o].value);
            return usage_error(fmt, arg);
        }
        if (!*value) {
            char fmt[160];
            snprintf(fmt, sizeof fmt, "%%s needs %s, not an empty one", options[o].value);
            return usage_error(fmt, arg);
        }
        i++;
        cli->values[o] = value;
        if (strcmp(arg, "--deck") == 0)
            cli->decks[cli->deck_count++] = value;
        if (strcmp(arg, "--decks-dir") == 0)
            cli->dirs[cli->dir_count++] = value;
    }
    return check_cli(cli);
}

static int play(const Cli *cli, const char *argv0)
{
    char decks[4200], assets[4200];
    AppOptions opt = {
        .fullscreen = cli->given & (1u << find_option("--fullscreen")),
        .windowed = cli->given & (1u << find_option("--windowed")),
        .font_file = cli->values[find_option("--font")],
        .script_file = cli->values[find_option("--script")],
        .phones_listen = cli->values[find_option("--phones-listen")],
        .extra_decks = cli->decks,
        .extra_deck_count = cli->deck_count,
        .decks_dirs = cli->dirs,
        .decks_dir_count = cli->dir_count,
    };
    const char *seed = cli->values[find_option("--seed")];
    if (seed) {
        if (!parse_u64(seed, UINT64_MAX, &opt.seed))
            return usage_error("--seed takes a whole number from 0 to 18446744073709551615, not '%s'", seed);
        opt.has_seed = true;
    }
    char why[512];
    if (paths_builtin_decks(argv0, decks, sizeof decks, why, sizeof why) == 0)
        opt.decks_dir = decks;
    else
        fprintf(stderr, "tightrope: %s\n", why);
    if (paths_assets(argv0, assets, sizeof assets, why, sizeof why) == 0)
        opt.assets_dir = assets;
    else
        fprintf(stderr, "tightrope: %s\n", why);
    return app_run(&opt);
}

int main(int argc, char **argv)
{
    i18n_init(argv[0]);
    Cli cli = {0};
    int status = parse(argc, argv, &cli);
    if (status >= 0) {
        free(cli.decks);
        free(cli.dirs);
        return status;
    }
    if (cli.mode == MODE_SIMULATE) {
        SimArgs sim = {.seed = 1, .policy = SIM_RANDOM, .decks = cli.decks, .deck_count = cli.deck_count};
        const char *games = cli.values[find_option("--simulate")];
        const char *seed = cli.values[find_option("--seed")];
        const char *policy = cli.values[find_option("--policy")];
        if (!parse_u64(games, UINT64_MAX, &sim.games) || sim.games < 1 || sim.games > SIM_GAMES_MAX)
            status = usage_error("--simulate takes a number of games from 1 to 1000000, not '%s'", games);
        else if (seed && !parse_u64(seed, UINT64_MAX, &sim.seed))
            status = usage_error("--seed takes a whole number from 0 to 18446744073709551615, not '%s'", seed);
        else if (policy && !sim_policy_parse(policy, &sim.policy))
            status = usage_error("'%s' is not a policy; use random or steady", policy);
        else
            status = simulate(&sim, argv[0]);
    } else if (cli.mode == MODE_HISTORY || cli.mode == MODE_EXPORT || cli.mode == MODE_REPLAY) {
        JournalArgs ja = {
            .history = cli.mode == MODE_HISTORY,
            .exporting = cli.mode == MODE_EXPORT,
            .replaying = cli.mode == MODE_REPLAY,
            .game_id = cli.game_id,
            .out_dir = cli.values[find_option("--out")],
            .journal = cli.values[find_option("--journal")],
            .argv0 = argv[0],
        };
        status = journal_command(&ja);
    } else {
        status = play(&cli, argv[0]);
    }
    free(cli.decks);
    free(cli.dirs);
    return status;
}
