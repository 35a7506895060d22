/* SPDX-License-Identifier: MIT */
/* espeak-ng in synchronous mode: text becomes samples in a buffer through
 * the synthesis callback; nothing is played here. espeak-ng is loaded
 * (SDL_LoadObject) when a card is first read aloud, not at start-up: the
 * game without read-aloud never loads it nor its sound libraries. */
#include "voice.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>

#include "dynlib.h"

#if defined(_WIN32)
#define ESPEAK_LIBRARY "libespeak-ng.dll"
#elif defined(__APPLE__)
#define ESPEAK_LIBRARY "libespeak-ng.1.dylib"
#else
#define ESPEAK_LIBRARY "libespeak-ng.so.1"
#endif

/* The functions of espeak-ng used here, once it is loaded. */
static struct {
    void *lib;
    void (*initialize_path)(const char *);
    espeak_ng_STATUS (*initialize)(espeak_ng_ERROR_CONTEXT *);
    espeak_ng_STATUS (*initialize_output)(espeak_ng_OUTPUT_MODE, int, const char *);
    void (*status_message)(espeak_ng_STATUS, char *, size_t);
    void (*clear_error_context)(espeak_ng_ERROR_CONTEXT *);
    espeak_ng_STATUS (*terminate)(void);
    void (*set_synth_callback)(t_espeak_callback *);
    espeak_ng_STATUS (*set_voice_by_name)(const char *);
    int (*get_sample_rate)(void);
    espeak_ng_STATUS (*set_parameter)(espeak_PARAMETER, int, int);
    espeak_ng_STATUS (*synthesize)(const void *, size_t, unsigned int, espeak_POSITION_TYPE, unsigned int,
                                   unsigned int, unsigned int *, void *);
} es;

/* Function pointers from a void *: the one way SDL_LoadFunction gives them. */
static const DynFn es_fns[] = {
    {"espeak_ng_InitializePath", (void **)&es.initialize_path},
    {"espeak_ng_Initialize", (void **)&es.initialize},
    {"espeak_ng_InitializeOutput", (void **)&es.initialize_output},
    {"espeak_ng_GetStatusCodeMessage", (void **)&es.status_message},
    {"espeak_ng_ClearErrorContext", (void **)&es.clear_error_context},
    {"espeak_ng_Terminate", (void **)&es.terminate},
    {"espeak_SetSynthCallback", (void **)&es.set_synth_callback},
    {"espeak_ng_SetVoiceByName", (void **)&es.set_voice_by_name},
    {"espeak_ng_GetSampleRate", (void **)&es.get_sample_rate},
    {"espeak_ng_SetParameter", (void **)&es.set_parameter},
    {"espeak_ng_Synthesize", (void **)&es.synthesize},
};

/* Loads espeak-ng once; false (with SDL's error set) when it cannot be. */
static bool espeak_load(void)
{
    if (!es.lib)
        es.lib = dynlib_open(ESPEAK_LIBRARY, es_fns, SDL_arraysize(es_fns));
    return es.lib != NULL;
}

/* What the synthesis callback appends to, and whether to stop. */
typedef struct {
    VoicePcm *pcm;
    bool (*cancel)(void *);
    void *cancel_data;
    bool failed, cancelled;
} Sink;

static bool opened;

void voice_pcm_free(VoicePcm *pcm)
{
    free(pcm->samples);
    *pcm = (VoicePcm){0};
}

static bool grow(VoicePcm *pcm, size_t more)
{
    if (pcm->count + more <= pcm->cap)
        return true;
    size_t cap = pcm->cap ? pcm->cap : 16384;
    while (cap < pcm->count + more)
        cap *= 2;
    int16_t *s = realloc(pcm->samples, cap * sizeof *s);
    if (!s)
        return false;
    pcm->samples = s;
    pcm->cap = cap;
    return true;
}

/* espeak-ng hands over each piece of sound as it is made; returning 1
 * stops the synthesis. */
static int take(short *wav, int count, espeak_EVENT *events)
{
    Sink *sink = events ? events->user_data : NULL;
    if (!sink || sink->failed || sink->cancelled)
        return 1;
    if (sink->cancel && sink->cancel(sink->cancel_data)) {
        sink->cancelled = true;
        return 1;
    }
    if (!wav || count <= 0)
        return 0;
    if (!grow(sink->pcm, (size_t)count)) {
        sink->failed = true;
        return 1;
    }
    memcpy(sink->pcm->samples + sink->pcm->count, wav, (size_t)count * sizeof *wav);
    sink->pcm->count += (size_t)count;
    return 0;
}

int voice_open(char *err, size_t errlen)
{
    if (opened)
        return 0;
    if (!espeak_load()) {
        snprintf(err, errlen, _("Cards cannot be read aloud: the speech synthesiser (%s) cannot be loaded."),
                 ESPEAK_LIBRARY);
        return -1;
    }
    es.initialize_path(NULL);
    espeak_ng_ERROR_CONTEXT context = NULL;
    espeak_ng_STATUS status = es.initialize(&context);
    if (status == ENS_OK)
        status = es.initialize_output(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
    if (status != ENS_OK) {
        char why[200];
        es.status_message(status, why, sizeof why);
        snprintf(err, errlen, _("Cards cannot be read aloud: the speech synthesiser did not start (%s)."), why);
        es.clear_error_context(&context);
        es.terminate();
        return -1;
    }
    es.set_synth_callback(take);
    opened = true;
    return 0;
}

void voice_close(void)
{
    if (!opened)
        return;
    es.terminate();
    opened = false;
}

bool voice_select(const char *language, char *used, size_t size)
{
    char base[16];
    snprintf(base, sizeof base, "%s", language && *language ? language : "en");
    if (!opened) {
        snprintf(used, size, "en");
        return false;
    }
    if (es.set_voice_by_name(base) == ENS_OK) {
        snprintf(used, size, "%s", base);
        return true;
    }
    char *dash = strchr(base, '-');
    if (dash) {
        *dash = '\0';
        if (es.set_voice_by_name(base) == ENS_OK) {
            snprintf(used, size, "%s", base);
            return true;
        }
    }
    snprintf(used, size, "en");
    es.set_voice_by_name("en");
    return false;
}

int voice_say(const char *text, int wpm, VoicePcm *pcm, bool (*cancel)(void *), void *cancel_data)
{
    if (!opened)
        return -1;
    if (wpm < espeakRATE_MINIMUM)
        wpm = espeakRATE_MINIMUM;
    if (wpm > espeakRATE_MAXIMUM)
        wpm = espeakRATE_MAXIMUM;
    pcm->rate = es.get_sample_rate();
    Sink sink = {.pcm = pcm, .cancel = cancel, .cancel_data = cancel_data};
    if (es.set_parameter(espeakRATE, wpm, 0) != ENS_OK)
        return -1;
    espeak_ng_STATUS status =
        es.synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &sink);
    if (sink.cancelled)
        return 1;
    return status == ENS_OK && !sink.failed ? 0 : -1;
}

int voice_pause(VoicePcm *pcm, int ms)
{
    if (!pcm->rate && !opened)
        return -1;
    if (!pcm->rate)
        pcm->rate = es.get_sample_rate();
    size_t n = (size_t)pcm->rate * (size_t)ms / 1000;
    if (!grow(pcm, n))
        return -1;
    memset(pcm->samples + pcm->count, 0, n * sizeof *pcm->samples);
    pcm->count += n;
    return 0;
}
