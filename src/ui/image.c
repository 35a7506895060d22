/* SPDX-License-Identifier: MIT */
#include "image.h"

#include <pthread.h>
#include <signal.h>
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

/* SDL_image loads with its decoders' libraries, libstdc++ among them: some
 * 7 ms, nearly all of it the dynamic linker's. The start of the game has it
 * loaded on a thread of its own while the window opens and the title is
 * laid out, and the title's first picture waits for it there. */
static struct {
    pthread_t thread;
    bool running;
} preload;

static void *preload_main(void *data)
{
    (void)data;
    img.lib = dynlib_open(IMAGE_LIBRARY, img_fns, SDL_arraysize(img_fns));
    return NULL;
}

void image_preload(void)
{
    if (img.lib || preload.running)
        return;
    /* SIGTERM and SIGINT stay with the threads that answer them. */
    sigset_t stop, old;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop, &old);
    preload.running = pthread_create(&preload.thread, NULL, preload_main, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
}

/* What the thread loaded is img's from here on. */
static void preload_wait(void)
{
    if (!preload.running)
        return;
    pthread_join(preload.thread, NULL);
    preload.running = false;
}

static bool image_load(void)
{
    preload_wait();
    /* Loaded again here when the thread could not: SDL's error is then this thread's. */
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
    preload_wait();
    dynlib_close(img.lib, img_fns, SDL_arraysize(img_fns));
    img.lib = NULL;
}
