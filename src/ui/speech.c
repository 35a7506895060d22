/* SPDX-License-Identifier: MIT */
/* The speech thread: one request at a time, the newest replacing any
 * other; espeak-ng is only ever called from this thread. */
#include "speech.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PAUSE_MS = 450 };

struct Speech {
    SDL_Thread *thread;
    SDL_mutex *lock;
    SDL_cond *cond;    /* signalled when a request comes, and when one is done */
    Uint32 event;
    atomic_uint generation; /* bumped by each say or cancel: older work is dropped */
    atomic_bool quit;
    bool busy, has_request, has_sound;
    SpeechLine request[SPEECH_LINES];
    int request_count, request_wpm;
    SpeechSound *sound;    /* ready to be taken when has_sound */
    char problem[256];
};

/* Polled by the synthesiser: stop when a newer request or quit came. */
typedef struct {
    Speech *speech;
    unsigned generation;
} Job;

static bool stale(void *data)
{
    Job *job = data;
    return atomic_load(&job->speech->generation) != job->generation || atomic_load(&job->speech->quit);
}

/* Synthesises the request into out, a pause between two lines. Returns 0,
 * 1 when a newer request made it stale, -1 when the voice failed. */
static int synthesise(Job *job, int wpm, SpeechSound *out)
{
    char current[16] = "";
    for (int i = 0; i < out->count; i++) {
        if (strcmp(out->lines[i].language, current) != 0) {
            voice_select(out->lines[i].language, out->voices[i], sizeof out->voices[i]);
            snprintf(current, sizeof current, "%s", out->lines[i].language);
        } else {
            memcpy(out->voices[i], out->voices[i - 1], sizeof out->voices[i]);
        }
        if (i > 0 && voice_pause(&out->pcm, PAUSE_MS) != 0)
            return -1;
        int rc = voice_say(out->lines[i].text, wpm, &out->pcm, stale, job);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static void publish(Speech *s, SpeechSound *sound)
{
    if (s->sound) {
        voice_pcm_free(&s->sound->pcm);
        free(s->sound);
    }
    s->sound = sound;
    s->has_sound = true;
    SDL_Event ev = {.type = s->event};
    SDL_PushEvent(&ev);
}

static int speech_main(void *data)
{
    Speech *s = data;
    bool opened = false;
    SDL_LockMutex(s->lock);
    for (;;) {
        while (!atomic_load(&s->quit) && !s->has_request)
            SDL_CondWait(s->cond, s->lock);
        if (atomic_load(&s->quit))
            break;
        SpeechSound *sound = calloc(1, sizeof *sound);
        Job job = {s, atomic_load(&s->generation)};
        int wpm = s->request_wpm;
        if (sound) {
            memcpy(sound->lines, s->request, sizeof s->request);
            sound->count = s->request_count;
        }
        s->has_request = false;
        s->busy = true;
        SDL_UnlockMutex(s->lock);
        int rc = -1;
        char why[sizeof s->problem] = "";
        if (sound && !opened)
            opened = voice_open(why, sizeof why) == 0;
        if (sound && opened)
            rc = synthesise(&job, wpm, sound);
        SDL_LockMutex(s->lock);
        if (why[0])
            snprintf(s->problem, sizeof s->problem, "%s", why);
        s->busy = false;
        if (rc == 0 && !stale(&job))
            publish(s, sound);
        else if (sound) {
            voice_pcm_free(&sound->pcm);
            free(sound);
        }
        SDL_CondBroadcast(s->cond);
    }
    SDL_UnlockMutex(s->lock);
    if (opened)
        voice_close();
    return 0;
}

Speech *speech_init(void)
{
    Speech *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->lock = SDL_CreateMutex();
    s->cond = SDL_CreateCond();
    s->event = SDL_RegisterEvents(1);
    if (!s->lock || !s->cond || s->event == (Uint32)-1) {
        speech_deinit(s);
        return NULL;
    }
    return s;
}

void speech_deinit(Speech *s)
{
    if (!s)
        return;
    if (s->thread) {
        SDL_LockMutex(s->lock);
        atomic_store(&s->quit, true);
        SDL_CondBroadcast(s->cond);
        SDL_UnlockMutex(s->lock);
        SDL_WaitThread(s->thread, NULL);
    }
    if (s->sound) {
        voice_pcm_free(&s->sound->pcm);
        free(s->sound);
    }
    if (s->cond)
        SDL_DestroyCond(s->cond);
    if (s->lock)
        SDL_DestroyMutex(s->lock);
    free(s);
}

bool speech_say(Speech *s, const SpeechLine *lines, int count, int wpm)
{
    if (!s || count <= 0)
        return false;
    if (count > SPEECH_LINES)
        count = SPEECH_LINES;
    if (!s->thread && !(s->thread = SDL_CreateThread(speech_main, "speech", s)))
        return false;
    SDL_LockMutex(s->lock);
    atomic_fetch_add(&s->generation, 1);
    memcpy(s->request, lines, (size_t)count * sizeof *lines);
    s->request_count = count;
    s->request_wpm = wpm;
    s->has_request = true;
    s->has_sound = false;
    SDL_CondBroadcast(s->cond);
    SDL_UnlockMutex(s->lock);
    return true;
}

void speech_cancel(Speech *s)
{
    if (!s || !s->thread)
        return;
    SDL_LockMutex(s->lock);
    atomic_fetch_add(&s->generation, 1);
    s->has_request = false;
    s->has_sound = false;
    SDL_UnlockMutex(s->lock);
}

bool speech_is_event(const Speech *s, const SDL_Event *ev)
{
    return s && ev->type == s->event;
}

bool speech_take(Speech *s, SpeechSound *out)
{
    if (!s || !s->thread)
        return false;
    SDL_LockMutex(s->lock);
    bool got = s->has_sound && s->sound;
    if (got) {
        *out = *s->sound;
        free(s->sound);
        s->sound = NULL;
        s->has_sound = false;
    }
    SDL_UnlockMutex(s->lock);
    return got;
}

void speech_settle(Speech *s)
{
    if (!s || !s->thread)
        return;
    SDL_LockMutex(s->lock);
    while (s->has_request || s->busy)
        SDL_CondWait(s->cond, s->lock);
    SDL_UnlockMutex(s->lock);
}

void speech_problem(Speech *s, char *out, size_t size)
{
    if (!s) {
        snprintf(out, size, "%s", "");
        return;
    }
    SDL_LockMutex(s->lock);
    snprintf(out, size, "%s", s->problem);
    SDL_UnlockMutex(s->lock);
}
