/* SPDX-License-Identifier: MIT */
/* The user's data directory, found from the XDG environment and created on demand. */
#include "datadir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int format_path(char *buf, size_t size, const char *fmt, const char *a, const char *b)
{
    int n = snprintf(buf, size, fmt, a, b);
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

/* The game's folder under the XDG variable var, else under HOME's
 * under_home: both only when they are full paths. */
static int xdg_dir(char *buf, size_t size, const char *var, const char *under_home)
{
    const char *xdg = getenv(var);
    if (xdg && xdg[0] == '/')
        return format_path(buf, size, "%s%s/tightrope", xdg, "");
    const char *home = getenv("HOME");
    if (home && home[0] == '/')
        return format_path(buf, size, "%s/%s/tightrope", home, under_home);
    /* An empty or relative HOME would put the data in whatever folder the
     * game was started from: refused (datadir_problem says why). */
    errno = home && home[0] ? EINVAL : ENOENT;
    return -1;
}

int datadir_path(char *buf, size_t size)
{
    return xdg_dir(buf, size, "XDG_DATA_HOME", ".local/share");
}

int datadir_cache_path(char *buf, size_t size)
{
    return xdg_dir(buf, size, "XDG_CACHE_HOME", ".cache");
}

void datadir_problem(char *buf, size_t size)
{
    const char *home = getenv("HOME"), *xdg = getenv("XDG_DATA_HOME");
    char xdg_part[200] = "XDG_DATA_HOME is not set";
    if (xdg && xdg[0] && xdg[0] != '/')
        snprintf(xdg_part, sizeof xdg_part, "XDG_DATA_HOME is '%.100s', which is not a full path", xdg);
    if (!home)
        snprintf(buf, size, "HOME is not set and %s", xdg_part);
    else if (!home[0])
        snprintf(buf, size, "HOME is empty and %s", xdg_part);
    else if (home[0] != '/')
        snprintf(buf, size, "HOME is '%.100s', which is not a full path (like /home/you), and %s", home, xdg_part);
    else
        snprintf(buf, size, "the data folder's path is too long");
}

int datadir_make_dirs(char *path)
{
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return 0;
        errno = ENOTDIR;
        return -1;
    }
    for (char *p = path + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        int r = mkdir(path, 0700);
        int err = errno;
        *p = '/';
        if (r != 0 && err != EEXIST) {
            errno = err;
            return -1;
        }
    }
    if (mkdir(path, 0700) != 0 && errno != EEXIST)
        return -1;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

int datadir_ensure(char *buf, size_t size)
{
    if (datadir_path(buf, size) != 0)
        return -1;
    return datadir_make_dirs(buf);
}

int datadir_file(const char *name, char *buf, size_t size)
{
    char dir[4096];
    if (datadir_ensure(dir, sizeof dir) != 0)
        return -1;
    return format_path(buf, size, "%s/%s", dir, name);
}
