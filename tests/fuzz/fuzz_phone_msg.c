/* SPDX-License-Identifier: MIT */
/* Fuzz target: a phone's message (phone_msg_parse), the only bytes a phone
 * on the network puts into the game. Whatever the bytes, the parser returns
 * a message whose every field is in range, or a sentence; and any text
 * written back as JSON (phone_json_str) is one quoted string with no raw
 * control character or markup. */
#include <string.h>

#include "fuzz.h"
#include "phone_msg.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_json(const uint8_t *data, size_t size)
{
    char text[PHONE_MSG_MAX_BYTES + 1];
    size_t n = size < PHONE_MSG_MAX_BYTES ? size : PHONE_MSG_MAX_BYTES;
    memcpy(text, data, n);
    text[n] = '\0';
    char out[8 * PHONE_MSG_MAX_BYTES];
    size_t at = 0;
    FUZZ_CHECK(phone_json_str(out, sizeof out, &at, text));
    FUZZ_CHECK(at >= 2 && out[0] == '"' && out[at - 1] == '"' && out[at] == '\0');
    for (size_t i = 1; i + 1 < at; i++) {
        unsigned char c = (unsigned char)out[i];
        FUZZ_CHECK(c >= 0x20 && c != 0x7F && c != '<');
        if (c == '"')
            FUZZ_CHECK(out[i - 1] == '\\');
        if (c == '\\')
            i++; /* the escaped character */
    }
    /* Too small a buffer: refused, and nothing written past it. */
    char small[8];
    size_t at2 = 0;
    if (!phone_json_str(small, sizeof small, &at2, text))
        FUZZ_CHECK(at2 == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PhoneMsg m;
    char err[256];
    check_json(data, size);
    if (!phone_msg_parse((const char *)data, size, &m, err, sizeof err)) {
        FUZZ_CHECK(err[0] != '\0' && strlen(err) < sizeof err);
        return 0;
    }
    FUZZ_CHECK(size <= PHONE_MSG_MAX_BYTES);
    FUZZ_CHECK((unsigned)m.type < PHONE_MSG_COUNT);
    size_t word = strlen(phone_msg_name(m.type));
    FUZZ_CHECK(size >= word && memcmp(data, phone_msg_name(m.type), word) == 0);
    size_t tlen = strlen(m.text);
    switch (m.type) {
    case PHONE_JOIN:
        FUZZ_CHECK(m.seat == 0 || m.seat == 1);
        FUZZ_CHECK(m.key[0] == '\0' || strlen(m.key) == PHONE_KEY_CHARS);
        break;
    case PHONE_NAME:
        FUZZ_CHECK(phone_text_ok(m.text, tlen, PHONE_NAME_MAX_CHARS));
        break;
    case PHONE_ANSWER:
        FUZZ_CHECK(phone_text_ok(m.text, tlen, PHONE_ANSWER_MAX_CHARS));
        break;
    case PHONE_GOAL:
        FUZZ_CHECK(m.n == 1 || m.n == 2);
        FUZZ_CHECK(phone_text_ok(m.text, tlen, PHONE_GOAL_MAX_CHARS));
        break;
    case PHONE_PICK:
        FUZZ_CHECK(m.n >= 0 && m.n <= 2);
        break;
    case PHONE_DAY:
        FUZZ_CHECK(m.n >= 0 && m.n <= 7);
        break;
    case PHONE_TIME:
        FUZZ_CHECK(m.n >= 0 && m.n <= 3);
        break;
    default:
        FUZZ_CHECK(size == word && tlen == 0);
        break;
    }
    return 0;
}
