/* SPDX-License-Identifier: MIT */
#include "image.h"

#include <dirent.h>
#include <pthread.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_image.h>

#include "datadir.h"
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

/* ---- icons kept as bitmaps ----
 * An icon drawn from its SVG at a size is kept in the user's cache folder
 * ($XDG_CACHE_HOME/tightrope/icons, else ~/.cache/tightrope/icons) as a
 * BMP, which SDL reads itself: the next start draws its title's icon from
 * there, without loading SDL_image and its libraries. The file's name says
 * which SVG (its name, size and time of change) at which size, so a changed
 * SVG is drawn again; a bitmap that cannot be read is drawn again too. */

/* The icons' folder in the cache folder (datadir_cache_path); false when
 * there is none. */
static bool cache_dir(char *dir, size_t size)
{
    char base[448];
    if (datadir_cache_path(base, sizeof base) != 0)
        return false;
    int n = snprintf(dir, size, "%s/icons", base);
    return n > 0 && (size_t)n < size;
}

/* The bitmap's path for svg_path drawn at px; false without a cache folder
 * or when the SVG cannot be found. */
static bool cache_path(const char *svg_path, int px, char *out, size_t size)
{
    struct stat st;
    char dir[512];
    if (stat(svg_path, &st) != 0 || !cache_dir(dir, sizeof dir))
        return false;
    const char *base = strrchr(svg_path, '/') ? strrchr(svg_path, '/') + 1 : svg_path;
    size_t len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".svg") == 0)
        len -= 4;
    int n = snprintf(out, size, "%s/%.*s-%dpx-%lld-%lld.%09ld.bmp", dir, (int)len, base, px, (long long)st.st_size,
                     (long long)st.st_mtim.tv_sec, (long)st.st_mtim.tv_nsec);
    return n > 0 && (size_t)n < size;
}

/* The bitmap at path when it is a picture of px pixels square, as ARGB. */
static SDL_Surface *cached_icon(const char *path, int px)
{
    SDL_Surface *read = SDL_LoadBMP(path);
    if (!read)
        return NULL;
    SDL_Surface *argb = read->w == px && read->h == px && SDL_ISPIXELFORMAT_ALPHA(read->format->format)
                            ? SDL_ConvertSurfaceFormat(read, SDL_PIXELFORMAT_ARGB8888, 0)
                            : NULL;
    SDL_FreeSurface(read);
    return argb;
}

/* The folder keeps IMAGE_ICONS_KEPT bitmaps at most (a window resized by
 * hand draws its icons at a new size every frame): past that, the oldest
 * written go, down to half. */
static void prune_icons(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct {
        char name[256];
        time_t at;
    } files[IMAGE_ICONS_KEPT * 2];
    int n = 0;
    struct dirent *e;
    char path[800];
    while (n < IMAGE_ICONS_KEPT * 2 && (e = readdir(d))) {
        struct stat st;
        if (e->d_name[0] == '.' || snprintf(path, sizeof path, "%s/%s", dir, e->d_name) >= (int)sizeof path ||
            stat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        snprintf(files[n].name, sizeof files[n].name, "%s", e->d_name);
        files[n++].at = st.st_mtime;
    }
    closedir(d);
    if (n <= IMAGE_ICONS_KEPT)
        return;
    while (n > IMAGE_ICONS_KEPT / 2) {
        int oldest = 0;
        for (int i = 1; i < n; i++)
            if (files[i].at < files[oldest].at)
                oldest = i;
        snprintf(path, sizeof path, "%s/%s", dir, files[oldest].name);
        unlink(path);
        files[oldest] = files[--n];
    }
}

/* Keeps icon as the bitmap at path: written beside it, then renamed, so
 * that a start reading it never sees half a file. */
static void keep_icon(SDL_Surface *icon, const char *path)
{
    char part[640], dir[512];
    if (!cache_dir(dir, sizeof dir) || datadir_make_dirs(dir) != 0 ||
        snprintf(part, sizeof part, "%s.%ld.part", path, (long)getpid()) >= (int)sizeof part)
        return;
    if (SDL_SaveBMP(icon, part) != 0 || rename(part, path) != 0)
        unlink(part);
    else
        prune_icons(dir);
}

bool image_icon_cached(const char *svg_path, int px)
{
    char path[640];
    return cache_path(svg_path, px, path, sizeof path) && access(path, R_OK) == 0;
}

SDL_Surface *image_icon(const char *svg_path, int px, bool cache)
{
    char path[640];
    bool named = cache && cache_path(svg_path, px, path, sizeof path);
    SDL_Surface *icon = named ? cached_icon(path, px) : NULL;
    if (icon)
        return icon;
    SDL_RWops *rw = SDL_RWFromFile(svg_path, "rb");
    if (!rw)
        return NULL;
    SDL_Surface *drawn = image_svg(rw, px, px);
    SDL_RWclose(rw);
    if (!drawn)
        return NULL;
    icon = SDL_ConvertSurfaceFormat(drawn, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(drawn);
    if (icon && named)
        keep_icon(icon, path);
    return icon;
}
