/* SPDX-License-Identifier: MIT */
/* Drawing pieces the screens share: the title bar, a card, the tightrope,
 * a row of buttons, and the labels of days and kinds. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "screens.h"
#include "utext.h"

static const IconId kind_icons[KIND_COUNT] = {ICON_SHARING, ICON_PLANNING, ICON_SOLO, ICON_SUPPORT, ICON_REBALANCE};

const char *kind_label(CardKind kind)
{
    static const char *const labels[KIND_COUNT] = {N_("Sharing"), N_("Planning"), N_("Solo goal"),
                                                   N_("Support"), N_("Rebalance")};
    return (unsigned)kind < KIND_COUNT ? _(labels[kind]) : "";
}

/* Day day after played (-1: the day it was played), in the language:
 * with its month ("Wed 7 Jan") or without ("Wed 7"); "Some day". */
static const char *date_label(const char *played, int day, bool with_month, char *buf, size_t size)
{
    char date[RECORD_DATE_SIZE];
    int y, m, d;
    if (day < 0)
        snprintf(date, sizeof date, "%.10s", played);
    if ((day >= 0 && !record_day_date(played, day, date)) || !record_parse_date(date, &y, &m, &d)) {
        snprintf(buf, size, "%s", _("Some day"));
        return buf;
    }
    struct tm t = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_wday = (record_weekday(date) + 1) % 7};
    if (with_month)
        return i18n_date(&t, I18N_DATE_SHORT, buf, size);
    char day_number[16];
    snprintf(day_number, sizeof day_number, "%d", d);
    static const char *const names[] = {"{wd}", "{day}"};
    const char *values[] = {i18n_weekday(t.tm_wday, true), day_number};
    /* TRANSLATORS: a day of the coming week on a button: {wd} (Mon) and {day} (5). */
    return i18n_fill(_("{wd} {day}"), names, values, 2, buf, size);
}

const char *record_day_label(const char *played, int day, char *buf, size_t size)
{
    return date_label(played, day, true, buf, size);
}

const char *day_label(time_t today, int day, char *buf, size_t size)
{
    if (day == 0) {
        snprintf(buf, size, "%s", _("Tomorrow"));
        return buf;
    }
    /* The engine's one day rule, as Our week dates the plans: "Wed 7 Jan",
     * shown without its month. */
    char played[RECORD_PLAYED_SIZE];
    record_format_time(today, played);
    return date_label(played, day, false, buf, size);
}

void draw_title_bar(App *app, const char *title, const char *subtitle)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    Box s = g->area;
    gfx_text(g, FONT_UI_BOLD, 58, title, (Box){s.x, s.y, s.w, 80}, ALIGN_LEFT, VALIGN_TOP, g->theme->text);
    if (subtitle)
        gfx_text(g, FONT_UI, 32, subtitle, (Box){s.x, s.y + 84, s.w, 44}, ALIGN_LEFT, VALIGN_TOP, g->theme->muted);
}

void draw_card(App *app, Box b, CardKind kind, const char *label, const char *text, bool focused, float alpha)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    alpha = alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
    if (alpha < 1 && !g->fades) {
        /* Without a GPU, blending a whole card costs several frames: it
         * is uncovered from the top as it comes in, opaque, instead of
         * fading in. */
        GfxClip saved;
        if (gfx_clip_begin(g, (Box){b.x - 14, b.y - 14, b.w + 28, (b.h + 38) * alpha}, &saved))
            draw_card(app, b, kind, label, text, focused, 1);
        gfx_clip_end(g, &saved);
        return;
    }
    Uint8 a = (Uint8)(255 * alpha);
    SDL_Color kc = th->kinds[(unsigned)kind < KIND_COUNT ? kind : 0];
    float r = 28;
    gfx_mark(g, MARK_CARD, b, label && label[0] ? label : kind_label(kind));
    if (focused)
        ui_draw_focus(&app->ui, b, r);
    else if (a == 255 && gfx_alpha(th->card_edge, a).a == 255)
        gfx_shadow(g, b, r, 10, th->shadow);
    else
        gfx_round(g, (Box){b.x, b.y + 10, b.w, b.h}, r, gfx_alpha(th->shadow, a));
    gfx_round_framed(g, b, r, 3, gfx_alpha(focused ? kc : th->card_edge, a), gfx_alpha(th->card, a));
    /* The kind: icon and label in its colour, so shape and words tell it too. */
    float head = 64;
    gfx_icon(g, kind_icons[(unsigned)kind < KIND_COUNT ? kind : 0], (Box){b.x + 32, b.y + 28, head, head},
             gfx_alpha(kc, a));
    /* A label too long for its line at the reading size (a long language)
     * is cut short with "…", never drawn smaller. */
    Box lb = {b.x + 32 + head + 18, b.y + 28, b.w - head - 90 - (kind == KIND_SHARING ? 140 : 0), head};
    const char *shown = label ? label : kind_label(kind);
    char cut[600];
    for (int max = (int)ui_chars(shown); max > 1 && gfx_text_size(g, FONT_UI_BOLD, GFX_READ_MIN, shown, 1e6f).x > lb.w;) {
        max = max * 9 / 10;
        shown = shorten(label ? label : kind_label(kind), max, cut, sizeof cut);
    }
    gfx_text(g, FONT_UI_BOLD, 34, shown, lb, ALIGN_LEFT, VALIGN_MIDDLE, gfx_alpha(kc, a));
    gfx_fill(g, (Box){b.x + 32, b.y + 28 + head + 16, b.w - 64, 2}, gfx_alpha(th->card_edge, a));
    Box body = {b.x + 44, b.y + head + 70, b.w - 88, b.h - head - 100};
    /* Card text is the largest on screen: never under GFX_CARD_MIN, but for a
     * long card (a plan of a few sentences, three of them side by side), which
     * may come down to the reading size, never below it. */
    float keep = g->floor;
    g->floor = ui_chars(text) > GFX_CARD_LONG_CHARS ? GFX_READ_MIN : GFX_CARD_MIN;
    gfx_text_fit_min(g, FONT_UI, 50, g->floor / g->text_scale, text, body, ALIGN_CENTER, VALIGN_MIDDLE,
                     gfx_alpha(th->text, a));
    g->floor = keep;
}

static float rope_x(Box b, float balance)
{
    const float range = GAME_REACH + 2;
    float f = 0.5f + balance / (2 * range);
    return b.x + b.w * (f < 0 ? 0 : f > 1 ? 1 : f);
}

void draw_row_back(App *app, Box b, bool focused)
{
    Gfx *g = &app->gfx;
    if (focused) {
        ui_draw_focus(&app->ui, b, 20);
        gfx_round(g, b, 20, g->theme->focus);
    } else {
        gfx_round(g, b, 20, g->theme->panel);
    }
}

void draw_rope(App *app, Box b, float balance, int middle)
{
    /* While the walker walks, the rope and the walker above it move. */
    if (app_anim(app, &app->play.walk) < 1)
        gfx_moving(&app->gfx, (Box){b.x, b.y - b.h * 0.5f, b.w, b.h * 1.5f});
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    float ry = b.y + b.h * 0.62f;
    float x0 = b.x + 70, x1 = b.x + b.w - 70;
    Box track = {x0, b.y, x1 - x0, b.h};
    /* The steady zone and the safe range around the middle. */
    float zl = rope_x(track, (float)(middle - GAME_STEADY)), zr = rope_x(track, (float)(middle + GAME_STEADY));
    gfx_round(g, (Box){zl, ry - 34, zr - zl, 68}, 16, gfx_alpha(th->good, 46));
    for (int side = -1; side <= 1; side += 2) {
        float sx = rope_x(track, (float)(middle + side * GAME_SAFE));
        gfx_line(g, sx, ry - 26, sx, ry + 26, 4, gfx_alpha(th->muted, 150));
    }
    float mx = rope_x(track, (float)middle);
    gfx_line(g, mx, ry - 40, mx, ry + 40, 6, th->good);
    /* Posts, and the rope sagging a little under the walker. */
    float wx = rope_x(track, balance);
    gfx_line(g, b.x + 30, ry - 60, b.x + 30, b.y + b.h, 10, th->muted);
    gfx_line(g, b.x + b.w - 30, ry - 60, b.x + b.w - 30, b.y + b.h, 10, th->muted);
    float prev_x = b.x + 30, prev_y = ry - 50;
    const int steps = 40;
    for (int i = 1; i <= steps; i++) {
        float x = b.x + 30 + (b.w - 60) * i / steps;
        float span = x < wx ? wx - (b.x + 30) : (b.x + b.w - 30) - wx;
        float d = span > 0 ? fabsf(x - wx) / span : 0;
        float y = ry - 50 + 50 * (1 - d * d) * (i < steps ? 1.0f : 0.0f) + (i == steps ? 0 : 0);
        gfx_line(g, prev_x, prev_y, x, y, 6, th->rope);
        prev_x = x;
        prev_y = y;
    }
    /* The walker leans the way it is moving. */
    float lean = 0;
    float t = app_anim(app, &app->play.walk);
    if (t < 1)
        lean = (app->play.walk_to - app->play.walk_from) * 6.0f * sinf(t * 3.14159265f);
    float wsz = b.h * 0.8f;
    gfx_icon_turned(g, ICON_WALKER, (Box){wx - wsz / 2, ry - wsz - 2, wsz, wsz}, th->text, lean);
    gfx_text(g, FONT_UI_BOLD, 34, _("Apart"), (Box){b.x, b.y + b.h + 2, 400, 44}, ALIGN_LEFT, VALIGN_TOP, th->muted);
    gfx_text(g, FONT_UI_BOLD, 34, _("Together"), (Box){b.x + b.w - 400, b.y + b.h + 2, 400, 44}, ALIGN_RIGHT,
             VALIGN_TOP, th->muted);
    gfx_text(g, FONT_UI_BOLD, 32, _("steady"), (Box){zl - 40, b.y + b.h + 2, zr - zl + 80, 44}, ALIGN_CENTER, VALIGN_TOP,
             th->good);
}

/* Where a choice would put the walker: a faint walker and a dashed mark. */
void draw_rope_ghost(App *app, Box b, float balance, int middle)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    float ry = b.y + b.h * 0.62f;
    float x0 = b.x + 70, x1 = b.x + b.w - 70;
    float wx = rope_x((Box){x0, b.y, x1 - x0, b.h}, balance);
    (void)middle;
    float wsz = b.h * 0.8f;
    Box at = {wx - wsz / 2, ry - wsz - 2, wsz, wsz};
    gfx_mark(g, MARK_ICON, at, "ghost walker");
    gfx_icon(g, ICON_WALKER, at, gfx_alpha(g->theme->accent, 110));
    for (float y = ry - 40; y < ry + 40; y += 16)
        gfx_line(g, wx, y, wx, y + 8, 4, gfx_alpha(g->theme->accent, 160));
}

/* The rope's path through a game, drawn out: time runs left to right, the
 * balance up toward Together and down toward Apart, over the steady band.
 * The path shows up to progress (0..1); a star marks each round that ended
 * steady, at the step that ended it. */
void draw_rope_path(App *app, Box b, const RopePath *path, float progress)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    gfx_mark(g, MARK_CARD, b, "rope path");
    const float range = GAME_REACH + 1;
    /* The labels' column as wide as the widest in this language (a
     * quarter of the path at most). */
    const char *together = _("Together"), *apart = _("Apart");
    /* TRANSLATORS: the middle of the rope's path, between Together and Apart. */
    const char *steady = _("steady");
    float label_w = 220;
    const char *labels[] = {together, steady, apart};
    for (int i = 0; i < 3; i++) {
        float lw = gfx_text_size(g, FONT_UI_BOLD, 34, labels[i], b.w).x + 24;
        label_w = lw > label_w ? lw : label_w;
    }
    label_w = label_w < b.w / 4 ? label_w : b.w / 4;
    float x0 = b.x + label_w, w = b.w - label_w - 30, mid_y = b.y + b.h / 2;
    float unit = (b.h / 2 - 10) / range;
#define PATH_Y(v) (mid_y - ((float)(v) - (float)path->middle) * unit)
    float zt = PATH_Y(path->middle + GAME_STEADY), zb = PATH_Y(path->middle - GAME_STEADY);
    gfx_round(g, (Box){x0, zt, w, zb - zt}, 14, gfx_alpha(th->good, 46));
    gfx_line(g, x0, mid_y, x0 + w, mid_y, 3, gfx_alpha(th->good, 160));
    gfx_text(g, FONT_UI_BOLD, 34, together, (Box){b.x, b.y, label_w - 16, 44}, ALIGN_RIGHT, VALIGN_TOP, th->muted);
    gfx_text(g, FONT_UI_BOLD, 34, steady, (Box){b.x, mid_y - 22, label_w - 16, 44}, ALIGN_RIGHT, VALIGN_MIDDLE,
             th->good);
    gfx_text(g, FONT_UI_BOLD, 34, apart, (Box){b.x, b.y + b.h - 44, label_w - 16, 44}, ALIGN_RIGHT, VALIGN_BOTTOM,
             th->muted);
    int n = path->count;
    if (n <= 0)
        return;
    float p = progress < 0 ? 0 : progress > 1 ? 1 : progress;
    float shown = p * n; /* steps drawn, the last one in part */
    float px = x0, py = PATH_Y(path->middle);
    for (int i = 0; i < n && i < shown; i++) {
        float x = x0 + w * (float)(i + 1) / (float)n, y = PATH_Y(path->balances[i]);
        float part = shown - (float)i < 1 ? shown - (float)i : 1;
        float ex = px + (x - px) * part, ey = py + (y - py) * part;
        gfx_line(g, px, py, ex, ey, 8, th->rope);
        px = x;
        py = y;
    }
    for (int i = 0; i < n && i < path->ends_count; i++) {
        int at = path->round_ends[i];
        if (at < 1 || at > n || !(path->star_rounds >> i & 1u))
            continue;
        float x = x0 + w * (float)at / (float)n, y = PATH_Y(path->balances[at - 1]);
        /* A star the path has not reached yet is made ready with the first
         * frame, not as the path reaches it. */
        if ((float)at > shown)
            gfx_icon_ready(g, ICON_STAR, (Box){x - 30, y - 30, 60, 60}, th->accent);
        else
            gfx_icon(g, ICON_STAR, (Box){x - 30, y - 30, 60, 60}, th->accent);
    }
#undef PATH_Y
}

int button_row(App *app, Box b, const char *const *labels, int count, int selected, int primary_index, int flags)
{
    int hit = -1;
    float gap = 18;
    float w = (b.w - gap * (count - 1)) / count;
    /* One text size for the whole row: the size the longest label needs. */
    float size = 0;
    if (app->ui.pass == UI_DRAW) {
        for (int i = 0; i < count; i++) {
            float s = ui_label_size(&app->ui, (Box){b.x + i * (w + gap), b.y, w, b.h}, labels[i]);
            if (i == 0 || s < size)
                size = s;
        }
    }
    for (int i = 0; i < count; i++) {
        int f = flags | (i == selected ? UI_SELECTED : 0) | (i == primary_index ? UI_PRIMARY : 0);
        if (ui_button_sized(&app->ui, (Box){b.x + i * (w + gap), b.y, w, b.h}, labels[i], f, size))
            hit = i;
    }
    return hit;
}

const char *level_name(const Deck *deck, int level)
{
    static const char *const words[DECK_LEVELS] = {NC_("level", "Light"), NC_("level", "Closer"),
                                                   NC_("level", "Deep")};
    if (level < 1 || level > DECK_LEVELS)
        level = 1;
    if (deck && deck->level_names[level - 1])
        return deck->level_names[level - 1];
    return C_("level", words[level - 1]);
}

const Deck *app_deck_of(const App *app, CardKind kind, const char *text)
{
    const Library *lib = &app->decks.library;
    for (size_t i = 0; text && i < lib->count; i++) {
        const Deck *d = lib->items[i].deck;
        if (!d || d->kind != kind || !app->decks.enabled || !app->decks.enabled[i])
            continue;
        for (size_t c = 0; c < d->card_count; c++)
            if (strcmp(d->cards[c].text, text) == 0)
                return d;
    }
    return NULL;
}

const char *source_label(const LibraryEntry *e, char *buf, size_t size)
{
    if (e->source == SOURCE_BUILTIN)
        return _("Built-in");
    if (e->source == SOURCE_USER)
        return _("Yours");
    /* A folder given with --decks-dir, or the folder of a --deck file. */
    const char *end = strrchr(e->path, '/');
    if (!end) {
        snprintf(buf, size, "%s", _("This folder"));
        return buf;
    }
    const char *start = end;
    while (start > e->path && start[-1] != '/')
        start--;
    if (start == end)
        snprintf(buf, size, "%s", _("This folder"));
    else
        snprintf(buf, size, "%.*s", (int)(end - start), start);
    return buf;
}

bool deck_is_pack(const Deck *deck)
{
    return deck->pack;
}

void list_begin(App *app, List *l, Box box, float row, int rows, int *scroll, int focus_row)
{
    *l = (List){.box = box, .row = row, .rows = rows, .scroll = scroll};
    l->visible = (int)(box.h / row);
    if (l->visible < 1)
        l->visible = 1;
    int most = rows - l->visible > 0 ? rows - l->visible : 0;
    if (app->ui.pass == UI_ACT && app->ui.input.type == IN_SCROLL) {
        *scroll -= (int)app->ui.input.y;
        app->wheeled = true;
        app->dirty = true;
    }
    if (*scroll > most)
        *scroll = most;
    if (*scroll < 0)
        *scroll = 0;
    bool in_view = focus_row >= *scroll && focus_row < *scroll + l->visible;
    if (app->ui.pass == UI_LAYOUT && app->wheeled) {
        /* The wheel moved the list: the focus follows onto a row in view. */
        l->refocus = focus_row >= 0 && !in_view;
        app->wheeled = false;
    } else if (focus_row >= 0 && !in_view && app->ui.pass == UI_LAYOUT) {
        *scroll = focus_row < *scroll ? focus_row : focus_row - l->visible + 1;
    }
}

Box list_row(App *app, List *l, int k, int *flags)
{
    bool shown = k >= *l->scroll && k < *l->scroll + l->visible;
    if (flags && !shown)
        *flags |= UI_HIDDEN;
    if (flags && shown && l->refocus) {
        app->ui.focus = app->ui.count; /* the row about to be declared */
        l->refocus = false;
    }
    /* The rows leave a gutter on the right for the arrows saying there is more. */
    return (Box){l->box.x, l->box.y + (float)(k - *l->scroll) * l->row, l->box.w - LIST_GUTTER, l->row - 16};
}

void list_hints(App *app, const List *l)
{
    if (app->ui.pass != UI_DRAW)
        return;
    Gfx *g = &app->gfx;
    SDL_Color c = g->theme->muted;
    Box gutter = {l->box.x + l->box.w - LIST_GUTTER + 20, l->box.y, LIST_GUTTER - 20, l->visible * l->row - 16};
    if (*l->scroll > 0)
        gfx_text(g, FONT_UI_BOLD, 40, "▲", (Box){gutter.x, gutter.y, gutter.w, 56}, ALIGN_CENTER, VALIGN_TOP, c);
    if (*l->scroll + l->visible < l->rows)
        gfx_text(g, FONT_UI_BOLD, 40, "▼", (Box){gutter.x, gutter.y + gutter.h - 56, gutter.w, 56}, ALIGN_CENTER,
                 VALIGN_BOTTOM, c);
}

/* The columns a character takes: two for the wide ones of East Asian
 * scripts (kana, kanji, hangul, full-width forms), which are drawn about
 * twice as wide as a Latin letter; one for the others. */
static int columns(int32_t cp)
{
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
    return wide ? 2 : 1;
}

/* The byte where text reaches most columns (all of text when it fits). */
static size_t bytes_in_columns(const char *text, int most, int *used)
{
    size_t at = 0, len = strlen(text);
    int cols = 0;
    while (at < len) {
        int32_t cp;
        int n = utext_decode(text + at, len - at, &cp);
        if (n <= 0)
            n = 1, cp = '?';
        if (cols + columns(cp) > most)
            break;
        cols += columns(cp);
        at += (size_t)n;
    }
    if (used)
        *used = cols;
    return at;
}

const char *shorten(const char *text, int max, char *out, size_t size)
{
    if (text[bytes_in_columns(text, max, NULL)] == '\0') {
        snprintf(out, size, "%s", text);
        return out;
    }
    /* The byte where column max - 1 ends (room for the ellipsis). */
    size_t end = bytes_in_columns(text, max - 1, NULL);
    /* Back to the last space, unless the word is longer than a word is
     * (a language written without spaces, like Japanese, is cut where the
     * room ends, not back at the last space, which may be far). */
    size_t cut = end, nearest = end > 24 ? end - 24 : 0;
    while (cut > nearest && text[cut] != ' ')
        cut--;
    if (cut == nearest)
        cut = end;
    while (cut > 0 && (text[cut - 1] == ' ' || text[cut - 1] == ',' || text[cut - 1] == ';' || text[cut - 1] == ':'))
        cut--;
    snprintf(out, size, "%.*s…", (int)cut, text);
    return out;
}
