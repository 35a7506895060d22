/* SPDX-License-Identifier: MIT */
/* Text on screen: fontconfig finds the fonts, libunibreak finds where lines
 * may break (text_layout.c), SDL_ttf draws the glyphs, and each laid-out
 * block is kept as a texture in the colour it is drawn in. */
#include "text.h"
#include "i18n.h"

#include "files.h"
#include "utext.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

#include "text_parts.h"

uint32_t text_hash_bytes(uint32_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < len; i++)
        h = (h ^ p[i]) * 16777619u;
    return h;
}

/* Decodes one code point of valid UTF-8 at *s and advances past it. */
uint32_t text_next_char(const char **s)
{
    int32_t c = 0;
    int n = **s ? utext_decode(*s, strnlen(*s, 4), &c) : 1;
    *s += n > 0 ? n : 1;
    return n > 0 ? (uint32_t)c : 0xFFFD;
}

static bool is_rtl_char(uint32_t c)
{
    return (c >= 0x0590 && c <= 0x08FF) || (c >= 0xFB1D && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFF);
}

/* The script of the first strong right-to-left character, or NULL. */
const char *text_rtl_script(const char *s)
{
    while (*s) {
        uint32_t c = text_next_char(&s);
        if (is_rtl_char(c))
            return c < 0x0600 || (c >= 0xFB1D && c < 0xFB50) ? "Hebr" : "Arab";
    }
    return NULL;
}

static int add_file(Text *t, const char *path, int index, bool bold, FcCharSet *charset)
{
    for (int i = 0; i < t->file_count; i++)
        if (strcmp(t->files[i].path, path) == 0 && t->files[i].index == index && t->files[i].bold == bold)
            return i;
    if (t->file_count == MAX_FILES)
        return -1;
    char *copy = strdup(path);
    if (!copy)
        return -1;
    FontFile *f = &t->files[t->file_count];
    *f = (FontFile){.path = copy, .index = index, .bold = bold, .charset = charset ? FcCharSetCopy(charset) : NULL};
    if (!f->charset) {
        int count = 0;
        FcPattern *scan = FcFreeTypeQuery((const FcChar8 *)path, index, NULL, &count);
        FcCharSet *cs;
        if (scan && FcPatternGetCharSet(scan, FC_CHARSET, 0, &cs) == FcResultMatch)
            f->charset = FcCharSetCopy(cs);
        if (scan)
            FcPatternDestroy(scan);
    }
    return t->file_count++;
}

/* Registers the file behind a fontconfig match. */
static int add_match(Text *t, FcPattern *match, bool want_bold)
{
    FcChar8 *path;
    int index = 0, weight = FC_WEIGHT_REGULAR;
    FcCharSet *charset = NULL;
    if (FcPatternGetString(match, FC_FILE, 0, &path) != FcResultMatch)
        return -1;
    FcPatternGetInteger(match, FC_INDEX, 0, &index);
    FcPatternGetInteger(match, FC_WEIGHT, 0, &weight);
    FcPatternGetCharSet(match, FC_CHARSET, 0, &charset);
    return add_file(t, (const char *)path, index, want_bold && weight < FC_WEIGHT_DEMIBOLD, charset);
}

static FcCharSet *charset_of(const char *s)
{
    FcCharSet *cs = FcCharSetCreate();
    while (cs && *s) {
        uint32_t c = text_next_char(&s);
        if (c > 0x20 && c != 0x7F)
            FcCharSetAddChar(cs, c);
    }
    return cs;
}

/* Asks fontconfig for a sans font for language that covers sample. */
/* Fontconfig, started when first needed; NULL when it cannot start. */
static FcConfig *config(Text *t)
{
    if (!t->fc && !t->fc_failed) {
        t->fc = FcInitLoadConfigAndFonts();
        t->fc_failed = !t->fc;
    }
    return t->fc;
}

static int match_font(Text *t, const char *family, const char *language, const char *sample, bool bold)
{
    if (!config(t))
        return -1;
    FcPattern *pat = FcPatternCreate();
    if (!pat)
        return -1;
    FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    if (language && *language) {
        FcLangSet *ls = FcLangSetCreate();
        FcLangSetAdd(ls, (const FcChar8 *)language);
        FcPatternAddLangSet(pat, FC_LANG, ls);
        FcLangSetDestroy(ls);
    }
    FcCharSet *want = sample ? charset_of(sample) : NULL;
    if (want)
        FcPatternAddCharSet(pat, FC_CHARSET, want);
    FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    FcPatternAddBool(pat, FC_SCALABLE, FcTrue);
    FcConfigSubstitute(t->fc, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    int file = -1;
    FcResult result;
    FcFontSet *set = FcFontSort(t->fc, pat, FcTrue, NULL, &result);
    for (int i = 0; set && i < set->nfont && file < 0; i++) {
        FcPattern *font = FcFontRenderPrepare(t->fc, pat, set->fonts[i]);
        FcCharSet *has;
        FcChar8 *format;
        bool usable = font && FcPatternGetString(font, FC_FONTFORMAT, 0, &format) == FcResultMatch &&
                      (strcmp((const char *)format, "TrueType") == 0 || strcmp((const char *)format, "CFF") == 0);
        if (usable && want && FcPatternGetCharSet(font, FC_CHARSET, 0, &has) == FcResultMatch)
            usable = FcCharSetIsSubset(want, has);
        if (usable)
            file = add_match(t, font, bold);
        if (font)
            FcPatternDestroy(font);
    }
    if (set)
        FcFontSetDestroy(set);
    if (want)
        FcCharSetDestroy(want);
    FcPatternDestroy(pat);
    return file;
}

static FontId add_font(Text *t, int file, bool bold)
{
    for (int i = 0; i < t->font_count; i++)
        if (t->font_files[i] == file && t->font_bold[i] == bold)
            return i;
    t->font_files[t->font_count] = file;
    t->font_bold[t->font_count] = bold;
    return t->font_count++;
}

/* DejaVu Sans and its bold where distributions install them: found there,
 * the UI fonts need no fontconfig, and the first frame does not wait for
 * it to read its configuration (it starts when a text needs a font for
 * another script, in match_font). Returns false when they are not there,
 * or when the environment names a fontconfig configuration. */
static bool dejavu_at_home(Text *t)
{
    /* A fontconfig configuration given in the environment is obeyed. */
    if (getenv("FONTCONFIG_FILE") || getenv("FONTCONFIG_PATH") || getenv("FONTCONFIG_SYSROOT"))
        return false;
    static const char *const dirs[] = {"/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
                                       "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu-sans-fonts"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        char regular[128], bold[128];
        struct stat a, b;
        snprintf(regular, sizeof regular, "%s/DejaVuSans.ttf", dirs[i]);
        snprintf(bold, sizeof bold, "%s/DejaVuSans-Bold.ttf", dirs[i]);
        if (stat(regular, &a) != 0 || !S_ISREG(a.st_mode) || stat(bold, &b) != 0 || !S_ISREG(b.st_mode))
            continue;
        t->ui_files[0] = add_file(t, regular, 0, false, NULL);
        t->ui_files[1] = add_file(t, bold, 0, false, NULL);
        if (t->ui_files[0] >= 0 && t->ui_files[1] >= 0)
            return true;
    }
    return false;
}

/* Lets go of the bytes of f once no font reads them. */
static void sized_unmap(FontFile *f)
{
    if (f->bytes && f->readers == 0) {
        munmap(f->bytes, f->size);
        f->bytes = NULL;
    }
}

/* A stream of the bytes of file f, mapped when first asked for; NULL when
 * the file cannot be mapped (then SDL_ttf reads it from the file). */
static SDL_RWops *file_bytes(FontFile *f)
{
    if (!f->bytes) {
        size_t size;
        FilesError fe;
        int fd = files_open(f->path, INT_MAX, &size, &fe);
        if (fd < 0)
            return NULL;
        void *bytes = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
        close(fd);
        if (bytes == MAP_FAILED)
            return NULL;
        f->bytes = bytes;
        f->size = size;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(f->bytes, (int)f->size);
    if (rw)
        f->readers++;
    else
        sized_unmap(f);
    return rw;
}

static void sized_close(Text *t, Sized *slot)
{
    if (slot->font)
        TTF_CloseFont(slot->font);
    if (slot->mapped) {
        t->files[slot->file].readers--;
        sized_unmap(&t->files[slot->file]);
    }
    *slot = (Sized){0};
}

Text *text_init(SDL_Renderer *renderer, const char *font_file, char *err, size_t errlen)
{
    Text *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, errlen, "%s", _("Not enough memory to start the text system."));
        return NULL;
    }
    t->renderer = renderer;
    SDL_RendererInfo info;
    t->direct = renderer && SDL_GetRendererInfo(renderer, &info) == 0 && strcmp(info.name, "software") == 0;
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errlen, _("The font library could not start: %s"), TTF_GetError());
        free(t);
        return NULL;
    }
    if (font_file) {
        /* Checked before SDL_ttf opens it: a FIFO or a device would block
         * or never end. */
        struct stat st;
        if (stat(font_file, &st) == 0 && !S_ISREG(st.st_mode)) {
            snprintf(err, errlen, _("The font %s could not be opened: it is a %s, not a font file"), font_file,
                     S_ISDIR(st.st_mode) ? "folder" : files_kind(st.st_mode));
            goto fail;
        }
        TTF_Font *probe = TTF_OpenFont(font_file, 16);
        if (!probe) {
            snprintf(err, errlen, _("The font %s could not be opened: %s"), font_file, TTF_GetError());
            goto fail;
        }
        TTF_CloseFont(probe);
        t->ui_files[0] = add_file(t, font_file, 0, false, NULL);
        t->ui_files[1] = add_file(t, font_file, 0, true, NULL);
    } else if (!dejavu_at_home(t)) {
        if (!config(t)) {
            snprintf(err, errlen, "%s", _("Fontconfig could not start, so no font can be found."));
            goto fail;
        }
        t->ui_files[0] = match_font(t, "DejaVu Sans", NULL, NULL, false);
        t->ui_files[1] = match_font(t, "DejaVu Sans", NULL, NULL, true);
        if (t->ui_files[0] < 0) {
            snprintf(err, errlen, "%s",
                     _("No font was found; install one, for example with: apt-get install fonts-dejavu-core"));
            goto fail;
        }
        if (t->ui_files[1] < 0)
            t->ui_files[1] = add_file(t, t->files[t->ui_files[0]].path, t->files[t->ui_files[0]].index, true, NULL);
    }
    t->font_files[FONT_UI] = t->ui_files[0];
    t->font_files[FONT_UI_BOLD] = t->ui_files[1];
    t->font_bold[FONT_UI_BOLD] = true;
    t->font_count = 2;
    return t;
fail:
    text_deinit(t);
    return NULL;
}

void text_deinit(Text *t)
{
    if (!t)
        return;
    text_flush(t);
    for (int i = 0; i < MAX_SIZED; i++)
        sized_close(t, &t->sized[i]);
    for (int i = 0; i < t->file_count; i++) {
        free(t->files[i].path);
        if (t->files[i].charset)
            FcCharSetDestroy(t->files[i].charset);
    }
    free(t->scratch);
    if (t->fc)
        FcConfigDestroy(t->fc);
    free(t);
}

FontId text_font(Text *t, const char *language, const char *sample, bool bold)
{
    FontId ui = bold ? FONT_UI_BOLD : FONT_UI;
    if ((!language || !*language) && !sample)
        return ui;
    uint32_t h = sample ? text_hash_bytes(2166136261u, sample, strlen(sample)) : 0;
    const char *lang = language ? language : "";
    for (int i = 0; i < t->choice_count; i++) {
        Choice *c = &t->choices[i];
        if (c->bold == bold && c->sample_hash == h && strcmp(c->language, lang) == 0)
            return add_font(t, c->file, bold);
    }
    int file = -1;
    if (!sample || text_covers(t, ui, sample))
        file = t->font_files[ui];
    else
        file = match_font(t, "sans-serif", language, sample, bold);
    if (file < 0)
        file = t->font_files[ui];
    if (t->choice_count < MAX_CHOICES) {
        Choice *c = &t->choices[t->choice_count++];
        snprintf(c->language, sizeof c->language, "%s", lang);
        c->sample_hash = h;
        c->bold = bold;
        c->file = file;
    }
    return t->font_count < MAX_FILES + 2 ? add_font(t, file, bold) : ui;
}

const char *text_font_file(const Text *t, FontId font)
{
    return t->files[t->font_files[font]].path;
}

bool text_covers(Text *t, FontId font, const char *s)
{
    const FcCharSet *cs = t->files[t->font_files[font]].charset;
    if (!cs)
        return true;
    while (*s) {
        uint32_t c = text_next_char(&s);
        if (c > 0x20 && c != 0x7F && c != 0xA0 && !FcCharSetHasChar(cs, c))
            return false;
    }
    return true;
}

/* A language to ask fontconfig for, guessed from the script of s, so that
 * Japanese gets a Japanese face of the CJK fonts, not a Chinese one. */
static const char *guess_language(const char *s)
{
    bool han = false;
    while (*s) {
        uint32_t c = text_next_char(&s);
        if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF))
            return "ja";
        if ((c >= 0xAC00 && c <= 0xD7AF) || (c >= 0x1100 && c <= 0x11FF))
            return "ko";
        han |= c >= 0x4E00 && c <= 0x9FFF;
        if (c >= 0x0600 && c <= 0x06FF)
            return "ar";
        if (c >= 0x0590 && c <= 0x05FF)
            return "he";
        if (c >= 0x0900 && c <= 0x097F)
            return "hi";
        if (c >= 0x0E00 && c <= 0x0E7F)
            return "th";
    }
    return han ? "zh" : NULL;
}

/* The font that draws s: font itself when it has every character, else one
 * fontconfig finds that does (so any deck's text shows, in any script). */
FontId text_resolve(Text *t, FontId font, const char *s)
{
    if (text_covers(t, font, s))
        return font;
    /* A font already open that has them all saves asking fontconfig again. */
    bool bold = t->font_bold[font];
    for (FontId f = 0; f < t->font_count; f++)
        if (t->font_bold[f] == bold && text_covers(t, f, s))
            return f;
    return text_font(t, guess_language(s), s, bold);
}

TTF_Font *text_sized_font(Text *t, FontId font, int px)
{
    int file = t->font_files[font];
    for (int i = 0; i < MAX_SIZED; i++) {
        if (t->sized[i].font && t->sized[i].file == file && t->sized[i].px == px) {
            t->sized[i].used = ++t->clock;
            return t->sized[i].font;
        }
    }
    FontFile *f = &t->files[file];
    SDL_RWops *rw = file_bytes(f);
    TTF_Font *ttf = rw ? TTF_OpenFontIndexRW(rw, 1, px, f->index) : TTF_OpenFontIndex(f->path, px, f->index);
    if (!ttf) {
        if (rw) { /* SDL_ttf closed the stream */
            f->readers--;
            sized_unmap(f);
        }
        return NULL;
    }
    if (f->bold)
        TTF_SetFontStyle(ttf, TTF_STYLE_BOLD);
    /* An empty slot, else the font least recently asked for. */
    Sized *slot = &t->sized[0];
    for (int i = 1; i < MAX_SIZED && slot->font; i++)
        if (!t->sized[i].font || t->sized[i].used < slot->used)
            slot = &t->sized[i];
    sized_close(t, slot);
    *slot = (Sized){file, px, ttf, ++t->clock, rw != NULL};
    return ttf;
}

static uint32_t entry_hash(FontId font, int px, int wrap_w, TextAlign align, const char *s)
{
    int key[4] = {font, px, wrap_w, (int)align};
    return text_hash_bytes(text_hash_bytes(2166136261u, key, sizeof key), s, strlen(s));
}

/* Gives every pixel of s (white, its alpha the glyphs' coverage) colour c. */
static void colour_surface(SDL_Surface *s, SDL_Color c)
{
    Uint32 rgb = (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
    for (int y = 0; y < s->h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint32 a = row[x] >> 24;
            row[x] = a ? ((a * c.a + 127) / 255) << 24 | rgb : 0;
        }
    }
}

/* Where a text of w x h pixels is drawn: with the software renderer, the
 * pixels of a new texture itself (*texture, locked; a texture there is a
 * surface, so nothing is copied after); else a surface, made a texture
 * after. NULL when neither can be made. */
static SDL_Surface *canvas(Text *t, int w, int h, SDL_Texture **texture)
{
    *texture = NULL;
    if (t->direct) {
        void *pixels;
        int pitch;
        SDL_Texture *tex = SDL_CreateTexture(t->renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, w, h);
        if (tex && SDL_LockTexture(tex, NULL, &pixels, &pitch) == 0) {
            SDL_Surface *s = SDL_CreateRGBSurfaceWithFormatFrom(pixels, w, h, 32, pitch, SDL_PIXELFORMAT_ARGB8888);
            if (s) {
                *texture = tex;
                return s;
            }
            SDL_UnlockTexture(tex);
        }
        if (tex)
            SDL_DestroyTexture(tex);
    }
    return SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
}

/* Renders a layout into one texture in colour c. */
static SDL_Texture *render(Text *t, FontId font, int px, const char *s, const Layout *lay, TextAlign align, int wrap_w,
                           SDL_Color c)
{
    TTF_Font *ttf = text_sized_font(t, text_resolve(t, font, s), px);
    if (!ttf || lay->w <= 0)
        return NULL;
    const char *script = text_rtl_script(s);
    if (script) {
        TTF_SetFontDirection(ttf, TTF_DIRECTION_RTL);
        TTF_SetFontScriptName(ttf, script);
    }
    int box_w = wrap_w > 0 && align != ALIGN_LEFT ? (lay->w < wrap_w ? lay->w : wrap_w) : lay->w;
    SDL_Texture *texture = NULL;
    SDL_Surface *all = canvas(t, box_w, lay->h, &texture);
    if (!all)
        goto done;
    SDL_FillRect(all, NULL, 0);
    SDL_Color white = {255, 255, 255, 255};
    for (int i = 0; i < lay->count; i++) {
        const Line *line = &lay->lines[i];
        if (line->len <= 0)
            continue;
        SDL_Surface *surface = TTF_RenderUTF8_Blended(ttf, text_scratch(t, s + line->start, (size_t)line->len), white);
        if (!surface)
            continue;
        SDL_SetSurfaceBlendMode(surface, SDL_BLENDMODE_NONE);
        int x = 0;
        bool right = align == ALIGN_RIGHT || (script && align == ALIGN_LEFT);
        if (align == ALIGN_CENTER)
            x = (box_w - surface->w) / 2;
        else if (right)
            x = box_w - surface->w;
        /* Only the line's own rows: a trimmed line must not overwrite the
         * descenders of the line above with its empty top. */
        SDL_Rect src = {0, lay->top, surface->w, lay->top ? lay->line_h : surface->h};
        SDL_Rect dst = {x, i * lay->skip, surface->w, src.h};
        SDL_BlitSurface(surface, &src, all, &dst);
        SDL_FreeSurface(surface);
    }
    colour_surface(all, c);
    if (texture)
        SDL_UnlockTexture(texture);
    else
        texture = SDL_CreateTextureFromSurface(t->renderer, all);
    if (texture)
        SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
done:
    SDL_FreeSurface(all);
    if (script)
        TTF_SetFontDirection(ttf, TTF_DIRECTION_LTR);
    return texture;
}

static Entry *lookup(Text *t, FontId font, int px, const char *s, int wrap_w, TextAlign align)
{
    if (px < 1)
        px = 1;
    uint32_t h = entry_hash(font, px, wrap_w, align, s);
    size_t i = h & (CACHE_SLOTS - 1);
    for (; t->entries[i].text; i = (i + 1) & (CACHE_SLOTS - 1)) {
        Entry *e = &t->entries[i];
        if (e->hash == h && e->font == font && e->px == px && e->wrap_w == wrap_w && e->align == align &&
            strcmp(e->text, s) == 0)
            return e;
    }
    if (t->entry_count >= CACHE_LIMIT) {
        text_flush(t);
        i = h & (CACHE_SLOTS - 1);
    }
    Layout lay;
    if (!text_layout(t, font, px, s, wrap_w, &lay))
        return NULL;
    char *copy = strdup(s);
    if (!copy)
        return NULL;
    Entry *e = &t->entries[i];
    *e = (Entry){.hash = h, .font = font, .px = px, .wrap_w = wrap_w, .align = align, .text = copy, .w = lay.w, .h = lay.h};
    if (align != ALIGN_LEFT && wrap_w > 0 && e->w > wrap_w)
        e->w = wrap_w;
    t->entry_count++;
    return e;
}

static void drop_texture(Text *t, Entry *e, int k)
{
    if (!e->textures[k])
        return;
    SDL_DestroyTexture(e->textures[k]);
    t->texture_bytes -= e->bytes[k];
    e->textures[k] = NULL;
    e->bytes[k] = 0;
}

/* Drops the least recently drawn texture last drawn at or before the
 * clock's drawn_by; false when there is none. */
static bool drop_oldest(Text *t, unsigned long drawn_by)
{
    Entry *old = NULL;
    int old_k = 0;
    for (int i = 0; i < CACHE_SLOTS; i++)
        for (int k = 0; k < ENTRY_COLOURS; k++)
            if (t->entries[i].textures[k] && t->entries[i].used[k] <= drawn_by &&
                (!old || t->entries[i].used[k] < old->used[old_k]))
                old = &t->entries[i], old_k = k;
    if (old)
        drop_texture(t, old, old_k);
    return old != NULL;
}

/* Drops the least recently drawn textures until bytes more fit the bound. */
static void make_room(Text *t, size_t bytes)
{
    while (t->texture_bytes > 0 && t->texture_bytes + bytes > TEXT_TEXTURE_BYTES && drop_oldest(t, ULONG_MAX))
        ;
}

/* e's texture in colour c, made (and another colour's dropped) if need be. */
static SDL_Texture *texture_in(Text *t, Entry *e, SDL_Color c)
{
    Uint32 rgba = (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a;
    int k = 0;
    for (int j = 0; j < ENTRY_COLOURS; j++) {
        if (e->textures[j] && e->rgba[j] == rgba) {
            e->used[j] = ++t->clock;
            return e->textures[j];
        }
        if (!e->textures[j] || (e->textures[k] && e->used[j] < e->used[k]))
            k = j;
    }
    drop_texture(t, e, k);
    Layout lay;
    if (!text_layout(t, e->font, e->px, e->text, e->wrap_w, &lay))
        return NULL;
    int box_w = e->wrap_w > 0 && e->align != ALIGN_LEFT ? (lay.w < e->wrap_w ? lay.w : e->wrap_w) : lay.w;
    size_t bytes = (size_t)(box_w > 0 ? box_w : 0) * (size_t)(lay.h > 0 ? lay.h : 0) * 4;
    make_room(t, bytes);
    SDL_Texture *texture = render(t, e->font, e->px, e->text, &lay, e->align, e->wrap_w, c);
    if (!texture)
        return NULL;
    e->textures[k] = texture;
    e->rgba[k] = rgba;
    e->bytes[k] = bytes;
    e->used[k] = ++t->clock;
    t->texture_bytes += bytes;
    return texture;
}

SDL_Point text_measure(Text *t, FontId font, int px, const char *s, int wrap_w, TextAlign align)
{
    Entry *e = lookup(t, font, px, s, wrap_w, align);
    return e ? (SDL_Point){e->w, e->h} : (SDL_Point){0, 0};
}

SDL_Point text_draw(Text *t, FontId font, int px, const char *s, int wrap_w, TextAlign align, SDL_Color color, int x,
                    int y)
{
    Entry *e = lookup(t, font, px, s, wrap_w, align);
    if (!e)
        return (SDL_Point){0, 0};
    SDL_Texture *texture = color.a ? texture_in(t, e, color) : NULL;
    if (texture) {
        int tw, th;
        SDL_QueryTexture(texture, NULL, NULL, &tw, &th);
        int dx = x;
        if (wrap_w > 0 && align == ALIGN_CENTER)
            dx = x + (wrap_w - tw) / 2;
        else if (wrap_w > 0 && align == ALIGN_RIGHT)
            dx = x + wrap_w - tw;
        SDL_Rect dst = {dx, y, tw, th};
        SDL_RenderCopy(t->renderer, texture, NULL, &dst);
    }
    return (SDL_Point){e->w, e->h};
}

int text_fit(Text *t, FontId font, int max_px, int min_px, const char *s, int box_w, int box_h, TextAlign align)
{
    uint32_t h = entry_hash(font, max_px * 7919 + min_px, box_w * 31 + box_h, align, s);
    Fit *slot = &t->fits[h & (FIT_SLOTS - 1)];
    if (slot->text && slot->hash == h && slot->font == font && slot->max_px == max_px && slot->min_px == min_px &&
        slot->box_w == box_w && slot->box_h == box_h && slot->align == align && strcmp(slot->text, s) == 0)
        return slot->px;
    /* The sizes tried: max_px, then each some 5% under the one before, and
     * min_px. Texts fitted in the same box (the cards) come out at a few
     * sizes, whose fonts stay open and whose glyphs are made once, not at
     * any of a dozen. */
    int ladder[64], steps = 0;
    for (int px = max_px; px > min_px && steps < 63; px = px * 19 / 20 < px - 1 ? px * 19 / 20 : px - 1)
        ladder[steps++] = px;
    ladder[steps++] = min_px;
    /* Most texts fit at their size: the search starts there. The first
     * size that fits, larger ones not, is found by halving. */
    int lo = 0, hi = steps - 1, best = min_px;
    while (lo <= hi) {
        int mid = lo == 0 ? 0 : (lo + hi) / 2;
        Layout lay;
        bool fits = text_layout(t, font, ladder[mid], s, box_w, &lay) && lay.h <= box_h && !lay.split_word &&
                    lay.w <= box_w;
        if (fits) {
            best = ladder[mid];
            hi = mid - 1;
        } else {
            lo = mid + 1;
        }
    }
    free(slot->text);
    *slot = (Fit){h, font, max_px, min_px, box_w, box_h, align, strdup(s), best};
    return best;
}

void text_flush(Text *t)
{
    for (int i = 0; i < CACHE_SLOTS; i++) {
        Entry *e = &t->entries[i];
        for (int k = 0; k < ENTRY_COLOURS; k++)
            drop_texture(t, e, k);
        free(e->text);
        memset(e, 0, sizeof *e);
    }
    t->entry_count = 0;
    text_forget_layouts(t);
    for (int i = 0; i < FIT_SLOTS; i++) {
        free(t->fits[i].text);
        memset(&t->fits[i], 0, sizeof t->fits[i]);
    }
}

int text_cached(const Text *t)
{
    return t->entry_count;
}

size_t text_texture_bytes(const Text *t)
{
    return t->texture_bytes;
}

int text_fonts_open(const Text *t)
{
    int open = 0;
    for (int i = 0; i < MAX_SIZED; i++)
        open += t->sized[i].font != NULL;
    return open;
}

void text_frame(Text *t)
{
    t->frame_start = t->clock;
}

void text_drop_undrawn(Text *t, size_t keep)
{
    /* Least recently drawn first: a text of the view before is the likeliest
     * to come back. */
    while (t->texture_bytes > keep && drop_oldest(t, t->frame_start))
        ;
}

void text_release_unused(Text *t)
{
    /* All that the frame did not draw: one pass, no order needed. */
    for (int i = 0; i < CACHE_SLOTS; i++)
        for (int k = 0; k < ENTRY_COLOURS; k++)
            if (t->entries[i].textures[k] && t->entries[i].used[k] <= t->frame_start)
                drop_texture(t, &t->entries[i], k);
}

void text_close_fonts(Text *t)
{
    for (int i = 0; i < MAX_SIZED; i++)
        sized_close(t, &t->sized[i]);
}

void text_release(Text *t)
{
    for (int i = 0; i < CACHE_SLOTS; i++)
        for (int k = 0; k < ENTRY_COLOURS; k++)
            drop_texture(t, &t->entries[i], k);
}
