/* SPDX-License-Identifier: MIT */
/* Laying text out: libunibreak finds where lines may break, SDL_ttf
 * measures them; the last layouts made are remembered. */
#include "text_parts.h"

#include <stdlib.h>
#include <string.h>

#include <linebreak.h>

/* Copies [s, s + len) into the scratch buffer as a C string. */
const char *text_scratch(Text *t, const char *s, size_t len)
{
    if (len + 1 > t->scratch_cap) {
        size_t cap = len + 1 < 256 ? 256 : (len + 1) * 2;
        char *grown = realloc(t->scratch, cap);
        if (!grown)
            return "";
        t->scratch = grown;
        t->scratch_cap = cap;
    }
    memcpy(t->scratch, s, len);
    t->scratch[len] = '\0';
    return t->scratch;
}

/* The width of [start, end) of s less its trailing spaces. The last one
 * measured is remembered (layout forgets it as it starts): a line that
 * fitted is measured again as it is pushed. */
static int width_of(Text *t, TTF_Font *font, const char *s, int start, int end)
{
    while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\n' || s[end - 1] == '\t'))
        end--;
    if (start == t->width_start && end == t->width_end)
        return t->width;
    int w = 0, h = 0;
    if (end > start)
        TTF_SizeUTF8(font, text_scratch(t, s + start, (size_t)(end - start)), &w, &h);
    t->width_start = start;
    t->width_end = end;
    t->width = w;
    return w;
}

static void push_line(Layout *lay, Text *t, TTF_Font *font, const char *s, int start, int end)
{
    if (lay->count == MAX_LINES)
        return;
    int trimmed = end;
    while (trimmed > start && (s[trimmed - 1] == ' ' || s[trimmed - 1] == '\n' || s[trimmed - 1] == '\t'))
        trimmed--;
    lay->lines[lay->count++] = (Line){start, trimmed - start};
    int w = width_of(t, font, s, start, trimmed);
    if (w > lay->w)
        lay->w = w;
}

/* Breaks s into lines no wider than wrap_w where the Unicode line breaking
 * rules allow; a word wider than the line is cut, and the layout says so. */
static bool lay_out(Text *t, FontId font, int px, const char *s, int wrap_w, Layout *lay)
{
    memset(lay, 0, sizeof *lay);
    t->width_start = t->width_end = -1;
    TTF_Font *ttf = text_sized_font(t, text_resolve(t, font, s), px);
    if (!ttf)
        return false;
    const char *script = text_rtl_script(s);
    if (script) {
        TTF_SetFontDirection(ttf, TTF_DIRECTION_RTL);
        TTF_SetFontScriptName(ttf, script);
    }
    /* A font with a tall line box (Noto Sans CJK's is 1.45 em, DejaVu's
     * 1.16) gets a tighter one, so a line of Japanese takes the room a line
     * of Latin text does: the kanji's em box and an accent above the
     * baseline (0.95 em), a descender below (0.23 em). */
    int ascent = TTF_FontAscent(ttf), descent = -TTF_FontDescent(ttf);
    int most_up = (px * 95 + 99) / 100, most_down = (px * 23 + 99) / 100;
    lay->top = ascent > most_up ? ascent - most_up : 0;
    int trimmed = lay->top + (descent > most_down ? descent - most_down : 0);
    lay->skip = TTF_FontLineSkip(ttf) - trimmed;
    int len = (int)strlen(s);
    char *brks = len ? malloc((size_t)len) : NULL;
    if (len && !brks)
        return false;
    if (len)
        set_linebreaks_utf8((const utf8_t *)s, (size_t)len, NULL, brks);
    int start = 0, last_ok = -1;
    for (int i = 0; i < len; i++) {
        char b = brks[i];
        if (b != LINEBREAK_ALLOWBREAK && b != LINEBREAK_MUSTBREAK)
            continue;
        int end = i + 1;
        if (wrap_w > 0 && width_of(t, ttf, s, start, end) > wrap_w) {
            if (last_ok > start) {
                push_line(lay, t, ttf, s, start, last_ok);
                start = last_ok;
            }
            /* Still too wide: a single word longer than the line. */
            while (width_of(t, ttf, s, start, end) > wrap_w && lay->count < MAX_LINES) {
                int extent = 0, count = 0;
                const char *rest = text_scratch(t, s + start, (size_t)(end - start));
                TTF_MeasureUTF8(ttf, rest, wrap_w, &extent, &count);
                /* Advance count characters (at least one) from start. */
                const char *p = s + start;
                for (int c = 0; c < (count > 0 ? count : 1) && p < s + end; c++)
                    text_next_char(&p);
                int cut = (int)(p - s);
                if (cut >= end)
                    break;
                push_line(lay, t, ttf, s, start, cut);
                lay->split_word = true;
                start = cut;
            }
        }
        last_ok = end;
        if (b == LINEBREAK_MUSTBREAK && (s[i] == '\n' || i == len - 1)) {
            push_line(lay, t, ttf, s, start, end);
            start = end;
            last_ok = -1;
        }
    }
    if (start < len)
        push_line(lay, t, ttf, s, start, len);
    free(brks);
    if (lay->count == 0)
        lay->count = 1;
    lay->line_h = TTF_FontHeight(ttf) - trimmed;
    lay->h = lay->skip * (lay->count - 1) + lay->line_h;
    if (script)
        TTF_SetFontDirection(ttf, TTF_DIRECTION_LTR);
    return true;
}

/* lay_out, or the same layout made lately. */
bool text_layout(Text *t, FontId font, int px, const char *s, int wrap_w, Layout *lay)
{
    int key[3] = {font, px, wrap_w};
    uint32_t h = text_hash_bytes(text_hash_bytes(2166136261u, key, sizeof key), s, strlen(s));
    for (int i = 0; i < LAYOUT_SLOTS; i++) {
        Laid *l = &t->laid[i];
        if (l->text && l->hash == h && l->font == font && l->px == px && l->wrap_w == wrap_w && strcmp(l->text, s) == 0) {
            *lay = l->lay;
            return true;
        }
    }
    if (!lay_out(t, font, px, s, wrap_w, lay))
        return false;
    char *copy = strdup(s);
    if (!copy)
        return true;
    Laid *l = &t->laid[t->laid_next];
    t->laid_next = (t->laid_next + 1) % LAYOUT_SLOTS;
    free(l->text);
    *l = (Laid){h, font, px, wrap_w, copy, *lay};
    return true;
}

void text_forget_layouts(Text *t)
{
    for (int i = 0; i < LAYOUT_SLOTS; i++) {
        free(t->laid[i].text);
        t->laid[i] = (Laid){0};
    }
    t->laid_next = 0;
}

