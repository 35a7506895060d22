/* SPDX-License-Identifier: MIT */
/* Sound: three soft sounds, each synthesised when first played, mixed on
 * SDL's audio device. The device is open only while a sound plays, so an
 * idle game does not wake; without a device the game is simply silent. */
#ifndef TIGHTROPE_AUDIO_H
#define TIGHTROPE_AUDIO_H

#include <stdbool.h>
#include <stdint.h>

typedef enum { SOUND_DEAL, SOUND_STAR, SOUND_TIMER, SOUND_COUNT } SoundId;

typedef struct Audio Audio;

/* Starts the sound (the sounds are made when first played). Never fails:
 * without memory or a device, the game is silent. */
Audio *audio_init(bool enabled);
void audio_deinit(Audio *audio);

/* Plays a sound now (opening the device if needed), unless muted. */
void audio_play(Audio *audio, SoundId sound, uint64_t now_ms);

void audio_set_enabled(Audio *audio, bool enabled);
bool audio_enabled(const Audio *audio);

/* Closes the device once the last sound has ended. Returns the milliseconds
 * until it should be called again, or -1 when the device is closed. */
int audio_idle(Audio *audio, uint64_t now_ms);

/* Why sound is unavailable (empty when it works or was never tried). */
const char *audio_problem(const Audio *audio);

#endif
