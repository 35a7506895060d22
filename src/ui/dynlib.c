/* SPDX-License-Identifier: MIT */
#include "dynlib.h"

#include <SDL.h>

void *dynlib_open(const char *file, const DynFn *fns, size_t count)
{
    void *lib = SDL_LoadObject(file);
    if (!lib)
        return NULL;
    for (size_t i = 0; i < count; i++) {
        if (!(*fns[i].fn = SDL_LoadFunction(lib, fns[i].name))) {
            dynlib_close(lib, fns, count);
            return NULL;
        }
    }
    return lib;
}

void dynlib_close(void *lib, const DynFn *fns, size_t count)
{
    for (size_t i = 0; i < count; i++)
        *fns[i].fn = NULL;
    if (lib)
        SDL_UnloadObject(lib);
}
