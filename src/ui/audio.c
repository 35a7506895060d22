/* SPDX-License-Identifier: MIT */
/* Sound: synthesised chunks, and a device opened only while one plays.
 * SDL_mixer is loaded (SDL_LoadObject) when the first sound plays, not at
 * start-up: its decoders bring some fifteen shared libraries that every
 * start would otherwise load and relocate before the window shows. Once
 * loaded it stays loaded: unloading it would lose what its decoders'
 * libraries allocate when they load (LeakSanitizer finds it). Each sound
 * is synthesised the first time it plays. */
#include "audio.h"
#include "i18n.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "dynlib.h"

enum { RATE = 44100 };

#define TAU 6.283185307179586

#if defined(_WIN32)
#define MIXER_LIBRARY "SDL2_mixer.dll"
#elif defined(__APPLE__)
#define MIXER_LIBRARY "libSDL2_mixer-2.0.0.dylib"
#else
#define MIXER_LIBRARY "libSDL2_mixer-2.0.so.0"
#endif

/* The few functions of SDL_mixer the game uses, once it is loaded. */
static struct {
    void *lib;
    int (*open_audio_device)(int, Uint16, int, int, const char *, int);
    void (*close_audio)(void);
    Mix_Chunk *(*quick_load_raw)(Uint8 *, Uint32);
    void (*free_chunk)(Mix_Chunk *);
    int (*play_channel_timed)(int, Mix_Chunk *, int, int);
    int (*halt_channel)(int);
    int (*playing)(int);
    Mix_Chunk *(*get_chunk)(int);
} mix;

/* Function pointers from a void *: the one way SDL_LoadFunction gives them. */
static const DynFn mix_fns[] = {
    {"Mix_OpenAudioDevice", (void **)&mix.open_audio_device},
    {"Mix_CloseAudio", (void **)&mix.close_audio},
    {"Mix_QuickLoad_RAW", (void **)&mix.quick_load_raw},
    {"Mix_FreeChunk", (void **)&mix.free_chunk},
    {"Mix_PlayChannelTimed", (void **)&mix.play_channel_timed},
    {"Mix_HaltChannel", (void **)&mix.halt_channel},
    {"Mix_Playing", (void **)&mix.playing},
    {"Mix_GetChunk", (void **)&mix.get_chunk},
};

/* Loads SDL_mixer once; false (with SDL's error set) when it cannot be. */
static bool mixer_load(void)
{
    if (!mix.lib)
        mix.lib = dynlib_open(MIXER_LIBRARY, mix_fns, SDL_arraysize(mix_fns));
    return mix.lib != NULL;
}


/* SDL_mixer loading in the background (audio_keep), and the main thread's
 * wait for it: it touches mix only once the loader has ended. */
static SDL_Thread *loader;

static int loader_main(void *data)
{
    (void)data;
    return mixer_load() ? 0 : -1;
}

static void loader_wait(void)
{
    if (loader)
        SDL_WaitThread(loader, NULL);
    loader = NULL;
}

static int play_chunk(Mix_Chunk *chunk)
{
    return mix.play_channel_timed(-1, chunk, 0, -1);
}

struct Audio {
    bool enabled, open, failed;
    bool keep; /* SDL_mixer stays loaded while the device is closed */
    Sint16 *pcm[SOUND_COUNT];
    Uint32 bytes[SOUND_COUNT];
    Mix_Chunk *chunks[SOUND_COUNT];
    Sint16 *speech;       /* the card being read aloud, at RATE */
    Mix_Chunk *speech_chunk;
    int speech_channel;   /* -1 when none plays */
    uint64_t busy_until;
    char problem[256];
};

/* A bell: a few partials with an exponential decay. Each partial is a
 * phasor turned by its step every sample, and the decay a factor, so a
 * second of sound costs no sin() or exp() per sample. */
static void bell(Sint16 *out, int n, int at, double freq, double seconds, double gain)
{
    static const double mult[3] = {1.0, 2.0, 3.01}, amp[3] = {1.0, 0.35, 0.12};
    double re[3], im[3], c[3], s[3];
    for (int k = 0; k < 3; k++) {
        re[k] = 1.0;
        im[k] = 0.0;
        c[k] = cos(TAU * freq * mult[k] / RATE);
        s[k] = sin(TAU * freq * mult[k] / RATE);
    }
    double decay = exp(-5.0 / (seconds * RATE)), env = 1.0;
    int len = (int)(seconds * RATE);
    for (int i = 0; i < len && at + i < n; i++) {
        double v = 0;
        for (int k = 0; k < 3; k++) {
            v += amp[k] * im[k];
            double r = re[k] * c[k] - im[k] * s[k];
            im[k] = re[k] * s[k] + im[k] * c[k];
            re[k] = r;
        }
        double e = env * (i < 200 ? i / 200.0 : 1.0);
        env *= decay;
        int sample = out[at + i] + (int)(v * e * gain * 9000);
        out[at + i] = (Sint16)(sample > 32767 ? 32767 : sample < -32768 ? -32768 : sample);
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

static const double sound_seconds[SOUND_COUNT] = {[SOUND_DEAL] = 0.16, [SOUND_STAR] = 1.0, [SOUND_TIMER] = 1.5};

/* Synthesises sound id, the first time it plays; false without memory. */
static bool make(Audio *a, SoundId id)
{
    if (a->pcm[id])
        return true;
    int n = (int)(sound_seconds[id] * RATE);
    a->pcm[id] = calloc((size_t)n, sizeof(Sint16));
    if (!a->pcm[id])
        return false;
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
    return true;
}

Audio *audio_init(bool enabled)
{
    Audio *a = calloc(1, sizeof *a);
    if (!a)
        return NULL;
    a->enabled = enabled;
    a->speech_channel = -1;
    return a;
}

/* The speech's chunk and samples go once it is halted (or the device closed). */
static void drop_speech(Audio *a)
{
    if (a->speech_chunk)
        mix.free_chunk(a->speech_chunk);
    a->speech_chunk = NULL;
    free(a->speech);
    a->speech = NULL;
    a->speech_channel = -1;
}

static void close_device(Audio *a)
{
    if (!a->open)
        return;
    mix.halt_channel(-1);
    drop_speech(a);
    for (int i = 0; i < SOUND_COUNT; i++) {
        if (a->chunks[i])
            mix.free_chunk(a->chunks[i]);
        a->chunks[i] = NULL;
    }
    mix.close_audio();
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    a->open = false;
}

static bool open_device(Audio *a)
{
    if (a->open)
        return true;
    if (a->failed)
        return false;
    loader_wait();
    if (!mixer_load()) {
        SDL_snprintf(a->problem, sizeof a->problem, _("No sound: %s cannot be loaded (%s)"), MIXER_LIBRARY,
                     SDL_GetError());
        a->failed = true;
        return false;
    }
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0 ||
        mix.open_audio_device(RATE, AUDIO_S16SYS, 1, 1024, NULL, 0) != 0) {
        SDL_snprintf(a->problem, sizeof a->problem, _("No sound: %s"), Mix_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        a->failed = true; /* silent from now on, and say so once */
        return false;
    }
    a->open = true;
    return true;
}

static void free_sounds(Audio *a)
{
    for (int i = 0; i < SOUND_COUNT; i++) {
        free(a->pcm[i]);
        a->pcm[i] = NULL;
    }
}

void audio_deinit(Audio *a)
{
    if (!a)
        return;
    a->keep = false;
    close_device(a);
    loader_wait();
    free_sounds(a);
    free(a);
}

void audio_keep(Audio *a, bool keep)
{
    if (!a || a->keep == keep)
        return;
    a->keep = keep;
    if (!keep && !a->open) {
        loader_wait();
        free_sounds(a);
    }
}

void audio_play(Audio *a, SoundId id, uint64_t now_ms)
{
    if (!a || !a->enabled || (unsigned)id >= SOUND_COUNT || !make(a, id) || !open_device(a))
        return;
    if (!a->chunks[id])
        a->chunks[id] = mix.quick_load_raw((Uint8 *)a->pcm[id], a->bytes[id]);
    if (!a->chunks[id])
        return;
    play_chunk(a->chunks[id]);
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
    a->speech_chunk = mix.quick_load_raw((Uint8 *)pcm, (Uint32)(n * sizeof *pcm));
    a->speech_channel = a->speech_chunk ? play_chunk(a->speech_chunk) : -1;
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
    if (a->speech_channel >= 0 && mix.playing(a->speech_channel) && mix.get_chunk(a->speech_channel) == a->speech_chunk)
        mix.halt_channel(a->speech_channel);
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
    /* Called once a frame is shown: SDL_mixer starts loading then, not
     * while the screen that needs it is drawn on the same cores. */
    if (a && a->keep && a->enabled && !a->failed && !loader && !mix.lib)
        loader = SDL_CreateThread(loader_main, "mixer loader", NULL);
    if (!a || !a->open)
        return -1;
    if (now_ms < a->busy_until && mix.playing(-1))
        return (int)(a->busy_until - now_ms);
    close_device(a);
    return -1;
}

const char *audio_problem(const Audio *a)
{
    return a ? a->problem : "";
}
