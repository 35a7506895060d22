/* SPDX-License-Identifier: MIT */
/* Where Tightrope finds its files. POSIX only for now (Linux first: the
 * executable is found through /proc/self/exe). */
#define _XOPEN_SOURCE 700 /* realpath */
#include "paths.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PATH_MAX
#define PATH_MAX 4096
#endif

static bool is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running executable, without a trailing slash. */
static bool exe_dir(const char *argv0, char *out, size_t outlen)
{
    char path[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", path, sizeof path - 1);
    if (n > 0) {
        path[n] = '\0';
    } else if (argv0 && strchr(argv0, '/') && realpath(argv0, path)) {
        /* path is filled */
    } else {
        return false;
    }
    char *slash = strrchr(path, '/');
    if (!slash)
        return false;
    *slash = '\0';
    return snprintf(out, outlen, "%s", slash == path ? "/" : path) < (int)outlen;
}

static const char *const data_places[] = {"..", ".", "../share/tightrope", NULL};

/* Writes the folder found into out: 0, or -1 with a sentence in msg when
 * its path does not fit. */
static int found_at(const char *found, char *out, size_t outlen, char *msg, size_t msglen)
{
    if (snprintf(out, outlen, "%s", found) < (int)outlen)
        return 0;
    snprintf(msg, msglen, "the path of the folder found is too long: %.200s", found);
    return -1;
}

/* Finds the folder name (decks, assets) of an installed or built Tightrope:
 * $env when set; else beside the executable, in the first of places (each
 * relative to the program's folder; NULL-terminated) that holds NAME. */
static int find_dir(const char *argv0, const char *name, const char *env_name, const char *const *places, char *out,
                    size_t outlen, char *msg, size_t msglen)
{
    const char *env = getenv(env_name);
    if (env && *env) {
        if (is_dir(env))
            return found_at(env, out, outlen, msg, msglen);
        snprintf(msg, msglen, "%s is '%s', which is not a folder", env_name, env);
        return -1;
    }
    char dir[PATH_MAX];
    if (!exe_dir(argv0, dir, sizeof dir)) {
        snprintf(msg, msglen, "the folder of the tightrope program could not be found; set %s", env_name);
        return -1;
    }
    for (size_t i = 0; places[i]; i++) {
        char path[PATH_MAX + 64];
        snprintf(path, sizeof path, "%s/%s/%s", dir, places[i], name);
        if (is_dir(path)) {
            char real[PATH_MAX];
            const char *found = realpath(path, real) ? real : path;
            return found_at(found, out, outlen, msg, msglen);
        }
    }
    size_t len = (size_t)snprintf(msg, msglen, "no %s folder was found beside %s (looked in", name, dir);
    for (size_t i = 0; places[i] && len < msglen; i++)
        len += (size_t)snprintf(msg + len, msglen - len, " %s/%s", places[i], name);
    if (len < msglen)
        snprintf(msg + len, msglen - len, "); set %s", env_name);
    return -1;
}

int paths_builtin_decks(const char *argv0, char *out, size_t outlen, char *msg, size_t msglen)
{
    return find_dir(argv0, "decks", "TIGHTROPE_DECKS_DIR", data_places, out, outlen, msg, msglen);
}

int paths_assets(const char *argv0, char *out, size_t outlen, char *msg, size_t msglen)
{
    return find_dir(argv0, "assets", "TIGHTROPE_ASSETS_DIR", data_places, out, outlen, msg, msglen);
}

int paths_locale(const char *argv0, char *out, size_t outlen, char *msg, size_t msglen)
{
    static const char *const places[] = {".", "../share", NULL};
    return find_dir(argv0, "locale", "TIGHTROPE_LOCALE_DIR", places, out, outlen, msg, msglen);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int paths_list_decks(const char *dir, char ***paths, size_t *count)
{
    *paths = NULL;
    *count = 0;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    char **list = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    int saved = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len <= 5 || e->d_name[0] == '.' || strcmp(e->d_name + len - 5, ".deck") != 0)
            continue;
        if (n == cap) {
            size_t grown_cap = cap ? cap * 2 : 16;
            char **grown = realloc(list, grown_cap * sizeof *list);
            if (!grown)
                goto fail;
            list = grown;
            cap = grown_cap;
        }
        size_t size = strlen(dir) + 1 + len + 1;
        list[n] = malloc(size);
        if (!list[n])
            goto fail;
        snprintf(list[n], size, "%s/%s", dir, e->d_name);
        n++;
    }
    closedir(d);
    if (n)
        qsort(list, n, sizeof *list, by_name);
    *paths = list;
    *count = n;
    return 0;

fail:
    saved = errno ? errno : ENOMEM;
    closedir(d);
    paths_list_free(list, n);
    errno = saved;
    return -1;
}

void paths_list_free(char **paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}
