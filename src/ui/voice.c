/* SPDX-License-Identifier: MIT */
/* espeak-ng in synchronous mode: text becomes samples in a buffer through
 * the synthesis callback; nothing is played here. */
#include "voice.h"
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <espeak-ng/espeak_ng.h>

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
    espeak_ng_InitializePath(NULL);
    espeak_ng_ERROR_CONTEXT context = NULL;
    espeak_ng_STATUS status = espeak_ng_Initialize(&context);
    if (status == ENS_OK)
        status = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, 0, NULL);
    if (status != ENS_OK) {
        char why[200];
        espeak_ng_GetStatusCodeMessage(status, why, sizeof why);
        snprintf(err, errlen, _("Cards cannot be read aloud: the speech synthesiser did not start (%s)."), why);
        espeak_ng_ClearErrorContext(&context);
        espeak_ng_Terminate();
        return -1;
    }
    espeak_SetSynthCallback(take);
    opened = true;
    return 0;
}

void voice_close(void)
{
    if (!opened)
        return;
    espeak_ng_Terminate();
    opened = false;
}

bool voice_select(const char *language, char *used, size_t size)
{
    char base[16];
    snprintf(base, sizeof base, "%s", language && *language ? language : "en");
    if (espeak_ng_SetVoiceByName(base) == ENS_OK) {
        snprintf(used, size, "%s", base);
        return true;
    }
    char *dash = strchr(base, '-');
    if (dash) {
        *dash = '\0';
        if (espeak_ng_SetVoiceByName(base) == ENS_OK) {
            snprintf(used, size, "%s", base);
            return true;
        }
    }
    snprintf(used, size, "en");
    espeak_ng_SetVoiceByName("en");
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
    pcm->rate = espeak_ng_GetSampleRate();
    Sink sink = {.pcm = pcm, .cancel = cancel, .cancel_data = cancel_data};
    if (espeak_ng_SetParameter(espeakRATE, wpm, 0) != ENS_OK)
        return -1;
    espeak_ng_STATUS status =
        espeak_ng_Synthesize(text, strlen(text) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL, &sink);
    if (sink.cancelled)
        return 1;
    return status == ENS_OK && !sink.failed ? 0 : -1;
}

int voice_pause(VoicePcm *pcm, int ms)
{
    if (!pcm->rate)
        pcm->rate = espeak_ng_GetSampleRate();
    size_t n = (size_t)pcm->rate * (size_t)ms / 1000;
    if (!grow(pcm, n))
        return -1;
    memset(pcm->samples + pcm->count, 0, n * sizeof *pcm->samples);
    pcm->count += n;
    return 0;
}
