/* SPDX-License-Identifier: MIT */
/* Smooth shapes. Rounded rectangles, their outlines and circles are drawn
 * from small textures of their corners (nine-slice: four corners copied,
 * the straight parts filled as rectangles). A texture is made once per
 * size in pixels and colour (so per theme and scale), in its colour: the
 * software renderer copies an untinted texture several times faster than
 * it tints one. They are kept in a cache bounded in bytes
 * (GFX_SHAPE_BYTES), least recently used first out; a new window scale
 * empties it. With g->uncached, or for a shape too big for the cache, they
 * are triangle fans through SDL_RenderGeometry, as they all were before;
 * tests check the cached path against them. */
#include "gfx.h"

#include <SDL.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define PI_F 3.14159265f

enum { ARC_STEPS = 10, EDGE_STEPS = 12, ROUND_POINTS = 4 * (ARC_STEPS + EDGE_STEPS), CIRCLE_STEPS = 48, MAX_VERTS = 512 };

/* Draws rectangle r in c: without blending when c is opaque (the software
 * renderer then fills rows at once rather than blending each pixel). */
static void fill_px(Gfx *g, SDL_Rect r, SDL_Color c)
{
    if (r.w <= 0 || r.h <= 0 || c.a == 0)
        return;
    SDL_SetRenderDrawBlendMode(g->renderer, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(g->renderer, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(g->renderer, &r);
    SDL_SetRenderDrawBlendMode(g->renderer, SDL_BLENDMODE_BLEND);
}

void gfx_fill(Gfx *g, Box b, SDL_Color c)
{
    fill_px(g, gfx_px(g, b), c);
}

/* ---- the cache ---- */

void gfx_shapes_flush(Gfx *g)
{
    for (int i = 0; i < g->shape_count; i++)
        SDL_DestroyTexture(g->shapes[i].texture);
    g->shape_count = 0;
    g->shape_bytes = 0;
}

/* Drops shape i, the last taking its place. */
static void drop_shape(Gfx *g, int i)
{
    SDL_DestroyTexture(g->shapes[i].texture);
    g->shape_bytes -= g->shapes[i].bytes;
    g->shapes[i] = g->shapes[--g->shape_count];
}

void gfx_shapes_release_unused(Gfx *g)
{
    for (int i = g->shape_count - 1; i >= 0; i--)
        if (g->shapes[i].used <= g->shape_frame)
            drop_shape(g, i);
}

size_t gfx_shapes_bytes(const Gfx *g)
{
    return g->shape_bytes;
}

/* How much of a pixel whose centre is d pixels from a circle's centre the
 * disc of radius r covers (a one-pixel ramp across the edge). */
static float cover(float r, float d)
{
    float a = r - d + 0.5f;
    return a < 0 ? 0 : a > 1 ? 1 : a;
}

/* A size x size texture of colour col: a disc of radius r (r2 = 0) or a
 * ring between r2 and r, centred at (size / 2, size / 2), its alpha the
 * coverage times col's. */
static SDL_Texture *make_shape(Gfx *g, int size, float r, float r2, SDL_Color col)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, size, size, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return NULL;
    float c = size / 2.0f;
    for (int y = 0; y < size; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < size; x++) {
            float dx = x + 0.5f - c, dy = y + 0.5f - c;
            float d = sqrtf(dx * dx + dy * dy);
            float a = cover(r, d) - (r2 > 0 ? cover(r2, d) : 0);
            Uint32 alpha = (Uint32)lroundf((a < 0 ? 0 : a) * col.a);
            row[x] = alpha << 24 | (Uint32)col.r << 16 | (Uint32)col.g << 8 | col.b;
        }
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(g->renderer, s);
    SDL_FreeSurface(s);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

/* The texture of a disc (inner 0) or ring in colour c, radii in quarter
 * pixels, size pixels square; NULL when it cannot be made or would not fit
 * the cache. */
static SDL_Texture *shape(Gfx *g, int size, int outer4, int inner4, SDL_Color c)
{
    size_t bytes = (size_t)size * (size_t)size * 4;
    if (size < 1 || bytes > GFX_SHAPE_BYTES / 4)
        return NULL;
    Uint32 rgba = (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a;
    g->shape_clock++;
    for (int i = 0; i < g->shape_count; i++) {
        GfxShape *s = &g->shapes[i];
        if (s->size == size && s->outer4 == outer4 && s->inner4 == inner4 && s->rgba == rgba) {
            s->used = g->shape_clock;
            return s->texture;
        }
    }
    /* Room: the least recently used go first. */
    while (g->shape_count > 0 && (g->shape_count == GFX_SHAPES || g->shape_bytes + bytes > GFX_SHAPE_BYTES)) {
        int old = 0;
        for (int i = 1; i < g->shape_count; i++)
            if (g->shapes[i].used < g->shapes[old].used)
                old = i;
        drop_shape(g, old);
    }
    SDL_Texture *t = make_shape(g, size, outer4 / 4.0f, inner4 / 4.0f, c);
    if (!t)
        return NULL;
    g->shapes[g->shape_count++] = (GfxShape){size, outer4, inner4, rgba, t, bytes, g->shape_clock};
    g->shape_bytes += bytes;
    return t;
}

/* Copies the four quarters of a 2R x 2R texture to the corners of px. */
static void corners(Gfx *g, SDL_Texture *t, SDL_Rect px, int R)
{
    for (int i = 0; i < 4; i++) {
        int sx = i & 1 ? R : 0, sy = i & 2 ? R : 0;
        SDL_Rect src = {sx, sy, R, R};
        SDL_Rect dst = {i & 1 ? px.x + px.w - R : px.x, i & 2 ? px.y + px.h - R : px.y, R, R};
        SDL_RenderCopy(g->renderer, t, &src, &dst);
    }
}

/* The corner radius of a rounded rectangle px in whole pixels. */
static int corner_px(const Gfx *g, SDL_Rect px, float r)
{
    int most = (px.w < px.h ? px.w : px.h) / 2;
    int R = (int)lroundf(r * g->scale);
    return R < 0 ? 0 : R > most ? most : R;
}

/* ---- triangle fans: the uncached path ---- */

static SDL_Vertex vertex(float x, float y, SDL_Color c)
{
    return (SDL_Vertex){{x, y}, c, {0, 0}};
}

/* Fills the convex outline pts (pixels) from its centre, with a one-pixel
 * fringe fading to transparent outside it, so edges look smooth. */
static void fill_convex(Gfx *g, const SDL_FPoint *pts, int n, float cx, float cy, SDL_Color c)
{
    SDL_Vertex verts[MAX_VERTS * 2 + 1];
    int idx[MAX_VERTS * 9];
    if (n > MAX_VERTS)
        n = MAX_VERTS;
    SDL_Color clear = c;
    clear.a = 0;
    verts[0] = vertex(cx, cy, c);
    for (int i = 0; i < n; i++) {
        float dx = pts[i].x - cx, dy = pts[i].y - cy;
        float len = sqrtf(dx * dx + dy * dy);
        float ex = len > 0 ? dx / len : 0, ey = len > 0 ? dy / len : 0;
        verts[1 + i] = vertex(pts[i].x - ex * 0.5f, pts[i].y - ey * 0.5f, c);
        verts[1 + n + i] = vertex(pts[i].x + ex * 0.7f, pts[i].y + ey * 0.7f, clear);
    }
    int k = 0;
    for (int i = 0; i < n; i++) {
        int a = 1 + i, b = 1 + (i + 1) % n;
        idx[k++] = 0, idx[k++] = a, idx[k++] = b;
        idx[k++] = a, idx[k++] = n + a, idx[k++] = b;
        idx[k++] = b, idx[k++] = n + a, idx[k++] = n + b;
    }
    SDL_RenderGeometry(g->renderer, NULL, verts, 1 + 2 * n, idx, k);
}

/* The outline of a rounded rectangle in pixels; returns the point count.
 * Straight edges are cut into short steps: long thin triangles leave gaps
 * in the software renderer. */
static int round_points(const Gfx *g, Box b, float r, SDL_FPoint *pts)
{
    SDL_Rect px = gfx_px(g, b);
    float rp = r * g->scale;
    float max_r = (px.w < px.h ? px.w : px.h) / 2.0f;
    if (rp > max_r)
        rp = max_r;
    const float corners_at[4][3] = {
        {px.x + px.w - rp, px.y + rp, -90}, {px.x + px.w - rp, px.y + px.h - rp, 0},
        {px.x + rp, px.y + px.h - rp, 90},  {px.x + rp, px.y + rp, 180},
    };
    int n = 0;
    for (int c = 0; c < 4; c++) {
        for (int s = 0; s <= ARC_STEPS; s++) {
            float a = (corners_at[c][2] + 90.0f * s / ARC_STEPS) * PI_F / 180.0f;
            pts[n++] = (SDL_FPoint){corners_at[c][0] + rp * cosf(a), corners_at[c][1] + rp * sinf(a)};
        }
        const float *next = corners_at[(c + 1) % 4];
        float a = (next[2]) * PI_F / 180.0f;
        SDL_FPoint from = pts[n - 1], to = {next[0] + rp * cosf(a), next[1] + rp * sinf(a)};
        for (int s = 1; s < EDGE_STEPS; s++)
            pts[n++] = (SDL_FPoint){from.x + (to.x - from.x) * s / EDGE_STEPS, from.y + (to.y - from.y) * s / EDGE_STEPS};
    }
    return n;
}

static void round_fan(Gfx *g, Box b, float r, SDL_Color c)
{
    SDL_FPoint pts[ROUND_POINTS];
    int n = round_points(g, b, r, pts);
    SDL_Rect px = gfx_px(g, b);
    fill_convex(g, pts, n, px.x + px.w / 2.0f, px.y + px.h / 2.0f, c);
}

static void outline_fan(Gfx *g, Box b, float r, float t, SDL_Color c)
{
    SDL_FPoint outer[ROUND_POINTS], inner[ROUND_POINTS];
    int n = round_points(g, b, r, outer);
    Box in = {b.x + t, b.y + t, b.w - 2 * t, b.h - 2 * t};
    round_points(g, in, r > t ? r - t : 0, inner);
    SDL_Vertex verts[2 * ROUND_POINTS];
    int idx[ROUND_POINTS * 6];
    int k = 0;
    for (int i = 0; i < n; i++) {
        verts[i] = vertex(outer[i].x, outer[i].y, c);
        verts[n + i] = vertex(inner[i].x, inner[i].y, c);
        int a = i, b2 = (i + 1) % n;
        idx[k++] = a, idx[k++] = b2, idx[k++] = n + a;
        idx[k++] = b2, idx[k++] = n + b2, idx[k++] = n + a;
    }
    SDL_RenderGeometry(g->renderer, NULL, verts, 2 * n, idx, k);
}

static void circle_fan(Gfx *g, float px, float py, float rp, SDL_Color c)
{
    SDL_FPoint pts[CIRCLE_STEPS];
    for (int i = 0; i < CIRCLE_STEPS; i++) {
        float a = 2.0f * PI_F * i / CIRCLE_STEPS;
        pts[i] = (SDL_FPoint){px + rp * cosf(a), py + rp * sinf(a)};
    }
    fill_convex(g, pts, CIRCLE_STEPS, px, py, c);
}

/* ---- the shapes ---- */

void gfx_round(Gfx *g, Box b, float r, SDL_Color c)
{
    SDL_Rect px = gfx_px(g, b);
    if (px.w <= 0 || px.h <= 0 || c.a == 0)
        return;
    int R = corner_px(g, px, r);
    SDL_Texture *t = NULL;
    if (!g->uncached && (R == 0 || (t = shape(g, 2 * R, 4 * R, 0, c)))) {
        if (t) {
            corners(g, t, px, R);
        }
        fill_px(g, (SDL_Rect){px.x + R, px.y, px.w - 2 * R, R}, c);
        fill_px(g, (SDL_Rect){px.x, px.y + R, px.w, px.h - 2 * R}, c);
        fill_px(g, (SDL_Rect){px.x + R, px.y + px.h - R, px.w - 2 * R, R}, c);
        return;
    }
    round_fan(g, b, r, c);
}

void gfx_round_outline(Gfx *g, Box b, float r, float t, SDL_Color c)
{
    SDL_Rect px = gfx_px(g, b);
    if (px.w <= 0 || px.h <= 0 || c.a == 0)
        return;
    int R = corner_px(g, px, r);
    int T = (int)lroundf(t * g->scale);
    if (T < 1)
        T = 1;
    SDL_Texture *tex = NULL;
    if (!g->uncached && 2 * T < px.w && 2 * T < px.h && (R == 0 || (tex = shape(g, 2 * R, 4 * R, R > T ? 4 * (R - T) : 0, c)))) {
        if (tex) {
            corners(g, tex, px, R);
        }
        /* The straight parts, T thick between the corners; where a corner
         * is smaller than the line is thick, the sides fill in under it. */
        int a = R < T ? R : T;
        fill_px(g, (SDL_Rect){px.x + R, px.y, px.w - 2 * R, T}, c);
        fill_px(g, (SDL_Rect){px.x + R, px.y + px.h - T, px.w - 2 * R, T}, c);
        fill_px(g, (SDL_Rect){px.x, px.y + R, a, px.h - 2 * R}, c);
        fill_px(g, (SDL_Rect){px.x + px.w - a, px.y + R, a, px.h - 2 * R}, c);
        if (T > R) {
            fill_px(g, (SDL_Rect){px.x + R, px.y + T, T - R, px.h - 2 * T}, c);
            fill_px(g, (SDL_Rect){px.x + px.w - T, px.y + T, T - R, px.h - 2 * T}, c);
        }
        return;
    }
    outline_fan(g, b, r, t, c);
}

void gfx_round_framed(Gfx *g, Box b, float r, float t, SDL_Color edge, SDL_Color fill)
{
    Box in = {b.x + t, b.y + t, b.w - 2 * t, b.h - 2 * t};
    if (edge.a == 255 && fill.a == 255) {
        /* The edge as a ring one unit deeper than it shows, under the
         * fill's smooth edge: each pixel is drawn about once. */
        gfx_round_outline(g, b, r, t + 1, edge);
    } else {
        gfx_round(g, b, r, edge);
    }
    gfx_round(g, in, r - t, fill);
}

static bool clip_px(Gfx *g, SDL_Rect r, GfxClip *saved)
{
    saved->clipped = SDL_RenderIsClipEnabled(g->renderer);
    SDL_RenderGetClipRect(g->renderer, &saved->keep);
    if (r.w <= 0 || r.h <= 0 || (saved->clipped && !SDL_IntersectRect(&saved->keep, &r, &r)))
        return false;
    SDL_RenderSetClipRect(g->renderer, &r);
    return true;
}

bool gfx_clip_begin(Gfx *g, Box b, GfxClip *saved)
{
    return clip_px(g, gfx_px(g, b), saved);
}

void gfx_clip_end(Gfx *g, const GfxClip *saved)
{
    SDL_RenderSetClipRect(g->renderer, saved->clipped ? &saved->keep : NULL);
}

void gfx_shadow(Gfx *g, Box b, float r, float drop, SDL_Color c)
{
    SDL_Rect px = gfx_px(g, b);
    int R = corner_px(g, px, r);
    /* Under an opaque shape of box b, only the strip from its bottom
     * corners down shows: the rest is not drawn at all. */
    SDL_Rect strip = {px.x, px.y + px.h - R, px.w, R + (int)ceilf(drop * g->scale) + 1};
    GfxClip saved;
    if (clip_px(g, strip, &saved))
        gfx_round(g, (Box){b.x, b.y + drop, b.w, b.h}, r, c);
    gfx_clip_end(g, &saved);
}

/* A disc of rp pixels centred at (px, py), placed to the nearest pixel. */
static void disc_px(Gfx *g, float px, float py, float rp, SDL_Color c)
{
    int q = (int)lroundf(rp * 4);
    int size = (int)ceilf(rp * 2) + 2;
    SDL_Texture *t = g->uncached || q < 2 ? NULL : shape(g, size, q, 0, c);
    if (!t) {
        circle_fan(g, px, py, rp, c);
        return;
    }
    SDL_Rect dst = {(int)lroundf(px - size / 2.0f), (int)lroundf(py - size / 2.0f), size, size};
    SDL_RenderCopy(g->renderer, t, NULL, &dst);
}

void gfx_circle(Gfx *g, float cx, float cy, float r, SDL_Color c)
{
    disc_px(g, gfx_x(g, cx), gfx_y(g, cy), r * g->scale, c);
}

void gfx_line(Gfx *g, float x1, float y1, float x2, float y2, float t, SDL_Color c)
{
    float dx = x2 - x1, dy = y2 - y1;
    float len = sqrtf(dx * dx + dy * dy);
    if (len <= 0)
        return;
    float nx = -dy / len * t / 2, ny = dx / len * t / 2;
    SDL_FPoint pts[4] = {
        {gfx_x(g, x1 + nx), gfx_y(g, y1 + ny)},
        {gfx_x(g, x2 + nx), gfx_y(g, y2 + ny)},
        {gfx_x(g, x2 - nx), gfx_y(g, y2 - ny)},
        {gfx_x(g, x1 - nx), gfx_y(g, y1 - ny)},
    };
    fill_convex(g, pts, 4, gfx_x(g, (x1 + x2) / 2), gfx_y(g, (y1 + y2) / 2), c);
    gfx_circle(g, x1, y1, t / 2, c);
    gfx_circle(g, x2, y2, t / 2, c);
}
