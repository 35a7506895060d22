/* SPDX-License-Identifier: MIT */
/* The manual page (docs/tightrope.6) against the program: every option of
 * `tightrope --help` is one line there and an entry of the manual's OPTIONS
 * that begins with the same words; the synopses name the same options; every
 * environment variable and data file the sources use is documented; the
 * version is the program's; and groff has nothing to warn about. Both sides
 * are parsed, nothing is listed here, so a new option shows up as drift. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <ctype.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "testutil.h"

#define MAN_PATH SOURCE_DIR "/docs/tightrope.6"

enum { MAX_ITEMS = 128, TAG_MAX = 256, DESC_MAX = 4096 };

typedef struct {
    char tag[TAG_MAX];   /* "--font FILE": the option and its argument */
    char desc[DESC_MAX]; /* the text after it, whitespace collapsed */
} Entry;

typedef struct {
    Entry items[MAX_ITEMS];
    int count;
} Entries;

/* A set of words (option or variable names). */
typedef struct {
    char items[MAX_ITEMS][TAG_MAX];
    int count;
} Words;

static char help[1 << 16];
static char man[1 << 17];

/* Appends text to out (size bytes), failing the test when it does not fit. */
static void append(char *out, size_t size, const char *text)
{
    size_t n = strnlen(out, size), len = strlen(text);
    if (n >= size || len >= size - n) {
        fail_msg("a line of text is longer than this test's %zu-byte buffer", size);
        return;
    }
    memcpy(out + n, text, len + 1);
}

static void copy(char *out, size_t size, const char *text)
{
    out[0] = '\0';
    append(out, size, text);
}

static bool words_has(const Words *w, const char *s)
{
    for (int i = 0; i < w->count; i++)
        if (strcmp(w->items[i], s) == 0)
            return true;
    return false;
}

static void words_add(Words *w, const char *s, size_t len)
{
    char buf[TAG_MAX];
    assert_true(len < sizeof buf);
    memcpy(buf, s, len);
    buf[len] = '\0';
    if (words_has(w, buf))
        return;
    assert_true(w->count < MAX_ITEMS);
    copy(w->items[w->count++], TAG_MAX, buf);
}

/* Collapses runs of white space to one space and trims both ends, in place. */
static void squeeze(char *s)
{
    char *out = s;
    bool space = false;
    for (const char *p = s; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = out != s;
            continue;
        }
        if (space)
            *out++ = ' ';
        space = false;
        *out++ = *p;
    }
    *out = '\0';
}

/* The options (--name) in text, in order of first appearance. */
static void find_options(const char *text, Words *w)
{
    for (const char *p = text; (p = strstr(p, "--")) != NULL;) {
        const char *end = p + 2;
        while (islower((unsigned char)*end) || *end == '-')
            end++;
        if (end > p + 2 && (p == text || !isalnum((unsigned char)p[-1])))
            words_add(w, p, (size_t)(end - p));
        p = end;
    }
}

/* ---- tightrope --help ---- */

static void read_help(void)
{
    FILE *p = popen("'" TIGHTROPE_BIN "' --help", "r");
    assert_non_null(p);
    size_t n = fread(help, 1, sizeof help - 1, p);
    help[n] = '\0';
    int status = pclose(p);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
}

/* The usage lines (before "Options:") and one entry per option line. A line
 * of the Options block that is not "  --option [ARG]  description" fails. */
static void parse_help(char *usage, size_t usage_size, Entries *options)
{
    const char *block = strstr(help, "\nOptions:\n");
    if (!block)
        fail_msg("tightrope --help has no \"Options:\" line");
    size_t ulen = (size_t)(block - help);
    assert_true(ulen < usage_size);
    memcpy(usage, help, ulen);
    usage[ulen] = '\0';
    options->count = 0;
    const char *line = block + strlen("\nOptions:\n");
    while (*line) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        if (len == 0)
            break;
        char text[TAG_MAX + DESC_MAX];
        assert_true(len < sizeof text);
        memcpy(text, line, len);
        text[len] = '\0';
        if (strncmp(text, "  -", 3) != 0)
            fail_msg("--help: \"%s\" is not an option: each option must be one line, \"  --name ARG  what it does\"",
                     text);
        char *gap = strstr(text + 2, "  ");
        if (!gap)
            fail_msg("--help: \"%s\" has no description after two spaces", text);
        *gap = '\0';
        assert_true(options->count < MAX_ITEMS);
        Entry *e = &options->items[options->count++];
        copy(e->tag, sizeof e->tag, text + 2);
        copy(e->desc, sizeof e->desc, gap + 2);
        squeeze(e->tag);
        squeeze(e->desc);
        if (!e->desc[0])
            fail_msg("--help: %s has no description", e->tag);
        line = eol ? eol + 1 : line + len;
    }
    if (options->count == 0)
        fail_msg("tightrope --help lists no options");
}

/* ---- the manual page's roff ---- */

static void read_man(void)
{
    long n = testutil_read(MAN_PATH, man, sizeof man);
    if (n < 0)
        fail_msg("%s cannot be read", MAN_PATH);
    assert_true((size_t)n < sizeof man - 1);
}

/* Appends text with roff's escapes made plain: \- is -, font changes and \&
 * vanish, \(dq is ", \(em is --, \e is a backslash. */
static void append_plain(char *out, size_t size, const char *text)
{
    size_t n = strlen(out);
    for (const char *p = text; *p && n + 4 < size; p++) {
        if (*p != '\\') {
            out[n++] = *p;
            continue;
        }
        p++;
        if (*p == '-' || *p == ' ' || *p == '~') {
            out[n++] = *p == '-' ? '-' : ' ';
        } else if (*p == 'e') {
            out[n++] = '\\';
        } else if (*p == '&' || *p == '/' || *p == ',' || *p == '|' || *p == '^') {
            /* zero-width */
        } else if (*p == 'f') {
            p++;
            if (*p == '[')
                while (p[1] && *p != ']')
                    p++;
            else if (*p == '(')
                p += 2;
        } else if (*p == '(' && p[1] && p[2]) {
            const char *glyph = strncmp(p + 1, "dq", 2) == 0 ? "\"" : strncmp(p + 1, "em", 2) == 0 ? "--" : "?";
            for (const char *g = glyph; *g && n + 4 < size; g++)
                out[n++] = *g;
            p += 2;
        } else if (*p == '\0') {
            break;
        } else {
            out[n++] = *p;
        }
    }
    out[n] = '\0';
}

/* The text a line shows: a text line as it is; a font macro's arguments
 * (.B, .I joined by spaces; .BR, .BI, .IR... alternate fonts, so joined
 * without); other requests show nothing. */
static void line_text(const char *line, char *out, size_t size)
{
    out[0] = '\0';
    if (line[0] != '.' && line[0] != '\'') {
        append_plain(out, size, line);
        return;
    }
    const char *p = line + 1;
    char macro[8] = "";
    size_t m = 0;
    while (*p && !isspace((unsigned char)*p) && m + 1 < sizeof macro)
        macro[m++] = *p++;
    macro[m] = '\0';
    bool single = strcmp(macro, "B") == 0 || strcmp(macro, "I") == 0 || strcmp(macro, "SM") == 0 ||
                  strcmp(macro, "SB") == 0;
    bool alternate = strlen(macro) == 2 && strchr("BIR", macro[0]) && strchr("BIR", macro[1]) && macro[0] != macro[1];
    if (!single && !alternate)
        return;
    bool first = true;
    while (*p) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p)
            break;
        char arg[DESC_MAX];
        size_t a = 0;
        if (*p == '"') {
            p++;
            while (*p && *p != '"' && a + 1 < sizeof arg)
                arg[a++] = *p++;
            if (*p == '"')
                p++;
        } else {
            while (*p && !isspace((unsigned char)*p) && a + 1 < sizeof arg)
                arg[a++] = *p++;
        }
        arg[a] = '\0';
        if (single && !first)
            append_plain(out, size, " ");
        append_plain(out, size, arg);
        first = false;
    }
}

static bool is_request(const char *line, const char *name)
{
    size_t n = strlen(name);
    return line[0] == '.' && strncmp(line + 1, name, n) == 0 && (line[1 + n] == '\0' || line[1 + n] == ' ');
}

/* Splits the manual into lines in place; returns how many. */
static int man_lines(char **lines, int max)
{
    static char copy[sizeof man];
    memcpy(copy, man, sizeof copy);
    int count = 0;
    for (char *save = NULL, *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        if (strncmp(l, ".\\\"", 3) == 0)
            continue; /* a comment */
        assert_true(count < max);
        lines[count++] = l;
    }
    return count;
}

/* The section's name of a .SH line, without quotes. */
static bool section_is(const char *line, const char *name)
{
    if (!is_request(line, "SH"))
        return false;
    const char *p = line + 3;
    while (*p == ' ' || *p == '"')
        p++;
    size_t n = strlen(name);
    return strncmp(p, name, n) == 0 && (p[n] == '\0' || p[n] == '"');
}

/* The .TP entries of a section: the tag line's text, and the text up to the
 * next paragraph or section. */
static void man_entries(const char *section, Entries *entries)
{
    char *lines[4096];
    int count = man_lines(lines, 4096);
    entries->count = 0;
    int i = 0;
    while (i < count && !section_is(lines[i], section))
        i++;
    if (i == count)
        fail_msg("%s has no .SH %s section", MAN_PATH, section);
    for (i++; i < count && !is_request(lines[i], "SH"); i++) {
        if (!is_request(lines[i], "TP") || i + 1 >= count)
            continue;
        assert_true(entries->count < MAX_ITEMS);
        Entry *e = &entries->items[entries->count++];
        line_text(lines[++i], e->tag, sizeof e->tag);
        squeeze(e->tag);
        e->desc[0] = '\0';
        for (; i + 1 < count; i++) {
            const char *l = lines[i + 1];
            if (is_request(l, "TP") || is_request(l, "SH") || is_request(l, "SS") || is_request(l, "PP") ||
                is_request(l, "P") || is_request(l, "LP") || is_request(l, "IP"))
                break;
            char text[DESC_MAX];
            line_text(l, text, sizeof text);
            append_plain(e->desc, sizeof e->desc, " ");
            append(e->desc, sizeof e->desc, text);
        }
        squeeze(e->desc);
    }
}

/* All the text of a section, made plain. */
static void man_section_text(const char *section, char *out, size_t size)
{
    char *lines[4096];
    int count = man_lines(lines, 4096);
    out[0] = '\0';
    int i = 0;
    while (i < count && !section_is(lines[i], section))
        i++;
    if (i == count)
        fail_msg("%s has no .SH %s section", MAN_PATH, section);
    for (i++; i < count && !is_request(lines[i], "SH"); i++) {
        char text[DESC_MAX];
        line_text(lines[i], text, sizeof text);
        append(out, size, text);
        append(out, size, " ");
    }
}

/* The option name of a tag: "--font FILE" -> "--font". */
static void tag_name(const char *tag, char *out, size_t size)
{
    size_t n = strcspn(tag, " ");
    snprintf(out, size, "%.*s", (int)n, tag);
}

/* The help line's words begin the manual's entry (whole words; the manual
 * may go on to say more). */
static bool begins_with(const char *man_desc, const char *help_desc)
{
    size_t n = strlen(help_desc);
    if (n == 0 || strlen(man_desc) < n || tolower((unsigned char)man_desc[0]) != tolower((unsigned char)help_desc[0]))
        return false;
    return strncmp(man_desc + 1, help_desc + 1, n - 1) == 0 &&
           !isalnum((unsigned char)man_desc[n]);
}

static void test_help_options_are_the_manuals(void **state)
{
    (void)state;
    read_help();
    read_man();
    char usage[8192];
    static Entries help_options, man_options;
    parse_help(usage, sizeof usage, &help_options);
    man_entries("OPTIONS", &man_options);
    int problems = 0;
    for (int i = 0; i < help_options.count; i++) {
        const Entry *h = &help_options.items[i];
        char name[TAG_MAX];
        tag_name(h->tag, name, sizeof name);
        const Entry *m = NULL;
        for (int j = 0; j < man_options.count && !m; j++) {
            char mname[TAG_MAX];
            tag_name(man_options.items[j].tag, mname, sizeof mname);
            if (strcmp(mname, name) == 0)
                m = &man_options.items[j];
        }
        if (!m) {
            print_error("tightrope.6 OPTIONS has no entry for %s (--help: \"%s  %s\")\n", name, h->tag, h->desc);
            problems++;
        } else if (strcmp(m->tag, h->tag) != 0) {
            print_error("%s: --help says \"%s\", tightrope.6 says \"%s\"\n", name, h->tag, m->tag);
            problems++;
        } else if (!begins_with(m->desc, h->desc)) {
            print_error("%s: tightrope.6's entry should begin with --help's \"%s\", but reads \"%s\"\n", name,
                        h->desc, m->desc);
            problems++;
        }
    }
    for (int j = 0; j < man_options.count; j++) {
        char mname[TAG_MAX];
        tag_name(man_options.items[j].tag, mname, sizeof mname);
        bool found = false;
        for (int i = 0; i < help_options.count && !found; i++) {
            char name[TAG_MAX];
            tag_name(help_options.items[i].tag, name, sizeof name);
            found = strcmp(name, mname) == 0;
        }
        if (!found) {
            print_error("tightrope.6 documents %s, which tightrope --help does not list\n", mname);
            problems++;
        }
    }
    assert_int_equal(problems, 0);
}

static void test_synopsis_names_the_usage_options(void **state)
{
    (void)state;
    read_help();
    read_man();
    char usage[8192];
    static Entries help_options;
    parse_help(usage, sizeof usage, &help_options);
    static char synopsis[1 << 14];
    man_section_text("SYNOPSIS", synopsis, sizeof synopsis);
    static Words in_usage, in_synopsis;
    in_usage.count = in_synopsis.count = 0;
    find_options(usage, &in_usage);
    find_options(synopsis, &in_synopsis);
    int problems = 0;
    for (int i = 0; i < in_usage.count; i++)
        if (!words_has(&in_synopsis, in_usage.items[i])) {
            print_error("tightrope.6 SYNOPSIS lacks %s, which the usage of --help shows\n", in_usage.items[i]);
            problems++;
        }
    static Words listed;
    listed.count = 0;
    for (int i = 0; i < help_options.count; i++)
        find_options(help_options.items[i].tag, &listed);
    for (int i = 0; i < in_synopsis.count; i++)
        if (!words_has(&in_usage, in_synopsis.items[i]) && !words_has(&listed, in_synopsis.items[i])) {
            print_error("tightrope.6 SYNOPSIS shows %s, which tightrope --help does not\n", in_synopsis.items[i]);
            problems++;
        }
    assert_true(in_usage.count > 0);
    assert_int_equal(problems, 0);
}

/* ---- what the sources read: environment variables and data files ---- */

static Words source_vars, source_files, file_macros_names;
static char file_macros_values[MAX_ITEMS][TAG_MAX];

/* Reads a source file whole; NULL when it cannot (the caller frees). */
static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
    }
    fclose(f);
    if (buf)
        buf[n] = '\0';
    return buf;
}

/* Values the sources compare environment variables with, not variables. */
static const char *const not_variables[] = {"POSIX", "CFF"};

static int scan_source(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
    (void)st;
    (void)ftw;
    size_t len = strlen(path);
    if (type != FTW_F || len < 3 || (strcmp(path + len - 2, ".c") != 0 && strcmp(path + len - 2, ".h") != 0))
        return 0;
    char *text = slurp(path);
    assert_non_null(text);
    /* Every "UPPER_CASE" string in a file that calls getenv names a variable. */
    if (strstr(text, "getenv(")) {
        for (const char *p = text; (p = strchr(p, '"')) != NULL; p++) {
            const char *q = p + 1;
            while (isupper((unsigned char)*q) || isdigit((unsigned char)*q) || *q == '_')
                q++;
            if (*q != '"' || q - p < 3 || !isupper((unsigned char)p[1])) {
                continue;
            }
            bool skip = false;
            for (size_t i = 0; i < sizeof not_variables / sizeof *not_variables; i++)
                skip |= strlen(not_variables[i]) == (size_t)(q - p - 1) &&
                        strncmp(not_variables[i], p + 1, (size_t)(q - p - 1)) == 0;
            if (!skip)
                words_add(&source_vars, p + 1, (size_t)(q - p - 1));
            p = q;
        }
    }
    /* The data folder's files: datadir_file("name" or NAME_MACRO, ...). */
    for (const char *p = text; (p = strstr(p, "datadir_file(")) != NULL; p++) {
        const char *a = p + strlen("datadir_file(");
        while (*a == ' ')
            a++;
        size_t n = strcspn(a, ",)");
        bool literal = a[0] == '"';
        bool macro = n > 0;
        for (size_t i = 0; i < n; i++)
            macro &= isupper((unsigned char)a[i]) || isdigit((unsigned char)a[i]) || a[i] == '_';
        if (literal || macro) /* not the declaration, datadir_file(const char *name, ...) */
            words_add(&source_files, a, n);
    }
    /* #define NAME "value", to resolve the macros given to datadir_file. */
    for (const char *p = text; (p = strstr(p, "#define ")) != NULL; p++) {
        const char *name = p + strlen("#define ");
        size_t n = strcspn(name, " \n");
        const char *value = name + n;
        while (*value == ' ')
            value++;
        size_t v = strcspn(value + 1, "\"\n");
        if (*value != '"' || n >= TAG_MAX || v >= TAG_MAX || file_macros_names.count == MAX_ITEMS)
            continue;
        int before = file_macros_names.count;
        snprintf(file_macros_values[before], TAG_MAX, "%.*s", (int)v, value + 1);
        words_add(&file_macros_names, name, n); /* a name defined twice keeps its first value */
    }
    free(text);
    return 0;
}

static void scan_sources(void)
{
    source_vars.count = source_files.count = file_macros_names.count = 0;
    assert_int_equal(nftw(SOURCE_DIR "/src", scan_source, 16, FTW_PHYS), 0);
}

/* The names an entry's tag documents: "LC_ALL, LC_MESSAGES, LANG" is three. */
static void tag_words(const Entries *entries, Words *w)
{
    w->count = 0;
    for (int i = 0; i < entries->count; i++) {
        const char *p = entries->items[i].tag;
        while (*p) {
            size_t n = strcspn(p, ", ");
            if (n)
                words_add(w, p, n);
            p += n;
            p += strspn(p, ", ");
        }
    }
}

static void test_environment_is_documented(void **state)
{
    (void)state;
    read_man();
    scan_sources();
    static Entries env;
    static Words documented;
    man_entries("ENVIRONMENT", &env);
    tag_words(&env, &documented);
    /* SDL reads these two; the tests and a headless start set them. */
    words_add(&source_vars, "SDL_VIDEODRIVER", strlen("SDL_VIDEODRIVER"));
    words_add(&source_vars, "SDL_AUDIODRIVER", strlen("SDL_AUDIODRIVER"));
    assert_true(source_vars.count >= 4);
    int problems = 0;
    for (int i = 0; i < source_vars.count; i++)
        if (!words_has(&documented, source_vars.items[i])) {
            print_error("the program reads %s, which tightrope.6 ENVIRONMENT does not document\n",
                        source_vars.items[i]);
            problems++;
        }
    assert_int_equal(problems, 0);
}

static void test_data_files_are_documented(void **state)
{
    (void)state;
    read_man();
    scan_sources();
    static Entries files;
    static Words documented;
    man_entries("FILES", &files);
    tag_words(&files, &documented);
    assert_true(source_files.count >= 2);
    int problems = 0;
    for (int i = 0; i < source_files.count; i++) {
        const char *name = source_files.items[i];
        char value[TAG_MAX];
        if (name[0] == '"') {
            snprintf(value, sizeof value, "%.*s", (int)strcspn(name + 1, "\""), name + 1);
        } else {
            value[0] = '\0';
            for (int j = 0; j < file_macros_names.count; j++)
                if (strcmp(file_macros_names.items[j], name) == 0)
                    copy(value, sizeof value, file_macros_values[j]);
            if (!value[0]) {
                print_error("datadir_file(%s, ...): %s is no #define of a string in src/\n", name, name);
                problems++;
                continue;
            }
        }
        char folder[TAG_MAX + 1];
        snprintf(folder, sizeof folder, "%s/", value);
        if (!words_has(&documented, value) && !words_has(&documented, folder)) {
            print_error("the data folder holds %s, which tightrope.6 FILES does not document\n", value);
            problems++;
        }
    }
    assert_int_equal(problems, 0);
}

static void test_version_is_the_programs(void **state)
{
    (void)state;
    read_man();
    char *lines[4096];
    int count = man_lines(lines, 4096);
    const char *th = NULL;
    for (int i = 0; i < count && !th; i++)
        if (is_request(lines[i], "TH"))
            th = lines[i];
    assert_non_null(th);
    assert_non_null(strstr(th, " 6 "));
    if (!strstr(th, "\"Tightrope " TIGHTROPE_VERSION "\""))
        fail_msg("tightrope.6's .TH line should name \"Tightrope %s\": %s", TIGHTROPE_VERSION, th);
}

/* groff, warning about everything, has nothing to say. */
static void test_groff_has_no_warnings(void **state)
{
    (void)state;
    if (system("command -v groff >/dev/null 2>&1") != 0)
        fail_msg("groff is not installed; scripts/setup installs groff-base");
    FILE *p = popen("groff -man -ww -z -rCHECKSTYLE=3 -Tutf8 '" MAN_PATH "' 2>&1", "r");
    assert_non_null(p);
    char out[8192];
    size_t n = fread(out, 1, sizeof out - 1, p);
    out[n] = '\0';
    int status = pclose(p);
    if (n)
        print_error("%s", out);
    assert_int_equal(n, 0);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_options_are_the_manuals),
        cmocka_unit_test(test_synopsis_names_the_usage_options),
        cmocka_unit_test(test_environment_is_documented),
        cmocka_unit_test(test_data_files_are_documented),
        cmocka_unit_test(test_version_is_the_programs),
        cmocka_unit_test(test_groff_has_no_warnings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
