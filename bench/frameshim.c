/* SPDX-License-Identifier: MIT */
/* LD_PRELOAD shim for bench/run: times every frame a program shows. A frame
 * starts when the program's wait for events returns (SDL_WaitEvent,
 * SDL_WaitEventTimeout) and ends when SDL_RenderPresent (or
 * SDL_UpdateWindowSurfaceRects, for a part of the window) returns; each
 * present appends "WOKE_NS END_NS" (CLOCK_MONOTONIC, WOKE 0 before the
 * first wait) to the file named by BENCH_FRAMES. Both programs measured go
 * through the same shim, so it costs them the same. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <SDL.h>

static long long woke;
static FILE *out;

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int SDL_WaitEventTimeout(SDL_Event *event, int timeout)
{
    static int (*real)(SDL_Event *, int);
    if (!real)
        real = (int (*)(SDL_Event *, int))dlsym(RTLD_NEXT, "SDL_WaitEventTimeout");
    int r = real(event, timeout);
    woke = now_ns();
    return r;
}

int SDL_WaitEvent(SDL_Event *event)
{
    static int (*real)(SDL_Event *);
    if (!real)
        real = (int (*)(SDL_Event *))dlsym(RTLD_NEXT, "SDL_WaitEvent");
    int r = real(event);
    woke = now_ns();
    return r;
}

static void frame_shown(void)
{
    long long end = now_ns();
    if (!out) {
        const char *path = getenv("BENCH_FRAMES");
        out = path ? fopen(path, "w") : NULL;
        if (!out)
            return;
    }
    fprintf(out, "%lld %lld\n", woke, end);
    fflush(out);
}

void SDL_RenderPresent(SDL_Renderer *renderer)
{
    static void (*real)(SDL_Renderer *);
    if (!real)
        real = (void (*)(SDL_Renderer *))dlsym(RTLD_NEXT, "SDL_RenderPresent");
    real(renderer);
    frame_shown();
}

/* A program that shows a part of its window (Tightrope's partial frames on
 * the software renderer) ends its frame here instead. */
int SDL_UpdateWindowSurfaceRects(SDL_Window *window, const SDL_Rect *rects, int numrects)
{
    static int (*real)(SDL_Window *, const SDL_Rect *, int);
    if (!real)
        real = (int (*)(SDL_Window *, const SDL_Rect *, int))dlsym(RTLD_NEXT, "SDL_UpdateWindowSurfaceRects");
    int r = real(window, rects, numrects);
    frame_shown();
    return r;
}
