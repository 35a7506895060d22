/* SPDX-License-Identifier: MIT */
/* The edge between SDL's events and the game's Inputs. */
#include "input.h"

#include <string.h>

enum { STICK_ON = 20000, STICK_OFF = 12000 };

void input_init(InputState *in)
{
    memset(in, 0, sizeof *in);
    for (int i = 0; i < INPUT_PADS; i++)
        in->ids[i] = -1;
}

void input_deinit(InputState *in)
{
    for (int i = 0; i < INPUT_PADS; i++)
        if (in->pads[i])
            SDL_GameControllerClose(in->pads[i]);
    input_init(in);
}

void input_pointer_reset(InputState *in)
{
    in->pointer_known = false;
}

int input_pads(const InputState *in)
{
    int n = 0;
    for (int i = 0; i < INPUT_PADS; i++)
        n += in->pads[i] != NULL;
    return n;
}

static void pad_added(InputState *in, int device)
{
    if (!SDL_IsGameController(device))
        return;
    for (int i = 0; i < INPUT_PADS; i++) {
        if (in->pads[i])
            continue;
        in->pads[i] = SDL_GameControllerOpen(device);
        if (in->pads[i])
            in->ids[i] = SDL_JoystickInstanceID(SDL_GameControllerGetJoystick(in->pads[i]));
        return;
    }
}

static void pad_removed(InputState *in, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_PADS; i++) {
        if (in->pads[i] && in->ids[i] == id) {
            SDL_GameControllerClose(in->pads[i]);
            in->pads[i] = NULL;
            in->ids[i] = -1;
            in->stick_dir[i] = 0;
        }
    }
}

static int pad_index(const InputState *in, SDL_JoystickID id)
{
    for (int i = 0; i < INPUT_PADS; i++)
        if (in->pads[i] && in->ids[i] == id)
            return i;
    return -1;
}

static bool key(const SDL_KeyboardEvent *k, bool typing, Input *out)
{
    SDL_Keycode sym = k->keysym.sym;
    switch (sym) {
    case SDLK_UP:
        out->type = IN_UP;
        return true;
    case SDLK_DOWN:
        out->type = IN_DOWN;
        return true;
    case SDLK_LEFT:
        out->type = IN_LEFT;
        return true;
    case SDLK_RIGHT:
        out->type = IN_RIGHT;
        return true;
    case SDLK_TAB:
        out->type = (k->keysym.mod & KMOD_SHIFT) ? IN_PREV : IN_NEXT;
        return true;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        out->type = IN_CHOOSE;
        return true;
    case SDLK_SPACE:
        out->type = IN_CHOOSE;
        return !typing;
    case SDLK_ESCAPE:
        out->type = IN_BACK;
        return true;
    case SDLK_F11:
        out->type = IN_FULLSCREEN;
        return true;
    case SDLK_m:
        out->type = IN_MUTE;
        return !typing;
    case SDLK_r:
        out->type = IN_REPEAT;
        return !typing;
    case SDLK_s:
        out->type = IN_HUSH;
        return !typing;
    case SDLK_k:
        out->type = IN_KEEP;
        return !typing;
    case SDLK_BACKSPACE:
        out->type = IN_ERASE;
        return typing;
    case SDLK_DELETE:
        out->type = IN_DELETE;
        return typing;
    case SDLK_HOME:
        out->type = IN_HOME;
        return typing;
    case SDLK_END:
        out->type = IN_END;
        return typing;
    default:
        return false;
    }
}

static bool button(int b, Input *out)
{
    switch (b) {
    case SDL_CONTROLLER_BUTTON_DPAD_UP:
        out->type = IN_UP;
        return true;
    case SDL_CONTROLLER_BUTTON_DPAD_DOWN:
        out->type = IN_DOWN;
        return true;
    case SDL_CONTROLLER_BUTTON_DPAD_LEFT:
        out->type = IN_LEFT;
        return true;
    case SDL_CONTROLLER_BUTTON_DPAD_RIGHT:
        out->type = IN_RIGHT;
        return true;
    case SDL_CONTROLLER_BUTTON_A:
        out->type = IN_CHOOSE;
        return true;
    case SDL_CONTROLLER_BUTTON_B:
        out->type = IN_BACK;
        return true;
    case SDL_CONTROLLER_BUTTON_START:
        out->type = IN_PAUSE;
        return true;
    case SDL_CONTROLLER_BUTTON_Y:
        out->type = IN_REPEAT;
        return true;
    case SDL_CONTROLLER_BUTTON_X:
        out->type = IN_HUSH;
        return true;
    case SDL_CONTROLLER_BUTTON_LEFTSHOULDER:
        out->type = IN_KEEP;
        return true;
    default:
        return false;
    }
}

/* The left stick acts like the D-pad: one step each time it is pushed past
 * a threshold, and again only after it comes back. */
static bool stick(InputState *in, const SDL_ControllerAxisEvent *a, Input *out)
{
    int p = pad_index(in, a->which);
    if (p < 0 || (a->axis != SDL_CONTROLLER_AXIS_LEFTX && a->axis != SDL_CONTROLLER_AXIS_LEFTY))
        return false;
    bool x = a->axis == SDL_CONTROLLER_AXIS_LEFTX;
    int dir = 0;
    if (a->value > STICK_ON)
        dir = x ? IN_RIGHT : IN_DOWN;
    else if (a->value < -STICK_ON)
        dir = x ? IN_LEFT : IN_UP;
    int mine = x ? (in->stick_dir[p] == IN_LEFT || in->stick_dir[p] == IN_RIGHT)
                 : (in->stick_dir[p] == IN_UP || in->stick_dir[p] == IN_DOWN);
    if (dir == 0) {
        if (mine && a->value > -STICK_OFF && a->value < STICK_OFF)
            in->stick_dir[p] = 0;
        return false;
    }
    if (in->stick_dir[p] == dir)
        return false;
    in->stick_dir[p] = dir;
    out->type = (InputType)dir;
    return true;
}

bool input_translate(InputState *in, const SDL_Event *ev, const Gfx *g, bool typing, Input *out)
{
    memset(out, 0, sizeof *out);
    switch (ev->type) {
    case SDL_KEYDOWN:
        return key(&ev->key, typing, out);
    case SDL_TEXTINPUT:
        if (!typing)
            return false;
        out->type = IN_TEXT;
        SDL_strlcpy(out->text, ev->text.text, sizeof out->text);
        return true;
    case SDL_MOUSEMOTION: {
        /* SDL reports where the pointer is when the window appears (under X11
         * at once, without the pointer moving), and again after a resize:
         * hover takes the focus only once the pointer has really moved. */
        bool moved = in->pointer_known && (ev->motion.x != in->pointer_x || ev->motion.y != in->pointer_y);
        in->pointer_known = true;
        in->pointer_x = ev->motion.x;
        in->pointer_y = ev->motion.y;
        if (!moved)
            return false;
        SDL_FPoint p = gfx_from_px(g, ev->motion.x, ev->motion.y);
        *out = (Input){.type = IN_POINT, .x = p.x, .y = p.y};
        return true;
    }
    case SDL_MOUSEBUTTONDOWN: {
        if (ev->button.button != SDL_BUTTON_LEFT)
            return false;
        SDL_FPoint p = gfx_from_px(g, ev->button.x, ev->button.y);
        *out = (Input){.type = IN_CLICK, .x = p.x, .y = p.y};
        return true;
    }
    case SDL_MOUSEWHEEL: {
        int y = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y;
        if (y == 0)
            return false;
        *out = (Input){.type = IN_SCROLL, .y = (float)y};
        return true;
    }
    case SDL_CONTROLLERDEVICEADDED:
        pad_added(in, ev->cdevice.which);
        return false;
    case SDL_CONTROLLERDEVICEREMOVED:
        pad_removed(in, ev->cdevice.which);
        return false;
    case SDL_CONTROLLERBUTTONDOWN:
        if (pad_index(in, ev->cbutton.which) < 0)
            return false;
        out->from_pad = true;
        return button(ev->cbutton.button, out);
    case SDL_CONTROLLERAXISMOTION:
        out->from_pad = true;
        return stick(in, &ev->caxis, out);
    default:
        return false;
    }
}
