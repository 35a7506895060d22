/* SPDX-License-Identifier: MIT */
/* Helpers shared by the tests: temporary folders and small files. */
#include "testutil.h"

#include <fcntl.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int testutil_tmpdir(char *dir, size_t size, const char *tag)
{
    if (snprintf(dir, size, "/tmp/tightrope-%s-XXXXXX", tag) >= (int)size)
        return -1;
    return mkdtemp(dir) ? 0 : -1;
}

char *testutil_script(void)
{
    return calloc(1, TESTUTIL_SCRIPT_MAX);
}

void testutil_script_add(char *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    size_t n = strlen(s);
    vsnprintf(s + n, TESTUTIL_SCRIPT_MAX - n, fmt, ap);
    va_end(ap);
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

int testutil_run(const char *bin, const char *const *args, const char *dir, char *out, size_t outsize, char *err,
                 size_t errsize)
{
    char out_path[512], err_path[512];
    snprintf(out_path, sizeof out_path, "%s/stdout", dir);
    snprintf(err_path, sizeof err_path, "%s/stderr", dir);
    const char *argv[62] = {bin};
    int argc = 1;
    for (; args[argc - 1] && argc < 61; argc++)
        argv[argc] = args[argc - 1];
    argv[argc] = NULL;
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    pid_t pid;
    extern char **environ;
    int rc = posix_spawn(&pid, bin, &actions, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    int status;
    if (rc != 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
        return -1;
    testutil_read(out_path, out, outsize);
    testutil_read(err_path, err, errsize);
    return WEXITSTATUS(status);
}
