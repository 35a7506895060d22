/* SPDX-License-Identifier: MIT */
/* Tests of export: the calendar rule for plan days, the Markdown summary,
 * the iCalendar file against RFC 5545's rules (CRLF, 75-octet folding that
 * never splits a UTF-8 character, TEXT escaping), and the file rule: atomic
 * writes that never replace an existing file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <fcntl.h>
#include <time.h>

#include "export.h"
#include "record.h"
#include "testutil.h"

static char tmpdir[256];

static int make_tmpdir(void **state)
{
    (void)state;
    if (testutil_tmpdir(tmpdir, sizeof tmpdir, "export") != 0)
        return -1;
    setenv("XDG_DATA_HOME", tmpdir, 1);
    return 0;
}

static int remove_tmpdir(void **state)
{
    (void)state;
    return testutil_rmrf(tmpdir);
}

/* Played on Friday 3 May 2024: day 0 is Saturday 4 May. */
static void sample(Record *r)
{
    memset(r, 0, sizeof *r);
    snprintf(r->played, sizeof r->played, "2024-05-03 21:14:00");
    record_set_name(r, 0, "Anna");
    record_set_name(r, 1, "Ben");
    r->needs[0] = NEED_CLOSER;
    r->rounds = 3;
    r->stars = 2;
    r->passes[0] = 1;
    record_add_deck(r, "Between Us");
    record_add_balance(r, 1);
    record_add_balance(r, -2);
    record_add_balance(r, 0);
    assert_true(record_add_plan(r, "Cook, together; then talk", 1, TIME_EVENING));
    assert_true(record_add_plan(r, "Walk by the river", RECORD_SOME_DAY, TIME_EVENING));
    assert_true(record_add_plan(r, "Breakfast out", 0, TIME_MORNING));
    assert_true(record_add_plan(r, "Call her mother", 2, TIME_ANY));
    assert_true(record_add_goal(r, 0, "Go climbing\nwith Sam", 2, "I'll cook that night, promise"));
    assert_true(record_add_goal(r, 1, "Read a whole book \\ maybe two", 6, "Quiet evenings; no phones"));
    assert_true(record_add_goal(r, 1, "Learn a song", RECORD_SOME_DAY, "Listen to it"));
}

static time_t fixed_now(void)
{
    return 1714771200; /* 2024-05-03 21:20:00 UTC */
}

/* ---- dates ---- */

static void test_day_dates(void **state)
{
    (void)state;
    char out[RECORD_DATE_SIZE];
    assert_true(record_day_date("2024-05-03 21:14:00", 0, out));
    assert_string_equal(out, "2024-05-04");
    assert_true(record_day_date("2024-05-03", 6, out));
    assert_string_equal(out, "2024-05-10");
    assert_true(record_day_date("2024-12-28 10:00:00", 3, out)); /* across a year */
    assert_string_equal(out, "2025-01-01");
    assert_true(record_day_date("2024-02-27", 1, out)); /* a leap day */
    assert_string_equal(out, "2024-02-29");
    assert_true(record_day_date("2023-02-27", 1, out));
    assert_string_equal(out, "2023-03-01");
    assert_false(record_day_date("2024-05-03", RECORD_SOME_DAY, out));
    assert_false(record_day_date("2024-05-03", -1, out));
    assert_false(record_day_date("2024-02-30", 0, out));
    assert_false(record_day_date("03/05/2024", 0, out));
    assert_false(record_day_date("9999-12-31", 0, out));
    assert_int_equal(record_weekday("2024-05-03"), 4); /* Friday */
    assert_int_equal(record_weekday("1970-01-01"), 3); /* Thursday */
    assert_int_equal(record_weekday("2000-02-29"), 1); /* Tuesday */
    assert_int_equal(record_weekday("nonsense"), -1);
    assert_string_equal(record_weekday_name(6), "Sunday");
    assert_string_equal(record_month_name(12), "December");
    assert_string_equal(record_time_name(TIME_ANY), "any time");
    assert_string_equal(record_need_name(NEED_SPACE), "more space");
}

static void test_record_copy(void **state)
{
    (void)state;
    Record a, b;
    sample(&a);
    assert_true(record_copy(&b, &a));
    record_free(&a);
    assert_string_equal(b.names[0], "Anna");
    assert_int_equal(b.plan_count, 4);
    assert_string_equal(b.goals[1].support, "Quiet evenings; no phones");
    assert_false(record_add_plan(&b, "x", 8, TIME_MORNING));
    assert_false(record_add_goal(&b, 2, "x", 0, "y"));
    assert_int_equal(b.plan_count, 4);
    record_free(&b);
    record_free(NULL);
}

/* ---- Markdown ---- */

static void test_markdown(void **state)
{
    (void)state;
    Record r;
    sample(&r);
    char *md = export_markdown(&r);
    assert_non_null(md);
    assert_non_null(strstr(md, "# Our week: Anna & Ben\n"));
    assert_non_null(strstr(md, "Played on Friday 3 May 2024 · 3 rounds · 2 of 3 stars ★★☆\n"));
    assert_non_null(strstr(md, "## Plans\n\n- **Sunday 5 May, evening:** Cook, together; then talk\n"
                               "- **Some day:** Walk by the river\n"
                               "- **Saturday 4 May, morning:** Breakfast out\n"
                               "- **Monday 6 May:** Call her mother\n"));
    assert_non_null(strstr(md, "- **Anna**, Monday 6 May: Go climbing with Sam  \n"
                               "  Ben's support: I'll cook that night, promise\n"));
    assert_non_null(strstr(md, "- **Ben**, Friday 10 May: Read a whole book \\\\ maybe two  \n"
                               "  Anna's support: Quiet evenings; no phones\n"));
    assert_non_null(strstr(md, "- **Ben**, Some day: Learn a song"));
    assert_non_null(strstr(md, "- Needs this week: Anna closer, Ben balanced\n"));
    /* A pass leaves no trace (the record holds one). */
    assert_null(strstr(md, "Pass"));
    assert_null(strstr(md, "pass"));
    assert_non_null(strstr(md, "- Decks: Between Us\n"));
    assert_non_null(strstr(md, "after each card (+ together, − apart): +1 -2 0\n"));
    free(md);

    /* Markdown's own characters in names and cards are shown, not obeyed. */
    record_set_name(&r, 0, "*Anna_* [x](y) #1");
    free(r.plans[0].text);
    r.plans[0].text = strdup("Dinner <b>at</b> `8`");
    md = export_markdown(&r);
    assert_non_null(strstr(md, "# Our week: \\*Anna\\_\\* \\[x\\](y) \\#1 & Ben\n"));
    assert_non_null(strstr(md, "Dinner \\<b\\>at\\</b\\> \\`8\\`"));
    free(md);
    record_free(&r);

    Record empty = {0};
    snprintf(empty.played, sizeof empty.played, "2024-05-03 21:14:00");
    empty.rounds = 1;
    md = export_markdown(&empty);
    assert_non_null(strstr(md, "# Our week: Player 1 & Player 2\n"));
    assert_non_null(strstr(md, "No plans this time."));
    assert_non_null(strstr(md, "1 round · 0 of 1 star ☆"));
    free(md);
}

/* ---- iCalendar ---- */

/* Checks RFC 5545's line rules on text and returns the logical (unfolded)
 * lines, NUL-separated, in a new buffer; *count receives how many. */
static char *check_and_unfold(const char *ics, size_t *count)
{
    size_t n = strlen(ics);
    char *out = malloc(n + 1);
    assert_non_null(out);
    size_t o = 0;
    *count = 0;
    const char *p = ics;
    assert_true(n >= 2 && ics[n - 2] == '\r' && ics[n - 1] == '\n');
    while (*p) {
        const char *eol = strstr(p, "\r\n");
        assert_non_null(eol); /* every line ends in CRLF */
        size_t len = (size_t)(eol - p);
        assert_true(len <= EXPORT_LINE_OCTETS);
        for (size_t i = 0; i < len; i++)
            assert_true(p[i] != '\r' && p[i] != '\n'); /* no bare CR or LF */
        /* Each physical line is whole UTF-8: no character split by a fold. */
        const unsigned char *u = (const unsigned char *)p;
        assert_true(len == 0 || (u[0] & 0xC0) != 0x80 || (u[0] == ' '));
        if (len > 1 && p[0] == ' ')
            assert_true((u[1] & 0xC0) != 0x80);
        if (len > 0) {
            unsigned char last = u[len - 1];
            size_t back = 0;
            while (back < len && (u[len - 1 - back] & 0xC0) == 0x80)
                back++;
            if (back < len) {
                unsigned char lead = u[len - 1 - back];
                size_t need = lead < 0x80 ? 0 : lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : 1;
                assert_int_equal(back, need);
            }
            (void)last;
        }
        if (p[0] == ' ') { /* a continuation: joins the previous line */
            assert_true(*count > 0);
            o--; /* drop the previous NUL */
            memcpy(out + o, p + 1, len - 1);
            o += len - 1;
        } else {
            memcpy(out + o, p, len);
            o += len;
            (*count)++;
        }
        out[o++] = '\0';
        p = eol + 2;
    }
    return out;
}

/* The index of the logical line equal to want, or -1. */
static int find_line(const char *lines, size_t count, const char *want)
{
    const char *l = lines;
    for (size_t i = 0; i < count; i++) {
        if (strcmp(l, want) == 0)
            return (int)i;
        l += strlen(l) + 1;
    }
    return -1;
}

static size_t count_prefix(const char *lines, size_t count, const char *prefix)
{
    size_t n = 0;
    const char *l = lines;
    for (size_t i = 0; i < count; i++) {
        n += strncmp(l, prefix, strlen(prefix)) == 0;
        l += strlen(l) + 1;
    }
    return n;
}

static void test_ics_structure(void **state)
{
    (void)state;
    Record r;
    sample(&r);
    r.id = 12;
    ExportOptions opt = {.now = fixed_now()};
    char *ics = export_ics(&r, &opt);
    assert_non_null(ics);
    size_t count;
    char *lines = check_and_unfold(ics, &count);
    assert_int_equal(find_line(lines, count, "BEGIN:VCALENDAR"), 0);
    assert_int_equal(find_line(lines, count, "END:VCALENDAR"), (int)count - 1);
    assert_true(find_line(lines, count, "VERSION:2.0") > 0);
    assert_true(find_line(lines, count, "PRODID:-//Tightrope//Tightrope Our week//EN") > 0);
    /* Plans and goals with a day: 3 of 4 plans, 2 of 3 goals. */
    assert_int_equal(count_prefix(lines, count, "BEGIN:VEVENT"), 5);
    assert_int_equal(count_prefix(lines, count, "END:VEVENT"), 5);
    assert_int_equal(count_prefix(lines, count, "UID:"), 5);
    assert_int_equal(count_prefix(lines, count, "DTSTAMP:20240503T212000Z"), 5);
    assert_int_equal(count_prefix(lines, count, "SUMMARY:"), 5);

    /* Evening of day 1 (Sunday 5 May), floating local time. */
    int i = find_line(lines, count, "SUMMARY:Cook\\, together\\; then talk");
    assert_true(i > 0);
    assert_true(find_line(lines, count, "DTSTART:20240505T190000") > 0);
    assert_true(find_line(lines, count, "DTEND:20240505T210000") > 0);
    assert_true(find_line(lines, count, "DTSTART:20240504T090000") > 0); /* morning, day 0 */
    assert_true(find_line(lines, count, "DTEND:20240504T110000") > 0);
    /* Any time: an all-day event, ending (exclusively) the next day. */
    assert_true(find_line(lines, count, "DTSTART;VALUE=DATE:20240506") > 0);
    assert_true(find_line(lines, count, "DTEND;VALUE=DATE:20240507") > 0);
    /* Goals: all-day on their day, with the support; escaped text. */
    assert_true(find_line(lines, count, "SUMMARY:Anna: Go climbing\\nwith Sam") > 0);
    assert_true(find_line(lines, count, "DESCRIPTION:Anna's solo goal for the week.\\nBen's support: I'll cook th"
                                        "at night\\, promise") > 0);
    assert_true(find_line(lines, count, "SUMMARY:Ben: Read a whole book \\\\ maybe two") > 0);
    assert_true(find_line(lines, count, "DTSTART;VALUE=DATE:20240510") > 0);
    assert_true(find_line(lines, count, "DTEND;VALUE=DATE:20240511") > 0);
    /* Each event has a reminder at 19:00 the evening before: counted back
     * from its start (midnight for a day without a time). */
    assert_int_equal(count_prefix(lines, count, "BEGIN:VALARM"), 5);
    assert_int_equal(count_prefix(lines, count, "ACTION:DISPLAY"), 5);
    assert_int_equal(count_prefix(lines, count, "TRIGGER:-PT24H"), 1); /* the evening plan */
    assert_int_equal(count_prefix(lines, count, "TRIGGER:-PT14H"), 1); /* the morning plan */
    assert_int_equal(count_prefix(lines, count, "TRIGGER:-PT5H"), 3);  /* all-day: a plan, two goals */
    assert_true(find_line(lines, count, "DESCRIPTION:Tomorrow: Cook\\, together\\; then talk") > 0);
    assert_int_equal(find_line(lines, count, "SUMMARY:Walk by the river"), -1); /* some day: no event */
    assert_int_equal(find_line(lines, count, "SUMMARY:Ben: Learn a song"), -1);

    /* UIDs differ between events and are stable for the same game. */
    const char *l = lines;
    char uids[5][128];
    int u = 0;
    for (size_t k = 0; k < count; k++, l += strlen(l) + 1)
        if (strncmp(l, "UID:", 4) == 0)
            snprintf(uids[u++], sizeof uids[0], "%s", l);
    for (int a = 0; a < 5; a++)
        for (int b = a + 1; b < 5; b++)
            assert_string_not_equal(uids[a], uids[b]);
    char *again = export_ics(&r, &opt);
    assert_string_equal(again, ics);
    free(again);
    free(lines);
    free(ics);
    record_free(&r);
}

static void test_ics_folding_and_escaping(void **state)
{
    (void)state;
    Record r;
    sample(&r);
    /* A long plan of multibyte characters, at every alignment. */
    char text[1200] = "";
    const char *pieces[] = {"é", "😀", "a", "中", ";", ",", "\\", "\n"};
    size_t len = 0;
    for (int i = 0; len < 900; i++) {
        const char *piece = pieces[(i * 7 + i / 3) % 8];
        memcpy(text + len, piece, strlen(piece));
        len += strlen(piece);
    }
    text[len] = '\0';
    free(r.plans[0].text);
    r.plans[0].text = strdup(text);
    ExportOptions opt = {.now = fixed_now()};
    char *ics = export_ics(&r, &opt);
    size_t count;
    char *lines = check_and_unfold(ics, &count);
    /* Unfolded, the SUMMARY is the text with the four escapes applied. */
    char expect[4000] = "SUMMARY:";
    size_t e = strlen(expect);
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            expect[e++] = '\\';
            expect[e++] = 'n';
        } else {
            if (*p == ';' || *p == ',' || *p == '\\')
                expect[e++] = '\\';
            expect[e++] = *p;
        }
    }
    expect[e] = '\0';
    assert_true(find_line(lines, count, expect) > 0);
    /* It really was folded, and never inside an escape. */
    assert_non_null(strstr(ics, "\r\n "));
    for (const char *f = strstr(ics, "\r\n "); f; f = strstr(f + 1, "\r\n ")) {
        size_t run = 0;
        while (f - run > ics && f[-1 - (long)run] == '\\')
            run++;
        assert_int_equal(run % 2, 0);
    }
    free(lines);
    free(ics);

    /* Control characters are not TEXT: they become spaces; CRLF is one newline. */
    free(r.plans[0].text);
    r.plans[0].text = strdup("Tab\there, bell\a, crlf\r\nend");
    ics = export_ics(&r, &opt);
    lines = check_and_unfold(ics, &count);
    assert_true(find_line(lines, count, "SUMMARY:Tab\there\\, bell \\, crlf\\nend") > 0);
    free(lines);
    free(ics);
    record_free(&r);
}

/* ---- files ---- */

static void expect_file(const char *path, const char *content)
{
    static char buf[65536];
    assert_int_equal(testutil_read(path, buf, sizeof buf), (long)strlen(content));
    assert_string_equal(buf, content);
}

static int count_temp_files(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += strncmp(e->d_name, ".tightrope-export-", 18) == 0;
    closedir(d);
    return n;
}

static void test_write_never_replaces(void **state)
{
    (void)state;
    Record r;
    sample(&r);
    ExportOptions opt = {.now = fixed_now()};
    ExportFiles f;
    assert_int_equal(export_write(&r, tmpdir, &opt, &f), EXPORT_OK);
    char expect[600];
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03.md", tmpdir);
    assert_string_equal(f.markdown, expect);
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03.ics", tmpdir);
    assert_string_equal(f.ics, expect);
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03.png", tmpdir);
    assert_string_equal(f.png, expect);
    char *md = export_markdown(&r), *ics = export_ics(&r, &opt);
    expect_file(f.markdown, md);
    expect_file(f.ics, ics);
    struct stat st;
    assert_int_equal(stat(f.markdown, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0644);

    /* Again: a new pair of names; the first pair untouched. */
    assert_non_null(testutil_write(tmpdir, "our-week-2024-05-03.md", "my own edits"));
    ExportFiles g;
    assert_int_equal(export_write(&r, tmpdir, &opt, &g), EXPORT_OK);
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03-2", tmpdir);
    assert_string_equal(g.stem, expect);
    expect_file(f.markdown, "my own edits");
    expect_file(g.ics, ics);

    /* A picture already using a name keeps the whole name taken (and -2
     * is a whole export once its picture is there). */
    assert_non_null(testutil_write(tmpdir, "our-week-2024-05-03-2.png", "png"));
    assert_non_null(testutil_write(tmpdir, "our-week-2024-05-03-3.png", "png"));
    assert_int_equal(export_write(&r, tmpdir, NULL, &g), EXPORT_OK);
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03-4.md", tmpdir);
    assert_string_equal(g.markdown, expect);
    expect_file(g.markdown, md);
    assert_int_equal(count_temp_files(tmpdir), 0);
    free(md);
    free(ics);
    record_free(&r);
}

/* What an export killed half-way left is cleared or taken over by the next:
 * temporary files of a process that is gone, and an .md/.ics pair of this
 * very game without its picture. */
static void test_leftovers_cleared(void **state)
{
    (void)state;
    Record r;
    sample(&r);
    ExportOptions opt = {.now = fixed_now()};
    pid_t gone = fork();
    assert_true(gone >= 0);
    if (gone == 0)
        _exit(0);
    assert_int_equal(waitpid(gone, NULL, 0), gone);
    char name[128];
    snprintf(name, sizeof name, ".tightrope-export-%ld-a1b2c3", (long)gone);
    assert_non_null(testutil_write(tmpdir, name, "half"));
    snprintf(name, sizeof name, ".tightrope-export-%ld-d4e5f6", (long)getpid());
    assert_non_null(testutil_write(tmpdir, name, "still being written"));
    /* An older version's name, with no process id: cleared after an hour. */
    const char *old = testutil_write(tmpdir, ".tightrope-export-Xy12Zq", "old");
    struct timespec times[2] = {{.tv_sec = time(NULL) - 7200}, {.tv_sec = time(NULL) - 7200}};
    assert_int_equal(utimensat(AT_FDCWD, old, times, 0), 0);
    assert_non_null(testutil_write(tmpdir, ".tightrope-export-Ab34Cd", "recent"));
    ExportFiles f;
    assert_int_equal(export_write(&r, tmpdir, &opt, &f), EXPORT_OK);
    assert_int_equal(count_temp_files(tmpdir), 2); /* ours, alive, and the recent old one */
    char path[600];
    struct stat st;
    snprintf(path, sizeof path, "%s/.tightrope-export-%ld-d4e5f6", tmpdir, (long)getpid());
    assert_int_equal(stat(path, &st), 0);
    snprintf(path, sizeof path, "%s/.tightrope-export-Ab34Cd", tmpdir);
    assert_int_equal(stat(path, &st), 0);
    /* Killed before the picture: the next export of this game takes the
     * same names, and the picture comes under them. */
    ExportFiles g;
    assert_int_equal(export_write(&r, tmpdir, &opt, &g), EXPORT_OK);
    assert_string_equal(g.stem, f.stem);
    assert_int_equal(stat(g.ics, &st), 0);
    /* With its picture, the pair is whole: the next takes new names. */
    assert_non_null(testutil_write(tmpdir, "our-week-2024-05-03.png", "png"));
    assert_int_equal(export_write(&r, tmpdir, &opt, &g), EXPORT_OK);
    char expect[600];
    snprintf(expect, sizeof expect, "%s/our-week-2024-05-03-2", tmpdir);
    assert_string_equal(g.stem, expect);
    record_free(&r);
}

/* A record from an older journal holding control characters (ESC, C1,
 * U+2028/U+2029): none of them reaches the Markdown or the iCalendar file. */
static void test_control_characters_never_exported(void **state)
{
    (void)state;
    Record r = {0};
    snprintf(r.played, sizeof r.played, "2024-05-03 21:14:00");
    record_set_name(&r, 0, "An\033[31mna");
    record_set_name(&r, 1, "Ben");
    r.rounds = 3;
    record_add_deck(&r, "Deck\xc2\x85 odd");
    assert_true(record_add_plan(&r, "Cook\xe2\x80\xa8then\xe2\x80\xa9talk\x7f", 1, TIME_EVENING));
    char *md = export_markdown(&r), *ics = export_ics(&r, NULL);
    assert_non_null(md);
    assert_non_null(ics);
    for (const char *text = md;; text = ics) {
        assert_null(strchr(text, '\033'));
        assert_null(strchr(text, '\x7f'));
        assert_null(strstr(text, "\xc2\x85"));
        assert_null(strstr(text, "\xe2\x80\xa8"));
        assert_null(strstr(text, "\xe2\x80\xa9"));
        if (text == ics)
            break;
    }
    assert_non_null(strstr(md, "An \\[31mna"));
    assert_non_null(strstr(md, "Cook then talk"));
    assert_non_null(strstr(ics, "Cook then talk"));
    free(md);
    free(ics);
    record_free(&r);
}

/* Exports go to a Tightrope folder in the XDG documents folder, else
 * ~/Documents, else the data folder. */
static void test_export_folder(void **state)
{
    (void)state;
    char home[300], config[320], docs[400], buf[EXPORT_PATH_SIZE], expect[600];
    snprintf(home, sizeof home, "%s/home", tmpdir);
    snprintf(config, sizeof config, "%s/home/.config", tmpdir);
    assert_int_equal(mkdir(home, 0700), 0);
    setenv("HOME", home, 1);
    unsetenv("XDG_CONFIG_HOME");
    /* Nothing there: the data folder's exports/. */
    assert_int_equal(export_folder(buf, sizeof buf), 0);
    snprintf(expect, sizeof expect, "%s/tightrope/exports", tmpdir);
    assert_string_equal(buf, expect);
    /* ~/Documents. */
    snprintf(docs, sizeof docs, "%s/Documents", home);
    assert_int_equal(mkdir(docs, 0700), 0);
    assert_int_equal(export_folder(buf, sizeof buf), 0);
    snprintf(expect, sizeof expect, "%s/Documents/Tightrope", home);
    assert_string_equal(buf, expect);
    /* The folder user-dirs.dirs names, in the words xdg-user-dirs writes. */
    assert_int_equal(mkdir(config, 0700), 0);
    snprintf(docs, sizeof docs, "%s/Papiers", home);
    assert_int_equal(mkdir(docs, 0700), 0);
    assert_non_null(testutil_write(config, "user-dirs.dirs",
                                   "# written by xdg-user-dirs-update\nXDG_DESKTOP_DIR=\"$HOME/Desktop\"\n"
                                   "XDG_DOCUMENTS_DIR=\"$HOME/Papiers\"\n"));
    assert_int_equal(export_folder(buf, sizeof buf), 0);
    snprintf(expect, sizeof expect, "%s/Papiers/Tightrope", home);
    assert_string_equal(buf, expect);
    struct stat st;
    assert_int_equal(stat(expect, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    /* An absolute path, from XDG_CONFIG_HOME. */
    setenv("XDG_CONFIG_HOME", tmpdir, 1);
    char line[600];
    snprintf(line, sizeof line, "XDG_DOCUMENTS_DIR=\"%s\"\n", home);
    assert_non_null(testutil_write(tmpdir, "user-dirs.dirs", line));
    /* $HOME itself means "not set": ~/Documents again. */
    assert_int_equal(export_folder(buf, sizeof buf), 0);
    snprintf(expect, sizeof expect, "%s/Documents/Tightrope", home);
    assert_string_equal(buf, expect);
    snprintf(line, sizeof line, "XDG_DOCUMENTS_DIR=\"%s\"\n", docs);
    assert_non_null(testutil_write(tmpdir, "user-dirs.dirs", line));
    assert_int_equal(export_folder(buf, sizeof buf), 0);
    snprintf(expect, sizeof expect, "%s/Papiers/Tightrope", home);
    assert_string_equal(buf, expect);
    unsetenv("XDG_CONFIG_HOME");
}

static void test_write_errors(void **state)
{
    (void)state;
    Record r;
    sample(&r);
    char missing[400];
    snprintf(missing, sizeof missing, "%s/nowhere", tmpdir);
    ExportFiles f;
    assert_int_equal(export_write(&r, missing, NULL, &f), EXPORT_E_NO_FOLDER);
    assert_string_equal(f.markdown, "");
    const char *file = testutil_write(tmpdir, "plain-file", "x");
    assert_int_equal(export_write(&r, file, NULL, NULL), EXPORT_E_NO_FOLDER);

    /* A folder that cannot be written (as nobody: root writes anywhere). */
    char ro[400];
    snprintf(ro, sizeof ro, "%s/ro", tmpdir);
    assert_int_equal(mkdir(ro, 0555), 0);
    assert_int_equal(chmod(tmpdir, 0755), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
            _exit(3);
        _exit(export_write(&r, ro, NULL, NULL) == EXPORT_E_NOT_WRITABLE ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    assert_int_equal(count_temp_files(ro), 0);
    record_free(&r);

    for (int s = 0; s < EXPORT_STATUS_COUNT; s++) {
        const char *m = export_message((ExportStatus)s);
        assert_true(m[0] >= 'A' && m[0] <= 'Z' && m[strlen(m) - 1] == '.');
    }
}

int main(void)
{
    (void)fixed_now;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_day_dates),
        cmocka_unit_test(test_record_copy),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_ics_structure),
        cmocka_unit_test(test_ics_folding_and_escaping),
        cmocka_unit_test_setup_teardown(test_write_never_replaces, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_leftovers_cleared, make_tmpdir, remove_tmpdir),
        cmocka_unit_test(test_control_characters_never_exported),
        cmocka_unit_test_setup_teardown(test_write_errors, make_tmpdir, remove_tmpdir),
        cmocka_unit_test_setup_teardown(test_export_folder, make_tmpdir, remove_tmpdir),
    };
    return cmocka_run_group_tests_name("export", tests, NULL, NULL);
}
