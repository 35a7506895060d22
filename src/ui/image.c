/* SPDX-License-Identifier: MIT */
#include "image.h"

#include <stdbool.h>

#include <SDL_image.h>

#include "dynlib.h"

#if defined(_WIN32)
#define IMAGE_LIBRARY "SDL2_image.dll"
#elif defined(__APPLE__)
#define IMAGE_LIBRARY "libSDL2_image-2.0.0.dylib"
#else
#define IMAGE_LIBRARY "libSDL2_image-2.0.so.0"
#endif

static struct {
    void *lib;
    SDL_Surface *(*load_sized_svg)(SDL_RWops *, int, int);
    int (*save_png)(SDL_Surface *, const char *);
} img;

/* Function pointers from a void *: the one way SDL_LoadFunction gives them. */
static const DynFn img_fns[] = {
    {"IMG_LoadSizedSVG_RW", (void **)&img.load_sized_svg},
    {"IMG_SavePNG", (void **)&img.save_png},
};

static bool image_load(void)
{
    if (!img.lib)
        img.lib = dynlib_open(IMAGE_LIBRARY, img_fns, SDL_arraysize(img_fns));
    return img.lib != NULL;
}

bool image_ready(void)
{
    return image_load();
}

SDL_Surface *image_svg(SDL_RWops *rw, int w, int h)
{
    return image_load() ? img.load_sized_svg(rw, w, h) : NULL;
}

int image_save_png(SDL_Surface *surface, const char *path)
{
    return image_load() ? img.save_png(surface, path) : -1;
}

void image_release(void)
{
    dynlib_close(img.lib, img_fns, SDL_arraysize(img_fns));
    img.lib = NULL;
}
