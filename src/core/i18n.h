/* SPDX-License-Identifier: MIT */
/* The game in the player's language: gettext's catalogue (po/), chosen from
 * the locale or the Settings, switched while the game runs. Plain C. */
#ifndef TIGHTROPE_I18N_H
#define TIGHTROPE_I18N_H

#include <libintl.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* A string a player sees: looked up in the catalogue now. */
#define _(s) gettext(s)
/* A string to look up later (in a table): marked for xgettext only. */
#define N_(s) (s)
/* A string whose meaning its context settles ("Closer" a level, "Closer"
 * a need): looked up now, or only marked. */
#define C_(context, s) i18n_pgettext(context, s)
#define NC_(context, s) (s)
/* Plurals: ngettext(one, many, n), as the language counts. */

/* Sets the messages locale from the environment (or C.UTF-8 when it names
 * a locale this system does not have, so the catalogue still works), and
 * binds the "tightrope" domain to the locale folder beside the program
 * (paths_locale). Then uses the locale's language. Call once, first. */
void i18n_init(const char *argv0);

/* Shows the game in language: "en", "ja", "es", "pseudo" (the
 * pseudo-translation the layout tests draw), or NULL, "" or "auto" for the
 * locale's.
 * $TIGHTROPE_LANGUAGE, when set, overrides it (tests, translators). Takes
 * effect at the next gettext call. */
void i18n_use(const char *language);

/* s in context (gettext's msgctxt), or s itself when it has no translation. */
const char *i18n_pgettext(const char *context, const char *s);

/* The language shown now: "en", "ja", "es", "pseudo", ... */
const char *i18n_language(void);

/* A day of the week (0 Sunday .. 6 Saturday) in the language, full
 * ("Monday") or short ("Mon"). */
const char *i18n_weekday(int wday, bool shortly);

typedef enum {
    I18N_DATE_LONG,  /* "Monday 5 January", "1月5日(月)", "lunes 5 de enero" */
    I18N_DATE_SHORT, /* "Mon 5 Jan", "1月5日(月)", "lun 5 ene" */
    I18N_DATE_PLAIN, /* "5 January", "1月5日", "5 de enero" */
    I18N_DATE_TINY,  /* "5 Jan", "1/5", "5 ene": under a chart's narrow column */
} I18nDate;

/* A date (tm_mday, tm_mon, tm_wday are read) in the language's own form.
 * Returns out. */
char *i18n_date(const struct tm *t, I18nDate form, char *out, size_t size);

/* Fills the {name} fields of a translated template: names[i] is replaced by
 * values[i]; other text is copied. Returns out (always terminated). */
char *i18n_fill(const char *template_text, const char *const *names, const char *const *values, size_t count,
                char *out, size_t size);

#endif
