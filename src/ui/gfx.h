/* SPDX-License-Identifier: MIT */
/* Drawing: a 1080-unit-high design canvas scaled to the window, the two
 * themes, smooth shapes through SDL_RenderGeometry, icons and text. */
#ifndef TIGHTROPE_GFX_H
#define TIGHTROPE_GFX_H

#include <stdbool.h>
#include <stdio.h>

#include <SDL_pixels.h>
#include <SDL_rect.h>

/* Only named here: drawing through them is gfx.c's and text.c's. */
typedef struct SDL_Renderer SDL_Renderer;
typedef struct SDL_Texture SDL_Texture;
typedef struct SDL_Surface SDL_Surface;
typedef struct SDL_Window SDL_Window;

#include "deck.h"
#include "text.h"

/* A rectangle in design units: the canvas is 1080 units high and at least
 * 1440 wide, whatever the window's size. */
typedef struct {
    float x, y, w, h;
} Box;

typedef enum { THEME_DARK, THEME_CONTRAST, THEME_COUNT } ThemeId;

typedef struct {
    SDL_Color bg, panel, card, card_edge, text, muted, accent, focus, shadow, good, rope;
    SDL_Color kinds[KIND_COUNT];
} Theme;

typedef enum {
    ICON_SHARING,
    ICON_PLANNING,
    ICON_SOLO,
    ICON_SUPPORT,
    ICON_REBALANCE,
    ICON_APP,
    ICON_WALKER,
    ICON_STAR,
    ICON_COUNT
} IconId;

/* What a frame put where, for the game's own check of its layout (under a
 * script): every text with the size it was drawn at, every control, the
 * focus ring and the icons, in design units. */
typedef enum { MARK_TEXT, MARK_CONTROL, MARK_RING, MARK_ICON, MARK_CARD } MarkKind;

typedef struct {
    MarkKind kind;
    Box box;
    float size;  /* MARK_TEXT: the size drawn, in design units (pixels at 1080p) */
    float floor; /* MARK_TEXT: the smallest it may be */
    char text[200];
} Mark;

/* The smallest text, in design units (pixels at 1080 lines) whatever the
 * Text size: text a player must read, secondary labels, and card text. */
enum { GFX_READ_MIN = 32, GFX_LABEL_MIN = 26, GFX_CARD_MIN = 36, GFX_CARD_LONG_CHARS = 120, GFX_RING = 10, GFX_MARKS = 320 };

/* A shape in the cache of src/ui/shapes.c: a disc or ring in one colour,
 * its radii in quarter pixels, size pixels square. */
typedef struct {
    int size, outer4, inner4;
    Uint32 rgba;
    SDL_Texture *texture;
    size_t bytes;
    unsigned long used; /* when last drawn, for least recently used first out */
} GfxShape;

/* The shape cache's bounds: 256 shapes and 4 MB of textures. */
enum { GFX_SHAPES = 256, GFX_SHAPE_BYTES = 4 * 1024 * 1024 };

/* An icon at a size in pixels: its texture in one colour, or (texture
 * NULL) its untinted raster, kept to tint it in another colour. */
typedef struct {
    int icon, px; /* px 0: empty slot */
    Uint32 rgba;
    SDL_Texture *texture;
    SDL_Surface *raster;
    unsigned long used; /* when last drawn, for least recently drawn first out */
} GfxIcon;

/* The icon caches' bounds: 16 tinted textures and 8 rasters (a screen
 * draws the same icon at two sizes, or in two colours, in one frame). At
 * a change of screen the rasters go, and the textures it did not draw. */
enum { GFX_ICONS = 16, GFX_ICON_RASTERS = 8 };

typedef struct {
    SDL_Renderer *renderer;
    Text *text;
    const Theme *theme;
    int win_w, win_h;  /* pixels */
    float scale;       /* pixels per design unit */
    float cw;          /* canvas width in design units */
    float ox, oy;      /* pixel offset of the canvas */
    float text_scale;  /* 1.0 .. 2.0 */
    Box safe;          /* the canvas less a 5% margin on every side */
    Box area;          /* where screens lay out: the safe area less room for a focus ring */
    char assets[512];  /* the assets folder */
    GfxIcon icons[GFX_ICONS];         /* icons drawn, each at a size in a colour */
    GfxIcon icon_rasters[GFX_ICON_RASTERS]; /* icons at a size, untinted (texture NULL) */
    unsigned long icon_clock;         /* counts icon draws, for least recently drawn first out */
    unsigned long icon_frame;         /* icon_clock when the last whole frame started */
    int overflows;      /* text drawn outside its box or the window, since start */
    bool report;        /* say so on stderr (under a script): the first GFX_OVERFLOWS_NAMED
                           texts by name, then how many in all when the game ends */
    Mark marks[GFX_MARKS]; /* this frame's marks (when marking) */
    int mark_count;
    bool icon_cache;    /* icons are kept as bitmaps in the user's cache folder (image_icon) */
    bool marking;
    float floor;        /* the smallest size of the texts drawn now, 0: GFX_READ_MIN */
    float asked;        /* the size the text being drawn was asked at */
    unsigned said[64];  /* layout problems already reported, by hash */
    GfxShape shapes[GFX_SHAPES]; /* shapes.c's cache */
    int shape_count;
    size_t shape_bytes;
    unsigned long shape_clock;
    unsigned long shape_frame; /* shape_clock when the last whole frame started */
    bool uncached;      /* draw shapes as triangle fans, without the cache (to check it) */
    bool keeps_frame;   /* the renderer draws into the window's own pixels, which keep the
                           last frame (SDL's software renderer): a frame may redraw a part */
    bool fades;         /* the renderer blends large translucent areas quickly (a GPU) */
    bool motion_only;   /* the next frame changes only where something moves */
    bool partial;       /* the frame being drawn is clipped to where something moves */
    SDL_Rect partial_px; /* that clip, in the window's pixels */
    Box moving, moved;  /* where something moves in this frame and in the last */
    int screen;         /* the screen shown by the last frame (gfx_shown) */
    uint32_t view;      /* and what it showed */
    bool in_game;       /* from Setup to a game's end (gfx_in_game) */
    bool pictures_asked; /* gfx_idle has loaded SDL_image (once: it may not be there) */
    bool drawn;         /* a frame was drawn since gfx_idle */
} Gfx;

/* The renderer for window: SDL's software renderer when software is asked
 * for, or when there is no GPU (SDL's software renderer draws this game
 * faster than OpenGL running on the CPU, Mesa's llvmpipe: see
 * docs/PERFORMANCE.md); else SDL's first accelerated renderer, with
 * vsync; the software one when none can be made. SDL_RENDER_DRIVER, when
 * set, is obeyed. NULL when nothing can draw in window. */
SDL_Renderer *gfx_create_renderer(SDL_Window *window, bool software);

/* Sets up drawing for renderer; assets_dir holds icons/. */
void gfx_init(Gfx *g, SDL_Renderer *renderer, Text *text, const char *assets_dir);
void gfx_deinit(Gfx *g);

/* Recomputes the canvas for a window of w x h pixels. Returns true when
 * anything changed (then cached text and icons are dropped). */
bool gfx_resize(Gfx *g, int w, int h, float text_scale);

const Theme *gfx_theme(ThemeId id);

/* Design units to pixels. */
SDL_Rect gfx_px(const Gfx *g, Box b);
float gfx_x(const Gfx *g, float x);
float gfx_y(const Gfx *g, float y);

/* Design units from pixels (for the mouse). */
SDL_FPoint gfx_from_px(const Gfx *g, int x, int y);

/* Starts drawing a frame: fills it with the background. When the frame was
 * said to change only where something moves (gfx_motion_only) and the
 * renderer keeps the last frame, only those places (gfx_moving, this frame
 * and the last) are drawn: every drawing call is clipped to them. */
void gfx_clear(Gfx *g);
/* Shows the frame drawn in window. A partial frame of the software
 * renderer, which draws in the window's own pixels, hands the window system
 * only the part it redrew (SDL_UpdateWindowSurfaceRects), not the whole
 * window as SDL_RenderPresent does. */
void gfx_present(Gfx *g, SDL_Window *window);
/* After a frame of screen (any number naming it) showing view (any number
 * naming what it shows: a turn, a phase) is shown: when the screen is not
 * the last frame's, lets go of the text the new one does not show, of the
 * shapes it did not draw, the fonts and SDL_image (not in a game:
 * gfx_in_game), and of the memory freed; when only the view
 * changed, of the text it does not show past half the window's pixels,
 * and of the memory freed. A whole game is one screen: its texts would
 * otherwise pile up to the text cache's bound, turn after turn. */
void gfx_shown(Gfx *g, int screen, uint32_t view);
/* Says whether a game is set up or played: from Setup to a game's end the
 * screens follow one another and each moment draws new texts and icons,
 * so the fonts at sizes and SDL_image stay while it waits (opening them
 * again took some 0.3 ms a font and 2-3 ms for SDL_image of those first
 * frames), and gfx_idle loads SDL_image ahead. */
void gfx_in_game(Gfx *g, bool in_game);
/* Called once a frame is shown and nothing moves or waits to be drawn: in
 * a game, makes ready what it will need (gfx_in_game); out of a game, lets
 * go of the fonts and SDL_image once the screen's frame is drawn (its texts
 * and icons are textures by then), and of the memory freed. */
void gfx_idle(Gfx *g);
/* Says that only motion changes the next frame (nothing else happened). */
void gfx_motion_only(Gfx *g);
/* Says that something moves in b in this frame (a card being dealt, the
 * walker): b must hold where it was and where it will be. */
void gfx_moving(Gfx *g, Box b);
void gfx_fill(Gfx *g, Box b, SDL_Color c);
/* A rectangle with rounded corners of radius r, edges smoothed. */
void gfx_round(Gfx *g, Box b, float r, SDL_Color c);
/* Its outline, t units thick. */
void gfx_round_outline(Gfx *g, Box b, float r, float t, SDL_Color c);
/* A rounded rectangle of colour fill framed by an edge t units wide of
 * colour edge (the fill's corners of radius r - t). */
void gfx_round_framed(Gfx *g, Box b, float r, float t, SDL_Color edge, SDL_Color fill);
/* Clips what is drawn to b (within any clip already set) until
 * gfx_clip_end: returns false, and clips nothing, when nothing of b is left
 * to draw in. */
typedef struct {
    SDL_Rect keep;
    bool clipped;
} GfxClip;
bool gfx_clip_begin(Gfx *g, Box b, GfxClip *saved);
void gfx_clip_end(Gfx *g, const GfxClip *saved);
/* The shadow of an opaque rounded rectangle b drawn next, drop units
 * below it: only the part that will show is drawn. */
void gfx_shadow(Gfx *g, Box b, float r, float drop, SDL_Color c);
void gfx_circle(Gfx *g, float cx, float cy, float r, SDL_Color c);
/* A line from (x1, y1) to (x2, y2), t units thick, with round ends. */
void gfx_line(Gfx *g, float x1, float y1, float x2, float y2, float t, SDL_Color c);
/* Draws icon in b, tinted c (white icons take the tint, coloured ones keep
 * their colours when c is white). */
void gfx_icon(Gfx *g, IconId icon, Box b, SDL_Color c);
/* The SVG file of icon, and the size in pixels it is drawn at in b. */
void gfx_icon_path(const Gfx *g, IconId icon, char *path, size_t size);
int gfx_icon_px(const Gfx *g, Box b);
/* Makes the icon gfx_icon would draw in b ready, not drawing it: for an
 * icon a motion will show, so that it is not made while the screen moves,
 * when its fonts and pictures may be let go (gfx_shown). */
void gfx_icon_ready(Gfx *g, IconId icon, Box b, SDL_Color c);
/* The same, turned by angle degrees about its centre. */
void gfx_icon_turned(Gfx *g, IconId icon, Box b, SDL_Color c, double angle);
/* The icon drawn in b grown by pulse about its centre (a star that
 * shines): the picture made for b, stretched, not made again each frame. */
void gfx_icon_pulsed(Gfx *g, IconId icon, Box b, SDL_Color c, float pulse);

/* Text in design units: size is the text height at 100% text size. */
enum { GFX_OVERFLOWS_NAMED = 10 };

typedef enum { VALIGN_TOP, VALIGN_MIDDLE, VALIGN_BOTTOM } VAlign;
/* Draws utf8 wrapped to b's width and placed in b. Returns its height. */
float gfx_text(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign, SDL_Color c);
/* Draws utf8 in b at the largest size up to size that fits b (shrinking
 * down to 40% of it, then wrapping). Returns the size used. */
float gfx_text_fit(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign,
                   SDL_Color c);
/* The same with its own smallest size, in design units at 100% text size
 * (cards keep 30 units: 30 px per 1080 of window). Below it only when the
 * text cannot fit otherwise. */
float gfx_text_fit_min(Gfx *g, FontId font, float size, float min_size, const char *utf8, Box b, TextAlign align,
                       VAlign valign, SDL_Color c);
/* Like gfx_text_fit, but keeps short labels on one line: shrinks to the
 * width first (down to 70%), and wraps only after that. */
float gfx_label(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign, SDL_Color c);
/* The size gfx_label would draw utf8 at in b (to give a row one size). */
float gfx_label_size(Gfx *g, FontId font, float size, const char *utf8, Box b);
/* The size utf8 takes at size, wrapped to w (0: no wrapping). */
SDL_FPoint gfx_text_size(Gfx *g, FontId font, float size, const char *utf8, float w);

/* A secondary label (an axis, a count under a bar): like gfx_text, with the
 * floor GFX_LABEL_MIN instead of GFX_READ_MIN. */
float gfx_note(Gfx *g, FontId font, float size, const char *utf8, Box b, TextAlign align, VAlign valign, SDL_Color c);

/* Starts a frame's marks (and drops those under an overlay drawn now). */
void gfx_marks_reset(Gfx *g);
void gfx_mark(Gfx *g, MarkKind kind, Box b, const char *label);
/* Checks the frame's marks: text under its floor, texts overlapping each
 * other or a control they are not in (or its focus ring), controls
 * overlapping, and anything outside the safe area. Each problem is counted
 * in g->overflows and said once on stderr (when g->report) as
 * "layout: SCREEN at WxH, text N%: ...". Returns the problems found. */
int gfx_audit(Gfx *g, const char *screen);
/* Writes the frame's marks on out: a line "layout SCREEN WxH text N%
 * smallest SIZE "TEXT"", then one line per mark: "text|control|ring|icon
 * X Y W H [SIZE] "LABEL"" in design units (also "card": a card's face,
 * checked only against the safe area). */
void gfx_marks_dump(const Gfx *g, FILE *out, const char *screen);

/* Empties the shape cache (src/ui/shapes.c); the bytes it holds now. */
void gfx_shapes_flush(Gfx *g);
/* Drops the shapes the last whole frame did not draw. */
void gfx_shapes_release_unused(Gfx *g);
size_t gfx_shapes_bytes(const Gfx *g);

SDL_Color gfx_alpha(SDL_Color c, Uint8 a);
SDL_Color gfx_mix(SDL_Color a, SDL_Color b, float t);

#endif
