/* SPDX-License-Identifier: MIT */
/* The drawing caches: rounded rectangles, outlines and circles drawn from
 * cached textures (nine-slice) match the triangle fans they replace, and
 * stay right after a theme change, a text-size change and a window resize;
 * text drawn from the cache takes the new theme's colour; both caches keep
 * to their bounds in bytes. Drawn with no window, on a surface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL.h>

#include "gfx.h"
#include "image.h"
#include "text.h"

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static Text *text;
static Gfx gfx;

/* The window is a surface of the largest size tried, with a software
 * renderer; gfx_resize says how much of it the window takes. */
static int setup(void **state)
{
    (void)state;
    surface = SDL_CreateRGBSurfaceWithFormat(0, 1920, 1200, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    char err[256];
    text = renderer ? text_init(renderer, NULL, err, sizeof err) : NULL;
    if (!text) {
        print_error("%s\n", renderer ? err : SDL_GetError());
        return -1;
    }
    gfx_init(&gfx, renderer, text, NULL);
    gfx_resize(&gfx, 1280, 720, 1.0f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    gfx_deinit(&gfx);
    text_deinit(text);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    SDL_Quit();
    return 0;
}

static Uint32 pixel(int x, int y)
{
    return ((const Uint32 *)((const Uint8 *)surface->pixels + y * surface->pitch))[x] & 0xFFFFFF;
}

static Uint32 rgb(SDL_Color c)
{
    return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

/* Distance in pixels from (x, y) (a pixel centre) to the edge of the
 * rounded rectangle r with corners of radius R; negative inside. */
static float edge_distance(SDL_Rect r, float R, float x, float y)
{
    float cx = r.x + r.w / 2.0f, cy = r.y + r.h / 2.0f;
    float qx = fabsf(x - cx) - (r.w / 2.0f - R), qy = fabsf(y - cy) - (r.h / 2.0f - R);
    float ox = qx > 0 ? qx : 0, oy = qy > 0 ? qy : 0;
    float in = qx > qy ? qx : qy;
    return sqrtf(ox * ox + oy * oy) + (in < 0 ? in : 0) - R;
}

/* Draws the test picture: a card-like rounded rectangle, an outline inside
 * another, and a disc, in the theme's colours. */
static void picture(Box card, Box ring, float cx, float cy)
{
    const Theme *th = gfx.theme;
    gfx_clear(&gfx);
    gfx_round(&gfx, card, 28, th->card_edge);
    gfx_round(&gfx, (Box){card.x + 3, card.y + 3, card.w - 6, card.h - 6}, 25, th->card);
    gfx_round_outline(&gfx, ring, 24, 4, th->accent);
    gfx_circle(&gfx, cx, cy, 30, th->good);
    SDL_RenderFlush(renderer);
}

/* Checks the cached picture against the triangle fans it replaces, and its
 * colours at known points. */
static void check_shapes(const char *when)
{
    const Theme *th = gfx.theme;
    Box card = {200, 150, 500, 600}, ring = {800, 150, 400, 200};
    float cx = 1000, cy = 600;
    size_t bytes = (size_t)surface->pitch * (size_t)surface->h;
    gfx.uncached = true;
    picture(card, ring, cx, cy);
    Uint32 *fans = malloc(bytes);
    assert_non_null(fans);
    memcpy(fans, surface->pixels, bytes);
    gfx.uncached = false;
    picture(card, ring, cx, cy);
    assert_true(gfx_shapes_bytes(&gfx) > 0);

    /* Away from the edges (2 pixels and more), the two paths draw the same
     * colours; on the edges, both are smooth, each its own way. */
    SDL_Rect c = gfx_px(&gfx, card), o = gfx_px(&gfx, ring);
    float R = 28 * gfx.scale, Ro = 24 * gfx.scale;
    int differ = 0;
    /* Only where the shapes are (and a margin): the rest is background. */
    SDL_Rect all = gfx_px(&gfx, (Box){card.x - 8, card.y - 8, ring.x + ring.w + 16 - card.x, card.h + 16});
    for (int y = all.y; y < all.y + all.h && y < gfx.win_h; y++) {
        for (int x = all.x; x < all.x + all.w && x < gfx.win_w; x++) {
            float dc = fabsf(edge_distance(c, R, x + 0.5f, y + 0.5f));
            float di = fabsf(edge_distance((SDL_Rect){c.x + 2, c.y + 2, c.w - 4, c.h - 4}, R - 2, x + 0.5f, y + 0.5f));
            float d0 = fabsf(edge_distance(o, Ro, x + 0.5f, y + 0.5f));
            float d1 = fabsf(edge_distance((SDL_Rect){o.x + 3, o.y + 3, o.w - 6, o.h - 6}, Ro - 3, x + 0.5f, y + 0.5f));
            float dx = x + 0.5f - gfx_x(&gfx, cx), dy = y + 0.5f - gfx_y(&gfx, cy);
            float dd = fabsf(sqrtf(dx * dx + dy * dy) - 30 * gfx.scale);
            if (dc < 2.5f || di < 3.5f || d0 < 2.5f || d1 < 3.5f || dd < 2.5f)
                continue;
            Uint32 want = ((const Uint32 *)((const Uint8 *)fans + y * surface->pitch))[x] & 0xFFFFFF;
            if (pixel(x, y) != want && differ++ < 5)
                print_message("%s: %d,%d is %06X, the fans drew %06X\n", when, x, y, pixel(x, y), want);
        }
    }
    free(fans);
    assert_int_equal(differ, 0);

    /* Known points: inside the card, inside its corner's arc, outside it. */
    assert_int_equal(pixel(c.x + c.w / 2, c.y + c.h / 2), rgb(th->card));
    int in = (int)(R * 0.5f);
    assert_int_equal(pixel(c.x + in + 2, c.y + in + 2), rgb(th->card));
    assert_int_equal(pixel(c.x + c.w - in - 3, c.y + c.h - in - 3), rgb(th->card));
    assert_int_equal(pixel(c.x, c.y), rgb(th->bg));
    assert_int_equal(pixel(c.x + c.w - 1, c.y + c.h - 1), rgb(th->bg));
    /* The outline: its edge in the accent, its inside and its corner's
     * outside the background. */
    assert_int_equal(pixel(o.x + o.w / 2, o.y + 1), rgb(th->accent));
    assert_int_equal(pixel(o.x + 1, o.y + o.h / 2), rgb(th->accent));
    assert_int_equal(pixel(o.x + o.w / 2, o.y + o.h / 2), rgb(th->bg));
    assert_int_equal(pixel(o.x, o.y), rgb(th->bg));
    /* The disc, at its centre. */
    assert_int_equal(pixel((int)gfx_x(&gfx, cx), (int)gfx_y(&gfx, cy)), rgb(th->good));
}

static void test_cached_shapes_after_changes(void **state)
{
    (void)state;
    check_shapes("dark theme, 1280x720");
    /* A theme change: the same sizes, new colours. */
    gfx.theme = gfx_theme(THEME_CONTRAST);
    check_shapes("contrast theme");
    gfx.theme = gfx_theme(THEME_DARK);
    check_shapes("dark theme again");
    /* A text-size change: text is laid out again, shapes keep their size. */
    assert_true(gfx_resize(&gfx, 1280, 720, 1.5f));
    check_shapes("text at 150%");
    /* Window resizes: a new scale, new sizes in pixels. */
    assert_true(gfx_resize(&gfx, 1920, 1080, 1.5f));
    check_shapes("1920x1080");
    assert_true(gfx_resize(&gfx, 1600, 1200, 1.0f));
    gfx.theme = gfx_theme(THEME_CONTRAST);
    check_shapes("1600x1200, contrast theme");
    gfx.theme = gfx_theme(THEME_DARK);
}

/* The rows of the surface where text of colour c was drawn in box r. */
static int pixels_of(SDL_Rect r, Uint32 c)
{
    int n = 0;
    for (int y = r.y; y < r.y + r.h && y < surface->h; y++)
        for (int x = r.x; x < r.x + r.w && x < surface->w; x++)
            n += pixel(x, y) == c;
    return n;
}

static void test_cached_text_takes_the_theme(void **state)
{
    (void)state;
    Box at = {100, 100, 800, 80};
    SDL_Rect px = gfx_px(&gfx, at);
    for (int t = 0; t < 2; t++) {
        gfx.theme = gfx_theme(t ? THEME_CONTRAST : THEME_DARK);
        for (int twice = 0; twice < 2; twice++) { /* made, then from the cache */
            gfx_clear(&gfx);
            gfx_text(&gfx, FONT_UI_BOLD, 50, "Round 1 of 3", at, ALIGN_LEFT, VALIGN_TOP, gfx.theme->accent);
            SDL_RenderFlush(renderer);
            assert_true(pixels_of(px, rgb(gfx.theme->accent)) > 200);
            const Theme *other = gfx_theme(t ? THEME_DARK : THEME_CONTRAST);
            assert_int_equal(pixels_of(px, rgb(other->accent)), 0);
        }
    }
    gfx.theme = gfx_theme(THEME_DARK);
}

static void test_caches_keep_their_bounds(void **state)
{
    (void)state;
    /* Many texts, each large: the textures never pass their bound. */
    char line[64];
    for (int i = 0; i < 400; i++) {
        snprintf(line, sizeof line, "A line of text that is not short, number %d", i);
        text_draw(text, FONT_UI, 90, line, 0, ALIGN_LEFT, (SDL_Color){255, 255, 255, 255}, 0, 0);
        assert_true(text_texture_bytes(text) <= TEXT_TEXTURE_BYTES);
    }
    assert_true(text_texture_bytes(text) > TEXT_TEXTURE_BYTES / 2);
    /* What a screen no longer shows is let go. */
    text_release(text);
    assert_int_equal(text_texture_bytes(text), 0);
    /* Shapes of many sizes and colours. */
    for (int i = 0; i < 600; i++)
        gfx_round(&gfx, (Box){10, 10, 900, 900}, 10 + i % 200, (SDL_Color){(Uint8)i, 40, 90, 255});
    assert_true(gfx_shapes_bytes(&gfx) <= GFX_SHAPE_BYTES);
    assert_true(gfx.shape_count <= GFX_SHAPES);
    gfx_shapes_flush(&gfx);
    assert_int_equal(gfx_shapes_bytes(&gfx), 0);
}

/* A screen that shows something new (a game's next turn) lets go of the
 * texts it no longer draws, least recently drawn first, down to half a
 * window's pixels; the same view drawn again keeps everything. */
static void test_a_new_view_lets_go(void **state)
{
    (void)state;
    SDL_Color white = {255, 255, 255, 255};
    char line[64];
    gfx_shown(&gfx, 7, 1);
    text_release(text);
    gfx_clear(&gfx);
    text_draw(text, FONT_UI, 40, "Round 1 of 3", 0, ALIGN_LEFT, white, 0, 100);
    for (int i = 0; i < 15; i++) {
        snprintf(line, sizeof line, "A line of text that is not short, number %d", i);
        text_draw(text, FONT_UI, 60, line, 0, ALIGN_LEFT, white, 0, 0);
    }
    for (int px = 20; px < 40; px++)
        text_draw(text, FONT_UI_BOLD, px, "Sizes tried while fitting", 0, ALIGN_LEFT, white, 0, 200);
    gfx_shown(&gfx, 7, 1);
    size_t all = text_texture_bytes(text);
    size_t keep = (size_t)gfx.win_w * (size_t)gfx.win_h * 2;
    assert_true(all > keep);
    assert_int_equal(text_fonts_open(text), 22);
    /* The next frame draws only the header: the same view keeps all. */
    gfx_clear(&gfx);
    text_draw(text, FONT_UI, 40, "Round 1 of 3", 0, ALIGN_LEFT, white, 0, 100);
    gfx_shown(&gfx, 7, 1);
    assert_int_equal(text_texture_bytes(text), all);
    /* A new view: the header stays, and the texts last drawn up to the
     * bound; the first drawn are gone; the fonts stay open. */
    gfx_shown(&gfx, 7, 2);
    size_t kept = text_texture_bytes(text);
    assert_true(kept <= keep);
    assert_true(kept > keep / 2);
    assert_int_equal(text_fonts_open(text), 22);
    text_draw(text, FONT_UI, 40, "Round 1 of 3", 0, ALIGN_LEFT, white, 0, 100);
    text_draw(text, FONT_UI, 60, "A line of text that is not short, number 14", 0, ALIGN_LEFT, white, 0, 0);
    assert_int_equal(text_texture_bytes(text), kept);
    text_draw(text, FONT_UI, 60, "A line of text that is not short, number 0", 0, ALIGN_LEFT, white, 0, 0);
    assert_true(text_texture_bytes(text) > kept);
    /* A new screen in a game (Setup, then the game): the fonts stay open,
     * the texts it does not draw go. */
    gfx_in_game(&gfx, true);
    gfx_clear(&gfx);
    text_draw(text, FONT_UI, 40, "Round 1 of 3", 0, ALIGN_LEFT, white, 0, 100);
    gfx_shown(&gfx, 8, 2);
    assert_int_equal(text_fonts_open(text), 22);
    SDL_Point header = text_measure(text, FONT_UI, 40, "Round 1 of 3", 0, ALIGN_LEFT);
    assert_int_equal(text_texture_bytes(text), (size_t)header.x * (size_t)header.y * 4);
    /* A new screen out of a game (the game has ended): every font is
     * closed. */
    gfx_in_game(&gfx, false);
    gfx_shown(&gfx, 9, 2);
    assert_int_equal(text_fonts_open(text), 0);
    /* Once a frame out of a game is drawn and nothing moves, its fonts are
     * closed (its texts are textures by then); in a game they stay open. */
    gfx_clear(&gfx);
    text_draw(text, FONT_UI, 41, "Our week", 0, ALIGN_LEFT, white, 0, 100);
    assert_int_equal(text_fonts_open(text), 1);
    gfx_idle(&gfx);
    assert_int_equal(text_fonts_open(text), 0);
    gfx_in_game(&gfx, true);
    gfx_clear(&gfx);
    text_draw(text, FONT_UI, 43, "Round 2 of 3", 0, ALIGN_LEFT, white, 0, 100);
    gfx_idle(&gfx);
    assert_int_equal(text_fonts_open(text), 1);

    /* Shapes: a new screen in a game keeps those its frame did not draw
     * (they come back turn after turn); out of a game, they go. */
    SDL_Color blue = {40, 60, 200, 255};
    gfx_shapes_flush(&gfx);
    gfx_clear(&gfx);
    gfx_round(&gfx, (Box){10, 10, 300, 200}, 20, blue);
    size_t one = gfx_shapes_bytes(&gfx);
    gfx_round(&gfx, (Box){10, 300, 300, 200}, 30, blue);
    size_t two = gfx_shapes_bytes(&gfx);
    assert_true(one > 0 && two > one);
    gfx_shown(&gfx, 10, 1);
    gfx_clear(&gfx);
    gfx_round(&gfx, (Box){10, 10, 300, 200}, 20, blue);
    gfx_shown(&gfx, 11, 1);
    assert_int_equal(gfx_shapes_bytes(&gfx), two);
    gfx_in_game(&gfx, false);
    gfx_clear(&gfx);
    gfx_round(&gfx, (Box){10, 10, 300, 200}, 20, blue);
    gfx_shown(&gfx, 12, 1);
    assert_int_equal(gfx_shapes_bytes(&gfx), one);
}

/* SDL_image loaded ahead on a thread of its own (as the game starts), or
 * while a picture waits, draws the same picture; let go while it loads, it
 * is waited for first. */
static void test_pictures_load_ahead(void **state)
{
    (void)state;
    static const char svg[] = "<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'>"
                              "<rect x='0' y='0' width='10' height='10' fill='#ff0000'/>"
                              "<rect x='10' y='0' width='10' height='10' fill='#0000ff'/></svg>";
    for (int round = 0; round < 3; round++) {
        if (round < 2)
            image_preload();
        image_preload(); /* loading or loaded: nothing more */
        SDL_RWops *rw = SDL_RWFromConstMem(svg, sizeof svg - 1);
        SDL_Surface *drawn = image_svg(rw, 40, 20);
        SDL_RWclose(rw);
        assert_non_null(drawn);
        assert_int_equal(drawn->w, 40);
        assert_int_equal(drawn->h, 20);
        SDL_Surface *argb = SDL_ConvertSurfaceFormat(drawn, SDL_PIXELFORMAT_ARGB8888, 0);
        assert_non_null(argb);
        const Uint32 *row = (const Uint32 *)((const Uint8 *)argb->pixels + 10 * argb->pitch);
        assert_int_equal(row[5], 0xFFFF0000);
        assert_int_equal(row[35], 0xFF0000FF);
        SDL_FreeSurface(argb);
        SDL_FreeSurface(drawn);
        image_release();
    }
    image_preload();
    image_release();
}

static void write_text(const char *path, const char *words)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fputs(words, f) >= 0, 1);
    assert_int_equal(fclose(f), 0);
}

static Uint32 centre(SDL_Surface *s)
{
    return ((const Uint32 *)((const Uint8 *)s->pixels + s->h / 2 * s->pitch))[s->w / 2];
}

/* An icon drawn once is kept as a bitmap in the cache folder, and read from
 * there the next time; a changed SVG, or a bitmap that cannot be read, is
 * drawn again; without the cache nothing is kept. */
static void test_icons_kept_as_bitmaps(void **state)
{
    (void)state;
    char dir[] = "/tmp/tightrope-icons-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char svg[128], cache[128], kept[256];
    snprintf(svg, sizeof svg, "%s/dot.svg", dir);
    snprintf(cache, sizeof cache, "%s/cache", dir);
    setenv("XDG_CACHE_HOME", cache, 1);
    static const char red[] = "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>"
                              "<rect width='8' height='8' fill='#ff0000'/></svg>";
    write_text(svg, red);
    assert_false(image_icon_cached(svg, 24));
    SDL_Surface *icon = image_icon(svg, 24, false);
    assert_non_null(icon);
    assert_false(image_icon_cached(svg, 24));
    SDL_FreeSurface(icon);
    icon = image_icon(svg, 24, true);
    assert_non_null(icon);
    assert_int_equal(icon->w, 24);
    assert_int_equal(icon->format->format, SDL_PIXELFORMAT_ARGB8888);
    assert_int_equal(centre(icon), 0xFFFF0000);
    assert_true(image_icon_cached(svg, 24));
    assert_false(image_icon_cached(svg, 25));
    /* The next time it is the bitmap that is read: made blue here. */
    struct stat st;
    assert_int_equal(stat(svg, &st), 0);
    snprintf(kept, sizeof kept, "%s/tightrope/icons/dot-24px-%lld-%lld.%09ld.bmp", cache, (long long)st.st_size,
             (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    SDL_FillRect(icon, NULL, 0xFF0000FF);
    assert_int_equal(SDL_SaveBMP(icon, kept), 0);
    SDL_FreeSurface(icon);
    image_release();
    icon = image_icon(svg, 24, true);
    assert_non_null(icon);
    assert_int_equal(centre(icon), 0xFF0000FF);
    SDL_FreeSurface(icon);
    /* A bitmap that is not one: drawn again, and kept again. */
    write_text(kept, "not a bitmap");
    icon = image_icon(svg, 24, true);
    assert_non_null(icon);
    assert_int_equal(centre(icon), 0xFFFF0000);
    SDL_FreeSurface(icon);
    SDL_Surface *again = SDL_LoadBMP(kept);
    assert_non_null(again);
    assert_int_equal(again->w, 24);
    SDL_FreeSurface(again);
    /* A changed SVG (another size of file): drawn again. */
    write_text(svg, "<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'>"
                    "<rect width='8' height='8' fill='#00ff00'/>  </svg>");
    assert_false(image_icon_cached(svg, 24));
    icon = image_icon(svg, 24, true);
    assert_non_null(icon);
    assert_int_equal(centre(icon), 0xFF00FF00);
    SDL_FreeSurface(icon);
    /* The folder holds IMAGE_ICONS_KEPT bitmaps at most: past that the
     * oldest go, down to half. */
    char icons[200], old[300];
    snprintf(icons, sizeof icons, "%s/tightrope/icons", cache);
    for (int i = 0; i < IMAGE_ICONS_KEPT; i++) {
        snprintf(old, sizeof old, "%s/old-%02d.bmp", icons, i);
        write_text(old, "old");
        struct timespec when[2] = {{1000000 + i, 0}, {1000000 + i, 0}};
        assert_int_equal(utimensat(AT_FDCWD, old, when, 0), 0);
    }
    icon = image_icon(svg, 30, true);
    assert_non_null(icon);
    SDL_FreeSurface(icon);
    assert_true(image_icon_cached(svg, 30));
    assert_true(image_icon_cached(svg, 24));
    int left = 0;
    for (int i = 0; i < IMAGE_ICONS_KEPT; i++) {
        snprintf(old, sizeof old, "%s/old-%02d.bmp", icons, i);
        left += access(old, F_OK) == 0;
    }
    assert_int_equal(left, IMAGE_ICONS_KEPT / 2 - 3); /* three of ours kept: dot at 24 of each SVG, at 30 */
    snprintf(old, sizeof old, "%s/old-%02d.bmp", icons, IMAGE_ICONS_KEPT - 1);
    assert_int_equal(access(old, F_OK), 0);
    image_release();
    unsetenv("XDG_CACHE_HOME");
    char rm[160];
    snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
    assert_int_equal(system(rm), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cached_shapes_after_changes),
        cmocka_unit_test(test_cached_text_takes_the_theme),
        cmocka_unit_test(test_caches_keep_their_bounds),
        cmocka_unit_test(test_a_new_view_lets_go),
        cmocka_unit_test(test_pictures_load_ahead),
        cmocka_unit_test(test_icons_kept_as_bitmaps),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
