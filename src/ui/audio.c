/* SPDX-License-Identifier: MIT */
/* Sound: sounds synthesised when first played, mixed by our own callback
 * on SDL's audio device, which is opened only while one plays. (SDL_mixer
 * is not used: its decoders bring some sixty libraries that every start
 * would load and map, for three sounds made here.) */
#include "audio.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

enum { RATE = 44100, VOICES = 4 };

#define TAU 6.283185307179586

/* A sound playing: its samples and how far it has got. */
typedef struct {
    const Sint16 *pcm;
    Uint32 len, at; /* samples */
} Voice;

struct Audio {
    bool enabled, failed;
    SDL_AudioDeviceID device; /* 0 while closed */
    Sint16 *pcm[SOUND_COUNT];
    Uint32 bytes[SOUND_COUNT];
    Voice voices[VOICES]; /* shared with the device's thread: changed under its lock */
    uint64_t busy_until;
    char problem[256];
};

static const double sound_seconds[SOUND_COUNT] = {[SOUND_DEAL] = 0.16, [SOUND_STAR] = 1.0, [SOUND_TIMER] = 1.5};

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
    return a;
}

/* The device's thread: mixes the voices playing into out. */
static void mix(void *data, Uint8 *stream, int len)
{
    Audio *a = data;
    Sint16 *out = (Sint16 *)stream;
    int n = len / (int)sizeof(Sint16);
    for (int i = 0; i < n; i++) {
        int s = 0;
        for (int v = 0; v < VOICES; v++) {
            Voice *voice = &a->voices[v];
            if (voice->pcm && voice->at < voice->len)
                s += voice->pcm[voice->at++];
        }
        out[i] = (Sint16)(s > 32767 ? 32767 : s < -32768 ? -32768 : s);
    }
    for (int v = 0; v < VOICES; v++)
        if (a->voices[v].pcm && a->voices[v].at >= a->voices[v].len)
            a->voices[v].pcm = NULL;
}

static void close_device(Audio *a)
{
    if (!a->device)
        return;
    SDL_CloseAudioDevice(a->device);
    memset(a->voices, 0, sizeof a->voices);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    a->device = 0;
}

static bool open_device(Audio *a)
{
    if (a->device)
        return true;
    if (a->failed)
        return false;
    SDL_AudioSpec want = {.freq = RATE, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024, .callback = mix,
                          .userdata = a};
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 || !(a->device = SDL_OpenAudioDevice(NULL, 0, &want, NULL, 0))) {
        SDL_snprintf(a->problem, sizeof a->problem, "No sound: %s", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        a->failed = true; /* silent from now on, and say so once */
        return false;
    }
    SDL_PauseAudioDevice(a->device, 0);
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
    if (!a || !a->enabled || (unsigned)id >= SOUND_COUNT)
        return;
    if (!a->pcm[id])
        make(a, id, sound_seconds[id]);
    if (!a->pcm[id] || !open_device(a))
        return;
    SDL_LockAudioDevice(a->device);
    int free_voice = 0;
    for (int v = 0; v < VOICES; v++)
        if (!a->voices[v].pcm || a->voices[v].at < a->voices[free_voice].at)
            free_voice = v; /* an idle voice, or else the one playing longest */
    for (int v = 0; v < VOICES; v++)
        if (!a->voices[v].pcm) {
            free_voice = v;
            break;
        }
    a->voices[free_voice] = (Voice){a->pcm[id], a->bytes[id] / (Uint32)sizeof(Sint16), 0};
    SDL_UnlockAudioDevice(a->device);
    uint64_t end = now_ms + (uint64_t)a->bytes[id] * 1000 / (RATE * sizeof(Sint16)) + 100;
    if (end > a->busy_until)
        a->busy_until = end;
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

/* True while a voice plays. */
static bool playing(Audio *a)
{
    bool any = false;
    SDL_LockAudioDevice(a->device);
    for (int v = 0; v < VOICES; v++)
        any |= a->voices[v].pcm != NULL;
    SDL_UnlockAudioDevice(a->device);
    return any;
}

int audio_idle(Audio *a, uint64_t now_ms)
{
    if (!a || !a->device)
        return -1;
    if (now_ms < a->busy_until && playing(a))
        return (int)(a->busy_until - now_ms);
    close_device(a);
    return -1;
}

const char *audio_problem(const Audio *a)
{
    return a ? a->problem : "";
}
