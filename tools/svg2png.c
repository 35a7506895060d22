/* SPDX-License-Identifier: MIT */
/* svg2png: renders an SVG file at a square size and writes it as PNG, so the
 * build can make the app icon's hicolor PNG sizes from its one SVG.
 * Usage: svg2png IN.svg SIZE OUT.png */
#include <stdio.h>
#include <stdlib.h>

#include <SDL.h>
#include <SDL_image.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: svg2png IN.svg SIZE OUT.png\n");
        return 2;
    }
    char *end;
    long size = strtol(argv[2], &end, 10);
    if (*end || end == argv[2] || size < 1 || size > 4096) {
        fprintf(stderr, "svg2png: the size must be a number of pixels from 1 to 4096, not '%s'\n", argv[2]);
        return 2;
    }
    SDL_RWops *in = SDL_RWFromFile(argv[1], "rb");
    if (!in) {
        fprintf(stderr, "svg2png: %s: %s\n", argv[1], SDL_GetError());
        return 1;
    }
    /* IMG_LoadSizedSVG_RW leaves the stream open. */
    SDL_Surface *surface = IMG_LoadSizedSVG_RW(in, (int)size, (int)size);
    SDL_RWclose(in);
    if (!surface) {
        fprintf(stderr, "svg2png: %s: %s\n", argv[1], IMG_GetError());
        return 1;
    }
    int status = 0;
    if (surface->w != size || surface->h != size) {
        fprintf(stderr, "svg2png: %s: rendered %dx%d, not %ldx%ld (the SVG must be square)\n", argv[1], surface->w,
                surface->h, size, size);
        status = 1;
    } else if (IMG_SavePNG(surface, argv[3]) != 0) {
        fprintf(stderr, "svg2png: %s: %s\n", argv[3], IMG_GetError());
        remove(argv[3]); /* no half-written icon for the build to install */
        status = 1;
    }
    SDL_FreeSurface(surface);
    return status;
}
