/* SPDX-License-Identifier: MIT */
/* Where exports go: the user's documents folder as the XDG user
 * directories name it, with a fallback. Plain C. */
#include "export.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "datadir.h"
#include "files.h"

/* The documents folder user-dirs.dirs names (XDG_DOCUMENTS_DIR="$HOME/..."
 * or an absolute path), as xdg-user-dir reads it; false when it names none,
 * or only the home folder (which means "not set"). */
static bool user_documents(const char *home, char *out, size_t size)
{
    char path[EXPORT_PATH_SIZE];
    const char *config = getenv("XDG_CONFIG_HOME");
    if (config && config[0] == '/')
        snprintf(path, sizeof path, "%s/user-dirs.dirs", config);
    else
        snprintf(path, sizeof path, "%s/.config/user-dirs.dirs", home);
    size_t len;
    FilesError fe;
    char *text = files_read(path, 65536, &len, &fe);
    if (!text)
        return false;
    bool found = false;
    for (char *line = text, *next; line && !found; line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        while (*line == ' ' || *line == '\t')
            line++;
        const char *key = "XDG_DOCUMENTS_DIR=\"";
        char *end = strrchr(line, '"');
        if (strncmp(line, key, strlen(key)) != 0 || end < line + strlen(key))
            continue;
        char *value = line + strlen(key);
        *end = '\0';
        if (strncmp(value, "$HOME", 5) == 0 && (value[5] == '/' || value[5] == '\0')) {
            const char *rest = value + 5;
            while (*rest == '/')
                rest++;
            if (*rest)
                found = snprintf(out, size, "%s/%s", home, rest) < (int)size;
        } else if (value[0] == '/' && strcmp(value, home) != 0) {
            found = snprintf(out, size, "%s", value) < (int)size;
        }
    }
    free(text);
    return found;
}

static bool is_folder(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* path exists as a folder, or is made (0700). */
static bool make_folder(const char *path)
{
    return mkdir(path, 0700) == 0 || (errno == EEXIST && is_folder(path));
}

int export_folder(char *buf, size_t size)
{
    const char *home = getenv("HOME");
    char docs[EXPORT_PATH_SIZE];
    bool have = false;
    if (home && home[0] == '/') {
        have = user_documents(home, docs, sizeof docs) && is_folder(docs);
        if (!have) {
            snprintf(docs, sizeof docs, "%s/Documents", home);
            have = is_folder(docs);
        }
    }
    if (have && snprintf(buf, size, "%s/Tightrope", docs) < (int)size && make_folder(buf))
        return 0;
    if (datadir_file("exports", buf, size) != 0)
        return -1;
    return make_folder(buf) ? 0 : -1;
}
