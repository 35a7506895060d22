/* SPDX-License-Identifier: MIT */
/* Text in any script: the font chosen for each language and the characters
 * it holds (with the fonts the set-up installs: DejaVu and Noto CJK), and
 * the cache of rendered text. Drawn with no window, on a surface. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include <SDL.h>

#include "glyphs.h"
#include "text.h"

static SDL_Surface *surface;
static SDL_Renderer *renderer;
static Text *text;

static int setup(void **state)
{
    (void)state;
    surface = SDL_CreateRGBSurfaceWithFormat(0, 800, 600, 32, SDL_PIXELFORMAT_ARGB8888);
    renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    char err[256];
    text = renderer ? text_init(renderer, NULL, err, sizeof err) : NULL;
    if (!text)
        print_error("%s\n", renderer ? err : SDL_GetError());
    return text ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    text_deinit(text);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    SDL_Quit();
    return 0;
}

static void test_english_uses_dejavu(void **state)
{
    (void)state;
    assert_non_null(strstr(text_font_file(text, FONT_UI), "DejaVuSans"));
    assert_int_equal(text_font(text, "en", "What made you smile today?", false), FONT_UI);
    assert_true(text_covers(text, FONT_UI, "Ça va, été ¿qué tal? Привет Γειά"));
    assert_false(text_covers(text, FONT_UI, "今週"));
}

static void test_japanese_deck_gets_a_cjk_font(void **state)
{
    (void)state;
    const char *card = "今週、ほんの一瞬でも笑顔になれた小さな出来事は？";
    FontId ja = text_font(text, "ja", card, false);
    assert_int_not_equal(ja, FONT_UI);
    assert_true(text_covers(text, ja, card));
    assert_non_null(strstr(text_font_file(text, ja), "CJK"));
    /* Two decks, two fonts, in the same game. */
    assert_int_equal(text_font(text, "en", "Hello", false), FONT_UI);
    assert_int_equal(text_font(text, "ja", card, false), ja);
    /* Japanese text wraps at valid points: two lines at a narrow width. */
    SDL_Point one = text_measure(text, ja, 24, card, 0, ALIGN_LEFT);
    SDL_Point two = text_measure(text, ja, 24, card, one.x / 2 + 30, ALIGN_LEFT);
    assert_true(two.y > one.y);
    assert_true(two.x <= one.x / 2 + 30);
}

static void test_english_wraps_between_words(void **state)
{
    (void)state;
    /* Each word fits a line; no word is cut in half. */
    SDL_Point word = text_measure(text, FONT_UI, 24, "unbreakable", 0, ALIGN_LEFT);
    SDL_Point both = text_measure(text, FONT_UI, 24, "unbreakable unbreakable", word.x + 4, ALIGN_LEFT);
    SDL_Point line = text_measure(text, FONT_UI, 24, "unbreakable", word.x + 4, ALIGN_LEFT);
    assert_int_equal(both.x, word.x);
    assert_true(both.y > line.y);
    /* The largest size at which the text fits a box. */
    int box_w = word.x + 4, box_h = line.y * 2 + 20;
    int px = text_fit(text, FONT_UI, 60, 10, "unbreakable unbreakable", box_w, box_h, ALIGN_LEFT);
    assert_true(px >= 24 && px < 60);
    SDL_Point at = text_measure(text, FONT_UI, px, "unbreakable unbreakable", box_w, ALIGN_LEFT);
    SDL_Point above = text_measure(text, FONT_UI, px + 1, "unbreakable unbreakable", box_w, ALIGN_LEFT);
    assert_true(at.y <= box_h && at.x <= box_w);
    assert_true(above.y > box_h || above.x > box_w);
}

static void test_right_to_left_is_drawn(void **state)
{
    (void)state;
    const char *arabic = "ما الذي أسعدك اليوم؟";
    SDL_Point size = text_measure(text, FONT_UI, 24, arabic, 0, ALIGN_LEFT);
    assert_true(size.x > 100);
    assert_true(text_covers(text, FONT_UI, arabic));
}

static void test_cache_keeps_rendered_text(void **state)
{
    (void)state;
    text_flush(text);
    assert_int_equal(text_cached(text), 0);
    SDL_Color white = {255, 255, 255, 255};
    text_draw(text, FONT_UI, 30, "Round 1 of 3", 0, ALIGN_LEFT, white, 10, 10);
    text_draw(text, FONT_UI, 30, "Round 1 of 3", 0, ALIGN_LEFT, (SDL_Color){255, 0, 0, 255}, 10, 50);
    assert_int_equal(text_cached(text), 1); /* colour is a tint, not a new texture */
    text_draw(text, FONT_UI, 31, "Round 1 of 3", 0, ALIGN_LEFT, white, 10, 90);
    assert_int_equal(text_cached(text), 2);
}

static void test_check_names_the_package(void **state)
{
    (void)state;
    assert_string_equal(glyphs_package(0x4ECA), "fonts-noto-cjk");
    assert_string_equal(glyphs_package(0xAC00), "fonts-noto-cjk");
    assert_string_equal(glyphs_package(0x1F600), "fonts-noto-color-emoji");
    assert_string_equal(glyphs_package(0x0F40), "fonts-noto-core");
    assert_null(glyphs_package(0xF8D0));
    Glyphs *g = glyphs_open();
    assert_non_null(g);
    uint32_t missing[4];
    assert_int_equal(glyphs_missing(g, "今週 Hello", missing, 4), 0);
    assert_int_equal(glyphs_missing(g, "a\xef\xa3\x90 b\xef\xa3\x90\xef\xa3\x91", missing, 4), 2);
    assert_int_equal(missing[0], 0xF8D0);
    assert_int_equal(missing[1], 0xF8D1);
    glyphs_close(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_english_uses_dejavu),
        cmocka_unit_test(test_japanese_deck_gets_a_cjk_font),
        cmocka_unit_test(test_english_wraps_between_words),
        cmocka_unit_test(test_right_to_left_is_drawn),
        cmocka_unit_test(test_cache_keeps_rendered_text),
        cmocka_unit_test(test_check_names_the_package),
    };
    return cmocka_run_group_tests_name("text", tests, setup, teardown);
}
