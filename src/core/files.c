/* SPDX-License-Identifier: MIT */
/* Reading a whole file safely: regular files only, bounded, never blocking. */
#include "files.h"
#include "clock.h"

#include <stdbool.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *files_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "named pipe (FIFO)";
    if (S_ISCHR(mode) || S_ISBLK(mode))
        return "device";
    if (S_ISSOCK(mode))
        return "socket";
    return "special file";
}

const char *files_errno_words(int err)
{
    switch (err) {
    case ENOENT:
        return "there is no such file";
    case EACCES:
    case EPERM:
        return "permission is denied";
    case EISDIR:
        return "it is a folder, not a file";
    case ELOOP:
        return "it is a loop of symbolic links";
    case ENAMETOOLONG:
        return "the path is too long";
    case ENOTDIR:
        return "a part of the path is not a folder";
    case ENOSPC:
        return "the disk is full";
    case EDQUOT:
        return "the disk quota is used up";
    case EROFS:
        return "the disk is read-only";
    case EIO:
        return "the disk reported an input/output error";
    case ENOMEM:
        return "there is not enough memory";
    default:
        return strerror(err);
    }
}

void files_describe(const FilesError *e, size_t max, char *buf, size_t size)
{
    switch (e->status) {
    case FILES_OK:
        snprintf(buf, size, "it was read");
        break;
    case FILES_E_MISSING:
    case FILES_E_OPEN:
    case FILES_E_READ:
        snprintf(buf, size, "%s", files_errno_words(e->err));
        break;
    case FILES_E_DIRECTORY:
        snprintf(buf, size, "it is a folder, not a file");
        break;
    case FILES_E_SPECIAL:
        snprintf(buf, size, "it is a %s, not a file", e->kind);
        break;
    case FILES_E_TOO_BIG:
        snprintf(buf, size, "it is %.1f MB, more than the %.1f MB it can be", (double)e->size / (1024.0 * 1024.0),
                 (double)max / (1024.0 * 1024.0));
        break;
    case FILES_E_MEMORY:
        snprintf(buf, size, "there is not enough memory");
        break;
    }
}

static char *fail(FilesError *e, FilesStatus status, int err)
{
    e->status = status;
    e->err = err;
    return NULL;
}

/* What fd is, before reading: a regular file of at most max bytes (then
 * *size holds its size), or why not, in e. */
static bool readable(int fd, size_t max, size_t *size, FilesError *e)
{
    struct stat st;
    if (fstat(fd, &st) != 0) {
        fail(e, FILES_E_OPEN, errno);
    } else if (S_ISDIR(st.st_mode)) {
        fail(e, FILES_E_DIRECTORY, 0);
    } else if (!S_ISREG(st.st_mode)) {
        fail(e, FILES_E_SPECIAL, 0);
        e->kind = files_kind(st.st_mode);
    } else if ((unsigned long long)st.st_size > max) {
        fail(e, FILES_E_TOO_BIG, 0);
        e->size = (long long)st.st_size;
    } else {
        *size = (size_t)st.st_size;
        return true;
    }
    return false;
}

/* Reads fd to its end: the file may have changed size since fstat (size),
 * but never past max. A buffer of *len bytes and a NUL, or NULL with e. */
static char *read_to_end(int fd, size_t size, size_t max, size_t *len, FilesError *e)
{
    size_t cap = size + 1, got = 0;
    char *buf = malloc(cap + 1);
    if (!buf)
        return fail(e, FILES_E_MEMORY, ENOMEM);
    for (;;) {
        if (got == cap) {
            size_t more = cap * 2 > max + 1 ? max + 1 : cap * 2;
            char *grown = cap > max ? NULL : realloc(buf, more + 1);
            if (!grown) {
                if (cap > max) {
                    fail(e, FILES_E_TOO_BIG, 0);
                    e->size = (long long)got;
                } else {
                    fail(e, FILES_E_MEMORY, ENOMEM);
                }
                free(buf);
                return NULL;
            }
            buf = grown;
            cap = more;
        }
        ssize_t n = read(fd, buf + got, cap - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n < 0)
                fail(e, FILES_E_READ, errno);
            break;
        }
        got += (size_t)n;
    }
    if (e->status == FILES_OK && got > max) {
        fail(e, FILES_E_TOO_BIG, 0);
        e->size = (long long)got;
    }
    if (e->status != FILES_OK) {
        free(buf);
        return NULL;
    }
    buf[got] = '\0';
    *len = got;
    return buf;
}

int files_open(const char *path, size_t max, size_t *size, FilesError *e)
{
    *e = (FilesError){.status = FILES_OK};
    *size = 0;
    if (!path || !*path) {
        fail(e, FILES_E_MISSING, ENOENT);
        return -1;
    }
    /* O_NONBLOCK: opening a FIFO must not wait for a writer. */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        fail(e, errno == ENOENT ? FILES_E_MISSING : errno == EISDIR ? FILES_E_DIRECTORY : FILES_E_OPEN, errno);
        return -1;
    }
    if (!readable(fd, max, size, e)) {
        close(fd);
        return -1;
    }
    return fd;
}

char *files_read(const char *path, size_t max, size_t *len, FilesError *e)
{
    *len = 0;
    size_t size;
    int fd = files_open(path, max, &size, e);
    if (fd < 0)
        return NULL;
    char *buf = read_to_end(fd, size, max, len, e);
    close(fd);
    return buf;
}

int files_clean_stale(const char *dir, const char *prefix, const char *suffix)
{
    DIR *d = opendir(dir);
    if (!d)
        return 0;
    size_t plen = strlen(prefix), slen = strlen(suffix);
    int removed = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        size_t n = strlen(name);
        if (n < plen + slen || strncmp(name, prefix, plen) != 0 || strcmp(name + n - slen, suffix) != 0)
            continue;
        char path[4200];
        if (snprintf(path, sizeof path, "%s/%s", dir, name) >= (int)sizeof path)
            continue;
        struct stat st;
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode))
            continue;
        const char *p = name + plen;
        long long pid = 0;
        size_t digits = 0;
        while (p[digits] >= '0' && p[digits] <= '9' && digits < 10)
            pid = pid * 10 + (p[digits++] - '0');
        bool has_pid = digits > 0 && (p[digits] == '-' || p[digits] == '.') && pid > 0;
        bool stale = has_pid ? kill((pid_t)pid, 0) != 0 && errno == ESRCH : clock_now() - st.st_mtime > 3600;
        if (stale && unlink(path) == 0)
            removed++;
    }
    closedir(d);
    return removed;
}

bool files_exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int files_link_new(const char *from, const char *to)
{
    if (link(from, to) == 0)
        return unlink(from);
    if (errno == EEXIST)
        return -1;
    /* No hard links here (some file systems): check, then rename. */
    if (files_exists(to)) {
        errno = EEXIST;
        return -1;
    }
    return rename(from, to);
}

int files_write_fd(int fd, const void *data, size_t len)
{
    const char *p = data;
    size_t done = 0;
    int err = 0;
    while (done < len && !err) {
        ssize_t n = write(fd, p + done, len - done);
        if (n < 0 && errno != EINTR)
            err = errno;
        else if (n > 0)
            done += (size_t)n;
    }
    if (!err && fsync(fd) != 0)
        err = errno;
    if (close(fd) != 0 && !err)
        err = errno;
    errno = err;
    return err ? -1 : 0;
}

int files_write_synced(const char *path, const void *data, size_t len)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    if (files_write_fd(fd, data, len) != 0) {
        int err = errno;
        unlink(path);
        errno = err;
        return -1;
    }
    return 0;
}

int files_sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int rc = fsync(fd);
    int err = errno;
    close(fd);
    errno = err;
    return rc;
}

int files_write_atomic(const char *path, const void *data, size_t len)
{
    char tmp[4200], dir[4200];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (files_write_synced(tmp, data, len) != 0)
        return -1;
    if (rename(tmp, path) != 0) {
        int err = errno;
        unlink(tmp);
        errno = err;
        return -1;
    }
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    return files_sync_dir(dir);
}

void files_broken_stamp(time_t now, char *out, size_t size)
{
    struct tm tm;
    snprintf(out, size, "00000000-000000");
    if (localtime_r(&now, &tm))
        strftime(out, size, "%Y%m%d-%H%M%S", &tm);
}
