/* SPDX-License-Identifier: MIT */
/* Which characters the installed fonts can draw. */
#include "glyphs.h"

#include <stdlib.h>

#include <fontconfig/fontconfig.h>

struct Glyphs {
    FcConfig *config;
    FcCharSet *all; /* the union of every installed font's characters */
};

Glyphs *glyphs_open(void)
{
    Glyphs *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->config = FcInitLoadConfigAndFonts();
    g->all = FcCharSetCreate();
    FcPattern *pat = FcPatternCreate();
    FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, (char *)NULL);
    FcFontSet *fonts = g->config && pat && os ? FcFontList(g->config, pat, os) : NULL;
    for (int i = 0; fonts && i < fonts->nfont; i++) {
        FcCharSet *cs;
        if (FcPatternGetCharSet(fonts->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
            FcCharSetMerge(g->all, cs, NULL);
    }
    if (fonts)
        FcFontSetDestroy(fonts);
    if (os)
        FcObjectSetDestroy(os);
    if (pat)
        FcPatternDestroy(pat);
    if (!g->config || !g->all || !fonts) {
        glyphs_close(g);
        return NULL;
    }
    return g;
}

void glyphs_close(Glyphs *g)
{
    if (!g)
        return;
    if (g->all)
        FcCharSetDestroy(g->all);
    if (g->config)
        FcConfigDestroy(g->config);
    free(g);
}

/* Decodes one code point of valid UTF-8 (the deck parser checked it). */
static uint32_t next(const unsigned char **p)
{
    const unsigned char *s = *p;
    uint32_t c = s[0];
    int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1)
        c &= 0xFFu >> (n + 1);
    for (int i = 1; i < n && s[i]; i++)
        c = (c << 6) | (s[i] & 0x3F);
    *p += n;
    return c;
}

size_t glyphs_missing(const Glyphs *g, const char *utf8, uint32_t *missing, size_t cap)
{
    size_t found = 0;
    for (const unsigned char *p = (const unsigned char *)utf8; *p;) {
        uint32_t c = next(&p);
        if (c <= 0x20 || c == 0x7F || c == 0xA0 || c == 0xFEFF || (c >= 0x200B && c <= 0x200F))
            continue;
        if (FcCharSetHasChar(g->all, c))
            continue;
        bool seen = false;
        for (size_t i = 0; i < found && i < cap && !seen; i++)
            seen = missing[i] == c;
        if (seen)
            continue;
        if (found < cap)
            missing[found] = c;
        found++;
    }
    return found;
}

const char *glyphs_package(uint32_t c)
{
    if ((c >= 0xE000 && c <= 0xF8FF) || c >= 0xF0000)
        return NULL; /* private use: only a font made for them draws them */
    if ((c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFF00 && c <= 0xFFEF) || (c >= 0x20000 && c <= 0x3FFFF) || (c >= 0x1100 && c <= 0x11FF))
        return "fonts-noto-cjk";
    if ((c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF))
        return "fonts-noto-color-emoji";
    return "fonts-noto-core";
}
