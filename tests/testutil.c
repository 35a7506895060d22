/* Helpers shared by the tests: temporary folders and small files. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *testutil_mkdtemp(const char *tag)
{
    static char path[256];
    snprintf(path, sizeof path, "/tmp/tightrope-%s-XXXXXX", tag);
    return mkdtemp(path);
}

int testutil_rmrf(const char *path)
{
    char cmd[512];
    if (strchr(path, '\''))
        return -1;
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", path);
    return system(cmd) == 0 ? 0 : -1;
}

const char *testutil_write(const char *dir, const char *name, const char *text)
{
    static char paths[8][512];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, sizeof paths[0], "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f)
        return NULL;
    size_t len = strlen(text);
    int ok = fwrite(text, 1, len, f) == len;
    ok &= fclose(f) == 0;
    return ok ? path : NULL;
}

long testutil_read(const char *path, char *buf, size_t size)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        buf[0] = '\0';
        return -1;
    }
    size_t n = fread(buf, 1, size - 1, f);
    buf[n] = '\0';
    fclose(f);
    return (long)n;
}
