/* SPDX-License-Identifier: MIT */
/* Libraries loaded when first needed rather than linked (SDL_LoadObject):
 * SDL_mixer, espeak-ng and SDL_image bring shared libraries of their own
 * that every start would otherwise load and relocate before the window
 * shows, and keep in memory. */
#ifndef TIGHTROPE_DYNLIB_H
#define TIGHTROPE_DYNLIB_H

#include <stddef.h>

/* A function to find: its name, and where its address goes. */
typedef struct {
    const char *name;
    void **fn;
} DynFn;

/* Loads the library file and each function of fns into its place; NULL
 * (with SDL's error set, and every place NULL) when the library or one of
 * the functions is missing. */
void *dynlib_open(const char *file, const DynFn *fns, size_t count);

/* Unloads lib (NULL: nothing) and sets every place of fns to NULL. */
void dynlib_close(void *lib, const DynFn *fns, size_t count);

#endif
