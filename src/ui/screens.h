/* SPDX-License-Identifier: MIT */
/* What the front end's screens share: the App they draw from and act on,
 * and one function per screen. Each screen function runs in all three UI
 * passes (lay out, act, draw): it declares widgets, acts on the one that was
 * activated, and draws when ui.pass is UI_DRAW. No game rule lives here:
 * screens read the engine's GameView and send it Actions. */
#ifndef TIGHTROPE_SCREENS_H
#define TIGHTROPE_SCREENS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "app.h"
#include "audio.h"
#include "deck.h"
#include "game.h"
#include "gfx.h"
#include "i18n.h"
#include "journal.h"
#include "library.h"
#include "record.h"
#include "settings.h"
#include "text.h"
#include "ui.h"


/* Screens. */
void screen_title(App *app);
/* Where the title draws the game's icon. */
Box title_icon_box(const Gfx *g);
void screen_setup(App *app);
void screen_play(App *app);
void screen_pause(App *app);
void screen_week(App *app);
void screen_howto(App *app);
void screen_settings(App *app);
void screen_decks(App *app);
void screen_checkin(App *app);
void screen_journey(App *app);
void screen_preview(App *app);
void screen_choose(App *app);

/* True when language (a BCP 47 tag) is the card language of the game's
 * settings (from the locale when it is Automatic). */
bool app_speaks(const App *app, const char *language);
void screen_confirm(App *app);
void screen_reveal(App *app);
/* What the confirm screen says about the saved game. */
void confirm_text(App *app, char *out, size_t size);

/* Looks at the deck folders again (after a change on disk, or a dropped
 * file); a game in progress keeps the cards it has. */
void app_refresh_decks(App *app);
/* Waits for the decks loading in the background, if they still are. */
void app_decks_ready(App *app);
/* Puts the decks of the card language in play, as for a first game (after
 * the "Card language" setting changes). */
void app_choose_default_decks(App *app);

/* Opens a new game's setup, after the check-in on the last game if it has
 * questions left. */
void app_new_game(App *app);

/* The title screen's answers to a journal problem. */
void app_journal_fresh(App *app);
void app_journal_read_only(App *app);

/* Writes Our week of app->record as Markdown, iCalendar and PNG, in the
 * export folder; app->journal.export_note says where. */
void app_export_week(App *app);
/* True when this desktop has a way to open a folder (xdg-open on PATH). */
bool app_can_open_folder(void);
/* Opens the folder of the last export with xdg-open, without waiting for
 * it (never under a script). */
void app_open_folder(App *app);
/* Opens Our week of app->journal.record: kept false for a game just ended
 * (plans and goals can still be dropped), true for a week reopened from
 * back (Our journey), where Done returns. */
void app_week_open(App *app, bool kept, ScreenId back);

/* The couple of the setup screen: its names, or the default ones. */
void app_couple(const App *app, const char *names[2]);
/* "Come back to this": keeps the sharing card shown for the couple's next
 * game, or lets it go when it was kept in this game already. */
void app_keep_card(App *app);
/* True when the sharing card shown is the one kept in this game. */
bool app_card_kept(const App *app);
/* Our journey's "Let go": card number k of app->journal.kept is no longer kept. */
void app_let_go(App *app, size_t k);
/* True when the journal is open for writing (keeping a card needs it). */
bool app_can_keep(const App *app);

/* Draws Our week of a finished game (screen_week's body, also used to make
 * the exported picture). */
void week_draw(App *app, const Record *record);

/* Moves to another screen; its primary widget takes the focus, or, when it
 * is the screen just left for this one (going back), the item that had it. */
void app_goto(App *app, ScreenId screen);

/* Starts a new game from the setup choices. Returns false and fills
 * app->setup_error when the engine refuses it. */
bool app_start_game(App *app);

/* Sends an action to the engine, then refreshes the view and starts the
 * motions that show what changed. Returns false (with app->error set) when
 * the engine refuses it. */
bool app_act(App *app, Action action);
/* Commits the last action to the journal, when it waits for it (app_act
 * leaves it until its frame is shown). */
void app_commit(App *app);

/* Ends the game in progress and returns to the title. */
void app_leave_game(App *app);

/* What the play and pause screens say about saving: "" while every card is
 * kept; else why the game in play is not being kept. True when saving had
 * stopped and can be tried again (app_save_again). */
bool app_saving_note(const App *app, char *buf, size_t size);
void app_save_again(App *app);

/* Applies and saves the settings (fullscreen, theme, text size, sound). */
void app_apply_settings(App *app);
/* Writes the settings file (a notice when it cannot be written). */
void app_save_settings(App *app);

/* 0..1 progress of a motion now (1 when finished or reduced motion). */
float app_anim(const App *app, const Anim *anim);
/* The round break is on screen (until its time is up or a key skips it). */
bool app_break_showing(const App *app);

/* Runs one pass of the current screen (and the pause menu over it). */
void app_run_pass(App *app, UiPass pass);

/* Shared drawing pieces. */
void draw_title_bar(App *app, const char *title, const char *subtitle);
/* A card of kind with its icon, label and text, fitted inside b. */
void draw_card(App *app, Box b, CardKind kind, const char *label, const char *text, bool focused, float alpha);
/* The tightrope: walker, middle, steady zone, in b. */
void draw_rope(App *app, Box b, float balance, int middle);
/* A faint walker where a choice would put the rope (drawn before draw_rope). */
void draw_rope_ghost(App *app, Box b, float balance, int middle);

/* A row of a list (a deck, a past week): the focus colour and its ring
 * when focused, the panel otherwise. */
void draw_row_back(App *app, Box b, bool focused);
/* The balance after every action of a game (Record.balances or the
 * GameSummary's steps), the rope's middle, and where each round ended:
 * round_ends[r] is the number of actions when round r + 1 ended, and bit r
 * of star_rounds is set when it ended steady. */
typedef struct {
    const int *balances;
    int count;
    int middle;
    const int *round_ends;
    int ends_count;
    unsigned star_rounds;
} RopePath;
/* The rope's path through a game drawn out up to progress (0..1) in b. */
void draw_rope_path(App *app, Box b, const RopePath *path, float progress);
/* text in b at size, or smaller down to the reading size (GFX_READ_MIN);
 * when even that does not fit, cut at a word with an ellipsis: never drawn
 * under the floor. */
void fit_cut(App *app, FontId font, float size, const char *text, Box b, TextAlign align, VAlign valign, SDL_Color c);
/* A row of equal buttons across b; returns the index activated, or -1. */
int button_row(App *app, Box b, const char *const *labels, int count, int selected, int primary_index, int flags);

/* The label of day 0..7 of a game played on today (day 0 is the day after). */
const char *day_label(time_t today, int day, char *buf, size_t size);

/* "Tue 6 Jan" (in the language) for day 0..6 after a game played on
 * played, or -1 for the day it was played; "Some day". */
const char *record_day_label(const char *played, int day, char *buf, size_t size);

/* text cut to at most max columns (a kana or kanji takes two, as wide as
 * two Latin letters) at the end of a word, with "…" when it was cut; into
 * out. */
const char *shorten(const char *text, int max, char *out, size_t size);

/* "Sharing", "Planning", "Solo goal", "Support", "Rebalance". */
const char *kind_label(CardKind kind);

/* A level in words: the deck's own name for it (`levels:`), else "Light",
 * "Closer" or "Deep". The same words in the preview and in play. */
const char *level_name(const Deck *deck, int level);

/* The deck a card of kind with this text comes from, among the decks in
 * play; NULL when none. */
const Deck *app_deck_of(const App *app, CardKind kind, const char *text);

/* Where a deck comes from, in words: "Built-in", "Yours", or the name of
 * its folder. */
const char *source_label(const LibraryEntry *e, char *buf, size_t size);

/* A themed pack (`pack: yes`): off until the couple switches it on. */
bool deck_is_pack(const Deck *deck);

/* A scrolling list of rows of one height in box: the focused row is kept
 * in view and the mouse wheel scrolls it. list_begin runs before the rows
 * are declared; each row then is list_row's box, with UI_HIDDEN in its
 * flags when it is out of view (it still leads the arrows there). */
enum { LIST_GUTTER = 80 };

typedef struct {
    Box box;
    float row;
    int rows, visible, *scroll;
    bool refocus; /* the wheel left the focus out of view: it moves to the first row in view */
} List;

/* focus_row: the row of the focused widget, or -1. */
void list_begin(App *app, List *l, Box box, float row, int rows, int *scroll, int focus_row);
/* The box of row k. flags: NULL for a row that is not a widget (a
 * heading); else it gets UI_HIDDEN when the row is out of view. */
Box list_row(App *app, List *l, int k, int *flags);
/* "More below" / "More above" arrows beside the list. */
void list_hints(App *app, const List *l);

#endif
