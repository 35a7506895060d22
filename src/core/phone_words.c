/* SPDX-License-Identifier: MIT */
/* The phone page's words, through the catalogue (see phone_words.h).
 * tests/test_po.sh checks that every t('...') of assets/phone/phone.js is
 * here, and that every phrase here is on the page. */
#include "phone_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "phone_msg.h"

/* TRANSLATORS: the phone page's words. {n}, {name}, {round}, {rounds},
   {a} and {b} are filled in on the phone; keep them as they are. */
const char *const phone_words[] = {
    N_("Connecting to the game…"),
    N_("Join the game"),
    N_("Type the code the TV shows under Settings, Phones."),
    N_("Code"),
    N_("Join"),
    N_("The code has 8 letters and digits."),
    N_("Who are you?"),
    N_("Each of you joins from your own phone."),
    N_("Player {n}"),
    N_("The game did not let this phone in. Check the code on the TV and type it again."),
    N_("Connection lost. Reconnecting…"),
    N_("Connection lost. Reconnecting."),
    N_("Try again"),
    N_("Both answers"),
    N_("Both answers are on the TV."),
    N_("Your answer is in. Waiting for {name}."),
    N_("Ask {name} the follow-up, then answer the card too."),
    N_("Ask {name} the follow-up."),
    N_("{name} asks you a follow-up."),
    N_("Now you: say more about your answer."),
    N_("{name} says more about their answer now."),
    N_("Now you: answer the same card."),
    N_("{name} answers the same card now."),
    N_("Follow-up question"),
    N_("Your private answer"),
    N_("Send my answer"),
    N_("Nobody sees it until you have both answered."),
    N_("Pass"),
    N_("Come back to this"),
    N_("Kept for later"),
    N_("Done"),
    N_("…or write your own goal"),
    N_("Keep it: at home"),
    N_("Keep it: out"),
    N_("Write your goal first."),
    N_("Sharing"),
    N_("Planning"),
    N_("Solo goals"),
    N_("Solo goal"),
    N_("Support"),
    N_("Rebalance"),
    N_("Round {round} of {rounds}"),
    N_("{n} star"),
    N_("{n} stars"),
    N_("Together: either of you can choose."),
    N_("Your turn."),
    N_("{name}’s turn."),
    N_("Pick one together"),
    N_("New ideas ({n} left)"),
    N_("Which day?"),
    N_("What time of day?"),
    N_("Morning"),
    N_("Afternoon"),
    N_("Evening"),
    N_("Any time"),
    N_("Keep a goal of your own this week"),
    N_("One goal of your own this week"),
    N_("Your goal, {day}:"),
    N_("Keep my goal"),
    N_("Or swap it for one of these"),
    N_("…or write a new goal of your own"),
    N_("How will you back {name}’s goal?"),
    N_("A new game"),
    N_("Your name"),
    N_("Save my name"),
    N_("Playing: {a} and {b}."),
    N_("Start the game"),
    N_("A new game is being set up."),
    N_("You are {name}"),
    N_("The TV is on its first screen."),
    N_("New game"),
    N_("The game is over"),
    N_("Your week is on the TV. Well played, both of you."),
    N_("The game is over. Your week is on the TV."),
    N_("Look at the TV: the game will be back here in a moment."),
    N_("Pick one to do together now"),
    N_("Not now"),
    N_("Your stars and the rope’s path are on the TV."),
    N_("See our week"),
    N_("The game is over. Your stars and the rope’s path are on the TV."),
};
const size_t phone_words_count = sizeof phone_words / sizeof *phone_words;

char *phone_words_json(void)
{
    /* Room for every byte escaped ("\u003c"), and the punctuation. */
    size_t size = 64;
    for (size_t i = 0; i < phone_words_count; i++)
        size += 6 * (strlen(phone_words[i]) + strlen(_(phone_words[i]))) + 8;
    char *out = malloc(size);
    if (!out)
        return NULL;
    size_t at = (size_t)snprintf(out, size, "{\"lang\":");
    bool ok = phone_json_str(out, size, &at, i18n_language());
    at += (size_t)snprintf(out + at, size - at, ",\"words\":{");
    for (size_t i = 0; ok && i < phone_words_count; i++) {
        if (i)
            out[at++] = ',';
        ok = phone_json_str(out, size, &at, phone_words[i]);
        out[at++] = ':';
        ok = ok && phone_json_str(out, size, &at, _(phone_words[i]));
    }
    if (!ok) {
        free(out);
        return NULL;
    }
    snprintf(out + at, size - at, "}}");
    return out;
}
