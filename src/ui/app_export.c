/* SPDX-License-Identifier: MIT */
/* The game window's exports: Our week as Markdown, iCalendar (export.c)
 * and a picture drawn here, in the folder the couple will look in. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <SDL_image.h>
#include <SDL_ttf.h>

#include "app_parts.h"
#include "datadir.h"
#include "export.h"

/* Where exports go: ~/Documents when it exists, else the data folder's exports/. */
static bool export_dir(char *dir, size_t size)
{
    const char *home = getenv("HOME");
    if (home && home[0] == '/') {
        snprintf(dir, size, "%s/Documents", home);
        DIR *d = opendir(dir);
        if (d) {
            closedir(d);
            return true;
        }
    }
    if (datadir_file("exports", dir, size) != 0)
        return false;
    return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

void app_export_week(App *app)
{
    char dir[APP_PATH];
    app->dirty = true;
    if (!app->journal.has_record || !export_dir(dir, sizeof dir)) {
        snprintf(app->journal.export_note, sizeof app->journal.export_note, "%s", _("There is no folder to export to."));
        return;
    }
    ExportFiles files;
    ExportStatus st = export_write(&app->journal.record, dir, NULL, &files);
    if (st != EXPORT_OK) {
        snprintf(app->journal.export_note, sizeof app->journal.export_note, "%s", export_message(st));
        return;
    }
    char err[256];
    AppOptions opt = {.font_file = app->font_file, .assets_dir = app->gfx.assets};
    bool png = app_export_png(&app->journal.record, files.png, &opt, err, sizeof err) == 0;
    /* The folder as the couple knows it: ~ for the home folder. */
    const char *home = getenv("HOME");
    size_t hl = home ? strlen(home) : 0;
    bool under_home = hl > 1 && strncmp(dir, home, hl) == 0 && dir[hl] == '/';
    snprintf(app->journal.export_note, sizeof app->journal.export_note,
             png ? _("Saved in %s%.500s: %.300s.md, .ics and .png") : _("Saved in %s%.500s: %.300s.md and .ics"),
             under_home ? "~" : "", under_home ? dir + hl : dir,
             strrchr(files.stem, '/') ? strrchr(files.stem, '/') + 1 : files.stem);
}


int app_export_png(const Record *record, const char *path, const AppOptions *opt, char *err, size_t errlen)
{
    enum { W = 1920, H = 1080 };
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
    ui_init(&app->ui, &app->gfx);
    ui_begin(&app->ui, UI_DRAW);
    gfx_clear(&app->gfx);
    week_draw(app, record);
    SDL_RenderPresent(renderer);
    if (IMG_SavePNG(surface, path) != 0)
        snprintf(err, errlen, _("The picture could not be saved: %s"), IMG_GetError());
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
