/* SPDX-License-Identifier: MIT */
/* The game in the player's language: the locale, the catalogue folder, the
 * language switched at run time through $LANGUAGE, and dates in each
 * language's own form from the catalogue (no system locale needed). */
#include "i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "paths.h"
#include "settings.h"

#define DOMAIN "tightrope"

static char shown[16] = "en";

void i18n_init(const char *argv0)
{
    /* Only the messages follow the locale: numbers stay "0.5" in files and
     * scripts whatever the language. gettext ignores $LANGUAGE under the
     * "C" locale, so a locale this system lacks becomes C.UTF-8. */
    const char *got = setlocale(LC_MESSAGES, "");
    if (!got || strcmp(got, "C") == 0 || strcmp(got, "POSIX") == 0)
        setlocale(LC_MESSAGES, "C.UTF-8");
    char dir[4200], why[512];
    /* Without catalogues the game speaks English: no need to say so. */
    if (paths_locale(argv0, dir, sizeof dir, why, sizeof why) == 0)
        bindtextdomain(DOMAIN, dir);
    bind_textdomain_codeset(DOMAIN, "UTF-8");
    textdomain(DOMAIN);
    i18n_use(NULL);
}

void i18n_use(const char *language)
{
    char code[16];
    const char *forced = getenv("TIGHTROPE_LANGUAGE");
    if (forced && *forced)
        language = forced;
    if (language && *language && strcmp(language, "auto") != 0)
        snprintf(code, sizeof code, "%s", language);
    else
        settings_locale_language(code, sizeof code);
    snprintf(shown, sizeof shown, "%s", code);
    setenv("LANGUAGE", code, 1);
    /* Setting the domain again drops gettext's cached lookups. */
    textdomain(DOMAIN);
}

const char *i18n_pgettext(const char *context, const char *s)
{
    char key[256];
    if (snprintf(key, sizeof key, "%s\004%s", context, s) >= (int)sizeof key)
        return gettext(s);
    const char *t = gettext(key);
    return t == key || strcmp(t, key) == 0 ? s : t;
}

const char *i18n_language(void)
{
    return shown;
}

const char *i18n_weekday(int wday, bool shortly)
{
    static const char *const full[7] = {N_("Sunday"),   N_("Monday"), N_("Tuesday"), N_("Wednesday"),
                                        N_("Thursday"), N_("Friday"), N_("Saturday")};
    static const char *const brief[7] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat")};
    if (wday < 0 || wday > 6)
        return "";
    return gettext(shortly ? brief[wday] : full[wday]);
}

static const char *month_name(int mon, bool shortly)
{
    static const char *const names[12] = {N_("January"), N_("February"), N_("March"),     N_("April"),
                                          N_("May"),     N_("June"),     N_("July"),      N_("August"),
                                          N_("September"), N_("October"), N_("November"), N_("December")};
    static const char *const brief[12] = {N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
                                          N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec")};
    return mon >= 0 && mon < 12 ? gettext(shortly ? brief[mon] : names[mon]) : "";
}

char *i18n_date(const struct tm *t, I18nDate form, char *out, size_t size)
{
    char day[16], month_number[16];
    snprintf(day, sizeof day, "%d", t->tm_mday);
    snprintf(month_number, sizeof month_number, "%d", t->tm_mon + 1);
    bool shortly = form == I18N_DATE_SHORT || form == I18N_DATE_TINY;
    const char *names[] = {"{weekday}", "{wd}", "{day}", "{month}", "{month_number}"};
    const char *values[] = {i18n_weekday(t->tm_wday, shortly), i18n_weekday(t->tm_wday, true), day,
                            month_name(t->tm_mon, shortly), month_number};
    /* TRANSLATORS: a date with its weekday: {weekday} (Monday), {wd}
       (Mon), {day} (5), {month} (January), {month_number} (1). */
    const char *with = _("{weekday} {day} {month}");
    /* TRANSLATORS: a date in few letters: {weekday} and {wd} (Mon), {day}
       (5), {month} (Jan), {month_number} (1). */
    const char *brief = _("{wd} {day} {month}");
    /* TRANSLATORS: a date: {day} (5), {month} (January), {month_number} (1). */
    const char *plain = _("{day} {month}");
    /* TRANSLATORS: a date in the fewest letters, under a narrow column of
       a chart: {day} (5), {month} (Jan), {month_number} (1). */
    const char *tiny = C_("date in the fewest letters", "{day} {month}");
    const char *form_text = form == I18N_DATE_SHORT   ? brief
                            : form == I18N_DATE_PLAIN ? plain
                            : form == I18N_DATE_TINY  ? tiny
                                                      : with;
    return i18n_fill(form_text, names, values, 5, out, size);
}

char *i18n_fill(const char *template_text, const char *const *names, const char *const *values, size_t count,
                char *out, size_t size)
{
    size_t o = 0;
    if (!size)
        return out;
    for (const char *p = template_text; *p && o + 1 < size;) {
        size_t i = 0, len = 0;
        for (; *p == '{' && i < count; i++) {
            len = strlen(names[i]);
            if (strncmp(p, names[i], len) == 0)
                break;
        }
        if (*p == '{' && i < count) {
            o += (size_t)snprintf(out + o, size - o, "%s", values[i]);
            if (o >= size)
                o = size - 1;
            p += len;
        } else {
            out[o++] = *p++;
        }
    }
    out[o] = '\0';
    return out;
}
