/* SPDX-License-Identifier: MIT */
/* Widgets, immediate-mode: focus, spatial navigation, clicks, buttons, text
 * fields and an on-screen keyboard for gamepads. */
#include "ui.h"
#include "i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "utext.h"

/* The on-screen keyboard: four rows of ten keys, then Shift, Space, Erase, Done. */
static const char *const osk_rows[4] = {"1234567890", "qwertyuiop", "asdfghjkl'", "zxcvbnm,.?"};
enum { OSK_COLS = 10, OSK_LETTERS = 40, OSK_SHIFT = 40, OSK_SPACE, OSK_ERASE, OSK_DONE, OSK_KEYS };

void ui_init(Ui *ui, Gfx *g)
{
    memset(ui, 0, sizeof *ui);
    ui->g = g;
    ui->focus = -1;
    ui->primary = -1;
    ui->activate = -1;
    ui->reset_focus = true;
    ui->cursor_widget = -1;
}

void ui_begin(Ui *ui, UiPass pass)
{
    ui->pass = pass;
    ui->count = 0;
    ui->primary = -1;
    ui->blocked = false;
    ui->sideways = false;
}

static bool focusable(const Widget *w)
{
    return !(w->flags & UI_DISABLED);
}

void ui_end(Ui *ui)
{
    if (ui->pass != UI_LAYOUT)
        return;
    bool valid = ui->focus >= 0 && ui->focus < ui->count && focusable(&ui->widgets[ui->focus]);
    if (ui->restore) {
        ui->restore = false;
        for (int i = 0; i < ui->count; i++) {
            Box a = ui->widgets[i].box, b = ui->restore_box;
            if (focusable(&ui->widgets[i]) && a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h) {
                ui->focus = i;
                ui->reset_focus = false;
                ui->keyboard_open = false;
                ui->cursor_widget = -1;
                valid = true;
                break;
            }
        }
    }
    if (ui->reset_focus || !valid) {
        int f = ui->primary;
        for (int i = 0; f < 0 && i < ui->count; i++)
            if (focusable(&ui->widgets[i]))
                f = i;
        ui->focus = f;
        ui->reset_focus = false;
        ui->keyboard_open = false;
        ui->cursor_widget = -1;
    }
    if (ui->keyboard_open && !ui_typing(ui))
        ui->keyboard_open = false;
}

void ui_focus_primary(Ui *ui)
{
    ui->reset_focus = true;
    ui->restore = false;
}

void ui_focus_box(Ui *ui, Box b)
{
    ui->restore = true;
    ui->restore_box = b;
}

int ui_focus_settled(const Ui *ui)
{
    return ui->reset_focus || ui->restore ? -1 : ui->focus;
}

bool ui_focused_box(const Ui *ui, Box *b)
{
    if (ui->focus < 0 || ui->focus >= ui->count)
        return false;
    *b = ui->widgets[ui->focus].box;
    return true;
}

bool ui_typing(const Ui *ui)
{
    return ui->focus >= 0 && ui->focus < ui->count && (ui->widgets[ui->focus].flags & UI_FIELD);
}

static float centre_x(Box b)
{
    return b.x + b.w / 2;
}

static float centre_y(Box b)
{
    return b.y + b.h / 2;
}

/* The nearest focusable widget in a direction: distance along it, plus
 * twice the offset across it, so that rows and columns are followed. */
static int neighbour(const Ui *ui, int dx, int dy)
{
    if (ui->focus < 0)
        return -1;
    Box from = ui->widgets[ui->focus].box;
    int best = -1;
    float best_score = 0;
    for (int i = 0; i < ui->count; i++) {
        const Widget *w = &ui->widgets[i];
        if (i == ui->focus || !focusable(w))
            continue;
        float ax = centre_x(w->box) - centre_x(from), ay = centre_y(w->box) - centre_y(from);
        float along = ax * dx + ay * dy;
        float across = fabsf(dx ? ay : ax);
        /* Overlapping in the other axis counts as straight ahead. */
        if (dx && w->box.y < from.y + from.h && from.y < w->box.y + w->box.h)
            across = 0;
        if (dy && w->box.x < from.x + from.w && from.x < w->box.x + w->box.w)
            across = 0;
        if (along <= 1)
            continue;
        float score = along + 2 * across;
        if (best < 0 || score < best_score) {
            best = i;
            best_score = score;
        }
    }
    return best;
}

static int step_focus(const Ui *ui, int step)
{
    if (ui->count == 0)
        return -1;
    int i = ui->focus < 0 ? 0 : ui->focus;
    for (int n = 0; n < ui->count; n++) {
        i = (i + step + ui->count) % ui->count;
        if (focusable(&ui->widgets[i]))
            return i;
    }
    return ui->focus;
}

static int hit(const Ui *ui, float x, float y)
{
    for (int i = ui->count - 1; i >= 0; i--) {
        const Widget *w = &ui->widgets[i];
        if (focusable(w) && !(w->flags & UI_HIDDEN) && x >= w->box.x && x < w->box.x + w->box.w && y >= w->box.y && y < w->box.y + w->box.h)
            return i;
    }
    return -1;
}

static const int osk_start[] = {0, 2, 6, 8}, osk_span[] = {2, 4, 2, 2};

static int osk_at(int row, int col)
{
    if (row < 4)
        return row * OSK_COLS + col;
    for (int j = 3; j >= 0; j--)
        if (col >= osk_start[j])
            return OSK_LETTERS + j;
    return OSK_SHIFT;
}

/* The key next to key in a direction, staying on the keyboard. */
static int osk_move(int key, int dx, int dy)
{
    int row = key < OSK_LETTERS ? key / OSK_COLS : 4;
    int col = key < OSK_LETTERS ? key % OSK_COLS : osk_start[key - OSK_LETTERS];
    if (dx) {
        if (row < 4)
            return col + dx >= 0 && col + dx < OSK_COLS ? key + dx : key;
        int j = key - OSK_LETTERS + dx;
        return j >= 0 && j < 4 ? OSK_LETTERS + j : key;
    }
    if (row == 4)
        col += osk_span[key - OSK_LETTERS] / 2;
    row += dy;
    if (row < 0 || row > 4)
        return key;
    return osk_at(row, col);
}

/* Input while the on-screen keyboard is open. */
static bool osk_route(Ui *ui, const Input *in)
{
    switch (in->type) {
    case IN_UP:
        ui->osk_key = osk_move(ui->osk_key, 0, -1);
        return false;
    case IN_DOWN:
        ui->osk_key = osk_move(ui->osk_key, 0, 1);
        return false;
    case IN_LEFT:
        ui->osk_key = osk_move(ui->osk_key, -1, 0);
        return false;
    case IN_RIGHT:
        ui->osk_key = osk_move(ui->osk_key, 1, 0);
        return false;
    case IN_BACK:
    case IN_PAUSE:
        ui->keyboard_open = false;
        return false;
    case IN_CHOOSE:
        break;
    default:
        return in->type == IN_TEXT || in->type == IN_ERASE;
    }
    ui->input = (Input){.type = IN_TEXT};
    if (ui->osk_key < OSK_LETTERS) {
        char c = osk_rows[ui->osk_key / OSK_COLS][ui->osk_key % OSK_COLS];
        if (ui->osk_shift && c >= 'a' && c <= 'z')
            c = (char)(c - 'a' + 'A');
        ui->input.text[0] = c;
    } else if (ui->osk_key == OSK_SPACE) {
        ui->input.text[0] = ' ';
    } else if (ui->osk_key == OSK_ERASE) {
        ui->input.type = IN_ERASE;
    } else if (ui->osk_key == OSK_SHIFT) {
        ui->osk_shift = !ui->osk_shift;
        return false;
    } else {
        ui->keyboard_open = false;
        return false;
    }
    ui->activate = -1;
    return true;
}

bool ui_route(Ui *ui, const Input *in)
{
    ui->input = *in;
    ui->activate = -1;
    if (in->type != IN_POINT)
        ui->pad_last = in->from_pad;
    if (ui->keyboard_open)
        return osk_route(ui, in);
    /* In a text field the arrows across move the cursor, not the focus
     * (a gamepad's D-pad still moves the focus: it cannot type there). */
    if ((in->type == IN_LEFT || in->type == IN_RIGHT) && ui_typing(ui) && !in->from_pad)
        return true;
    int next = -1;
    switch (in->type) {
    case IN_UP:
        next = neighbour(ui, 0, -1);
        break;
    case IN_DOWN:
        next = neighbour(ui, 0, 1);
        break;
    case IN_LEFT:
        if (ui->sideways)
            return true;
        next = neighbour(ui, -1, 0);
        break;
    case IN_RIGHT:
        if (ui->sideways)
            return true;
        next = neighbour(ui, 1, 0);
        break;
    case IN_NEXT:
        next = step_focus(ui, 1);
        break;
    case IN_PREV:
        next = step_focus(ui, -1);
        break;
    case IN_POINT:
        next = hit(ui, in->x, in->y);
        break;
    case IN_CHOOSE:
        if (ui_typing(ui) && in->from_pad) {
            ui->keyboard_open = true;
            ui->osk_key = 11;
            return false;
        }
        ui->activate = ui->focus;
        return ui->focus >= 0;
    case IN_CLICK: {
        int i = hit(ui, in->x, in->y);
        if (i < 0)
            return false;
        if (ui->focus != i)
            ui->cursor_widget = -1;
        ui->focus = i;
        ui->activate = i;
        return true;
    }
    case IN_TEXT:
    case IN_ERASE:
    case IN_HOME:
    case IN_END:
    case IN_DELETE:
        return ui_typing(ui);
    default:
        return true; /* BACK, PAUSE and the rest: the screen decides */
    }
    if (next >= 0 && next != ui->focus) {
        ui->focus = next;
        ui->cursor_widget = -1;
        ui->changed = true;
    }
    return false;
}

static int declare(Ui *ui, Box b, int flags, const char *label)
{
    if (ui->count == UI_MAX_WIDGETS)
        return -1;
    if (ui->pass == UI_DRAW && !(flags & UI_HIDDEN))
        gfx_mark(ui->g, MARK_CONTROL, b, label);
    if (ui->blocked)
        flags |= UI_DISABLED;
    int i = ui->count++;
    ui->widgets[i] = (Widget){.box = b, .flags = flags};
    if ((flags & UI_PRIMARY) && ui->primary < 0 && !(flags & UI_DISABLED))
        ui->primary = i;
    return i;
}

static bool area_named(Ui *ui, Box b, int flags, bool *focused, const char *label)
{
    int i = declare(ui, b, flags, label);
    if (focused)
        *focused = i >= 0 && i == ui->focus;
    return i >= 0 && ui->pass == UI_ACT && i == ui->activate;
}

bool ui_area(Ui *ui, Box b, int flags, bool *focused)
{
    return area_named(ui, b, flags, focused, "");
}

void ui_draw_focus(Ui *ui, Box b, float radius)
{
    /* Two rings, drawn before the widget: one of the focus colour with a
     * thin gap of the background inside it. */
    Gfx *g = ui->g;
    float t = 5;
    gfx_mark(g, MARK_RING, (Box){b.x - 2 * t, b.y - 2 * t, b.w + 4 * t, b.h + 4 * t}, "");
    /* As outlines, one unit deeper than they show (their inner edges lie
     * under what is drawn next): every caller fills b itself. */
    gfx_round_outline(g, (Box){b.x - 2 * t, b.y - 2 * t, b.w + 4 * t, b.h + 4 * t}, radius + 2 * t, t + 1,
                      g->theme->focus);
    gfx_round_outline(g, (Box){b.x - t, b.y - t, b.w + 2 * t, b.h + 2 * t}, radius + t, t + 1, g->theme->bg);
}

static Box label_box(Box b)
{
    return (Box){b.x + b.h * 0.2f, b.y + 4, b.w - b.h * 0.4f, b.h - 8};
}

static float label_default(Box b)
{
    return b.h * 0.42f > 40 ? 40 : b.h * 0.42f;
}

float ui_label_size(Ui *ui, Box b, const char *label)
{
    return gfx_label_size(ui->g, FONT_UI_BOLD, label_default(b), label, label_box(b));
}

/* Keeps the start of text with the widget just declared, whole characters only. */
static void name_widget(Ui *ui, const char *text)
{
    if (ui->count == 0 || ui->pass != UI_LAYOUT)
        return;
    char *to = ui->widgets[ui->count - 1].text;
    size_t n = strlen(text);
    if (n >= sizeof ui->widgets[0].text) {
        n = sizeof ui->widgets[0].text - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(to, text, n);
    to[n] = '\0';
}

bool ui_button_sized(Ui *ui, Box b, const char *label, int flags, float size)
{
    bool focused;
    bool hit_now = area_named(ui, b, flags, &focused, label);
    name_widget(ui, label);
    if (ui->pass != UI_DRAW)
        return hit_now;
    Gfx *g = ui->g;
    const Theme *th = g->theme;
    float r = b.h * 0.3f;
    /* One focus style everywhere: the ring and a fill of the focus colour.
     * Primary and selected are outlines, so they never read as the focus. */
    SDL_Color fill = th->panel, ink = th->text, edge = th->card_edge;
    float edge_w = 2;
    bool outline = (flags & UI_QUIET) != 0;
    if (flags & UI_SELECTED) {
        fill = th->card;
        edge = th->text;
        edge_w = 4;
        outline = false;
    } else if (flags & UI_PRIMARY) {
        edge = th->accent;
        ink = th->accent;
        edge_w = 4;
        outline = false;
    }
    if (flags & UI_DISABLED)
        ink = gfx_alpha(th->muted, 140);
    if (focused) {
        ui_draw_focus(ui, b, r);
        gfx_round(g, b, r, th->focus);
        ink = th->bg;
    } else if (outline) {
        gfx_round_outline(g, b, r, edge_w, edge);
    } else {
        gfx_round_framed(g, b, r, edge_w, edge, fill);
    }
    /* Selected shows a tick, focused or not (chips carry their own). */
    char shown[256];
    bool tick = (flags & UI_SELECTED) && strncmp(label, "✓", 3) != 0;
    snprintf(shown, sizeof shown, "%s%s", tick ? "✓ " : "", label);
    /* A narrow button keeps its words readable rather than the tick. */
    if (tick && gfx_label_size(g, FONT_UI_BOLD, size > 0 ? size : label_default(b), shown, label_box(b)) *
                        g->text_scale < GFX_READ_MIN)
        snprintf(shown, sizeof shown, "%s", label);
    gfx_label(g, focused || (flags & (UI_PRIMARY | UI_SELECTED)) ? FONT_UI_BOLD : FONT_UI,
              size > 0 ? size : label_default(b), shown, label_box(b), ALIGN_CENTER, VALIGN_MIDDLE, ink);
    return hit_now;
}

bool ui_button(Ui *ui, Box b, const char *label, int flags)
{
    return ui_button_sized(ui, b, label, flags, 0);
}

int ui_chars(const char *s)
{
    return utext_count(s, strlen(s));
}

/* Inserts typed text at *at, keeping whole characters and no control
 * characters; *at moves past it. */
static bool field_type(char *buf, size_t cap, int max_chars, const char *text, int *at)
{
    bool changed = false;
    size_t len = strlen(buf);
    int chars = ui_chars(buf);
    for (const unsigned char *p = (const unsigned char *)text; *p;) {
        int n = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : *p < 0xF0 ? 3 : 4;
        bool control = *p < 0x20 || *p == 0x7F;
        if ((int)strnlen((const char *)p, (size_t)n) < n)
            break;
        if (!control && chars < max_chars && len + (size_t)n < cap) {
            memmove(buf + *at + n, buf + *at, len - (size_t)*at + 1);
            memcpy(buf + *at, p, (size_t)n);
            len += (size_t)n;
            *at += n;
            chars++;
            changed = true;
        }
        p += n;
    }
    return changed;
}

/* The byte offset of the character before at, or after it. */
static int char_before(const char *buf, int at)
{
    while (at > 0 && ((unsigned char)buf[--at] & 0xC0) == 0x80)
        ;
    return at;
}

static int char_after(const char *buf, int at)
{
    if (!buf[at])
        return at;
    at++;
    while (((unsigned char)buf[at] & 0xC0) == 0x80)
        at++;
    return at;
}

/* Removes the bytes from..to (a whole character); *at lands on from. */
static bool field_cut(char *buf, int from, int to, int *at)
{
    if (from >= to)
        return false;
    memmove(buf + from, buf + to, strlen(buf + to) + 1);
    *at = from;
    return true;
}

/* Edits the focused field buf at the cursor for the input being handled. */
static bool field_edit(Ui *ui, char *buf, size_t cap, int max_chars)
{
    int *at = &ui->cursor;
    switch (ui->input.type) {
    case IN_TEXT:
        return field_type(buf, cap, max_chars, ui->input.text, at);
    case IN_ERASE:
        return field_cut(buf, char_before(buf, *at), *at, at);
    case IN_DELETE:
        return field_cut(buf, *at, char_after(buf, *at), at);
    case IN_LEFT:
        *at = char_before(buf, *at);
        return true;
    case IN_RIGHT:
        *at = char_after(buf, *at);
        return true;
    case IN_HOME:
        *at = 0;
        return true;
    case IN_END:
        *at = (int)strlen(buf);
        return true;
    default:
        return false;
    }
}

bool ui_field(Ui *ui, Box b, char *buf, size_t cap, int max_chars, const char *placeholder, int flags)
{
    bool focused;
    int i = declare(ui, b, flags | UI_FIELD, buf[0] ? buf : placeholder);
    focused = i >= 0 && i == ui->focus;
    if (i >= 0)
        name_widget(ui, buf);
    bool submitted = false;
    /* The cursor starts at the end of a field that takes the focus, and
     * stays inside the text when the text changes under it. */
    if (focused && (ui->cursor_widget != i || ui->cursor > (int)strlen(buf))) {
        ui->cursor_widget = i;
        ui->cursor = (int)strlen(buf);
    }
    if (ui->pass == UI_ACT && focused) {
        if (i == ui->activate)
            submitted = ui->input.type == IN_CHOOSE; /* Enter, not a click into the field */
        else
            ui->changed |= field_edit(ui, buf, cap, max_chars);
    }
    if (ui->pass != UI_DRAW)
        return submitted;
    Gfx *g = ui->g;
    const Theme *th = g->theme;
    float r = 14;
    if (focused)
        ui_draw_focus(ui, b, r);
    gfx_round(g, b, r, th->card);
    gfx_round_outline(g, b, r, 2, focused ? th->focus : th->card_edge);
    Box inner = {b.x + 24, b.y + 4, b.w - 48, b.h - 8};
    float size = b.h * 0.42f;
    if (size > 38)
        size = 38;
    char shown[512];
    bool empty = buf[0] == '\0';
    /* A caret at the cursor while typing; the placeholder when empty and not focused. */
    if (focused)
        snprintf(shown, sizeof shown, "%.*s|%s", ui->cursor, buf, buf + ui->cursor);
    else
        snprintf(shown, sizeof shown, "%s", empty ? placeholder : buf);
    gfx_text_fit(g, FONT_UI, size, shown[0] ? shown : " ", inner, ALIGN_LEFT, VALIGN_MIDDLE,
                 empty && !focused ? th->muted : th->text);
    return submitted;
}

void ui_keyboard(Ui *ui)
{
    if (!ui->keyboard_open || ui->pass != UI_DRAW)
        return;
    Gfx *g = ui->g;
    gfx_marks_reset(g); /* the keyboard covers what is below it */
    const Theme *th = g->theme;
    float key = 88, gap = 12;
    float w = OSK_COLS * key + (OSK_COLS - 1) * gap, h = 5 * key + 4 * gap;
    /* Above the field when it is low on the screen, below it otherwise. */
    const Widget *field = ui->focus >= 0 && ui->focus < ui->count ? &ui->widgets[ui->focus] : NULL;
    bool low = field && field->box.y + field->box.h / 2 > 540;
    float y = low ? (field->box.y - h - 60 - 24 > 20 ? field->box.y - h - 60 - 24 : 20) : 1080 - h - 90;
    Box panel = {(g->cw - w) / 2 - 30, y, w + 60, h + 60};
    gfx_round(g, panel, 24, th->panel);
    gfx_round_outline(g, panel, 24, 3, th->card_edge);
    for (int k = 0; k < OSK_KEYS; k++) {
        Box b;
        char label[64];
        if (k < OSK_LETTERS) {
            int row = k / OSK_COLS, col = k % OSK_COLS;
            b = (Box){panel.x + 30 + col * (key + gap), panel.y + 30 + row * (key + gap), key, key};
            char c = osk_rows[row][col];
            if (ui->osk_shift && c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            snprintf(label, sizeof label, "%c", c);
        } else {
            const char *const names[] = {"Aa", _("Space"), _("Erase"), _("Done")};
            int j = k - OSK_LETTERS;
            b = (Box){panel.x + 30 + osk_start[j] * (key + gap), panel.y + 30 + 4 * (key + gap),
                      osk_span[j] * key + (osk_span[j] - 1) * gap, key};
            snprintf(label, sizeof label, "%s", names[j]);
        }
        bool on = k == ui->osk_key;
        if (on)
            ui_draw_focus(ui, b, 14);
        gfx_round(g, b, 14, on ? th->focus : th->card);
        gfx_text(g, on ? FONT_UI_BOLD : FONT_UI, 34, label, b, ALIGN_CENTER, VALIGN_MIDDLE, on ? th->bg : th->text);
    }
}
