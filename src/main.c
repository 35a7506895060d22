/* The tightrope command line: checks deck files, and (with the front end)
 * starts the game. Usage errors exit with status 2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deck.h"

#ifndef TIGHTROPE_VERSION
#define TIGHTROPE_VERSION "0.0.0"
#endif

static const char usage_text[] =
    "Usage: tightrope [OPTION]... \n"
    "       tightrope --check FILE...\n"
    "A cooperative card game for two partners.\n"
    "\n"
    "Options:\n"
    "  --check FILE...  check deck files and report their problems\n"
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

int main(int argc, char **argv)
{
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
            return check_files(argc - i - 1, argv + i + 1);
        }
        if (arg[0] == '-')
            return usage_error("unknown option '%s'", arg);
        return usage_error("unexpected argument '%s'; to check a deck, use --check FILE", arg);
    }
    fputs("tightrope: the game window is not built yet; for now, 'tightrope --check FILE...' checks decks.\n",
          stderr);
    return 0;
}
