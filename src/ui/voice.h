/* SPDX-License-Identifier: MIT */
/* The voice that reads cards aloud: espeak-ng synthesising text into a
 * buffer of samples, in the language of the text with a matching voice.
 * No SDL here. espeak-ng keeps global state and is not thread-safe: every
 * call below must come from one thread (the speech thread, or a test). */
#ifndef TIGHTROPE_VOICE_H
#define TIGHTROPE_VOICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Speaking speeds in words per minute for the settings' slow, normal, fast. */
enum { VOICE_WPM_SLOW = 130, VOICE_WPM_NORMAL = 170, VOICE_WPM_FAST = 220 };

/* Mono signed 16-bit samples at rate per second. A zeroed struct is empty;
 * the samples are the caller's to free (voice_pcm_free). */
typedef struct {
    int16_t *samples;
    size_t count, cap;
    int rate;
} VoicePcm;

void voice_pcm_free(VoicePcm *pcm);

/* Starts espeak-ng with its installed data, producing samples in memory.
 * Returns 0, or -1 with one sentence in err (no data, no memory). */
int voice_open(char *err, size_t errlen);

/* Stops espeak-ng; voice_open may be called again. */
void voice_close(void);

/* Chooses the voice for language, a BCP 47 tag ("en", "es", "ja", "pt-BR"):
 * the language's own voice, else the voice of its first part ("pt"), else
 * English. Writes the name of the voice chosen into used. Returns true when
 * the language has a voice of its own, false when English stands in. */
bool voice_select(const char *language, char *used, size_t size);

/* Synthesises text (UTF-8) at wpm words per minute with the chosen voice,
 * appending its samples to pcm (rate set on first use). cancel, when not
 * NULL, is polled as samples come: when it returns true, synthesis stops
 * early and voice_say returns 1. Returns 0 when all was spoken, -1 without
 * memory or when espeak-ng fails. */
int voice_say(const char *text, int wpm, VoicePcm *pcm, bool (*cancel)(void *), void *cancel_data);

/* Appends ms milliseconds of silence to pcm (a pause between two cards).
 * Returns 0 or -1 without memory. */
int voice_pause(VoicePcm *pcm, int ms);

#endif
