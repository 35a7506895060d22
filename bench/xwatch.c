/* SPDX-License-Identifier: MIT */
/* Starts a program and reports when its window is mapped, as the X server
 * sees it. Prints "PID START_NS MAP_NS WINDOW" (CLOCK_MONOTONIC; START is
 * just before the fork) and exits, leaving the program running. Exits 1
 * when no window is mapped within 30 s.
 *   xwatch PROGRAM [ARG...] */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include <X11/Xlib.h>

static long long now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: xwatch PROGRAM [ARG...]\n");
        return 2;
    }
    Display *dpy = XOpenDisplay(NULL);
    if (!dpy) {
        fprintf(stderr, "xwatch: cannot open the display\n");
        return 1;
    }
    Window root = DefaultRootWindow(dpy);
    XSelectInput(dpy, root, SubstructureNotifyMask);
    XSync(dpy, False);
    long long start = now_ns();
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        close(ConnectionNumber(dpy));
        /* Our stdout is for the result: the program writes to stderr. */
        dup2(STDERR_FILENO, STDOUT_FILENO);
        execvp(argv[1], argv + 1);
        _exit(127);
    }
    struct pollfd pfd = {.fd = ConnectionNumber(dpy), .events = POLLIN};
    while (now_ns() - start < 30000000000LL) {
        while (XPending(dpy)) {
            XEvent ev;
            XNextEvent(dpy, &ev);
            if (ev.type == MapNotify && !ev.xmap.override_redirect) {
                long long mapped = now_ns();
                printf("%d %lld %lld %lu\n", (int)pid, start, mapped, (unsigned long)ev.xmap.window);
                fflush(stdout);
                return 0;
            }
        }
        poll(&pfd, 1, 100);
    }
    fprintf(stderr, "xwatch: no window was mapped in 30 s\n");
    return 1;
}
