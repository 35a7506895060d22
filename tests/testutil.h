/* Helpers shared by the tests: temporary folders and small files. */
#ifndef TIGHTROPE_TESTUTIL_H
#define TIGHTROPE_TESTUTIL_H

#include <stddef.h>

/* Makes a new empty folder under /tmp named after tag; returns its path in
 * a static buffer that lives until the next call, or NULL on failure. */
const char *testutil_mkdtemp(const char *tag);

/* Removes path and everything below it. Returns 0 on success. */
int testutil_rmrf(const char *path);

/* Writes text to dir/name, replacing it; returns the full path in a ring of
 * static buffers (the last eight stay valid), or NULL on failure. */
const char *testutil_write(const char *dir, const char *name, const char *text);

/* Reads a whole file into buf (NUL-terminated, truncated to size - 1).
 * Returns the number of bytes read, or -1 when it cannot be opened. */
long testutil_read(const char *path, char *buf, size_t size);

#endif
