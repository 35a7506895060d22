/* SPDX-License-Identifier: MIT */
/* Reading a whole file safely: every file the game reads (settings, decks,
 * scripts, imports) goes through files_read, which refuses anything but a
 * regular file before reading a byte (a FIFO never blocks the open, a
 * device like /dev/zero is never read), and reads at most a given size.
 * Plain C. */
#ifndef TIGHTROPE_FILES_H
#define TIGHTROPE_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

typedef enum {
    FILES_OK,
    FILES_E_MISSING,   /* there is no such file (err is ENOENT) */
    FILES_E_OPEN,      /* it cannot be opened: err says why */
    FILES_E_DIRECTORY, /* it is a folder */
    FILES_E_SPECIAL,   /* a FIFO, device or socket: kind says which */
    FILES_E_TOO_BIG,   /* over max bytes: size holds its size */
    FILES_E_READ,      /* reading failed: err says why */
    FILES_E_MEMORY,
} FilesStatus;

typedef struct {
    FilesStatus status;
    int err;          /* errno, for FILES_E_MISSING, _OPEN and _READ */
    const char *kind; /* FILES_E_SPECIAL: "named pipe (FIFO)", "device", "socket" */
    long long size;   /* FILES_E_TOO_BIG: the size, in bytes (or more than max) */
} FilesError;

/* Reads the whole regular file at path, of at most max bytes. Returns a
 * buffer of *len bytes plus a NUL (free it), or NULL with e filled in. */
char *files_read(const char *path, size_t max, size_t *len, FilesError *e);

/* Opens the regular file at path, of at most max bytes when opened, to be
 * read a piece at a time (*size holds its size then). Returns its file
 * descriptor (close it), or -1 with e filled in, as files_read. */
int files_open(const char *path, size_t max, size_t *size, FilesError *e);

/* The kind of a special file: "named pipe (FIFO)", "device", "socket". */
const char *files_kind(mode_t mode);

/* Why an open failed, in words ("there is no such file", "permission is
 * denied"...), for errno err. */
const char *files_errno_words(int err);

/* One clause for e, without a capital or a full stop, like "it is a named
 * pipe (FIFO), not a file" or "permission is denied". */
void files_describe(const FilesError *e, size_t max, char *buf, size_t size);

/* Removes the temporary files a killed process left in dir: names that
 * start with prefix and end with suffix, with the writer's process id right
 * after the prefix ("PREFIX1234-..." or "PREFIX1234.tmp"), when that process
 * is gone. A name with no process id after the prefix (an older version's)
 * goes when it is over an hour old. Returns how many went. */
int files_clean_stale(const char *dir, const char *prefix, const char *suffix);

/* True when something (a file, a folder, a link) is at path. */
bool files_exists(const char *path);

/* Gives the file from the new name to, never replacing a file there: a hard
 * link then the old name's removal, or, where links are not supported, a
 * check then a rename. Returns 0, or -1 with errno (EEXIST: to is taken). */
int files_link_new(const char *from, const char *to);

/* Writes data[0..len) through fd, flushes it to disk and closes fd.
 * Returns 0, or -1 with errno. */
int files_write_fd(int fd, const void *data, size_t len);

/* Writes data[0..len) to a new file at path (mode 0600, replacing one
 * there) and flushes it to disk. Returns 0, or -1 with errno; a failed
 * write leaves no file. */
int files_write_synced(const char *path, const void *data, size_t len);

/* Flushes the folder dir's entries (new names) to disk. Returns 0 or -1. */
int files_sync_dir(const char *dir);

/* Writes data to path atomically: a temporary file beside it, synced, then
 * renamed over path, then the folder synced. Returns 0, or -1 with errno. */
int files_write_atomic(const char *path, const void *data, size_t len);

/* The stamp of a broken file set aside at now: "YYYYMMDD-HHMMSS", local
 * time, into out (at least 16 bytes). */
void files_broken_stamp(time_t now, char *out, size_t size);

#endif
