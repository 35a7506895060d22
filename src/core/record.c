/* SPDX-License-Identifier: MIT */
/* The finished-game record: building it, copying it, and its calendar rules. */
#include "record.h"
#include "clock.h"
#include "i18n.h"

#include "clock.h"

#include "utext.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void record_free(Record *record)
{
    if (!record)
        return;
    free(record->names[0]);
    free(record->names[1]);
    for (size_t i = 0; i < record->deck_count; i++)
        free(record->decks[i]);
    free(record->decks);
    free(record->balances);
    for (size_t i = 0; i < record->plan_count; i++)
        free(record->plans[i].text);
    free(record->plans);
    for (size_t i = 0; i < record->goal_count; i++) {
        free(record->goals[i].text);
        free(record->goals[i].support);
    }
    free(record->goals);
    memset(record, 0, sizeof *record);
}

bool record_set_name(Record *record, int partner, const char *name)
{
    if (partner < 0 || partner > 1)
        return false;
    char *copy = utext_dup(name);
    if (!copy)
        return false;
    free(record->names[partner]);
    record->names[partner] = copy;
    return true;
}

bool record_add_deck(Record *record, const char *name)
{
    char *copy = utext_dup(name);
    char **decks = copy ? realloc(record->decks, (record->deck_count + 1) * sizeof *decks) : NULL;
    if (!decks) {
        free(copy);
        return false;
    }
    record->decks = decks;
    decks[record->deck_count++] = copy;
    return true;
}

bool record_add_balance(Record *record, int balance)
{
    int *balances = realloc(record->balances, (record->balance_count + 1) * sizeof *balances);
    if (!balances)
        return false;
    record->balances = balances;
    balances[record->balance_count++] = balance;
    return true;
}

static bool day_ok(int day)
{
    return day >= 0 && day < RECORD_DAYS;
}

bool record_add_plan(Record *record, const char *text, int day, DayTime time)
{
    if (!day_ok(day) || (unsigned)time >= GAME_TIMES)
        return false;
    char *copy = utext_dup(text);
    RecordPlan *plans = copy ? realloc(record->plans, (record->plan_count + 1) * sizeof *plans) : NULL;
    if (!plans) {
        free(copy);
        return false;
    }
    record->plans = plans;
    plans[record->plan_count++] = (RecordPlan){.text = copy, .day = day, .time = time};
    return true;
}

bool record_add_goal(Record *record, int partner, const char *text, int day, const char *support)
{
    if (!day_ok(day) || partner < 0 || partner > 1)
        return false;
    char *t = utext_dup(text), *s = utext_dup(support);
    RecordGoal *goals = t && s ? realloc(record->goals, (record->goal_count + 1) * sizeof *goals) : NULL;
    if (!goals) {
        free(t);
        free(s);
        return false;
    }
    record->goals = goals;
    goals[record->goal_count++] = (RecordGoal){.partner = partner, .text = t, .day = day, .support = s};
    return true;
}

bool record_copy(Record *dst, const Record *src)
{
    Record r = {0};
    r.id = src->id;
    memcpy(r.played, src->played, sizeof r.played);
    r.needs[0] = src->needs[0];
    r.needs[1] = src->needs[1];
    r.rounds = src->rounds;
    r.stars = src->stars;
    r.passes[0] = src->passes[0];
    r.passes[1] = src->passes[1];
    for (int p = 0; p < 2; p++)
        if (src->names[p] && !record_set_name(&r, p, src->names[p]))
            goto fail;
    for (size_t i = 0; i < src->deck_count; i++)
        if (!record_add_deck(&r, src->decks[i]))
            goto fail;
    for (size_t i = 0; i < src->balance_count; i++)
        if (!record_add_balance(&r, src->balances[i]))
            goto fail;
    for (size_t i = 0; i < src->plan_count; i++) {
        const RecordPlan *p = &src->plans[i];
        if (!record_add_plan(&r, p->text, p->day, p->time))
            goto fail;
    }
    for (size_t i = 0; i < src->goal_count; i++) {
        const RecordGoal *g = &src->goals[i];
        if (!record_add_goal(&r, g->partner, g->text, g->day, g->support))
            goto fail;
    }
    *dst = r;
    return true;
fail:
    record_free(&r);
    memset(dst, 0, sizeof *dst);
    return false;
}

static bool played_ok(const char *played)
{
    int y, m, d, hh, mm, ss;
    char tail;
    return strlen(played) == RECORD_PLAYED_SIZE - 1 && record_parse_date(played, &y, &m, &d) &&
           sscanf(played + 10, " %2d:%2d:%2d%c", &hh, &mm, &ss, &tail) == 3 && hh >= 0 && hh < 24 &&
           mm >= 0 && mm < 60 && ss >= 0 && ss < 61;
}

bool record_from_summary(Record *record, const GameSummary *summary, const char *const *decks,
                         size_t deck_count, const char *played)
{
    Record r = {0};
    if (played) {
        if (!played_ok(played))
            goto fail;
        memcpy(r.played, played, RECORD_PLAYED_SIZE);
    } else {
        record_format_time(clock_now(), r.played);
    }
    for (int p = 0; p < 2; p++) {
        if (!record_set_name(&r, p, summary->names[p]))
            goto fail;
        r.needs[p] = summary->needs[p];
        r.passes[p] = summary->passes_used[p];
    }
    r.middle = summary->middle;
    r.rounds = summary->rounds;
    r.stars = summary->stars;
    for (size_t i = 0; i < deck_count; i++)
        if (!record_add_deck(&r, decks[i]))
            goto fail;
    for (int i = 0; i < summary->step_count; i++)
        if (!record_add_balance(&r, summary->steps[i].balance))
            goto fail;
    for (int i = 0; i < summary->plan_count; i++) {
        const GamePlan *p = &summary->plans[i];
        if (!record_add_plan(&r, p->card.text, p->day, (DayTime)p->time))
            goto fail;
    }
    for (int i = 0; i < summary->carried_count; i++)
        if (!record_add_plan(&r, summary->carried[i], RECORD_SOME_DAY, TIME_ANY))
            goto fail;
    for (int i = 0; i < summary->goal_count; i++) {
        const GameGoal *g = &summary->goals[i];
        if (!record_add_goal(&r, g->partner, g->goal.text, g->day, g->support.text))
            goto fail;
    }
    *record = r;
    return true;
fail:
    record_free(&r);
    memset(record, 0, sizeof *record);
    return false;
}

bool record_drop(Record *record, bool is_goal, size_t index)
{
    if (is_goal) {
        if (index >= record->goal_count)
            return false;
        free(record->goals[index].text);
        free(record->goals[index].support);
        memmove(&record->goals[index], &record->goals[index + 1],
                (record->goal_count - index - 1) * sizeof *record->goals);
        record->goal_count--;
        return true;
    }
    if (index >= record->plan_count)
        return false;
    free(record->plans[index].text);
    memmove(&record->plans[index], &record->plans[index + 1], (record->plan_count - index - 1) * sizeof *record->plans);
    record->plan_count--;
    return true;
}

void record_format_time(time_t t, char *out)
{
    struct tm tm;
    if (!localtime_r(&t, &tm) || strftime(out, RECORD_PLAYED_SIZE, "%Y-%m-%d %H:%M:%S", &tm) == 0)
        snprintf(out, RECORD_PLAYED_SIZE, "1970-01-01 00:00:00");
}

/* ---- the calendar (proleptic Gregorian, no time zones involved) ---- */

static bool leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

bool record_parse_date(const char *date, int *year, int *month, int *mday)
{
    if (!date)
        return false;
    for (int i = 0; i < 10; i++) {
        bool dash = i == 4 || i == 7;
        if (dash ? date[i] != '-' : (date[i] < '0' || date[i] > '9'))
            return false;
    }
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    if (y < 1 || m < 1 || m > 12 || d < 1 || d > month_days(y, m))
        return false;
    *year = y;
    *month = m;
    *mday = d;
    return true;
}

int record_weekday(const char *date)
{
    int y, m, d;
    if (!record_parse_date(date, &y, &m, &d))
        return -1;
    int64_t z = days_from_civil(y, m, d); /* 1970-01-01 was a Thursday (3) */
    return (int)(((z % 7) + 7 + 3) % 7);
}

bool record_day_date(const char *played, int day, char *out)
{
    if (day < 0 || day >= RECORD_SOME_DAY)
        return false;
    return record_date_add(played, 1 + day, out);
}

bool record_date_add(const char *date, int days, char *out)
{
    int y, m, d;
    if (!record_parse_date(date, &y, &m, &d))
        return false;
    civil_from_days(days_from_civil(y, m, d) + days, &y, &m, &d);
    if (y < 1 || y > 9999)
        return false;
    char buf[48];
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    memcpy(out, buf, RECORD_DATE_SIZE - 1); /* years stay four digits: 0001..9999 */
    out[RECORD_DATE_SIZE - 1] = '\0';
    return true;
}

const char *record_weekday_name(int weekday)
{
    static const char *const names[7] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                         "Friday", "Saturday", "Sunday"};
    return weekday >= 0 && weekday < 7 ? names[weekday] : "?";
}

const char *record_month_name(int month)
{
    static const char *const names[12] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
    return month >= 1 && month <= 12 ? names[month - 1] : "?";
}

const char *record_time_name(DayTime time)
{
    return game_time_name(time);
}

const char *record_need_name(Need need)
{
    static const char *const names[NEED_COUNT] = {N_("balanced"), N_("closer"), N_("more space")};
    return (unsigned)need < NEED_COUNT ? names[need] : "?";
}
