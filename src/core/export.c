/* SPDX-License-Identifier: MIT */
/* Export of Our week: the Markdown and iCalendar writers and their atomic files. */
#include "export.h"
#include "clock.h"

#include "utext.h"

#include "clock.h"
#include "files.h"
#include "i18n.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const status_messages[EXPORT_STATUS_COUNT] = {
#define EXPORT_STATUS_MESSAGE(code, message) [code] = message,
    EXPORT_STATUS_LIST(EXPORT_STATUS_MESSAGE)
#undef EXPORT_STATUS_MESSAGE
};

const char *export_message(ExportStatus status)
{
    return (unsigned)status < EXPORT_STATUS_COUNT ? _(status_messages[status]) : _("The export failed in an unknown way.");
}

/* ---- a growing string ---- */

typedef struct {
    char *data;
    size_t len, cap;
    bool failed; /* memory ran out: everything after is dropped */
} Buf;

static void put_bytes(Buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *data = realloc(b->data, cap);
        if (!data) {
            b->failed = true;
            return;
        }
        b->data = data;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void put(Buf *b, const char *s)
{
    put_bytes(b, s, strlen(s));
}

static void putf(Buf *b, const char *fmt, ...)
{
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        b->failed = true;
        return;
    }
    if ((size_t)n < sizeof small) {
        put_bytes(b, small, (size_t)n);
        return;
    }
    char *big = malloc((size_t)n + 1);
    if (!big) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put_bytes(b, big, (size_t)n);
    free(big);
}

/* Hands over the string, or NULL (freeing it) when memory ran out. */
static char *take(Buf *b)
{
    if (b->failed || !b->data) {
        free(b->data);
        return b->failed ? NULL : calloc(1, 1);
    }
    return b->data;
}

static const char *name_of(const Record *r, int partner)
{
    const char *n = partner >= 0 && partner < 2 ? r->names[partner] : NULL;
    return n && n[0] ? n : _(game_default_name(partner));
}

/* "Saturday 4 May" for a valid date, in the language's own form. */
static void day_label(const char *date, char *out, size_t size)
{
    int y, m, d;
    if (!record_parse_date(date, &y, &m, &d)) {
        snprintf(out, size, "%s", date);
        return;
    }
    struct tm t = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_wday = (record_weekday(date) + 1) % 7};
    i18n_date(&t, I18N_DATE_LONG, out, size);
}

/* When a plan or goal happens, for people: "Saturday 4 May, evening",
 * "Saturday 4 May", or "Some day". */
static void when_label(const Record *r, int day, int time, char *out, size_t size)
{
    char date[RECORD_DATE_SIZE], label[64];
    if (!record_day_date(r->played, day, date)) {
        snprintf(out, size, "%s", _("Some day"));
        return;
    }
    day_label(date, label, sizeof label);
    if (time >= 0 && time != TIME_ANY)
        /* TRANSLATORS: a plan's day and time of day: "Saturday 4 May, evening". */
        snprintf(out, size, _("%s, %s"), label, _(record_time_name((DayTime)time)));
    else
        snprintf(out, size, "%s", label);
}

/* ---- Markdown ---- */

/* Card text as Markdown shows it: characters with a meaning in Markdown are
 * escaped, line breaks become spaces. */
/* The length of the control character at s, or 0: C0 and DEL (one byte),
 * C1 (two) and U+2028/U+2029 (three). None reaches an export: each becomes
 * a space, whatever an older journal holds. */
static size_t control_len(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] < 0x20 || u[0] == 0x7F)
        return 1;
    if (u[0] == 0xC2 && u[1] >= 0x80 && u[1] <= 0x9F)
        return 2;
    if (u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
        return 3;
    return 0;
}

static void put_md_text(Buf *b, const char *s);

/* s escaped for Markdown into out (cut at a character when it is longer). */
static void md_text(const char *s, char *out, size_t size)
{
    Buf b = {0};
    put_md_text(&b, s);
    size_t n = 0;
    if (b.data && !b.failed) {
        n = strlen(b.data) < size ? strlen(b.data) : size - 1;
        while (n > 0 && n < strlen(b.data) && ((unsigned char)b.data[n] & 0xC0) == 0x80)
            n--;
        memcpy(out, b.data, n);
    }
    out[n] = '\0';
    free(b.data);
}

static void put_md_text(Buf *b, const char *s)
{
    for (; s && *s; s++) {
        size_t control = control_len(s);
        if (control) {
            put(b, " ");
            s += control - 1;
            continue;
        }
        if (strchr("\\`*_[]<>#|~", *s))
            put(b, "\\");
        put_bytes(b, s, 1);
    }
}

/* The Markdown export's solo goals, each with its day and its support. */
static void md_goals(Buf *b, const Record *r)
{
    put(b, "\n## ");
    put(b, _("Solo goals"));
    put(b, "\n\n");
    if (r->goal_count == 0)
        putf(b, "%s\n", _("No solo goals this time."));
    for (size_t i = 0; i < r->goal_count; i++) {
        const RecordGoal *g = &r->goals[i];
        char when[96];
        when_label(r, g->day, -1, when, sizeof when);
        put(b, "- **");
        put_md_text(b, name_of(r, g->partner));
        putf(b, "**, %s: ", when);
        put_md_text(b, g->text);
        put(b, "  \n  ");
        char helper[512];
        md_text(name_of(r, 1 - g->partner), helper, sizeof helper);
        putf(b, _("%s's support: "), helper);
        put_md_text(b, g->support);
        put(b, "\n");
    }
}

/* The Markdown export's "How it went": stars, needs, decks, the rope. */
static void md_how_it_went(Buf *b, const Record *r, const char *name0, const char *name1)
{
    put(b, "\n## ");
    put(b, _("How it went"));
    put(b, "\n\n- ");
    putf(b, _("Stars: %d of %d"), r->stars, r->rounds);
    put(b, "\n- ");
    /* TRANSLATORS: each partner's name and what they needed this week. */
    putf(b, _("Needs this week: %s %s, %s %s"), name0, _(record_need_name(r->needs[0])), name1,
         _(record_need_name(r->needs[1])));
    put(b, "\n");
    /* Passes stay out: a passed card leaves no trace in an export. */
    if (r->deck_count) {
        put(b, "- ");
        put(b, _("Decks: "));
        for (size_t i = 0; i < r->deck_count; i++) {
            if (i)
                put(b, ", ");
            put_md_text(b, r->decks[i]);
        }
        put(b, "\n");
    }
    if (r->balance_count) {
        put(b, "- ");
        put(b, _("The rope, after each card (+ together, − apart): "));
        for (size_t i = 0; i < r->balance_count; i++)
            putf(b, r->balances[i] ? "%s%+d" : "%s%d", i ? " " : "", r->balances[i]);
        put(b, "\n");
    }
}

char *export_markdown(const Record *record)
{
    Buf b = {0};
    const Record *r = record;
    char name0[512], name1[512];
    md_text(name_of(r, 0), name0, sizeof name0);
    md_text(name_of(r, 1), name1, sizeof name1);
    /* TRANSLATORS: the heading of the Markdown export: the two names. */
    putf(&b, _("# Our week: %s & %s"), name0, name1);
    put(&b, "\n\n");

    int y, m, d;
    if (record_parse_date(r->played, &y, &m, &d)) {
        char date[96];
        day_label(r->played, date, sizeof date);
        /* TRANSLATORS: the date a game was played and its year. */
        putf(&b, _("Played on %s %d"), date, y);
    } else {
        put(&b, _("Played"));
    }
    put(&b, " · ");
    putf(&b, ngettext("%d round", "%d rounds", (unsigned long)r->rounds), r->rounds);
    put(&b, " · ");
    /* TRANSLATORS: stars earned of stars possible, then the stars drawn. */
    putf(&b, ngettext("%d of %d star", "%d of %d stars", (unsigned long)r->rounds), r->stars, r->rounds);
    put(&b, " ");
    for (int i = 0; i < r->rounds && i < 7; i++)
        put(&b, i < r->stars ? "★" : "☆");
    put(&b, "\n\n## ");
    put(&b, _("Plans"));
    put(&b, "\n\n");
    if (r->plan_count == 0)
        putf(&b, "%s\n", _("No plans this time."));
    for (size_t i = 0; i < r->plan_count; i++) {
        char when[96];
        when_label(r, r->plans[i].day, (int)r->plans[i].time, when, sizeof when);
        putf(&b, "- **%s:** ", when);
        put_md_text(&b, r->plans[i].text);
        put(&b, "\n");
    }
    md_goals(&b, r);
    md_how_it_went(&b, r, name0, name1);
    putf(&b, "\n*%s*\n", _("Made with Tightrope."));
    return take(&b);
}

/* ---- iCalendar ---- */

/* Content lines are built whole, then folded: CRLF, then a space, before
 * any octet past the 75th of a line, never inside a UTF-8 sequence. */
static void put_folded(Buf *b, const char *line)
{
    size_t n = strlen(line), start = 0;
    size_t room = EXPORT_LINE_OCTETS;
    while (n - start > room) {
        size_t cut = start + room;
        while (cut > start && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        /* Nor between a backslash and the character it escapes: allowed,
         * but some readers stumble on it. */
        size_t run = 0;
        while (cut - run > start && line[cut - run - 1] == '\\')
            run++;
        if (run % 2 == 1)
            cut--;
        put_bytes(b, line + start, cut - start);
        put(b, "\r\n ");
        start = cut;
        room = EXPORT_LINE_OCTETS - 1; /* the leading space counts */
    }
    put_bytes(b, line + start, n - start);
    put(b, "\r\n");
}

/* A TEXT value: backslash, semicolon, comma and newline escaped; other
 * control characters (not allowed in TEXT) become spaces. */
static void put_ics_text(Buf *b, const char *s)
{
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\\' || c == ';' || c == ',') {
            char esc[3] = {'\\', (char)c, '\0'};
            put(b, esc);
        } else if (c == '\n') {
            put(b, "\\n");
        } else if (c == '\r') {
            if (s[1] != '\n')
                put(b, "\\n");
        } else if (c != '\t' && control_len(s)) {
            put(b, " ");
            s += control_len(s) - 1;
        } else {
            put_bytes(b, s, 1);
        }
    }
}

/* Emits "NAME:value" with value escaped as TEXT, folded. */
static void put_ics_prop(Buf *out, const char *name, const char *value)
{
    Buf line = {0};
    put(&line, name);
    put(&line, ":");
    put_ics_text(&line, value);
    if (line.failed)
        out->failed = true;
    else
        put_folded(out, line.data);
    free(line.data);
}

/* FNV-1a of s and a 0xff byte that separates fields. */
static uint64_t fnv1a(uint64_t h, const char *s)
{
    static const unsigned char separator = 0xff;
    h = utext_fnv1a(h, s, s ? strlen(s) : 0);
    return utext_fnv1a(h, &separator, 1);
}

/* The compact date "YYYYMMDD" of a "YYYY-MM-DD" date. */
static void compact_date(const char *date, char *out)
{
    memcpy(out, date, 4);
    memcpy(out + 4, date + 5, 2);
    memcpy(out + 6, date + 8, 2);
    out[8] = '\0';
}

typedef struct {
    const Record *r;
    uint64_t game_hash;
    char stamp[32];
    int events;
} IcsContext;

static void put_event(Buf *b, IcsContext *c, const char *kind, size_t index, int day, int time, const char *summary,
                      const char *description)
{
    char date[RECORD_DATE_SIZE], start[9], end[9], line[160];
    if (!record_day_date(c->r->played, day, date))
        return;
    compact_date(date, start);
    put_folded(b, "BEGIN:VEVENT");
    snprintf(line, sizeof line, "UID:%016llx-%s-%zu@tightrope.invalid", (unsigned long long)c->game_hash, kind,
             index + 1);
    put_folded(b, line);
    snprintf(line, sizeof line, "DTSTAMP:%s", c->stamp);
    put_folded(b, line);
    if (time < 0 || time >= TIME_ANY) {
        char next[RECORD_DATE_SIZE];
        record_date_add(date, 1, next); /* an all-day event ends, exclusively, the next day */
        compact_date(next, end);
        snprintf(line, sizeof line, "DTSTART;VALUE=DATE:%s", start);
        put_folded(b, line);
        snprintf(line, sizeof line, "DTEND;VALUE=DATE:%s", end);
        put_folded(b, line);
    } else {
        static const int hours[3] = {9, 14, 19};
        snprintf(line, sizeof line, "DTSTART:%sT%02d0000", start, hours[time]);
        put_folded(b, line);
        snprintf(line, sizeof line, "DTEND:%sT%02d0000", start, hours[time] + 2);
        put_folded(b, line);
    }
    put_ics_prop(b, "SUMMARY", summary);
    put_ics_prop(b, "DESCRIPTION", description);
    put_folded(b, "CATEGORIES:Tightrope");
    put_folded(b, "TRANSP:TRANSPARENT");
    /* A reminder the evening before, at EXPORT_REMINDER_HOUR: counted back
     * from the start (midnight for a day without a time). */
    static const int starts[3] = {9, 14, 19};
    int start_hour = time < 0 || time >= TIME_ANY ? 0 : starts[time];
    put_folded(b, "BEGIN:VALARM");
    put_folded(b, "ACTION:DISPLAY");
    snprintf(line, sizeof line, "TRIGGER:-PT%dH", start_hour + 24 - EXPORT_REMINDER_HOUR);
    put_folded(b, line);
    Buf tomorrow = {0};
    /* TRANSLATORS: the calendar's reminder the evening before. */
    putf(&tomorrow, _("Tomorrow: %s"), summary);
    if (tomorrow.failed)
        b->failed = true;
    else
        put_ics_prop(b, "DESCRIPTION", tomorrow.data);
    free(tomorrow.data);
    put_folded(b, "END:VALARM");
    put_folded(b, "END:VEVENT");
    c->events++;
}

char *export_ics(const Record *record, const ExportOptions *opt)
{
    const Record *r = record;
    time_t now = opt && opt->now ? opt->now : clock_now();
    IcsContext c = {.r = r};
    struct tm tm;
    if (!gmtime_r(&now, &tm) || strftime(c.stamp, sizeof c.stamp, "%Y%m%dT%H%M%SZ", &tm) == 0)
        snprintf(c.stamp, sizeof c.stamp, "19700101T000000Z");
    uint64_t h = 0xcbf29ce484222325ULL;
    h = fnv1a(h, r->played);
    h = fnv1a(h, name_of(r, 0));
    h = fnv1a(h, name_of(r, 1));
    char id[32];
    snprintf(id, sizeof id, "%lld", r->id);
    c.game_hash = fnv1a(h, id);

    Buf b = {0};
    put_folded(&b, "BEGIN:VCALENDAR");
    put_folded(&b, "VERSION:2.0");
    put_folded(&b, "PRODID:-//Tightrope//Tightrope Our week//EN");
    put_folded(&b, "CALSCALE:GREGORIAN");
    put_folded(&b, "METHOD:PUBLISH");
    for (size_t i = 0; i < r->plan_count; i++) {
        const RecordPlan *p = &r->plans[i];
        Buf desc = {0};
        putf(&desc, _("A plan for our week, %s and %s, made with Tightrope."), name_of(r, 0), name_of(r, 1));
        if (desc.failed)
            b.failed = true;
        else
            put_event(&b, &c, "plan", i, p->day, (int)p->time, p->text, desc.data);
        free(desc.data);
    }
    for (size_t i = 0; i < r->goal_count; i++) {
        const RecordGoal *g = &r->goals[i];
        Buf summary = {0}, desc = {0};
        putf(&summary, "%s: %s", name_of(r, g->partner), g->text ? g->text : "");
        putf(&desc, _("%s's solo goal for the week.\n%s's support: %s"), name_of(r, g->partner),
             name_of(r, 1 - g->partner), g->support ? g->support : "");
        if (summary.failed || desc.failed)
            b.failed = true;
        else
            put_event(&b, &c, "goal", i, g->day, -1, summary.data, desc.data);
        free(summary.data);
        free(desc.data);
    }
    put_folded(&b, "END:VCALENDAR");
    return take(&b);
}

/* ---- files ---- */

static ExportStatus status_of_errno(int err)
{
    switch (err) {
    case ENOMEM:
        return EXPORT_E_NO_MEMORY;
    case ENOENT:
    case ENOTDIR:
        return EXPORT_E_NO_FOLDER;
    case EACCES:
    case EPERM:
    case EROFS:
        return EXPORT_E_NOT_WRITABLE;
    case ENOSPC:
    case EDQUOT:
        return EXPORT_E_DISK_FULL;
    default:
        return EXPORT_E_IO;
    }
}

/* Writes text to a temporary file in dir and flushes it to disk. On success
 * tmp holds its path. */
static ExportStatus write_temp(const char *dir, const char *text, char *tmp, size_t size)
{
    /* The process id in the name lets the next export clear what a killed
     * one left (files_clean_stale). */
    if (snprintf(tmp, size, "%s/.tightrope-export-%ld-XXXXXX", dir, (long)getpid()) >= (int)size)
        return EXPORT_E_IO;
    int fd = mkstemp(tmp);
    if (fd < 0)
        return status_of_errno(errno);
    if (fchmod(fd, 0644) != 0) {
        int err = errno;
        close(fd);
        unlink(tmp);
        return status_of_errno(err);
    }
    if (files_write_fd(fd, text, strlen(text)) != 0) { /* it closes fd */
        int err = errno;
        unlink(tmp);
        return status_of_errno(err);
    }
    return EXPORT_OK;
}

/* True when the file at path holds exactly text. */
static bool same_text(const char *path, const char *text)
{
    size_t len;
    FilesError fe;
    char *have = files_read(path, strlen(text) + 1, &len, &fe);
    bool same = have && len == strlen(text) && memcmp(have, text, len) == 0;
    free(have);
    return same;
}

static bool stem_free(const char *stem)
{
    static const char *const exts[] = {".md", ".ics", ".png"};
    char path[EXPORT_PATH_SIZE + 8];
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
        snprintf(path, sizeof path, "%s%s", stem, exts[i]);
        if (files_exists(path))
            return false;
    }
    return true;
}

/* Gives the two temporary files (their paths in tmp_md and tmp_ics,
 * emptied once taken) the first free pair of names our-week-DATE[-N] in
 * dir, never replacing a file; f receives the names. */
static ExportStatus claim_names(const char *dir, const char *date, const char *md, char *tmp_md, char *tmp_ics,
                                ExportFiles *f)
{
    for (int n = 1; n < 1000; n++) {
        int len = n == 1 ? snprintf(f->stem, sizeof f->stem, "%s/our-week-%s", dir, date)
                         : snprintf(f->stem, sizeof f->stem, "%s/our-week-%s-%d", dir, date, n);
        if (len < 0 || (size_t)len + 8 >= sizeof f->stem)
            return EXPORT_E_IO;
        snprintf(f->markdown, sizeof f->markdown, "%s.md", f->stem);
        snprintf(f->ics, sizeof f->ics, "%s.ics", f->stem);
        snprintf(f->png, sizeof f->png, "%s.png", f->stem);
        if (!stem_free(f->stem)) {
            /* This very export, cut short before its picture: taken over,
             * the calendar written anew, the picture still to come. */
            if (!files_exists(f->png) && same_text(f->markdown, md) && rename(tmp_ics, f->ics) == 0) {
                tmp_ics[0] = '\0';
                return EXPORT_OK;
            }
            continue;
        }
        if (files_link_new(tmp_md, f->markdown) != 0) {
            if (errno == EEXIST)
                continue; /* taken meanwhile: try the next name */
            return status_of_errno(errno);
        }
        if (files_link_new(tmp_ics, f->ics) != 0) {
            int err = errno;
            /* Rare: another writer took the .ics name just now. Take our own
             * .md back, so that the pair stays together under the next name. */
            if (rename(f->markdown, tmp_md) != 0) {
                tmp_md[0] = '\0';
                return status_of_errno(err);
            }
            if (err == EEXIST)
                continue;
            return status_of_errno(err);
        }
        tmp_md[0] = '\0';
        tmp_ics[0] = '\0';
        return EXPORT_OK;
    }
    return EXPORT_E_NAMES_TAKEN;
}

ExportStatus export_write(const Record *record, const char *dir, const ExportOptions *opt, ExportFiles *files)
{
    ExportFiles local;
    ExportFiles *f = files ? files : &local;
    memset(f, 0, sizeof *f);
    struct stat st;
    if (stat(dir, &st) != 0)
        return status_of_errno(errno);
    if (!S_ISDIR(st.st_mode))
        return EXPORT_E_NO_FOLDER;
    files_clean_stale(dir, ".tightrope-export-", "");

    char date[RECORD_DATE_SIZE] = "undated";
    int y, m, d;
    if (record_parse_date(record->played, &y, &m, &d))
        snprintf(date, sizeof date, "%.10s", record->played);

    char *md = export_markdown(record);
    char *ics = export_ics(record, opt);
    char tmp_md[EXPORT_PATH_SIZE + 32] = "", tmp_ics[EXPORT_PATH_SIZE + 32] = "";
    ExportStatus status = EXPORT_OK;
    if (!md || !ics) {
        status = EXPORT_E_NO_MEMORY;
        goto fail;
    }
    status = write_temp(dir, md, tmp_md, sizeof tmp_md);
    if (status != EXPORT_OK) {
        tmp_md[0] = '\0';
        goto fail;
    }
    status = write_temp(dir, ics, tmp_ics, sizeof tmp_ics);
    if (status != EXPORT_OK) {
        tmp_ics[0] = '\0';
        goto fail;
    }

    status = claim_names(dir, date, md, tmp_md, tmp_ics, f);
    if (status == EXPORT_OK) {
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd); /* the new names themselves reach the disk */
            close(dfd);
        }
    }
fail:
    if (tmp_md[0])
        unlink(tmp_md);
    if (tmp_ics[0])
        unlink(tmp_ics);
    free(md);
    free(ics);
    if (status != EXPORT_OK)
        memset(f, 0, sizeof *f);
    return status;
}
