/* SPDX-License-Identifier: MIT */
/* Fuzz target: the --script parser (script_parse). Whatever the bytes, it
 * returns every command in range or one error naming its line. */
#include <string.h>

#include "fuzz.h"
#include "script.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Script script;
    char err[512];
    err[0] = '\0';
    if (script_parse((const char *)data, size, &script, err, sizeof err) != 0) {
        /* "LINE: error: ..." */
        FUZZ_CHECK(err[0] >= '1' && err[0] <= '9' && strstr(err, ": error: "));
        FUZZ_CHECK(script.count == 0 && script.commands == NULL);
        return 0;
    }
    int line = 0;
    for (size_t i = 0; i < script.count; i++) {
        const ScriptCommand *c = &script.commands[i];
        FUZZ_CHECK(c->line > line);
        line = c->line;
        switch (c->op) {
        case SCRIPT_KEY:
        case SCRIPT_SCREENSHOT:
        case SCRIPT_DROP:
        case SCRIPT_TEXT:
            FUZZ_CHECK(c->arg && c->arg[0] && strlen(c->arg) <= SCRIPT_LINE_MAX);
            break;
        case SCRIPT_PAD:
            FUZZ_CHECK(c->arg && c->arg[0] && c->n >= 1 && c->n <= 2);
            break;
        case SCRIPT_UNPLUG:
            FUZZ_CHECK(c->n >= 1 && c->n <= 2);
            break;
        case SCRIPT_CLICK:
        case SCRIPT_MOVE:
            FUZZ_CHECK(c->x >= 0 && c->x <= 1 && c->y >= 0 && c->y <= 1);
            break;
        case SCRIPT_WAIT:
            FUZZ_CHECK(c->n >= 0 && c->n <= SCRIPT_WAIT_MAX_MS);
            break;
        case SCRIPT_RESIZE:
            FUZZ_CHECK(c->n >= 1 && c->n <= SCRIPT_SIZE_MAX && c->m >= 1 && c->m <= SCRIPT_SIZE_MAX);
            break;
        case SCRIPT_WHEEL:
            FUZZ_CHECK(c->n != 0 && c->n >= -SCRIPT_WHEEL_MAX && c->n <= SCRIPT_WHEEL_MAX);
            break;
        case SCRIPT_DAYS:
            FUZZ_CHECK(c->n >= 1 && c->n <= SCRIPT_DAYS_MAX);
            break;
        case SCRIPT_QUIT:
        case SCRIPT_LAYOUT:
            break;
        default:
            FUZZ_CHECK(!"an unknown command was returned");
        }
    }
    script_free(&script);
    return 0;
}
