/* SPDX-License-Identifier: MIT */
/* The record of a finished game as the journal keeps it and export writes
 * it: a plain struct of its own, so that neither depends on the engine's
 * internals. Also the one rule that turns a plan's day into a date. */
#ifndef TIGHTROPE_RECORD_H
#define TIGHTROPE_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "game.h"

enum {
    RECORD_DAYS = 8,     /* day 0..6: the seven days after the game; 7: some day */
    RECORD_SOME_DAY = 7,
    RECORD_DATE_SIZE = 11,  /* "YYYY-MM-DD" and its NUL */
    RECORD_PLAYED_SIZE = 20 /* "YYYY-MM-DD HH:MM:SS" and its NUL */
};

typedef struct {
    char *text;      /* the planning card */
    int day;         /* 0..6, or RECORD_SOME_DAY */
    DayTime time;
} RecordPlan;

typedef struct {
    int partner;     /* 0 or 1: whose goal */
    char *text;      /* the solo card, or the partner's own words */
    int day;         /* 0..6, or RECORD_SOME_DAY */
    char *support;   /* the support card the other partner chose */
} RecordGoal;

/* Every pointer is owned by the record: record_free frees them all. A zeroed
 * record is empty and valid. */
typedef struct {
    long long id;                    /* the journal's id for the game; 0 until stored */
    char played[RECORD_PLAYED_SIZE]; /* local time the game ended: "YYYY-MM-DD HH:MM:SS" */
    char *names[2];
    Need needs[2];
    int middle;                      /* the rope's middle, from the needs (game_middle) */
    int rounds, stars;
    int passes[2];                   /* passes each partner used */
    char **decks;                    /* the names of the decks in play */
    size_t deck_count;
    int *balances;                   /* the balance after every action */
    size_t balance_count;
    RecordPlan *plans;
    size_t plan_count;
    RecordGoal *goals;
    size_t goal_count;
} Record;

/* Frees everything record holds and zeroes it. NULL is fine. */
void record_free(Record *record);

/* Append to the record, copying the strings. Each returns false (and leaves
 * the record as it was) when memory runs out or a value is out of range. */
bool record_set_name(Record *record, int partner, const char *name);
bool record_add_deck(Record *record, const char *name);
bool record_add_balance(Record *record, int balance);
bool record_add_plan(Record *record, const char *text, int day, DayTime time);
bool record_add_goal(Record *record, int partner, const char *text, int day, const char *support);

/* Drops plan (is_goal false) or goal number index from the record; the
 * later ones move up. False when there is no such item. */
bool record_drop(Record *record, bool is_goal, size_t index);

/* Makes a deep copy of src into dst (which is overwritten, not freed).
 * Returns false when memory runs out, leaving dst zeroed. */
bool record_copy(Record *dst, const Record *src);

/* Fills record (overwritten, not freed) from the engine's summary of a game,
 * the names of the decks that were in play, and when it was played (played:
 * "YYYY-MM-DD HH:MM:SS" local time, or NULL for now). Returns false when
 * memory runs out or played is malformed, leaving record zeroed. */
bool record_from_summary(Record *record, const GameSummary *summary, const char *const *decks,
                         size_t deck_count, const char *played);

/* Formats t as local "YYYY-MM-DD HH:MM:SS" into out (RECORD_PLAYED_SIZE). */
void record_format_time(time_t t, char *out);

/* The date a plan or goal of a game played on played ("YYYY-MM-DD..." local)
 * falls on: day 0 is the day after the game, day 6 a week after it. Writes
 * "YYYY-MM-DD" into out (RECORD_DATE_SIZE) and returns true; returns false
 * for RECORD_SOME_DAY, a day out of range, or a malformed date. */
bool record_day_date(const char *played, int day, char *out);

/* Writes the date days after date ("YYYY-MM-DD...", days may be negative)
 * into out (RECORD_DATE_SIZE). Returns false when date is malformed or the
 * result leaves the years 1..9999. */
bool record_date_add(const char *date, int days, char *out);

/* Parses "YYYY-MM-DD" (further characters ignored) into its parts, checking
 * the calendar. Returns false when malformed. */
bool record_parse_date(const char *date, int *year, int *month, int *mday);

/* The day of the week of a valid date: 0 Monday .. 6 Sunday; -1 if malformed. */
int record_weekday(const char *date);

/* "Monday".."Sunday" for 0..6; "January".."December" for 1..12; "?" otherwise. */
const char *record_weekday_name(int weekday);
const char *record_month_name(int month);

/* "morning", "afternoon", "evening", "any time"; "closer", "balanced",
 * "more space"; "?" when out of range. */
const char *record_time_name(DayTime time);
const char *record_need_name(Need need);

#endif
