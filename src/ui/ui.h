/* SPDX-License-Identifier: MIT */
/* Widgets, immediate-mode: a screen declares its buttons and fields in one
 * function that runs three times per input (lay out, act, draw), so focus,
 * navigation and clicks work the same on every screen. */
#ifndef TIGHTROPE_UI_H
#define TIGHTROPE_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "gfx.h"

enum { UI_MAX_WIDGETS = 96 };

/* What the player did, whatever the device: the edge turns SDL events into these. */
typedef enum {
    IN_NONE,
    IN_UP,
    IN_DOWN,
    IN_LEFT,
    IN_RIGHT,
    IN_NEXT,    /* Tab */
    IN_PREV,    /* Shift+Tab */
    IN_CHOOSE,  /* Enter, Space, gamepad A */
    IN_BACK,    /* Escape, gamepad B */
    IN_PAUSE,   /* Escape in play, gamepad Start */
    IN_FULLSCREEN,
    IN_MUTE,
    IN_TEXT,    /* typed text, in Input.text */
    IN_ERASE,   /* Backspace */
    IN_CLICK,   /* at Input.x, Input.y (design units) */
    IN_POINT,   /* the pointer moved to x, y */
    IN_SCROLL,  /* the mouse wheel: y notches, negative down (toward you) */
    IN_HOME,    /* Home, End and Delete: in a text field */
    IN_END,
    IN_DELETE,
    IN_REPEAT,  /* R, gamepad Y: read the cards aloud again */
    IN_HUSH,    /* S, gamepad X: stop reading aloud */
    IN_KEEP,    /* K, gamepad left shoulder: keep the sharing card for later */
} InputType;

typedef struct {
    InputType type;
    float x, y;
    char text[32];
    bool from_pad; /* a gamepad: text fields open the on-screen keyboard */
} Input;

typedef enum { UI_LAYOUT, UI_ACT, UI_DRAW } UiPass;

enum {
    UI_PRIMARY = 1 << 0,  /* takes the focus when the screen opens */
    UI_DISABLED = 1 << 1, /* drawn dimmed, never focused */
    UI_SELECTED = 1 << 2, /* an option that is on */
    UI_QUIET = 1 << 3,    /* a secondary button: no fill until focused */
    UI_HIDDEN = 1 << 4,   /* scrolled out of view: leads the arrows there, is not drawn */
    UI_FIELD = 1 << 8,    /* a text field (set by ui_field) */
};

typedef struct {
    Box box;
    int flags;
    char text[64]; /* a button's label or a field's text, cut short: for the trace */
} Widget;

typedef struct {
    Gfx *g;
    UiPass pass;
    Input input;          /* the input being handled (ACT pass) */
    Widget widgets[UI_MAX_WIDGETS];
    int count;            /* widgets declared so far this pass */
    int focus;            /* index of the focused widget, -1 for none */
    int primary;          /* index of this pass's primary widget, -1 */
    int activate;         /* the widget to activate in the ACT pass, -1 */
    bool reset_focus;     /* give the focus to the primary widget next */
    bool blocked;         /* widgets declared now are drawn, not focusable */
    bool keyboard_open;   /* the on-screen keyboard is up for the focused field */
    bool osk_shift;       /* its Shift key is down: letters are capitals */
    int osk_key;          /* its focused key */
    bool changed;         /* the ACT pass changed something: redraw */
    bool sideways;        /* the screen takes ← and → itself (it turns pages); set each pass */
    bool pad_last;        /* the last input (a pointer move aside) came from a gamepad */
    bool restore;         /* give the focus to the widget at restore_box next */
    Box restore_box;
    int cursor;           /* the text cursor (a byte offset) in the field cursor_widget */
    int cursor_widget;    /* -1: the cursor goes to the end of the next field focused */
    float now;            /* seconds, for focus pulse and animation */
} Ui;

void ui_init(Ui *ui, Gfx *g);

/* Starts a pass: widgets are declared again from index 0. */
void ui_begin(Ui *ui, UiPass pass);
/* Ends a pass; after UI_LAYOUT, a pending focus reset is applied. */
void ui_end(Ui *ui);

/* Moves the focus or picks the widget to activate for input, using the
 * widgets of the last UI_LAYOUT pass. Returns true when the ACT pass must
 * run (something may be activated or typed). */
bool ui_route(Ui *ui, const Input *input);

/* Asks for the primary widget to take the focus (a new screen or moment). */
void ui_focus_primary(Ui *ui);

/* Asks for the widget declared with box b to take the focus after the next
 * layout (the one a player comes back to); the primary one if there is none. */
void ui_focus_box(Ui *ui, Box b);

/* The focused widget's box; false when nothing has the focus. */
bool ui_focused_box(const Ui *ui, Box *b);
/* The focused widget's index, or -1 while a new screen's focus is still to
 * be given (the index left from the screen before means nothing here). */
int ui_focus_settled(const Ui *ui);

/* Declares a focusable area. Returns true in the ACT pass when it is
 * activated. *focused (may be NULL) tells whether it has the focus. */
bool ui_area(Ui *ui, Box b, int flags, bool *focused);

/* A button with a label: drawn in the DRAW pass; true when activated. */
bool ui_button(Ui *ui, Box b, const char *label, int flags);

/* The same with the label's text size given (0: the button's own), so a
 * row of buttons can share one size. */
bool ui_button_sized(Ui *ui, Box b, const char *label, int flags, float size);

/* The text size a button's label takes in b on its own. */
float ui_label_size(Ui *ui, Box b, const char *label);

/* A one-line text field editing buf (UTF-8, at most max_chars characters).
 * Typing goes to it while it has the focus; a gamepad opens the on-screen
 * keyboard. Returns true when the player presses Enter in it. */
bool ui_field(Ui *ui, Box b, char *buf, size_t cap, int max_chars, const char *placeholder, int flags);

/* Draws the focus ring around b: call before drawing what b holds. */
void ui_draw_focus(Ui *ui, Box b, float radius);

/* Draws the on-screen keyboard when it is open; call last in a frame. */
void ui_keyboard(Ui *ui);

/* True when the focused widget is a text field taking typed keys. */
bool ui_typing(const Ui *ui);

/* Characters (code points) in a UTF-8 string. */
int ui_chars(const char *s);

#endif
