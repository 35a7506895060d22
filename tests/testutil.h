/* SPDX-License-Identifier: MIT */
/* Helpers shared by the tests: temporary folders and small files. */
#ifndef TIGHTROPE_TESTUTIL_H
#define TIGHTROPE_TESTUTIL_H

#include <stddef.h>

/* Makes a new empty folder under /tmp named after tag, its path in dir
 * (size bytes). Returns 0, or -1 on failure. */
int testutil_tmpdir(char *dir, size_t size, const char *tag);

/* A script for --script, built a line at a time: testutil_script gives an
 * empty one (free it), testutil_script_add appends to it, printf-style, up
 * to TESTUTIL_SCRIPT_MAX bytes in all. */
enum { TESTUTIL_SCRIPT_MAX = 1 << 17 };
char *testutil_script(void);
void testutil_script_add(char *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Removes path and everything below it. Returns 0 on success. */
int testutil_rmrf(const char *path);

/* Writes text to dir/name, replacing it; returns the full path in a ring of
 * static buffers (the last eight stay valid), or NULL on failure. */
const char *testutil_write(const char *dir, const char *name, const char *text);

/* Reads a whole file into buf (NUL-terminated, truncated to size - 1).
 * Returns the number of bytes read, or -1 when it cannot be opened. */
long testutil_read(const char *path, char *buf, size_t size);

/* Runs the program bin with args (NULL-terminated, at most 60), standard
 * input from /dev/null, and its standard output and error kept in dir's
 * files "stdout" and "stderr" and read into out and err (NUL-terminated,
 * truncated to their sizes). Returns the exit status, or -1 when it could not
 * be started or did not exit (a signal). */
int testutil_run(const char *bin, const char *const *args, const char *dir, char *out, size_t outsize, char *err,
                 size_t errsize);

#endif
