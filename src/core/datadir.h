/* SPDX-License-Identifier: MIT */
/* The user's data directory: where the journal lives (and later the settings
 * and the user's own decks). $XDG_DATA_HOME/tightrope, else
 * $HOME/.local/share/tightrope; created with mode 0700 on demand. */
#ifndef TIGHTROPE_DATADIR_H
#define TIGHTROPE_DATADIR_H

#include <stddef.h>

/* Writes the data directory's path into buf (size bytes) without creating
 * anything. XDG_DATA_HOME counts only when it is an absolute path, as the
 * XDG Base Directory rules say. Returns 0, or -1 with errno set: ENOENT when
 * neither XDG_DATA_HOME nor HOME is usable (EINVAL when HOME is relative), ENAMETOOLONG when buf is short. */
int datadir_path(char *buf, size_t size);

/* The game's cache folder (what it may lose without harm), by the same
 * rules: $XDG_CACHE_HOME/tightrope, else $HOME/.cache/tightrope. */
int datadir_cache_path(char *buf, size_t size);

/* mkdir -p path, with mode 0700 for each folder it makes (path is changed
 * while it works and given back as it was). Returns 0, or -1 with errno
 * set (ENOTDIR when something that is not a folder stands in the way). */
int datadir_make_dirs(char *path);

/* Why datadir_path found no folder, in words without a capital or a full
 * stop: "HOME is empty and XDG_DATA_HOME is not set". A HOME that is not a
 * full path (empty, or relative like "rel") is refused, never used. */
void datadir_problem(char *buf, size_t size);

/* Like datadir_path, and creates the directory (and any missing parents)
 * with mode 0700 when it does not exist yet. Returns 0, or -1 with errno set
 * (ENOTDIR when something that is not a folder stands in the way). */
int datadir_ensure(char *buf, size_t size);

/* Writes the path of the file name inside the data directory into buf,
 * creating the directory as datadir_ensure does. Returns 0 or -1 (errno). */
int datadir_file(const char *name, char *buf, size_t size);

#endif
