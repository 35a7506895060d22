/* SPDX-License-Identifier: MIT */
/* Watching deck folders with inotify. */
#include "watch.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <unistd.h>

struct Watch {
    int fd;
};

Watch *watch_open(const char *const *dirs, size_t count)
{
    int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t watched = 0;
    for (size_t i = 0; i < count; i++) {
        if (dirs[i] && inotify_add_watch(fd, dirs[i], IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE |
                                                          IN_CREATE | IN_ATTRIB) >= 0)
            watched++;
    }
    Watch *w = watched ? malloc(sizeof *w) : NULL;
    if (!w) {
        close(fd);
        return NULL;
    }
    w->fd = fd;
    return w;
}

void watch_close(Watch *w)
{
    if (!w)
        return;
    close(w->fd);
    free(w);
}

int watch_fd(const Watch *w)
{
    return w ? w->fd : -1;
}

static bool is_deck(const char *name, size_t len)
{
    size_t n = strnlen(name, len);
    return n > 5 && strcmp(name + n - 5, ".deck") == 0;
}

bool watch_drain(Watch *w)
{
    if (!w)
        return false;
    bool changed = false;
    /* Aligned for the events inside it, as inotify(7) asks. */
    _Alignas(struct inotify_event) char buf[4096];
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            if (ev->len && is_deck(ev->name, ev->len))
                changed = true;
            if (ev->mask & IN_Q_OVERFLOW)
                changed = true;
            p += sizeof *ev + ev->len;
        }
    }
    return changed;
}
