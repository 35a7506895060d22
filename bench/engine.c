/* SPDX-License-Identifier: MIT */
/* The engine's half of bench/run: deck parsing speed on a generated deck,
 * beside the floor of merely reading the same file and finding its lines.
 *   engine generate PATH MB   writes a valid deck of about MB megabytes
 *   engine parse PATH RUNS    prints "PARSE_MB_S READ_MB_S CARDS" (medians) */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "deck.h"

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, by_value);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Cards like people write them: a sentence or two, now and then a weight,
 * tags, a continuation line, a comment, a new level. */
static int generate(const char *path, long mb)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return 1;
    fputs("# A generated deck for bench/run.\ndeck: Benchmark\nkind: sharing\nabout: Generated cards.\n"
          "levels: Light, Closer, Deep\n",
          f);
    static const char *const words[] = {"when", "did", "you", "last", "feel", "close", "to", "me", "and", "what",
                                        "made", "that", "evening", "ours", "café", "walk", "quiet", "morning"};
    unsigned state = 1;
    long i = 0;
    while (ftell(f) < mb * 1024 * 1024) {
        if (i % 20000 == 0)
            fprintf(f, "\nlevel: %ld\n", 1 + (i / 20000) % 3);
        fprintf(f, "Card %ld:", i);
        int n = 8 + (int)(state % 12);
        for (int w = 0; w < n; w++) {
            state = state * 1103515245u + 12345u;
            fprintf(f, " %s", words[(state >> 16) % (sizeof words / sizeof *words)]);
        }
        fputs("?\n", f);
        if (i % 7 == 0)
            fprintf(f, "    weight: %+d\n", (int)(i % 7) - 3);
        if (i % 11 == 0)
            fputs("    tags: evening, talk\n", f);
        if (i % 13 == 0)
            fputs("    And what would you change about it?\n", f);
        if (i % 101 == 0)
            fputs("# a comment\n", f);
        i++;
    }
    return fclose(f) == 0 ? 0 : 1;
}

static int parse(const char *path, int runs)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 1;
    double mb = (double)st.st_size / (1024.0 * 1024.0);
    double parse_rate[64], read_rate[64];
    size_t cards = 0;
    if (runs > 64)
        runs = 64;
    for (int r = 0; r < runs; r++) {
        DeckReport report = {0};
        double t = now_s();
        Deck *deck = deck_load(path, &report);
        parse_rate[r] = mb / (now_s() - t);
        if (!deck || report.errors) {
            fprintf(stderr, "engine: the generated deck does not load (%zu errors)\n", report.errors);
            return 1;
        }
        cards = deck->card_count;
        deck_free(deck);
        deck_report_free(&report);
        /* The floor: read the whole file and find its lines, nothing else. */
        t = now_s();
        int fd = open(path, O_RDONLY);
        char *buf = malloc((size_t)st.st_size);
        size_t got = 0, lines = 0;
        ssize_t n;
        while (buf && (n = read(fd, buf + got, (size_t)st.st_size - got)) > 0)
            got += (size_t)n;
        for (const char *p = buf; buf && (p = memchr(p, '\n', (size_t)(buf + got - p))); p++)
            lines++;
        close(fd);
        free(buf);
        read_rate[r] = mb / (now_s() - t);
        if (lines == 0)
            return 1;
    }
    printf("%.0f %.0f %zu\n", median(parse_rate, runs), median(read_rate, runs), cards);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "generate") == 0)
        return generate(argv[2], atol(argv[3]));
    if (argc == 4 && strcmp(argv[1], "parse") == 0)
        return parse(argv[2], atoi(argv[3]));
    fprintf(stderr, "usage: engine generate PATH MB | engine parse PATH RUNS\n");
    return 2;
}
