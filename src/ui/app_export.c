/* SPDX-License-Identifier: MIT */
/* The game window's exports: Our week as Markdown, iCalendar (export.c)
 * and a portrait picture for a phone drawn here, in the folder the couple
 * will look in, which "Open folder" opens. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <SDL_ttf.h>

#include "app_parts.h"
#include "export.h"
#include "image.h"

/* The folder as the couple knows it: "~" for the home folder. */
static void folder_words(const char *dir, char *out, size_t size)
{
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    bool under_home = hl > 1 && strncmp(dir, home, hl) == 0 && dir[hl] == '/';
    snprintf(out, size, "%s%s", under_home ? "~" : "", under_home ? dir + hl : dir);
}

void app_export_week(App *app)
{
    char dir[APP_PATH];
    app->dirty = true;
    if (!app->journal.has_record || export_folder(dir, sizeof dir) != 0) {
        snprintf(app->journal.export_note, sizeof app->journal.export_note, "%s", _("There is no folder to export to."));
        return;
    }
    ExportFiles files;
    ExportStatus st = export_write(&app->journal.record, dir, NULL, &files);
    if (st != EXPORT_OK) {
        snprintf(app->journal.export_note, sizeof app->journal.export_note, "%s", export_message(st));
        return;
    }
    char err[256], where[APP_PATH + 2]; /* "~" and the folder */
    AppOptions opt = {.font_file = app->font_file, .assets_dir = app->gfx.assets};
    bool png = app_export_png(&app->journal.record, files.png, &opt, err, sizeof err) == 0;
    folder_words(dir, where, sizeof where);
    snprintf(app->journal.export_dir, sizeof app->journal.export_dir, "%s", dir);
    snprintf(app->journal.export_note, sizeof app->journal.export_note,
             png ? _("Saved in %.500s as %.300s (.md, .ics, .png for a phone)") : _("Saved in %.500s as %.300s (.md, .ics)"),
             where, strrchr(files.stem, '/') ? strrchr(files.stem, '/') + 1 : files.stem);
}

/* The full path of program on PATH, when it is there and can be run. */
static bool on_path(const char *program, char *out, size_t size)
{
    const char *path = getenv("PATH");
    while (path && *path) {
        const char *end = strchr(path, ':');
        size_t len = end ? (size_t)(end - path) : strlen(path);
        if (len > 0 && snprintf(out, size, "%.*s/%s", (int)len, path, program) < (int)size && access(out, X_OK) == 0)
            return true;
        path = end ? end + 1 : NULL;
    }
    return false;
}

bool app_can_open_folder(void)
{
    char path[APP_PATH];
    return on_path("xdg-open", path, sizeof path);
}

void app_open_folder(App *app)
{
    char path[APP_PATH];
    const char *dir = app->journal.export_dir;
    app->dirty = true;
    /* A scripted run (the tests) never opens a window of another program. */
    if (app->scripted || !dir[0] || !on_path("xdg-open", path, sizeof path))
        return;
    /* Not waited for: a child starts xdg-open in a grandchild and leaves at
     * once, so the game never blocks and leaves no zombie behind. */
    pid_t child = fork();
    if (child == 0) {
        if (fork() == 0) {
            execl(path, "xdg-open", dir, (char *)NULL);
            _exit(127);
        }
        _exit(0);
    }
    if (child < 0 || waitpid(child, NULL, 0) < 0)
        snprintf(app->journal.export_note, sizeof app->journal.export_note, "%s", _("The folder could not be opened."));
}

int app_export_png(const Record *record, const char *path, const AppOptions *opt, char *err, size_t errlen)
{
    enum { W = 1080, H = 1920 };
    int rc = -1;
    bool sdl = SDL_WasInit(SDL_INIT_VIDEO) != 0;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    App *app = calloc(1, sizeof *app);
    if (!renderer || !app) {
        snprintf(err, errlen, _("The picture could not be drawn: %s"), SDL_GetError());
        goto done;
    }
    app->text = text_init(renderer, opt->font_file, err, errlen);
    if (!app->text)
        goto done;
    gfx_init(&app->gfx, renderer, app->text, opt->assets_dir);
    gfx_resize(&app->gfx, W, H, 1.0f);
    /* A portrait canvas for a phone: one design unit a pixel, the safe
     * area 5% in from every side. */
    Gfx *g = &app->gfx;
    g->scale = 1;
    g->cw = W;
    g->ox = g->oy = 0;
    g->safe = (Box){W * 0.05f, H * 0.04f, W * 0.9f, H * 0.92f};
    g->area = g->safe;
    ui_init(&app->ui, &app->gfx);
    ui_begin(&app->ui, UI_DRAW);
    gfx_clear(&app->gfx);
    week_draw(app, record);
    SDL_RenderPresent(renderer);
    if (image_save_png(surface, path) != 0)
        snprintf(err, errlen, _("The picture could not be saved: %s"), SDL_GetError());
    else
        rc = 0;
    gfx_deinit(&app->gfx);
done:
    if (app && app->text)
        text_deinit(app->text);
    free(app);
    if (renderer)
        SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    if (!sdl)
        TTF_Quit();
    return rc;
}
