/* SPDX-License-Identifier: MIT */
/* Reading cards aloud without holding up the game: a thread of its own
 * synthesises the lines (voice.c) and tells the loop by an SDL event when
 * their sound is ready, which the loop then plays through audio.c. The
 * thread is started on the first line asked for and sleeps on a condition
 * variable between requests, so an idle game stays idle. */
#ifndef TIGHTROPE_SPEECH_H
#define TIGHTROPE_SPEECH_H

#include <stdbool.h>
#include <stddef.h>

#include <SDL.h>

#include "voice.h"

enum { SPEECH_LINES = 8, SPEECH_LINE_MAX = 1024 };

/* One line to say in a language (a BCP 47 tag). */
typedef struct {
    char language[16];
    char text[SPEECH_LINE_MAX];
} SpeechLine;

/* What the thread made: the sound of every line, in order, and the voices
 * that said them. */
typedef struct {
    VoicePcm pcm;
    SpeechLine lines[SPEECH_LINES];
    char voices[SPEECH_LINES][16];
    int count;
} SpeechSound;

typedef struct Speech Speech;

/* Makes the reader; its thread starts with the first speech_say. Returns
 * NULL without memory or threads (then nothing is read aloud). */
Speech *speech_init(void);
/* Stops the thread (cutting short what it synthesises) and frees all. */
void speech_deinit(Speech *speech);

/* Says lines (at most SPEECH_LINES, copied) at wpm words per minute, in
 * place of anything still being synthesised. Returns false when the thread
 * cannot start. */
bool speech_say(Speech *speech, const SpeechLine *lines, int count, int wpm);

/* Forgets what is being synthesised or waits to be taken. */
void speech_cancel(Speech *speech);

/* True when ev is the thread's "sound ready". */
bool speech_is_event(const Speech *speech, const SDL_Event *ev);

/* Takes the sound ready, if any, into *out (its pcm is the caller's to
 * free). Returns false when there is none. */
bool speech_take(Speech *speech, SpeechSound *out);

/* Waits until the thread has nothing left to do (scripted runs only, so
 * that what is spoken follows the script deterministically). */
void speech_settle(Speech *speech);

/* Why cards cannot be read aloud, into out: "" while they can. */
void speech_problem(Speech *speech, char *out, size_t size);

#endif
