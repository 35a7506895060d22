/* SPDX-License-Identifier: MIT */
/* Sound: three soft sounds, each synthesised when it first plays, played
 * through SDL_mixer (loaded when the first sound plays). The audio device is
 * open only while a sound plays, so an idle game does not wake; without a
 * device (or SDL_mixer) the game is simply silent. */
#ifndef TIGHTROPE_AUDIO_H
#define TIGHTROPE_AUDIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { SOUND_DEAL, SOUND_STAR, SOUND_TIMER, SOUND_COUNT } SoundId;

typedef struct Audio Audio;

/* Makes the audio, silent until a sound plays. Never fails: without memory or a device, the game is silent. */
Audio *audio_init(bool enabled);
void audio_deinit(Audio *audio);

/* Plays a sound now (opening the device if needed), unless muted. */
void audio_play(Audio *audio, SoundId sound, uint64_t now_ms);

/* Plays speech: count mono samples at rate (taken over by the audio, which
 * frees them), in place of any speech still playing, unless muted or there
 * is no device (then they are freed at once). Returns true when it plays. */
bool audio_speak(Audio *audio, int16_t *samples, size_t count, int rate, uint64_t now_ms);

/* Stops the speech playing, if any; the device closes at the next audio_idle.
 * Returns true when there was speech to stop (still playing, or not yet
 * let go by audio_idle). */
bool audio_hush(Audio *audio);

/* keep: a screen where sounds play is shown. SDL_mixer is then loaded in
 * the background (from the next audio_idle, once that screen's frame is
 * shown), before the first sound, and stays loaded from then on;
 * otherwise the sounds' samples are let go once the device is closed. */
void audio_keep(Audio *audio, bool keep);

void audio_set_enabled(Audio *audio, bool enabled);
bool audio_enabled(const Audio *audio);

/* Called after each frame is shown: closes the device once the last sound
 * has ended, and starts loading SDL_mixer when audio_keep asked for it.
 * Returns the milliseconds until it should be called again, or -1 when the
 * device is closed. */
int audio_idle(Audio *audio, uint64_t now_ms);

/* Why sound is unavailable (empty when it works or was never tried). */
const char *audio_problem(const Audio *audio);

#endif
