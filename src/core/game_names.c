/* SPDX-License-Identifier: MIT */
/* The engine's names: its error messages, and the short English names of
 * phases, actions and needs that saves, traces and the command line use. */
#include "game_private.h"

#include <string.h>

static const char *const error_messages[GAME_ERROR_COUNT] = {
#define GAME_ERROR_MESSAGE(code, message) [code] = message,
    GAME_ERROR_LIST(GAME_ERROR_MESSAGE)
#undef GAME_ERROR_MESSAGE
};

const char *game_error_message(GameError error)
{
    return (unsigned)error < GAME_ERROR_COUNT ? error_messages[error] : "unknown error";
}

const char *game_phase_name(GamePhase phase)
{
    static const char *const names[PHASE_COUNT] = {
        "sharing", "plan-pick", "plan-day", "plan-time", "solo-pick",
        "solo-day", "support-pick", "rebalance", "over",
    };
    return (unsigned)phase < PHASE_COUNT ? names[phase] : "?";
}

const char *game_action_name(ActionType type)
{
    static const char *const names[ACTION_COUNT] = {"done", "pass", "pick", "redraw", "day", "time", "custom", "skip",
                                                      "keep"};
    return (unsigned)type < ACTION_COUNT ? names[type] : "?";
}

const char *game_need_name(Need need)
{
    static const char *const names[NEED_COUNT] = {"balanced", "closer", "space"};
    return (unsigned)need < NEED_COUNT ? names[need] : "?";
}

bool game_need_parse(const char *name, Need *out)
{
    for (int i = 0; i < NEED_COUNT; i++) {
        if (name && strcmp(name, game_need_name((Need)i)) == 0) {
            *out = (Need)i;
            return true;
        }
    }
    return false;
}
