/* SPDX-License-Identifier: MIT */
/* A phone's messages (src/core/phone_msg.c): each word with its exact
 * fields, every kind of refusal with its sentence, and the JSON strings the
 * game writes back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <string.h>

#include "phone_msg.h"

static PhoneMsg ok(const char *text)
{
    PhoneMsg m;
    char err[256];
    if (!phone_msg_parse(text, strlen(text), &m, err, sizeof err))
        print_message("refused '%s': %s\n", text, err);
    assert_true(phone_msg_parse(text, strlen(text), &m, err, sizeof err));
    assert_string_equal(err, "");
    return m;
}

static void refused(const char *text, size_t len, const char *why)
{
    PhoneMsg m;
    char err[256];
    assert_false(phone_msg_parse(text, len, &m, err, sizeof err));
    assert_string_equal(err, why);
}

static void test_each_message(void **state)
{
    (void)state;
    PhoneMsg m = ok("join 1");
    assert_int_equal(m.type, PHONE_JOIN);
    assert_int_equal(m.seat, 0);
    assert_string_equal(m.key, "");
    m = ok("join 2 0123456789abcdef");
    assert_int_equal(m.seat, 1);
    assert_string_equal(m.key, "0123456789abcdef");
    m = ok("name 美咲");
    assert_int_equal(m.type, PHONE_NAME);
    assert_string_equal(m.text, "美咲");
    assert_int_equal(ok("new").type, PHONE_NEW);
    assert_int_equal(ok("start").type, PHONE_START);
    assert_int_equal(ok("done").type, PHONE_DONE);
    assert_int_equal(ok("pass").type, PHONE_PASS);
    assert_int_equal(ok("redraw").type, PHONE_REDRAW);
    assert_int_equal(ok("skip").type, PHONE_SKIP);
    assert_int_equal(ok("keep").type, PHONE_KEEP);
    assert_int_equal(ok("keepgoal").type, PHONE_KEEP_GOAL);
    assert_int_equal(ok("ping").type, PHONE_PING);
    m = ok("pick 2");
    assert_int_equal(m.type, PHONE_PICK);
    assert_int_equal(m.n, 2);
    m = ok("day 7");
    assert_int_equal(m.type, PHONE_DAY);
    assert_int_equal(m.n, 7);
    m = ok("time 0");
    assert_int_equal(m.type, PHONE_TIME);
    assert_int_equal(m.n, 0);
    m = ok("goal out Ir al mercado del sábado");
    assert_int_equal(m.type, PHONE_GOAL);
    assert_int_equal(m.n, 2);
    assert_string_equal(m.text, "Ir al mercado del sábado");
    m = ok("goal home Bake bread");
    assert_int_equal(m.n, 1);
    m = ok("answer The kettle, at seven");
    assert_int_equal(m.type, PHONE_ANSWER);
    assert_string_equal(m.text, "The kettle, at seven");
}

static void test_refusals(void **state)
{
    (void)state;
    refused("hello", 5, "That is not a message the game knows.");
    refused("Done", 4, "That is not a message the game knows.");
    refused("done\n", 5, "That is not a message the game knows.");
    refused("done now", 8, "That message takes nothing after its word.");
    refused("join 3", 6, "Join as partner 1 or 2.");
    refused("join 1 0123", 11, "That seat key is not one this game gave.");
    refused("join 1 0123456789ABCDEF", 23, "That seat key is not one this game gave.");
    refused("pick 3", 6, "Pick a card shown: 0, 1 or 2.");
    refused("pick -1", 7, "Pick a card shown: 0, 1 or 2.");
    refused("day 8", 5, "A day is 0 to 7.");
    refused("day 10", 6, "A day is 0 to 7.");
    refused("time 4", 6, "A time is 0 to 3.");
    refused("goal moon Walk", 14, "Say where the goal happens: at home or out.");
    refused("name ", 5, "A name needs 1 to 40 characters of text without line breaks or control characters.");
    refused("name a\tb", 8, "A name needs 1 to 40 characters of text without line breaks or control characters.");
    refused("name \xE2\x80\xA8", 8, "A name needs 1 to 40 characters of text without line breaks or control characters.");
    refused("answer \xff", 8, "An answer needs 1 to 200 characters of text without line breaks or control characters.");
    refused("done\0", 5, "That is not a message the game knows.");
    /* 41 characters: one too many for a name; 40 is fine. */
    char name[64] = "name ";
    memset(name + 5, 'a', 41);
    name[46] = '\0';
    refused(name, 46, "A name needs 1 to 40 characters of text without line breaks or control characters.");
    name[45] = '\0';
    assert_string_equal(ok(name).text, name + 5);
    char big[PHONE_MSG_MAX_BYTES + 2];
    memset(big, 'x', sizeof big);
    memcpy(big, "answer ", 7);
    refused(big, PHONE_MSG_MAX_BYTES + 1, "The message is too long.");
}

static void test_json_strings(void **state)
{
    (void)state;
    char out[64];
    size_t at = 0;
    assert_true(phone_json_str(out, sizeof out, &at, "a\"b\\c\n<d>\x01"));
    assert_string_equal(out, "\"a\\\"b\\\\c\\u000a\\u003cd>\\u0001\"");
    assert_int_equal(at, strlen(out));
    /* Appended after what is there. */
    memcpy(out, "{\"k\":", 5);
    at = 5;
    assert_true(phone_json_str(out, sizeof out, &at, "é"));
    assert_string_equal(out, "{\"k\":\"é\"");
    char small[6];
    at = 0;
    assert_false(phone_json_str(small, sizeof small, &at, "abcdef"));
    assert_int_equal(at, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_message),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_json_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
