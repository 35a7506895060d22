/* SPDX-License-Identifier: MIT */
/* Sound: synthesised chunks, and a device opened only while one plays. */
#include "audio.h"
#include "i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

enum { RATE = 44100 };

#define TAU 6.283185307179586

struct Audio {
    bool enabled, open, failed;
    Sint16 *pcm[SOUND_COUNT];
    Uint32 bytes[SOUND_COUNT];
    Mix_Chunk *chunks[SOUND_COUNT];
    Sint16 *speech;       /* the card being read aloud, at RATE */
    Mix_Chunk *speech_chunk;
    int speech_channel;   /* -1 when none plays */
    uint64_t busy_until;
    char problem[256];
};

/* A bell: a few partials with an exponential decay. */
static void bell(Sint16 *out, int n, int at, double freq, double seconds, double gain)
{
    int len = (int)(seconds * RATE);
    for (int i = 0; i < len && at + i < n; i++) {
        double t = (double)i / RATE;
        double env = exp(-t * 5.0 / seconds) * (i < 200 ? i / 200.0 : 1.0);
        double v = sin(TAU * freq * t) + 0.35 * sin(TAU * freq * 2.0 * t) + 0.12 * sin(TAU * freq * 3.01 * t);
        int s = out[at + i] + (int)(v * env * gain * 9000);
        out[at + i] = (Sint16)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    }
}

/* A soft card-on-felt brush: low-passed noise with a short swell. */
static void brush(Sint16 *out, int n)
{
    unsigned state = 12345u;
    double low = 0;
    for (int i = 0; i < n; i++) {
        state = state * 1103515245u + 12345u;
        double noise = ((state >> 16) & 0x7FFF) / 16384.0 - 1.0;
        low += 0.12 * (noise - low);
        double t = (double)i / n;
        double env = sin(TAU / 2 * t) * (1.0 - t);
        out[i] = (Sint16)(low * env * 7000);
    }
}

static void make(Audio *a, SoundId id, double seconds)
{
    int n = (int)(seconds * RATE);
    a->pcm[id] = calloc((size_t)n, sizeof(Sint16));
    if (!a->pcm[id])
        return;
    a->bytes[id] = (Uint32)(n * (int)sizeof(Sint16));
    switch (id) {
    case SOUND_DEAL:
        brush(a->pcm[id], n);
        break;
    case SOUND_STAR:
        bell(a->pcm[id], n, 0, 880.0, 0.6, 0.8);
        bell(a->pcm[id], n, RATE / 8, 1318.5, 0.7, 0.7);
        break;
    case SOUND_TIMER:
        bell(a->pcm[id], n, 0, 659.3, 0.9, 0.6);
        bell(a->pcm[id], n, RATE / 2, 659.3, 0.9, 0.45);
        break;
    default:
        break;
    }
}

Audio *audio_init(bool enabled)
{
    Audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->enabled = enabled;
    a->speech_channel = -1;
    make(a, SOUND_DEAL, 0.16);
    make(a, SOUND_STAR, 1.0);
    make(a, SOUND_TIMER, 1.5);
    return a;
}

/* The speech's chunk and samples go once it is halted (or the device closed). */
static void drop_speech(Audio *a)
{
    if (a->speech_chunk)
        Mix_FreeChunk(a->speech_chunk);
    a->speech_chunk = NULL;
    free(a->speech);
    a->speech = NULL;
    a->speech_channel = -1;
}

static void close_device(Audio *a)
{
    if (!a->open)
        return;
    Mix_HaltChannel(-1);
    drop_speech(a);
    for (int i = 0; i < SOUND_COUNT; i++) {
        if (a->chunks[i])
            Mix_FreeChunk(a->chunks[i]);
        a->chunks[i] = NULL;
    }
    Mix_CloseAudio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    a->open = false;
}

static bool open_device(Audio *a)
{
    if (a->open)
        return true;
    if (a->failed)
        return false;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 ||
        Mix_OpenAudioDevice(RATE, AUDIO_S16SYS, 1, 1024, NULL, 0) != 0) {
        SDL_snprintf(a->problem, sizeof a->problem, _("No sound: %s"), Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        a->failed = true; /* silent from now on, and say so once */
        return false;
    }
    a->open = true;
    for (int i = 0; i < SOUND_COUNT; i++)
        if (a->pcm[i])
            a->chunks[i] = Mix_QuickLoad_RAW((Uint8 *)a->pcm[i], a->bytes[i]);
    return true;
}

void audio_deinit(Audio *a)
{
    if (!a)
        return;
    close_device(a);
    for (int i = 0; i < SOUND_COUNT; i++)
        free(a->pcm[i]);
    free(a);
}

void audio_play(Audio *a, SoundId id, uint64_t now_ms)
{
    if (!a || !a->enabled || (unsigned)id >= SOUND_COUNT || !open_device(a) || !a->chunks[id])
        return;
    Mix_PlayChannel(-1, a->chunks[id], 0);
    uint64_t end = now_ms + (uint64_t)a->bytes[id] * 1000 / (RATE * sizeof(Sint16)) + 100;
    if (end > a->busy_until)
        a->busy_until = end;
}

/* Speech comes at the synthesiser's rate: resampled to the device's, by
 * linear interpolation. */
static Sint16 *resample(const int16_t *in, size_t count, int rate, size_t *out_count)
{
    size_t n = (size_t)((double)count * RATE / rate);
    Sint16 *out = n ? malloc(n * sizeof *out) : NULL;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n; i++) {
        double at = (double)i * rate / RATE;
        size_t k = (size_t)at;
        double f = at - (double)k;
        int next = k + 1 < count ? in[k + 1] : in[count - 1];
        out[i] = (Sint16)(in[k < count ? k : count - 1] * (1 - f) + next * f);
    }
    *out_count = n;
    return out;
}

bool audio_speak(Audio *a, int16_t *samples, size_t count, int rate, uint64_t now_ms)
{
    size_t n = 0;
    Sint16 *pcm = NULL;
    if (a && a->enabled && count && rate > 0 && open_device(a))
        pcm = resample(samples, count, rate, &n);
    free(samples);
    if (!pcm)
        return false;
    audio_hush(a);
    a->speech = pcm;
    a->speech_chunk = Mix_QuickLoad_RAW((Uint8 *)pcm, (Uint32)(n * sizeof *pcm));
    a->speech_channel = a->speech_chunk ? Mix_PlayChannel(-1, a->speech_chunk, 0) : -1;
    if (a->speech_channel < 0) {
        drop_speech(a);
        return false;
    }
    uint64_t end = now_ms + (uint64_t)n * 1000 / RATE + 100;
    if (end > a->busy_until)
        a->busy_until = end;
    return true;
}

bool audio_hush(Audio *a)
{
    if (!a || !a->open || !a->speech_chunk)
        return false;
    /* Its channel may serve another sound since the speech ended. */
    if (a->speech_channel >= 0 && Mix_Playing(a->speech_channel) && Mix_GetChunk(a->speech_channel) == a->speech_chunk)
        Mix_HaltChannel(a->speech_channel);
    drop_speech(a);
    return true;
}

void audio_set_enabled(Audio *a, bool enabled)
{
    if (!a)
        return;
    a->enabled = enabled;
    if (!enabled)
        close_device(a);
}

bool audio_enabled(const Audio *a)
{
    return a && a->enabled;
}

int audio_idle(Audio *a, uint64_t now_ms)
{
    if (!a || !a->open)
        return -1;
    if (now_ms < a->busy_until && Mix_Playing(-1))
        return (int)(a->busy_until - now_ms);
    close_device(a);
    return -1;
}

const char *audio_problem(const Audio *a)
{
    return a ? a->problem : "";
}
