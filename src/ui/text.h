/* SPDX-License-Identifier: MIT */
/* Text on screen: fonts found through fontconfig, lines broken with
 * libunibreak, glyphs drawn by SDL_ttf, and every laid-out block cached,
 * keyed by font, size, wrap width, alignment and text, with its texture in
 * each colour it is drawn in. The cache holds at most CACHE_LIMIT (700)
 * laid-out texts and TEXT_TEXTURE_BYTES of textures, least recently drawn
 * out first. */
#ifndef TIGHTROPE_TEXT_H
#define TIGHTROPE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL_pixels.h>
#include <SDL_rect.h>

/* Only named here: drawing through them is gfx.c's and text.c's. */
typedef struct SDL_Renderer SDL_Renderer;
typedef struct SDL_Texture SDL_Texture;

typedef struct Text Text;

/* A font chosen by text_font: a small handle, valid until text_deinit. */
typedef int FontId;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;

/* Starts the text system for renderer. font_file overrides the UI font (the
 * --font option); NULL finds DejaVu Sans, or the best sans font fontconfig
 * offers. Returns NULL with a plain message in err when no font can be
 * opened. */
Text *text_init(SDL_Renderer *renderer, const char *font_file, char *err, size_t errlen);
void text_deinit(Text *text);

/* The UI fonts: FONT_UI for body text, FONT_UI_BOLD for headings. */
enum { FONT_UI = 0, FONT_UI_BOLD = 1 };

/* Finds a font for text in language (a BCP 47 tag, or NULL) that covers
 * every character of sample (UTF-8, or NULL), falling back to the UI font.
 * Fonts already chosen are reused. */
FontId text_font(Text *text, const char *language, const char *sample, bool bold);

/* The path of the file behind a font, for messages and tests. */
const char *text_font_file(const Text *text, FontId font);

/* True when font has a glyph for every character of utf8. */
bool text_covers(Text *text, FontId font, const char *utf8);

/* Lays out utf8 at px pixels, wrapped to wrap_w pixels (0: no wrapping),
 * and returns its size. Cached: the same call again costs a lookup. */
SDL_Point text_measure(Text *text, FontId font, int px, const char *utf8, int wrap_w, TextAlign align);

/* Draws utf8 with its top-left corner at x, y. Returns its size. */
SDL_Point text_draw(Text *text, FontId font, int px, const char *utf8, int wrap_w, TextAlign align, SDL_Color color,
                    int x, int y);

/* The largest size from max_px down to min_px at which utf8, wrapped to
 * box_w, fits box_h; min_px when none does. */
int text_fit(Text *text, FontId font, int max_px, int min_px, const char *utf8, int box_w, int box_h, TextAlign align);

/* The bound on the bytes of the cached textures: 8 MB, what a whole
 * 3840x2160 screen of text takes; a screen at 1920x1080 uses some 1 to 3. */
enum { TEXT_TEXTURE_BYTES = 8 * 1024 * 1024 };

/* Drops every cached texture and layout: call when the window or text
 * scale changes. */
void text_flush(Text *text);

/* Drops every cached texture, keeping the layouts: what a screen no longer
 * shows is made again only if it comes back. */
void text_release(Text *text);
/* Notes that a frame starts; text_drop_undrawn then drops the textures
 * that frame did not draw, least recently drawn first, until they hold
 * keep bytes at most (called when the screen shows something new);
 * text_release_unused drops them all (called when a new screen has been
 * shown). The fonts at sizes stay open: text_close_fonts closes them. */
void text_frame(Text *text);
void text_drop_undrawn(Text *text, size_t keep);
void text_release_unused(Text *text);
/* Closes every font at a size (a text made later opens what it needs). */
void text_close_fonts(Text *text);

/* Laid-out texts now held, and the bytes of their textures, for tests of
 * the cache. */
int text_cached(const Text *text);
size_t text_texture_bytes(const Text *text);
/* Fonts open at sizes, for tests of what is let go. */
int text_fonts_open(const Text *text);

#endif
