/* The tightrope command line: checks deck files, simulates games, and (with
 * the front end) starts the game. Usage errors exit with status 2. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"
#include "export.h"
#include "journal.h"
#include "paths.h"
#include "sim.h"

#ifndef TIGHTROPE_VERSION
#define TIGHTROPE_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "Usage: tightrope [OPTION]... \n"
    "       tightrope --check FILE...\n"
    "       tightrope --simulate N [--seed S] [--policy random|steady] [--deck FILE]...\n"
    "       tightrope --history [--journal FILE]\n"
    "       tightrope --export [GAME_ID|last] --out DIR [--journal FILE]\n"
    "A cooperative card game for two partners.\n"
    "\n"
    "Options:\n"
    "  --check FILE...  check deck files and report their problems\n"
    "  --simulate N     play N games (1 to 1000000) headless on the built-in decks and print their figures\n"
    "  --seed S         with --simulate: the seed of the first game (default 1)\n"
    "  --policy P       with --simulate: choose at random (default) or keep the rope steady\n"
    "  --deck FILE      with --simulate: play FILE instead of the built-in decks of its kind\n"
    "  --history        print our journey, every finished game, as a table\n"
    "  --export [ID]    export finished game ID (default: last) as Markdown and iCalendar files\n"
    "  --out DIR        with --export: the folder to write the files to\n"
    "  --journal FILE   with --history or --export: read FILE instead of the journal in the data folder\n"
    "  --help           show this help and exit\n"
    "  --version        show the version and exit\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "tightrope: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'tightrope --help' for more information.\n");
    return 2;
}

/* Prints a report the way compilers do, so editors can jump to each line. */
static void print_report(const char *path, const DeckReport *report)
{
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

/* --check: returns 0 when no file has an error, 1 otherwise. */
static int check_files(int count, char **paths)
{
    int status = 0;
    for (int i = 0; i < count; i++) {
        DeckReport report = {0};
        Deck *deck = deck_load(paths[i], &report);
        print_report(paths[i], &report);
        if (deck)
            printf("%s: %zu cards (%s)\n", paths[i], deck->card_count, deck_kind_name(deck->kind));
        else
            status = 1;
        deck_free(deck);
        deck_report_free(&report);
    }
    return status;
}

/* Parses a whole decimal (or 0x hexadecimal) number of at most max. */
static bool parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        return false;
    char *end;
    errno = 0;
    int base = (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) ? 16 : 10;
    unsigned long long v = strtoull(s, &end, base);
    if (errno || *end || end == s || v > max)
        return false;
    *out = v;
    return true;
}

typedef struct {
    uint64_t games, seed;
    SimPolicy policy;
    int argc; /* the command line, for its --deck files */
    char **argv;
} SimArgs;

static bool is_sim_option(const char *arg)
{
    return strcmp(arg, "--simulate") == 0 || strcmp(arg, "--seed") == 0 || strcmp(arg, "--policy") == 0 ||
           strcmp(arg, "--deck") == 0;
}

/* Loads one deck file, printing its problems. NULL when it has errors. */
static Deck *load_reported(const char *path)
{
    DeckReport report = {0};
    Deck *deck = deck_load(path, &report);
    print_report(path, &report);
    deck_report_free(&report);
    return deck;
}

/* --simulate: the built-in decks, each --deck replacing those of its kind.
 * Returns 0, or 1 when decks do not load or a rule broke. */
static int simulate(const SimArgs *args, const char *argv0)
{
    int status = 1, given_count = 0;
    char **paths = NULL;
    size_t path_count = 0, count = 0;
    const char **origin = NULL, **given_paths = NULL;
    Deck **decks = NULL;
    Deck **given = calloc((size_t)args->argc, sizeof *given);
    given_paths = calloc((size_t)args->argc, sizeof *given_paths);
    unsigned replaced = 0;
    if (!given || !given_paths)
        goto fail;
    for (int i = 1; i + 1 < args->argc; i++) {
        if (!is_sim_option(args->argv[i]))
            continue;
        if (strcmp(args->argv[i], "--deck") == 0) {
            given_paths[given_count] = args->argv[i + 1];
            given[given_count] = load_reported(args->argv[i + 1]);
            if (!given[given_count++])
                goto fail;
            replaced |= 1u << given[given_count - 1]->kind;
        }
        i++;
    }
    char dir[4200];
    if (!paths_builtin_decks(argv0, dir, sizeof dir)) {
        fprintf(stderr, "tightrope: %s\n", dir);
        goto fail;
    }
    if (paths_list_decks(dir, &paths, &path_count) != 0) {
        fprintf(stderr, "tightrope: %s: %s\n", dir, strerror(errno));
        goto fail;
    }
    decks = calloc(path_count + (size_t)given_count + 1, sizeof *decks);
    origin = calloc(path_count + (size_t)given_count + 1, sizeof *origin);
    if (!decks || !origin)
        goto fail;
    for (size_t i = 0; i < path_count; i++) {
        Deck *deck = load_reported(paths[i]);
        if (!deck)
            goto fail;
        if (replaced & 1u << deck->kind) {
            deck_free(deck);
            continue;
        }
        origin[count] = paths[i];
        decks[count++] = deck;
    }
    for (int i = 0; i < given_count; i++) {
        origin[count] = given_paths[i];
        decks[count++] = given[i];
        given[i] = NULL;
    }
    for (size_t i = 0; i < count; i++)
        printf("%s: %s (%s, %zu card%s)\n", deck_kind_name(decks[i]->kind), decks[i]->name, origin[i],
               decks[i]->card_count, decks[i]->card_count == 1 ? "" : "s");
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
    bool history, exporting;
    long long game_id;       /* --export: 0 for the last game */
    const char *out_dir;     /* --out */
    const char *journal;     /* --journal, or NULL for the data folder's */
    const char *needs_other; /* the first of --out/--journal, to check it has its command */
} JournalArgs;

static bool is_journal_option(const char *arg)
{
    return strcmp(arg, "--history") == 0 || strcmp(arg, "--export") == 0 || strcmp(arg, "--out") == 0 ||
           strcmp(arg, "--journal") == 0;
}

/* Parses the journal option at argv[*i] (and its value). Returns 0, or 2
 * after a usage error. */
static int parse_journal_option(int argc, char **argv, int *i, JournalArgs *ja)
{
    const char *arg = argv[*i];
    const char *value = *i + 1 < argc ? argv[*i + 1] : NULL;
    bool has_value = value && !(value[0] == '-' && value[1] == '-');
    if (strcmp(arg, "--history") == 0) {
        ja->history = true;
        return 0;
    }
    if (strcmp(arg, "--export") == 0) {
        ja->exporting = true;
        if (has_value) {
            (*i)++;
            uint64_t id;
            if (strcmp(value, "last") == 0)
                ja->game_id = 0;
            else if (parse_u64(value, INT64_MAX, &id) && id > 0)
                ja->game_id = (long long)id;
            else
                return usage_error("--export takes a game number (see --history) or 'last', not '%s'", value);
        }
        return 0;
    }
    if (!has_value)
        return usage_error(strcmp(arg, "--out") == 0 ? "%s needs a folder, like --out ~/Documents"
                                                     : "%s needs a journal file, like --journal journal.db",
                           arg);
    (*i)++;
    if (strcmp(arg, "--out") == 0)
        ja->out_dir = value;
    else
        ja->journal = value;
    ja->needs_other = ja->needs_other ? ja->needs_other : arg;
    return 0;
}

/* Opens the journal read-only (the game may be running): 0, or 1 after
 * saying why not. */
static int open_journal(const JournalArgs *ja, Journal **journal)
{
    char path[4096];
    JournalOptions opt = {.read_only = true};
    JournalStatus st;
    if (ja->journal) {
        snprintf(path, sizeof path, "%s", ja->journal);
        st = journal_open(path, &opt, journal);
    } else {
        st = journal_open_default(&opt, journal, path, sizeof path);
    }
    if (st == JOURNAL_E_NOT_FOUND) {
        fprintf(stderr, "tightrope: %s: there is no journal yet; it is made when a game is played.\n", path);
        return 1;
    }
    if (st != JOURNAL_OK) {
        fprintf(stderr, "tightrope: %s: %s\n", path[0] ? path : "journal", journal_message(st));
        return 1;
    }
    return 0;
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
    printf("Game  Played            Stars   Plans done  Goals done  Couple\n");
    for (size_t i = 0; i < journey.count; i++) {
        const JournalEntry *e = &journey.items[i];
        char s[24], p[24], g[24];
        snprintf(s, sizeof s, "%d of %d", e->stars, e->rounds);
        snprintf(p, sizeof p, "%d of %d", e->plans_done, e->plans_made);
        snprintf(g, sizeof g, "%d of %d", e->goals_done, e->goals_made);
        printf("%4lld  %-16.16s  %-6s  %-10s  %-10s  %s & %s\n", e->id, e->played, s, p, g, e->names[0], e->names[1]);
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
    ExportFiles files;
    ExportStatus es = export_write(&record, ja->out_dir, NULL, &files);
    record_free(&record);
    if (es != EXPORT_OK) {
        fprintf(stderr, "tightrope: %s: %s\n", ja->out_dir, export_message(es));
        return 1;
    }
    printf("%s\n%s\n", files.markdown, files.ics);
    return 0;
}

static int journal_command(const JournalArgs *ja)
{
    Journal *journal = NULL;
    if (open_journal(ja, &journal) != 0)
        return 1;
    int status = ja->history ? print_history(journal) : 0;
    if (status == 0 && ja->exporting)
        status = export_game(journal, ja);
    journal_close(journal);
    return status;
}

int main(int argc, char **argv)
{
    SimArgs sim = {.seed = 1, .policy = SIM_RANDOM, .argc = argc, .argv = argv};
    bool simulating = false;
    const char *sim_only = NULL; /* the first option that needs --simulate */
    JournalArgs journal_args = {0};
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
            fputs(usage_text, stdout);
            return 0;
        }
        if (strcmp(arg, "--version") == 0) {
            printf("tightrope %s\n", TIGHTROPE_VERSION);
            return 0;
        }
        if (strcmp(arg, "--check") == 0) {
            if (i + 1 >= argc)
                return usage_error("%s needs at least one deck file", arg);
            if (simulating || sim_only)
                return usage_error("%s cannot be combined with --simulate and its options", arg);
            return check_files(argc - i - 1, argv + i + 1);
        }
        if (is_journal_option(arg)) {
            int usage = parse_journal_option(argc, argv, &i, &journal_args);
            if (usage)
                return usage;
            continue;
        }
        if (is_sim_option(arg)) {
            const char *value = i + 1 < argc ? argv[i + 1] : NULL;
            if (!value || (value[0] == '-' && value[1] == '-')) {
                if (strcmp(arg, "--simulate") == 0)
                    return usage_error("%s needs a number of games, like --simulate 10000", arg);
                if (strcmp(arg, "--seed") == 0)
                    return usage_error("%s needs a number, like --seed 42", arg);
                if (strcmp(arg, "--policy") == 0)
                    return usage_error("%s needs a policy: random or steady", arg);
                return usage_error("%s needs a deck file", arg);
            }
            i++;
            if (strcmp(arg, "--simulate") == 0) {
                if (!parse_u64(value, UINT64_MAX, &sim.games) || sim.games < 1 || sim.games > SIM_GAMES_MAX)
                    return usage_error("--simulate takes a number of games from 1 to 1000000, not '%s'", value);
                simulating = true;
            } else if (strcmp(arg, "--seed") == 0) {
                if (!parse_u64(value, UINT64_MAX, &sim.seed))
                    return usage_error("--seed takes a whole number from 0 to 18446744073709551615, not '%s'", value);
                sim_only = sim_only ? sim_only : arg;
            } else if (strcmp(arg, "--policy") == 0) {
                if (!sim_policy_parse(value, &sim.policy))
                    return usage_error("'%s' is not a policy; use random or steady", value);
                sim_only = sim_only ? sim_only : arg;
            } else {
                sim_only = sim_only ? sim_only : arg;
            }
            continue;
        }
        if (arg[0] == '-')
            return usage_error("unknown option '%s'", arg);
        return usage_error("unexpected argument '%s'; to check a deck, use --check FILE", arg);
    }
    if (journal_args.history || journal_args.exporting || journal_args.needs_other) {
        if (simulating || sim_only)
            return usage_error("%s cannot be combined with --simulate and its options",
                               journal_args.history ? "--history" : journal_args.exporting ? "--export" : journal_args.needs_other);
        if (journal_args.out_dir && !journal_args.exporting)
            return usage_error("%s works only with --export", "--out");
        if (!journal_args.history && !journal_args.exporting)
            return usage_error("%s works only with --history or --export", "--journal");
        if (journal_args.exporting && !journal_args.out_dir)
            return usage_error("%s needs a folder to write to: add --out DIR", "--export");
        return journal_command(&journal_args);
    }
    if (sim_only && !simulating)
        return usage_error("%s works only with --simulate N", sim_only);
    if (simulating)
        return simulate(&sim, argv[0]);
    fputs("tightrope: the game window is not built yet; for now, 'tightrope --check FILE...' checks decks.\n",
          stderr);
    return 0;
}
