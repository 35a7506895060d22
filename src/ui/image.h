/* SPDX-License-Identifier: MIT */
/* Pictures through SDL_image, loaded when a picture is first made or saved
 * (an icon drawn, a screenshot or an export written) and let go when a new
 * screen is shown: with its decoders it keeps some ten shared libraries in
 * memory, libstdc++ among them, which the game needs only for moments. */
#ifndef TIGHTROPE_IMAGE_H
#define TIGHTROPE_IMAGE_H

#include <stdbool.h>

#include <SDL.h>

/* The SVG read from rw (not closed) drawn at w x h; NULL with SDL's error set. */
SDL_Surface *image_svg(SDL_RWops *rw, int w, int h);

/* The icon drawn from the SVG file at svg_path, px pixels square, as
 * ARGB8888; NULL with SDL's error set. With cache, read from the bitmap
 * kept of it in the user's cache folder, or kept there once drawn: a start
 * of the game draws its icons from there without loading SDL_image. */
SDL_Surface *image_icon(const char *svg_path, int px, bool cache);
/* True when the icon of svg_path at px is kept in the cache folder, which
 * holds IMAGE_ICONS_KEPT bitmaps at most. */
enum { IMAGE_ICONS_KEPT = 64 };
bool image_icon_cached(const char *svg_path, int px);

/* Writes surface to path as PNG; 0, or -1 with SDL's error set. */
int image_save_png(SDL_Surface *surface, const char *path);

/* Starts loading SDL_image on a thread of its own, ahead of the first
 * picture, which waits for it; nothing when it is loaded or loading. */
void image_preload(void);

/* Loads SDL_image ahead of its first picture; false when it cannot load. */
bool image_ready(void);

/* Lets SDL_image go until it is needed again. */
void image_release(void);

#endif
