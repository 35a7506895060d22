/* SPDX-License-Identifier: MIT */
/* What src/ui/text.c and src/ui/text_layout.c share: the text system's
 * state, and the helpers each uses of the other's. */
#ifndef TIGHTROPE_TEXT_PARTS_H
#define TIGHTROPE_TEXT_PARTS_H

#include "text.h"

#include <stdint.h>

#include <SDL_ttf.h>
#include <fontconfig/fontconfig.h>

enum {
    MAX_FILES = 16,
    MAX_CHOICES = 32,
    MAX_SIZED = 24,
    CACHE_SLOTS = 1024, /* power of two */
    CACHE_LIMIT = 700,  /* past this many laid-out texts the cache starts over */
    ENTRY_COLOURS = 2,  /* textures kept per text, one per colour */
    FIT_SLOTS = 128,    /* power of two */
    MAX_LINES = 64,
    LAYOUT_SLOTS = 8,   /* the last layouts made, for the same text measured, fitted and drawn */
};

typedef struct {
    char *path;
    int index;    /* face in a collection */
    bool bold;    /* draw with TTF_STYLE_BOLD: the file has no bold face */
    FcCharSet *charset;
    /* The file's bytes, mapped while a font at some size reads them
     * (readers): FreeType then reads its glyphs from memory, not with a
     * seek and a read, two system calls, for each. */
    void *bytes;
    size_t size;
    int readers;
} FontFile;

typedef struct {
    char language[24];
    uint32_t sample_hash;
    bool bold;
    int file;
} Choice;

typedef struct {
    int file, px;
    TTF_Font *font;
    unsigned long used; /* the draw clock when last asked for */
    bool mapped;        /* reads its file's bytes (FontFile.bytes) */
} Sized;

typedef struct {
    uint32_t hash;
    FontId font;
    int px, wrap_w;
    TextAlign align;
    char *text; /* NULL: empty slot */
    int w, h;
    /* The text drawn, in up to ENTRY_COLOURS colours: a texture in its
     * colour is copied without tinting, several times faster in the
     * software renderer than a white one tinted. Made when first drawn. */
    SDL_Texture *textures[ENTRY_COLOURS];
    Uint32 rgba[ENTRY_COLOURS];
    size_t bytes[ENTRY_COLOURS];
    unsigned long used[ENTRY_COLOURS]; /* when last drawn */
} Entry;

typedef struct {
    int start, len; /* bytes of the text */
} Line;

typedef struct {
    Line lines[MAX_LINES];
    int count;
    int w, h, skip;
    int top;    /* pixels trimmed off the top of each line (a tall font's) */
    int line_h; /* the height of a line drawn, after the trim */
    bool split_word; /* a word was wider than the line and had to be cut */
} Layout;

/* A layout made lately: fitting a text tries it at a few sizes, then it is
 * measured and drawn at the size found, each needing its layout. */
typedef struct {
    uint32_t hash;
    FontId font;
    int px, wrap_w;
    char *text; /* NULL: empty slot */
    Layout lay;
} Laid;

typedef struct {
    uint32_t hash;
    FontId font;
    int max_px, min_px, box_w, box_h;
    TextAlign align;
    char *text;
    int px;
} Fit;

struct Text {
    SDL_Renderer *renderer;
    FcConfig *fc; /* our own fontconfig configuration: no global state, all freed; made when first needed */
    bool fc_failed; /* it could not be made */
    FontFile files[MAX_FILES];
    int file_count;
    int ui_files[2]; /* FONT_UI, FONT_UI_BOLD -> file */
    Choice choices[MAX_CHOICES];
    int choice_count;
    FontId font_files[MAX_FILES + 2]; /* FontId -> file */
    bool font_bold[MAX_FILES + 2];    /* the FontId was asked for bold */
    int font_count;
    Sized sized[MAX_SIZED];
    Entry entries[CACHE_SLOTS];
    int entry_count;
    size_t texture_bytes; /* held by the entries' textures, at most TEXT_TEXTURE_BYTES */
    unsigned long clock;  /* counts draws, for least recently drawn first out */
    unsigned long frame_start; /* the clock when the frame being drawn started */
    Fit fits[FIT_SLOTS];
    Laid laid[LAYOUT_SLOTS];
    int laid_next;
    int width_start, width_end, width; /* the last width measured by width_of */
    bool direct; /* the software renderer: texts are drawn into their textures' own pixels */
    char *scratch;
    size_t scratch_cap;
};

uint32_t text_hash_bytes(uint32_t h, const void *data, size_t len);
/* Decodes one code point of valid UTF-8 at *s and advances past it. */
uint32_t text_next_char(const char **s);
/* The script of the first strong right-to-left character, or NULL. */
const char *text_rtl_script(const char *s);
/* The font that draws s (font, or one that has its characters), and it open at px. */
FontId text_resolve(Text *t, FontId font, const char *s);
TTF_Font *text_sized_font(Text *t, FontId font, int px);

/* text_layout.c */
/* Copies [s, s + len) into the scratch buffer as a C string. */
const char *text_scratch(Text *t, const char *s, size_t len);
/* Breaks s into lines no wider than wrap_w (or the same layout, made lately). */
bool text_layout(Text *t, FontId font, int px, const char *s, int wrap_w, Layout *lay);
void text_forget_layouts(Text *t);

#endif
