/* SPDX-License-Identifier: MIT */
/* Drawing on the design canvas: themes, smooth shapes, icons and text. */
#include "gfx.h"
#include "image.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef __GLIBC__
#include <malloc.h>
#endif

enum { DESIGN_H = 1080, DESIGN_MIN_W = 1440 };

static const Theme themes[THEME_COUNT] = {
    [THEME_DARK] =
        {
            .bg = {0x14, 0x1A, 0x26, 255},
            .panel = {0x1E, 0x26, 0x36, 255},
            .card = {0x25, 0x2F, 0x43, 255},
            .card_edge = {0x3A, 0x46, 0x5E, 255},
            .text = {0xEE, 0xF1, 0xF6, 255},
            .muted = {0xA3, 0xAE, 0xC2, 255},
            .accent = {0xF2, 0xB3, 0x50, 255},
            .focus = {0x7F, 0xE0, 0xD0, 255},
            .shadow = {0x05, 0x08, 0x10, 150},
            .good = {0x9B, 0xD3, 0x7A, 255},
            .rope = {0xD9, 0xC3, 0x9A, 255},
            .kinds = {{0x6F, 0xA8, 0xFF, 255},
                      {0xF2, 0xB3, 0x50, 255},
                      {0x9B, 0xD3, 0x7A, 255},
                      {0xE8, 0x8F, 0xB8, 255},
                      {0xB5, 0x9C, 0xF5, 255}},
        },
    [THEME_CONTRAST] =
        {
            .bg = {0, 0, 0, 255},
            .panel = {0x10, 0x10, 0x10, 255},
            .card = {0, 0, 0, 255},
            .card_edge = {255, 255, 255, 255},
            .text = {255, 255, 255, 255},
            .muted = {0xE0, 0xE0, 0xE0, 255},
            .accent = {255, 0xE0, 0x00, 255},
            .focus = {0x00, 0xFF, 0xFF, 255},
            .shadow = {0, 0, 0, 0},
            .good = {0x40, 255, 0x40, 255},
            .rope = {255, 255, 255, 255},
            .kinds = {{0x66, 0xCC, 255, 255},
                      {255, 0xCC, 0x33, 255},
                      {0x66, 255, 0x66, 255},
                      {255, 0x88, 0xCC, 255},
                      {0xCC, 0x99, 255, 255}},
        },
};

static const char *const icon_files[ICON_COUNT] = {
    "sharing.svg", "planning.svg", "solo.svg", "support.svg", "rebalance.svg", "tightrope.svg", "walker.svg", "star.svg",
};

const Theme *gfx_theme(ThemeId id)
{
    return &themes[(unsigned)id < THEME_COUNT ? id : THEME_DARK];
}

/* True when a GPU can draw: Linux gives it a render node. Without one,
 * Mesa's OpenGL runs on the CPU (llvmpipe). */
static bool has_gpu(void)
{
#ifdef __linux__
    char node[64];
    for (int i = 128; i < 136; i++) {
        snprintf(node, sizeof node, "/dev/dri/renderD%d", i);
        if (access(node, R_OK | W_OK) == 0)
            return true;
    }
    return false;
#else
    return true;
#endif
}

SDL_Renderer *gfx_create_renderer(SDL_Window *window, bool software)
{
    const char *asked = SDL_GetHint(SDL_HINT_RENDER_DRIVER);
    if (!software && !(asked && *asked) && !has_gpu())
        software = true;
    SDL_Renderer *r = NULL;
    if (software) {
        /* The window's own pixels, not an OpenGL texture, take the frames. */
        SDL_SetHintWithPriority(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0", SDL_HINT_DEFAULT);
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    }
    if (!r)
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!r)
        r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
    return r;
}

void gfx_init(Gfx *g, SDL_Renderer *renderer, Text *text, const char *assets_dir)
{
    memset(g, 0, sizeof *g);
    g->renderer = renderer;
    g->text = text;
    g->theme = gfx_theme(THEME_DARK);
    g->text_scale = 1.0f;
    snprintf(g->assets, sizeof g->assets, "%s", assets_dir ? assets_dir : ".");
    SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
    SDL_RendererInfo info;
    if (SDL_GetRendererInfo(renderer, &info) == 0) {
        g->keeps_frame = strcmp(info.name, "software") == 0;
        g->fades = (info.flags & SDL_RENDERER_ACCELERATED) != 0;
    }
}

static void drop_icon(GfxIcon *e)
{
    if (e->texture)
        SDL_DestroyTexture(e->texture);
    SDL_FreeSurface(e->raster);
    *e = (GfxIcon){0};
}

static void drop_icons(Gfx *g)
{
    for (int i = 0; i < GFX_ICONS; i++)
        drop_icon(&g->icons[i]);
    for (int i = 0; i < GFX_ICON_RASTERS; i++)
        drop_icon(&g->icon_rasters[i]);
}

void gfx_deinit(Gfx *g)
{
    drop_icons(g);
    gfx_shapes_flush(g);
    image_release(); /* and its loading waited for */
    if (g->report && g->overflows > GFX_OVERFLOWS_NAMED)
        fprintf(stderr, "layout: %d texts did not fit in all (the first %d are named above)\n", g->overflows,
                GFX_OVERFLOWS_NAMED);
}

bool gfx_resize(Gfx *g, int w, int h, float text_scale)
{
    if (w < 1)
        w = 1;
    if (h < 1)
        h = 1;
    if (w == g->win_w && h == g->win_h && text_scale == g->text_scale && g->scale > 0)
        return false;
    float old_scale = g->scale;
    g->win_w = w;
    g->win_h = h;
    g->text_scale = text_scale;
    float scale = (float)h / DESIGN_H;
    if (w / scale < DESIGN_MIN_W)
        scale = (float)w / DESIGN_MIN_W;
    g->scale = scale;
    g->cw = w / scale;
    g->ox = 0;
    g->oy = (h - DESIGN_H * scale) / 2;
    g->safe = (Box){g->cw * 0.05f, DESIGN_H * 0.05f, g->cw * 0.9f, DESIGN_H * 0.9f};
    const float ring = GFX_RING + 2;
    g->area = (Box){g->safe.x + ring, g->safe.y + ring, g->safe.w - 2 * ring, g->safe.h - 2 * ring};
    text_flush(g->text);
    drop_icons(g);
    if (scale != old_scale)
        gfx_shapes_flush(g);
    return true;
}

float gfx_x(const Gfx *g, float x)
{
    return g->ox + x * g->scale;
}

float gfx_y(const Gfx *g, float y)
{
    return g->oy + y * g->scale;
}

SDL_Rect gfx_px(const Gfx *g, Box b)
{
    int x0 = (int)lroundf(gfx_x(g, b.x)), y0 = (int)lroundf(gfx_y(g, b.y));
    int x1 = (int)lroundf(gfx_x(g, b.x + b.w)), y1 = (int)lroundf(gfx_y(g, b.y + b.h));
    return (SDL_Rect){x0, y0, x1 - x0, y1 - y0};
}

SDL_FPoint gfx_from_px(const Gfx *g, int x, int y)
{
    return (SDL_FPoint){(x - g->ox) / g->scale, (y - g->oy) / g->scale};
}

SDL_Color gfx_alpha(SDL_Color c, Uint8 a)
{
    c.a = (Uint8)(c.a * a / 255);
    return c;
}

SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t)
{
    return (SDL_Color){(Uint8)(a.r + (b.r - a.r) * t), (Uint8)(a.g + (b.g - a.g) * t), (Uint8)(a.b + (b.b - a.b) * t),
                       (Uint8)(a.a + (b.a - a.a) * t)};
}

static Box box_union(Box a, Box b)
{
    if (a.w <= 0 || a.h <= 0)
        return b;
    if (b.w <= 0 || b.h <= 0)
        return a;
    float x0 = a.x < b.x ? a.x : b.x, y0 = a.y < b.y ? a.y : b.y;
    float x1 = a.x + a.w > b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h > b.y + b.h ? a.y + a.h : b.y + b.h;
    return (Box){x0, y0, x1 - x0, y1 - y0};
}

/* What was freed goes back to the system, not kept for later. */
static void release_freed(void)
{
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

void gfx_shown(Gfx *g, int screen, uint32_t view)
{
    if ((screen == g->screen && view == g->view) || g->partial)
        return;
    g->view = view;
    if (screen == g->screen) {
        /* The texts of the views before, up to half a window's pixels. */
        text_drop_undrawn(g->text, (size_t)g->win_w * (size_t)g->win_h * 2);
        release_freed();
        return;
    }
    g->screen = screen;
    text_release_unused(g->text);
    for (int i = 0; i < GFX_ICONS; i++)
        if (g->icons[i].used <= g->icon_frame)
            drop_icon(&g->icons[i]);
    for (int i = 0; i < GFX_ICON_RASTERS; i++)
        drop_icon(&g->icon_rasters[i]);
    /* A game's shapes, fonts and pictures come back turn after turn; out of
     * a game the screen shown has its texts and icons as textures, and a
     * text or icon it makes later opens what it needs. */
    if (!g->in_game) {
        gfx_shapes_release_unused(g);
        text_close_fonts(g->text);
        image_release();
    }
    release_freed();
}

void gfx_in_game(Gfx *g, bool in_game)
{
    g->in_game = in_game;
    g->pictures_asked &= in_game;
}

void gfx_idle(Gfx *g)
{
    if (g->in_game && !g->pictures_asked) {
        g->pictures_asked = true;
        image_ready();
    } else if (!g->in_game && g->drawn) {
        /* Out of a game the screen now waits for the couple: what made its
         * texts and icons, drawn already, is let go until needed again. */
        text_close_fonts(g->text);
        image_release();
        release_freed();
    }
    g->drawn = false;
}

void gfx_moving(Gfx *g, Box b)
{
    g->moving = box_union(g->moving, b);
}

void gfx_motion_only(Gfx *g)
{
    g->motion_only = true;
}

void gfx_present(Gfx *g, SDL_Window *window)
{
    if (g->partial && window) {
        SDL_Rect r = g->partial_px, all = {0, 0, g->win_w, g->win_h};
        if (SDL_IntersectRect(&r, &all, &r) && SDL_RenderFlush(g->renderer) == 0 &&
            SDL_UpdateWindowSurfaceRects(window, &r, 1) == 0)
            return;
    }
    SDL_RenderPresent(g->renderer);
}

void gfx_clear(Gfx *g)
{
    Box region = box_union(g->moved, g->moving);
    g->partial = g->motion_only && g->keeps_frame && region.w > 0 && region.h > 0;
    g->motion_only = false;
    g->moved = g->moving;
    g->moving = (Box){0, 0, 0, 0};
    SDL_Color c = g->theme->bg;
    g->drawn = true;
    if (!g->partial) {
        text_frame(g->text);
        g->icon_frame = g->icon_clock;
        g->shape_frame = g->shape_clock;
    }
    if (g->partial) {
        SDL_Rect clip = gfx_px(g, region);
        clip = (SDL_Rect){clip.x - 2, clip.y - 2, clip.w + 4, clip.h + 4};
        SDL_RenderSetClipRect(g->renderer, &clip);
        g->partial_px = clip;
        SDL_Rect all = {0, 0, g->win_w, g->win_h};
        SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_NONE);
        SDL_SetRenderDrawColor(g->renderer, c.r, c.g, c.b, 255);
        SDL_RenderFillRect(g->renderer, &all);
        SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
        return;
    }
    SDL_RenderSetClipRect(g->renderer, NULL);
    SDL_SetRenderDrawColor(g->renderer, c.r, c.g, c.b, 255);
    SDL_RenderClear(g->renderer);
}

/* The slot of icon at px (in rgba when textures), or the one to reuse:
 * an empty one, else the least recently drawn. */
static GfxIcon *icon_slot(GfxIcon *slots, int count, IconId icon, int px, Uint32 rgba, bool *found)
{
    GfxIcon *pick = &slots[0];
    for (int i = 0; i < count; i++) {
        GfxIcon *e = &slots[i];
        if (e->px == px && e->icon == (int)icon && e->rgba == rgba) {
            *found = true;
            return e;
        }
        if (pick->px && (!e->px || e->used < pick->used))
            pick = e;
    }
    *found = false;
    return pick;
}

void gfx_icon_path(const Gfx *g, IconId icon, char *path, size_t size)
{
    snprintf(path, size, "%s/icons/%s", g->assets, (unsigned)icon < ICON_COUNT ? icon_files[icon] : "");
}

int gfx_icon_px(const Gfx *g, Box b)
{
    SDL_Rect r = gfx_px(g, b);
    return r.w > r.h ? r.w : r.h;
}

/* Icon at px pixels square, untinted: drawn from its SVG the first time
 * (or read from the bitmap kept of it, icon_cache). */
static SDL_Surface *icon_raster(Gfx *g, IconId icon, int px)
{
    bool found;
    GfxIcon *e = icon_slot(g->icon_rasters, GFX_ICON_RASTERS, icon, px, 0, &found);
    e->used = ++g->icon_clock;
    if (found)
        return e->raster;
    drop_icon(e);
    char path[640];
    gfx_icon_path(g, icon, path, sizeof path);
    SDL_Surface *raster = image_icon(path, px, g->icon_cache);
    if (!raster)
        return NULL;
    *e = (GfxIcon){(int)icon, px, 0, NULL, raster, g->icon_clock};
    return raster;
}

static SDL_Texture *icon_texture(Gfx *g, IconId icon, int px, SDL_Color c)
{
    if ((unsigned)icon >= ICON_COUNT || px < 1)
        return NULL;
    Uint32 rgba = (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a;
    bool found;
    GfxIcon *e = icon_slot(g->icons, GFX_ICONS, icon, px, rgba, &found);
    if (found) {
        e->used = ++g->icon_clock;
        return e->texture;
    }
    SDL_Surface *raster = icon_raster(g, icon, px);
    if (!raster)
        return NULL;
    SDL_Surface *tinted = SDL_CreateRGBSurfaceWithFormat(0, raster->w, raster->h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!tinted)
        return NULL;
    for (int y = 0; y < raster->h; y++) {
        const Uint32 *from = (const Uint32 *)((const Uint8 *)raster->pixels + y * raster->pitch);
        Uint32 *to = (Uint32 *)((Uint8 *)tinted->pixels + y * tinted->pitch);
        for (int x = 0; x < raster->w; x++) {
            Uint32 p = from[x];
            Uint32 a = (p >> 24) * c.a / 255, r = ((p >> 16) & 0xFF) * c.r / 255;
            Uint32 gg = ((p >> 8) & 0xFF) * c.g / 255, b = (p & 0xFF) * c.b / 255;
            to[x] = a << 24 | r << 16 | gg << 8 | b;
        }
    }
    SDL_Texture *texture = SDL_CreateTextureFromSurface(g->renderer, tinted);
    SDL_FreeSurface(tinted);
    if (!texture)
        return NULL;
    SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
    /* A pulse stretches it: smoothly with the software renderer. (With
     * OpenGL on llvmpipe a texture filtered linearly costs a new shader
     * variant, compiled in the frame: 60-80 ms.) */
    if (g->keeps_frame)
        SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
    drop_icon(e);
    *e = (GfxIcon){(int)icon, px, rgba, texture, NULL, ++g->icon_clock};
    return texture;
}

void gfx_icon_ready(Gfx *g, IconId icon, Box b, SDL_Color c)
{
    icon_texture(g, icon, gfx_icon_px(g, b), c);
}

void gfx_icon_turned(Gfx *g, IconId icon, Box b, SDL_Color c, double angle)
{
    gfx_mark(g, MARK_ICON, b, "");
    SDL_Rect r = gfx_px(g, b);
    SDL_Texture *tex = icon_texture(g, icon, r.w > r.h ? r.w : r.h, c);
    if (!tex)
        return;
    if (angle == 0.0) {
        SDL_RenderCopy(g->renderer, tex, NULL, &r);
        return;
    }
    SDL_RenderCopyEx(g->renderer, tex, NULL, &r, angle, NULL, SDL_FLIP_NONE);
}

void gfx_icon(Gfx *g, IconId icon, Box b, SDL_Color c)
{
    gfx_icon_turned(g, icon, b, c, 0.0);
}

void gfx_icon_pulsed(Gfx *g, IconId icon, Box b, SDL_Color c, float pulse)
{
    Box grown = {b.x + b.w * (1 - pulse) / 2, b.y + b.h * (1 - pulse) / 2, b.w * pulse, b.h * pulse};
    gfx_mark(g, MARK_ICON, grown, "");
    SDL_Rect r = gfx_px(g, b), to = gfx_px(g, grown);
    SDL_Texture *tex = icon_texture(g, icon, r.w > r.h ? r.w : r.h, c);
    if (tex)
        SDL_RenderCopy(g->renderer, tex, NULL, pulse == 1.0f ? &r : &to);
}

static int text_px(const Gfx *g, float size)
{
    int px = (int)lroundf(size * g->scale * g->text_scale);
    return px < 1 ? 1 : px;
}

/* The floor of the text being drawn now. */
static float floor_now(const Gfx *g)
{
    return g->floor > 0 ? g->floor : GFX_READ_MIN;
}

void gfx_marks_reset(Gfx *g)
{
    g->mark_count = 0;
}

void gfx_mark(Gfx *g, MarkKind kind, Box b, const char *label)
{
    if (!g->marking || g->mark_count >= GFX_MARKS)
        return;
    Mark *m = &g->marks[g->mark_count++];
    *m = (Mark){.kind = kind, .box = b};
    /* The label on one line, cut at a whole character. */
    size_t n = 0;
    for (const char *p = label ? label : ""; *p && n + 4 < sizeof m->text; p++)
        m->text[n++] = *p == '\n' ? ' ' : *p;
    /* A character cut in two is dropped whole (lead byte and all). */
    size_t lead = n;
    while (lead > 0 && ((unsigned char)m->text[lead - 1] & 0xC0) == 0x80)
        lead--;
    if (lead > 0 && ((unsigned char)m->text[lead - 1] & 0x80)) {
        unsigned char c = (unsigned char)m->text[lead - 1];
        size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        if (n - (lead - 1) < need)
            n = lead - 1;
    }
    m->text[n] = '\0';
}

/* Text must stay inside the box it was given and inside the window: each
 * time it does not, it is counted (and said, under a script). */
static void audit(Gfx *g, SDL_Rect box, int x, int y, SDL_Point size, const char *utf8, int px)
{
    if (g->marking) {
        Box at = {(x - g->ox) / g->scale, (y - g->oy) / g->scale, size.x / g->scale, size.y / g->scale};
        gfx_mark(g, MARK_TEXT, at, utf8);
        if (g->mark_count > 0 && g->marks[g->mark_count - 1].kind == MARK_TEXT) {
            g->marks[g->mark_count - 1].size = px / g->scale;
            g->marks[g->mark_count - 1].floor = floor_now(g);
        }
    }
    const int slack = 2;
    bool inside = x >= box.x - slack && y >= box.y - slack && x + size.x <= box.x + box.w + slack &&
                  y + size.y <= box.y + box.h + slack;
    bool in_window = x >= 0 && y >= 0 && x + size.x <= g->win_w && y + size.y <= g->win_h;
    if (inside && in_window)
        return;
    g->overflows++;
    /* Named the first few times, then counted: said once at the end. */
    if (g->report && g->overflows <= GFX_OVERFLOWS_NAMED)
        fprintf(stderr, "layout: text %s at %dx%d: \"%.60s\"\n", in_window ? "overflows its box" : "leaves the window",
                g->win_w, g->win_h, utf8);
}

/* How far a and b overlap along both axes (negative: apart). */
static float overlap(Box a, Box b)
{
    float ox = (a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w) - (a.x > b.x ? a.x : b.x);
    float oy = (a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h) - (a.y > b.y ? a.y : b.y);
    return ox < oy ? ox : oy;
}

static bool contains(Box outer, Box in, float slack)
{
    return in.x >= outer.x - slack && in.y >= outer.y - slack && in.x + in.w <= outer.x + outer.w + slack &&
           in.y + in.h <= outer.y + outer.h + slack;
}

static const char *mark_name(MarkKind k)
{
    static const char *const names[] = {"text", "control", "focus ring", "icon", "card"};
    return names[k];
}

/* Says a problem once (by hash); always counts it. */
static void problem(Gfx *g, const char *screen, const char *what)
{
    g->overflows++;
    char line[800];
    snprintf(line, sizeof line, "layout: %s at %dx%d, text %d%%: %s", screen, g->win_w, g->win_h,
             (int)lroundf(g->text_scale * 100), what);
    unsigned h = 2166136261u;
    for (const char *p = line; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (size_t i = 0; i < sizeof g->said / sizeof *g->said; i++)
        if (g->said[i] == h)
            return;
    memmove(g->said + 1, g->said, sizeof g->said - sizeof *g->said);
    g->said[0] = h;
    if (g->report)
        fprintf(stderr, "%s\n", line);
}

int gfx_audit(Gfx *g, const char *screen)
{
    int before = g->overflows;
    char what[600];
    const float slack = 0.5f / g->scale + 0.01f;
    for (int i = 0; i < g->mark_count; i++) {
        const Mark *a = &g->marks[i];
        if (a->kind == MARK_TEXT && a->size < a->floor - slack) {
            snprintf(what, sizeof what, "text \"%s\" is %.1f px high, under %.0f", a->text, a->size, a->floor);
            problem(g, screen, what);
        }
        if (!contains(g->safe, a->box, slack)) {
            snprintf(what, sizeof what, "%s \"%s\" at %.0f,%.0f %.0fx%.0f leaves the safe area", mark_name(a->kind),
                     a->text, a->box.x, a->box.y, a->box.w, a->box.h);
            problem(g, screen, what);
        }
        for (int j = i + 1; j < g->mark_count; j++) {
            const Mark *b = &g->marks[j];
            if (a->kind == MARK_CARD || b->kind == MARK_CARD)
                continue;
            const Mark *t = a->kind == MARK_TEXT ? a : b->kind == MARK_TEXT ? b : NULL;
            const Mark *o = t == a ? b : a;
            bool clash = false;
            if (overlap(a->box, b->box) <= 2)
                continue;
            if (a->kind == MARK_TEXT && b->kind == MARK_TEXT)
                clash = true;
            else if (t && (o->kind == MARK_CONTROL || o->kind == MARK_RING))
                clash = !contains(o->box, t->box, 3);
            else if (t && o->kind == MARK_ICON)
                clash = true;
            else if (a->kind == MARK_CONTROL && b->kind == MARK_CONTROL)
                clash = true;
            else if ((a->kind == MARK_RING && b->kind == MARK_CONTROL) || (a->kind == MARK_CONTROL && b->kind == MARK_RING)) {
                const Mark *ring = a->kind == MARK_RING ? a : b, *ctl = ring == a ? b : a;
                clash = !contains(ring->box, ctl->box, 1);
            }
            if (!clash)
                continue;
            snprintf(what, sizeof what, "%s \"%s\" overlaps %s \"%s\"", mark_name(a->kind), a->text, mark_name(b->kind),
                     b->text);
            problem(g, screen, what);
        }
    }
    return g->overflows - before;
}

void gfx_marks_dump(const Gfx *g, FILE *out, const char *screen)
{
    const Mark *least = NULL;
    for (int i = 0; i < g->mark_count; i++)
        if (g->marks[i].kind == MARK_TEXT && (!least || g->marks[i].size < least->size))
            least = &g->marks[i];
    fprintf(out, "layout %s %dx%d text %d%% smallest %.1f \"%s\"\n", screen, g->win_w, g->win_h,
            (int)lroundf(g->text_scale * 100), least ? least->size : 0.0f, least ? least->text : "");
    static const char *const kinds[] = {"text", "control", "ring", "icon", "card"};
    for (int i = 0; i < g->mark_count; i++) {
        const Mark *m = &g->marks[i];
        fprintf(out, "%s %.0f %.0f %.0f %.0f", kinds[m->kind], m->box.x, m->box.y, m->box.w, m->box.h);
        if (m->kind == MARK_TEXT)
            fprintf(out, " %.1f", m->size);
        fprintf(out, " \"%s\"\n", m->text);
    }
    fflush(out);
}

static float place_text(Gfx *g, FontId font, int px, const char *utf8, Box b, TextAlign align, VAlign valign,
                        SDL_Color c)
{
    SDL_Rect r = gfx_px(g, b);
    SDL_Point size = text_measure(g->text, font, px, utf8, r.w, align);
    int y = r.y;
    if (valign == VALIGN_MIDDLE)
        y = r.y + (r.h - size.y) / 2;
    else if (valign == VALIGN_BOTTOM)
        y = r.y + r.h - size.y;
    int x = r.x;
    if (align == ALIGN_CENTER)
        x = r.x + (r.w - size.x) / 2;
    else if (align == ALIGN_RIGHT)
        x = r.x + r.w - size.x;
    audit(g, r, x, y, size, utf8, px);
    text_draw(g->text, font, px, utf8, r.w, align, c, r.x, y);
    return size.y / g->scale;
}

float gfx_text(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign, SDL_Color c)
{
    if (!utf8[0])
        return 0;
    g->asked = size;
    /* Text larger than its box (a big text size, a long name) shrinks to fit. */
    SDL_Rect r = gfx_px(g, b);
    SDL_Point need = text_measure(g->text, font, text_px(g, size), utf8, r.w, align);
    if (need.x > r.w || need.y > r.h)
        return gfx_text_fit(g, font, size, utf8, b, align, valign, c);
    return place_text(g, font, text_px(g, size), utf8, b, align, valign, c);
}

float gfx_note(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign, SDL_Color c)
{
    float keep = g->floor;
    g->floor = GFX_LABEL_MIN;
    float h = gfx_text(g, font, size, utf8, b, align, valign, c);
    g->floor = keep;
    return h;
}

float gfx_text_fit_min(Gfx *g, FontId font, float size, float min_size, const char *utf8, Box b, TextAlign align,
                       VAlign valign, SDL_Color c)
{
    if (!utf8[0])
        return 0;
    g->asked = size;
    SDL_Rect r = gfx_px(g, b);
    int max_px = text_px(g, size);
    int min_px = text_px(g, min_size);
    if (min_px > max_px)
        min_px = max_px;
    int px = text_fit(g->text, font, max_px, min_px, utf8, r.w, r.h, align);
    SDL_Point got = text_measure(g->text, font, px, utf8, r.w, align);
    if ((got.x > r.w || got.y > r.h) && px > 6)
        px = text_fit(g->text, font, px, 6, utf8, r.w, r.h, align); /* rather small than cut off */
    place_text(g, font, px, utf8, b, align, valign, c);
    return px / (g->scale * g->text_scale);
}

float gfx_text_fit(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign,
                   SDL_Color c)
{
    /* Never under the text's floor, unless it cannot fit otherwise. */
    float floor = floor_now(g);
    return gfx_text_fit_min(g, font, size, floor / g->text_scale, utf8, b, align, valign, c);
}

/* The pixel size of a text's floor. */
static int floor_px(const Gfx *g, float size)
{
    float f = floor_now(g);
    int px = (int)lroundf(f * g->scale);
    int asked = text_px(g, size);
    return px < asked ? px : asked;
}

float gfx_label(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign, SDL_Color c)
{
    if (!utf8[0])
        return 0;
    g->asked = size;
    SDL_Rect r = gfx_px(g, b);
    int px = text_px(g, size);
    SDL_Point one = text_measure(g->text, font, px, utf8, 0, align);
    if (one.x > r.w && one.x > 0)
        px = (int)((long)px * r.w / one.x);
    if (px * 10 < text_px(g, size) * 7 || px < floor_px(g, size) || text_measure(g->text, font, px, utf8, 0, align).y > r.h)
        return gfx_text_fit(g, font, size, utf8, b, align, valign, c);
    SDL_Point size_px = text_measure(g->text, font, px, utf8, 0, align);
    int x = r.x, y = r.y;
    if (align == ALIGN_CENTER)
        x = r.x + (r.w - size_px.x) / 2;
    else if (align == ALIGN_RIGHT)
        x = r.x + r.w - size_px.x;
    if (valign == VALIGN_MIDDLE)
        y = r.y + (r.h - size_px.y) / 2;
    else if (valign == VALIGN_BOTTOM)
        y = r.y + r.h - size_px.y;
    audit(g, r, x, y, size_px, utf8, px);
    text_draw(g->text, font, px, utf8, 0, ALIGN_LEFT, c, x, y);
    return px / (g->scale * g->text_scale);
}

float gfx_label_size(Gfx *g, FontId font, float size, const char *utf8, Box b)
{
    SDL_Rect r = gfx_px(g, b);
    int px = text_px(g, size);
    SDL_Point one = text_measure(g->text, font, px, utf8, 0, ALIGN_LEFT);
    if (one.x > r.w && one.x > 0)
        px = (int)((long)px * r.w / one.x);
    if (px * 10 < text_px(g, size) * 7 || px < floor_px(g, size) ||
        text_measure(g->text, font, px, utf8, 0, ALIGN_LEFT).y > r.h) {
        int max_px = text_px(g, size);
        px = text_fit(g->text, font, max_px, floor_px(g, size), utf8, r.w, r.h, ALIGN_CENTER);
    }
    return px / (g->scale * g->text_scale);
}

SDL_FPoint gfx_text_size(Gfx *g, FontId font, float size, const char *utf8, float w)
{
    int wrap = w > 0 ? (int)lroundf(w * g->scale) : 0;
    SDL_Point p = text_measure(g->text, font, text_px(g, size), utf8, wrap, ALIGN_LEFT);
    return (SDL_FPoint){p.x / g->scale, p.y / g->scale};
}
