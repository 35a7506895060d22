/* SPDX-License-Identifier: MIT */
/* Which cards are read aloud and how; see reading.h. */
#include "reading.h"

#include <stdio.h>
#include <string.h>

#include "screens.h"
#include "speech.h"

static int words_per_minute(SettingsSpeed speed)
{
    return speed == SETTINGS_SPEED_SLOW ? VOICE_WPM_SLOW : speed == SETTINGS_SPEED_FAST ? VOICE_WPM_FAST
                                                                                          : VOICE_WPM_NORMAL;
}

/* One card, after the name of its reader, in its deck's language (the card
 * language of the settings when no deck in play has it). */
static void card_line(const App *app, const GameCard *card, SpeechLine *line)
{
    const Deck *deck = app_deck_of(app, card->kind, card->text);
    if (deck && deck->language)
        snprintf(line->language, sizeof line->language, "%s", deck->language);
    else
        settings_card_language(&app->settings, line->language, sizeof line->language);
    snprintf(line->text, sizeof line->text, "%s: %s", app->play.view.names[app->play.view.turn & 1], card->text);
}

/* Reads the cards on the table: those to act on or pick from, else the
 * plan or goal being made. Returns how many. */
static int read_table(App *app)
{
    const GameView *v = &app->play.view;
    if (!app->play.game || !app->settings.sound || v->phase == PHASE_OVER)
        return 0;
    SpeechLine lines[SPEECH_LINES];
    int n = 0;
    for (int i = 0; i < v->card_count && n < SPEECH_LINES; i++)
        card_line(app, &v->cards[i], &lines[n++]);
    if (n == 0 && v->has_held)
        card_line(app, &v->held, &lines[n++]);
    if (n == 0)
        return 0;
    if (!app->speech)
        app->speech = speech_init();
    if (!speech_say(app->speech, lines, n, words_per_minute(app->settings.speech_speed)))
        return 0;
    return n;
}

void reading_dealt(App *app)
{
    if (!app->settings.read_aloud || read_table(app) == 0 || !app->scripted)
        return;
    /* The script's trace: what was dealt, to be matched with what is spoken. */
    for (int i = 0; i < app->play.view.card_count && i < SPEECH_LINES; i++)
        printf("dealt: %s\n", app->play.view.cards[i].text);
    fflush(stdout);
}

void reading_repeat(App *app)
{
    if (app->screen == SCREEN_PLAY && !app->paused)
        read_table(app);
}

void reading_stop(App *app)
{
    speech_cancel(app->speech);
    if (audio_hush(app->audio) && app->scripted) {
        printf("hushed\n"); /* the script's trace */
        fflush(stdout);
    }
}

static void play_ready(App *app)
{
    SpeechSound sound;
    if (!speech_take(app->speech, &sound))
        return;
    if (!audio_speak(app->audio, sound.pcm.samples, sound.pcm.count, sound.pcm.rate, app->now) || !app->scripted)
        return;
    /* The script's trace: each line as the audio got it, and its voice. */
    for (int i = 0; i < sound.count; i++)
        printf("spoken %s: %s\n", sound.voices[i], sound.lines[i].text);
    fflush(stdout);
}

bool reading_event(App *app, const SDL_Event *ev)
{
    if (!speech_is_event(app->speech, ev))
        return false;
    play_ready(app);
    return true;
}

void reading_settle(App *app)
{
    if (!app->speech)
        return;
    speech_settle(app->speech);
    play_ready(app);
}

void reading_deinit(App *app)
{
    speech_deinit(app->speech);
    app->speech = NULL;
}
