/* SPDX-License-Identifier: MIT */
/* Phones as controllers, on the game's side. A phone's message is played
 * through the calls the screens' buttons make (app_act for every action,
 * so it reaches the engine and the journal exactly as a key press does);
 * what a phone shows is built from the GameView the screens draw. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "clock.h"
#include "phones.h"
#include "phones_ui.h"
#include "screens.h"
#include "session.h"

enum { STATE_MAX = 16384, ANSWER_BYTES = PHONE_ANSWER_MAX_CHARS * 4 + 1 };

typedef struct PhonesUi {
    Phones *server;
    const char *listen;      /* --phones-listen, or NULL */
    char page_dir[APP_PATH];
    Uint32 event;            /* pushed by the server's threads: a message waits */
    char problem[512];       /* why Phones could not start, "" when it runs */
    bool joined[2];          /* a phone is connected now */
    bool seated[2];          /* a phone joined as this partner since the pairing code was made */
    char error[2][256];      /* the last refusal, for that phone */
    char *sent[2];           /* the state each phone has */
    char traced[SESSION_ANSWERS_MAX]; /* the private card last written to TIGHTROPE_TRACE */
    uint64_t seed;           /* the game the pairing code was made for */
    /* The private answers to the sharing card on the table. */
    char answers[2][ANSWER_BYTES];
    const char *answer_card; /* the card they answer (its text, owned by the game) */
    QRcode *qr;
    char qr_url[256];
} PhonesUi;

static void wake(void *data)
{
    SDL_Event ev = {.type = *(Uint32 *)data};
    SDL_PushEvent(&ev);
}

static void start_server(App *app)
{
    PhonesUi *p = app->phones;
    if (p->server)
        return;
    p->problem[0] = '\0';
    if (phones_start(p->listen, p->page_dir, wake, &p->event, &p->server, p->problem, sizeof p->problem) != 0)
        return;
    memset(p->seated, 0, sizeof p->seated);
    p->seed = app->play.seed;
    char url[256];
    phones_url(p->server, url, sizeof url);
    /* Said on the terminal too, for a phone typed in by hand or a test. */
    printf("Phones: join at %s\n", url);
    fflush(stdout);
}

static void stop_server(App *app)
{
    PhonesUi *p = app->phones;
    phones_stop(p->server);
    p->server = NULL;
    for (int s = 0; s < 2; s++) {
        free(p->sent[s]);
        p->sent[s] = NULL;
        p->joined[s] = p->seated[s] = false;
    }
}

void phones_ui_init(App *app, const char *assets_dir, const char *listen, bool on)
{
    PhonesUi *p = calloc(1, sizeof *p);
    app->phones = p;
    if (!p)
        return;
    p->listen = listen;
    snprintf(p->page_dir, sizeof p->page_dir, "%s/phone", assets_dir ? assets_dir : "assets");
    p->event = SDL_RegisterEvents(1);
    if (on)
        app->settings.phones = true;
    if (app->settings.phones && p->event != (Uint32)-1)
        start_server(app);
    if (listen && !p->server)
        fprintf(stderr, "tightrope: %s\n", p->problem); /* --phones-listen was asked for */
}

void phones_ui_quit(App *app)
{
    PhonesUi *p = app->phones;
    if (!p)
        return;
    stop_server(app);
    QRcode_free(p->qr);
    free(p);
    app->phones = NULL;
}

/* ---- private answers ---- */

/* True when the card of text, in the decks in play, is marked `private: yes`. */
static bool card_is_private(const App *app, const char *text)
{
    const Deck *d = app_deck_of(app, KIND_SHARING, text);
    for (size_t c = 0; d && c < d->card_count; c++)
        if (d->cards[c].private_answer && strcmp(d->cards[c].text, text) == 0)
            return true;
    return false;
}

/* The sharing card on the table is answered privately now: it is marked
 * so, and both partners have joined with their phones. */
static bool answering_privately(App *app)
{
    PhonesUi *p = app->phones;
    const GameView *v = &app->play.view;
    if (!p || !p->server || !app->play.game || v->phase != PHASE_SHARING || v->card_count < 1 || !p->seated[0] ||
        !p->seated[1] || !card_is_private(app, v->cards[0].text))
        return false;
    if (p->answer_card != v->cards[0].text) {
        p->answer_card = v->cards[0].text;
        p->answers[0][0] = p->answers[1][0] = '\0';
    }
    return true;
}

bool phones_private_card(App *app, char *prompt, size_t psize, char *text, size_t tsize)
{
    if (!answering_privately(app))
        return false;
    PhonesUi *p = app->phones;
    const GameView *v = &app->play.view;
    if (p->answers[0][0] && p->answers[1][0]) {
        /* Both answer: the listener's turn is to say more about theirs. */
        if (v->listening)
            snprintf(prompt, psize, _("%s, say more about your answer, then Done."), v->names[v->turn & 1]);
        else
            snprintf(prompt, psize, "%s", _("Both answers are in. Talk about them, then Done."));
        snprintf(text, tsize, "%s\n\n%s: %s\n%s: %s", v->cards[0].text, v->names[0], p->answers[0], v->names[1],
                 p->answers[1]);
        return true;
    }
    /* TRANSLATORS: then each partner's name and "answered" or "not yet". */
    snprintf(prompt, psize, _("Answer privately on your phones; both answers show here together. %s: %s. %s: %s."),
             v->names[0], p->answers[0][0] ? _("answered") : _("not yet"), v->names[1],
             p->answers[1][0] ? _("answered") : _("not yet"));
    snprintf(text, tsize, "%s", v->cards[0].text);
    return true;
}

Action phones_done_action(App *app, char *buf, size_t size)
{
    Action a = {.type = ACTION_DONE};
    PhonesUi *p = app->phones;
    /* Kept with the reader's Done, not again with the listener's. */
    if (answering_privately(app) && app->settings.keep_answers && p->answers[0][0] && p->answers[1][0] &&
        !app->play.view.listening) {
        snprintf(buf, size, "%s: %s / %s: %s", app->play.view.names[0], p->answers[0], app->play.view.names[1], p->answers[1]);
        a.text = buf;
    }
    return a;
}

/* ---- a phone's message ---- */

static void refuse(App *app, int seat, const char *why)
{
    snprintf(app->phones->error[seat], sizeof app->phones->error[seat], "%s", why);
}

/* An action of the game, from the phone of seat: only when it is that
 * partner's turn or the pair's, and the play screen shows the game. */
static void play_action(App *app, int seat, const PhoneMsg *m)
{
    PhonesUi *p = app->phones;
    const GameView *v = &app->play.view;
    /* The end reveal: Done from either phone goes on to Our week. */
    if (app->screen == SCREEN_REVEAL && m->type == PHONE_DONE && !app->paused) {
        p->error[seat][0] = '\0';
        app_week_open(app, false, SCREEN_TITLE);
        return;
    }
    if (app->screen != SCREEN_PLAY || !app->play.game || app->paused) {
        refuse(app, seat, _("The TV is not showing the game right now."));
        return;
    }
    if (!v->together && v->turn != seat) {
        refuse(app, seat, _("It is your partner's turn."));
        return;
    }
    char buf[SESSION_ANSWERS_MAX];
    Action a;
    switch (m->type) {
    case PHONE_DONE:
        a = phones_done_action(app, buf, sizeof buf);
        break;
    case PHONE_PASS:
        a = (Action){.type = ACTION_PASS};
        break;
    case PHONE_REDRAW:
        a = (Action){.type = ACTION_REDRAW};
        break;
    case PHONE_SKIP:
        a = (Action){.type = ACTION_SKIP};
        break;
    case PHONE_KEEP_GOAL:
        a = (Action){.type = ACTION_KEEP};
        break;
    case PHONE_PICK:
        a = (Action){.type = ACTION_PICK, .index = m->n};
        break;
    case PHONE_DAY:
        a = (Action){.type = ACTION_DAY, .index = m->n};
        break;
    case PHONE_TIME:
        a = (Action){.type = ACTION_TIME, .index = m->n};
        break;
    default:
        a = (Action){.type = ACTION_CUSTOM, .index = m->n, .text = m->text};
        break;
    }
    /* The TV may hold a day or a typed goal not yet sent: the phone's
     * choice replaces it, as the TV's own next choice would. */
    if (a.type == ACTION_DAY && v->phase == PHASE_PLAN_DAY && app->play.plan_day >= 0 && app->screen == SCREEN_PLAY)
        app->play.plan_day = -1;
    if (app_act(app, a)) {
        p->error[seat][0] = '\0';
        if (a.type == ACTION_CUSTOM) {
            app->play.goal[0] = '\0';
            app->play.goal_where = false;
        }
    } else {
        refuse(app, seat, app->play.error);
    }
}

static void setup_message(App *app, int seat, const PhoneMsg *m)
{
    if (m->type == PHONE_NEW) {
        if (app->screen != SCREEN_TITLE)
            refuse(app, seat, _("Start a new game from the TV's first screen."));
        else if (app->play.game && app->play.view.phase != PHASE_OVER)
            app_goto(app, SCREEN_CONFIRM); /* a saved game is never replaced without the TV's question */
        else
            app_new_game(app);
        return;
    }
    if (app->screen != SCREEN_SETUP) {
        refuse(app, seat, _("Names are typed while a new game is set up."));
        return;
    }
    if (m->type == PHONE_NAME) {
        size_t n = strlen(m->text); /* at most 40 characters: the parser checked */
        if (n >= sizeof app->setup.names[seat]) {
            refuse(app, seat, _("A name needs 1 to 40 characters."));
            return;
        }
        memcpy(app->setup.names[seat], m->text, n + 1);
        app->phones->error[seat][0] = '\0';
    } else if (!app_start_game(app)) {
        refuse(app, seat, app->setup.error);
    }
}

static void take(App *app, int seat, const PhoneMsg *m)
{
    PhonesUi *p = app->phones;
    switch (m->type) {
    case PHONE_JOIN:
        p->seated[seat] = true;
        free(p->sent[seat]); /* it needs the whole state */
        p->sent[seat] = NULL;
        break;
    case PHONE_NEW:
    case PHONE_NAME:
    case PHONE_START:
        setup_message(app, seat, m);
        break;
    case PHONE_KEEP:
        /* Either partner may keep the card, whoever's turn it is. */
        if (app->screen != SCREEN_PLAY || app->paused || app->play.view.phase != PHASE_SHARING || !app_can_keep(app))
            refuse(app, seat, _("There is no sharing card to keep right now."));
        else
            app_keep_card(app);
        break;
    case PHONE_ANSWER:
        if (!answering_privately(app)) {
            refuse(app, seat, _("This card is not answered privately."));
        } else if (p->answers[0][0] && p->answers[1][0]) {
            refuse(app, seat, _("Both answers are on the TV already."));
        } else {
            snprintf(p->answers[seat], sizeof p->answers[seat], "%s", m->text);
            p->error[seat][0] = '\0';
        }
        break;
    default:
        play_action(app, seat, m);
        break;
    }
    app->dirty = true;
}

bool phones_ui_event(App *app, const SDL_Event *ev)
{
    PhonesUi *p = app->phones;
    if (!p || ev->type != p->event)
        return false;
    if (!p->server)
        return true;
    int seat;
    PhoneMsg m;
    /* Bounded: what waits now, never more than the queue holds. */
    for (int i = 0; i < PHONES_QUEUE && phones_poll(p->server, &seat, &m); i++)
        take(app, seat, &m);
    bool joined[2];
    phones_joined(p->server, joined);
    if (joined[0] != p->joined[0] || joined[1] != p->joined[1]) {
        memcpy(p->joined, joined, sizeof joined);
        app->dirty = true;
    }
    if (!app->dirty)
        phones_ui_sync(app);
    return true;
}

/* ---- what a phone shows ---- */

typedef struct {
    char *buf;
    size_t size, at;
    bool full;
} Json;

static void put(Json *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void put(Json *j, const char *fmt, ...)
{
    if (j->full)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(j->buf + j->at, j->size - j->at, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= j->size - j->at)
        j->full = true;
    else
        j->at += (size_t)n;
}

static void str(Json *j, const char *key, const char *s)
{
    put(j, ",\"%s\":", key);
    if (!j->full && !phone_json_str(j->buf, j->size, &j->at, s))
        j->full = true;
}

static const char *screen_word(const App *app)
{
    switch (app->screen) {
    case SCREEN_TITLE:
        return "title";
    case SCREEN_SETUP:
        return "setup";
    case SCREEN_PLAY:
        return app->paused ? "wait" : "play";
    case SCREEN_REVEAL:
        return app->paused ? "wait" : "reveal";
    case SCREEN_WEEK:
        return "over";
    default:
        return "wait";
    }
}

static void cards_json(Json *j, const GameView *v)
{
    put(j, ",\"cards\":[");
    for (int i = 0; i < v->card_count; i++) {
        put(j, "%s{\"kind\":", i ? "," : "");
        if (!j->full && !phone_json_str(j->buf, j->size, &j->at, kind_label(v->cards[i].kind)))
            j->full = true;
        /* The kind's colour on the page, whatever the language. */
        static const char *const classes[KIND_COUNT] = {"Sharing", "Planning", "Solo", "Support", "Rebalance"};
        str(j, "kindClass", (unsigned)v->cards[i].kind < KIND_COUNT ? classes[v->cards[i].kind] : "Sharing");
        str(j, "text", v->cards[i].text);
        /* The follow-up question shows once the reader has answered. */
        if (v->listening && v->cards[i].follow_up)
            str(j, "followUp", v->cards[i].follow_up);
        put(j, "}");
    }
    put(j, "]");
    if (v->has_held)
        str(j, "held", v->held.text);
    static const char *const actions[ACTION_COUNT] = {"done", "pass", "pick", "redraw", "day",
                                                      "time", "goal", "skip", "keep-goal"};
    put(j, ",\"allowed\":[");
    for (int a = 0, n = 0; a < ACTION_COUNT; a++)
        if (v->allowed & (1u << a))
            put(j, "%s\"%s\"", n++ ? "," : "", actions[a]);
    put(j, "]");
}

static void play_json(App *app, Json *j, int seat)
{
    PhonesUi *p = app->phones;
    const GameView *v = &app->play.view;
    bool mine = v->together || v->turn == seat;
    put(j, ",\"round\":%d,\"rounds\":%d,\"turn\":%d,\"together\":%s,\"mine\":%s,\"stars\":%d", v->round, v->rounds,
        v->turn, v->together ? "true" : "false", mine ? "true" : "false", v->stars);
    str(j, "phase", game_phase_name(v->phase));
    if (v->listening)
        put(j, ",\"listening\":true,\"reader\":%d,\"bothAnswer\":%s", v->reader, v->both_answer ? "true" : "false");
    /* The plans' slots (bit day * GAME_TIMES + time) and the day being
     * planned, so that the phone greys out what the engine would refuse. */
    put(j, ",\"redraws\":%d,\"slots\":%u,\"heldDay\":%d", v->redraws_left, (unsigned)v->slots_taken, v->held_day);
    if (v->phase == PHASE_SUPPORT_PICK || v->phase == PHASE_SOLO_DAY)
        str(j, "goalOf", v->names[v->held_partner & 1]);
    cards_json(j, v);
    if (v->phase == PHASE_SHARING)
        put(j, ",\"kept\":%s,\"canKeep\":%s", app_card_kept(app) ? "true" : "false",
            app_can_keep(app) ? "true" : "false");
    if (v->has_goal) { /* the goal the partner has, to keep or swap */
        char day[32];
        str(j, "myGoal", v->goal.text);
        str(j, "myGoalDay", day_label(clock_now(), v->goal_day, day, sizeof day));
    }
    if (v->phase == PHASE_PLAN_DAY || v->phase == PHASE_SOLO_DAY) {
        put(j, ",\"days\":[");
        for (int d = 0; d < GAME_DAYS; d++) {
            char label[32];
            put(j, "%s", d ? "," : "");
            if (!j->full && !phone_json_str(j->buf, j->size, &j->at, day_label(clock_now(), d, label, sizeof label)))
                j->full = true;
        }
        put(j, "]");
    }
    if (answering_privately(app)) {
        bool both = p->answers[0][0] && p->answers[1][0];
        put(j, ",\"private\":true,\"answered\":[%s,%s]", p->answers[0][0] ? "true" : "false",
            p->answers[1][0] ? "true" : "false");
        str(j, "myAnswer", p->answers[seat]);
        if (both) {
            str(j, "reveal0", p->answers[0]);
            str(j, "reveal1", p->answers[1]);
        }
    }
}

/* The state the phone of seat shows, as one JSON object. */
static void state_json(App *app, int seat, char *buf, size_t size)
{
    PhonesUi *p = app->phones;
    Json j = {.buf = buf, .size = size};
    char token[PHONES_TOKEN_CHARS + 1];
    phones_token(p->server, token, sizeof token);
    put(&j, "{\"t\":\"state\",\"seat\":%d,\"token\":\"%s\",\"theme\":\"%s\",\"joined\":[%s,%s]", seat, token,
        app->settings.theme == SETTINGS_THEME_CONTRAST ? "contrast" : "dark", p->joined[0] ? "true" : "false",
        p->joined[1] ? "true" : "false");
    str(&j, "screen", screen_word(app));
    str(&j, "lang", i18n_language()); /* the page asks for its words again when it changes */
    bool in_game = app->play.game && (app->screen == SCREEN_PLAY || app->screen == SCREEN_WEEK);
    for (int s = 0; s < 2; s++) {
        const char *name = in_game ? app->play.view.names[s] : app->setup.names[s];
        str(&j, s ? "name1" : "name0", name && name[0] ? name : _(game_default_name(s)));
    }
    str(&j, "typed", app->setup.names[seat]);
    str(&j, "error", p->error[seat]);
    if (app->screen == SCREEN_SETUP)
        str(&j, "setupError", app->setup.error);
    if (in_game && app->screen == SCREEN_PLAY)
        play_json(app, &j, seat);
    put(&j, "}");
    if (j.full)
        snprintf(buf, size, "{\"t\":\"state\",\"seat\":%d,\"screen\":\"wait\",\"token\":\"%s\"}", seat, token);
}

/* TIGHTROPE_TRACE: what the TV shows of a card answered privately, once
 * per change ("phones tv CARD | Sam: ... | Alex: ..."). */
static void trace_private(App *app)
{
    PhonesUi *p = app->phones;
    char prompt[400], text[SESSION_ANSWERS_MAX];
    if (!app->trace_file || app->screen != SCREEN_PLAY ||
        !phones_private_card(app, prompt, sizeof prompt, text, sizeof text))
        return;
    for (char *c = text; *c; c++)
        *c = *c == '\n' ? '|' : *c;
    if (strcmp(p->traced, text) == 0)
        return;
    snprintf(p->traced, sizeof p->traced, "%s", text);
    fprintf(app->trace_file, "phones tv %s\n", text);
    fflush(app->trace_file);
}

void phones_ui_sync(App *app)
{
    PhonesUi *p = app->phones;
    if (!p || !p->server)
        return;
    trace_private(app);
    /* A new game, a new pairing code: phones already joined stay joined
     * (each is sent the new code, to come back with after a drop). */
    if (app->play.game && app->play.seed != p->seed) {
        p->seed = app->play.seed;
        phones_new_token(p->server, false);
    }
    for (int s = 0; s < 2; s++) {
        char *buf = malloc(STATE_MAX);
        if (!buf)
            return;
        state_json(app, s, buf, STATE_MAX);
        if (p->sent[s] && strcmp(p->sent[s], buf) == 0) {
            free(buf);
            continue;
        }
        phones_send(p->server, s, buf);
        free(p->sent[s]);
        p->sent[s] = buf;
    }
}

/* ---- Settings -> Phones: the join screen ---- */

void phones_settings_button(App *app)
{
    Gfx *g = &app->gfx;
    if (ui_button(&app->ui, (Box){g->area.x, g->area.y + g->area.h - 92, 380, 92}, _("Phones"), 0))
        app_goto(app, SCREEN_PHONES);
}

/* The QR code of url, black on a white square with its quiet zone, in b. */
static void draw_qr(App *app, Box b, const char *url)
{
    PhonesUi *p = app->phones;
    if (!p->qr || strcmp(p->qr_url, url) != 0) {
        QRcode_free(p->qr);
        p->qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        snprintf(p->qr_url, sizeof p->qr_url, "%s", url);
    }
    Gfx *g = &app->gfx;
    gfx_fill(g, b, (SDL_Color){255, 255, 255, 255});
    if (!p->qr)
        return;
    int w = p->qr->width, quiet = 4;
    float m = b.w / (float)(w + 2 * quiet);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (p->qr->data[y * w + x] & 1)
                gfx_fill(g, (Box){b.x + (x + quiet) * m, b.y + (y + quiet) * m, m + 0.5f, m + 0.5f},
                         (SDL_Color){0, 0, 0, 255});
}

/* The address, the code, and who has joined, beside the QR code. */
static void join_text(App *app, Box b)
{
    PhonesUi *p = app->phones;
    Gfx *g = &app->gfx;
    const Theme *th = g->theme;
    char address[128], token[PHONES_TOKEN_CHARS + 1], code[PHONES_TOKEN_CHARS + 2], line[256];
    phones_address(p->server, address, sizeof address);
    phones_token(p->server, token, sizeof token);
    snprintf(code, sizeof code, "%.4s %.4s", token, token + 4);
    gfx_text(g, FONT_UI, 36, _("Scan the code with each phone's camera, or open this address in the phone's browser:"),
             (Box){b.x, b.y, b.w, 100}, ALIGN_LEFT, VALIGN_TOP, th->text);
    gfx_text(g, FONT_UI_BOLD, 48, address, (Box){b.x, b.y + 110, b.w, 64}, ALIGN_LEFT, VALIGN_MIDDLE, th->accent);
    gfx_text(g, FONT_UI, 36, _("and type the code:"), (Box){b.x, b.y + 186, b.w, 50}, ALIGN_LEFT, VALIGN_MIDDLE,
             th->text);
    gfx_text(g, FONT_UI_BOLD, 64, code, (Box){b.x, b.y + 244, b.w, 80}, ALIGN_LEFT, VALIGN_MIDDLE, th->accent);
    for (int s = 0; s < 2; s++) {
        const char *name = app->play.game ? app->play.view.names[s] : app->setup.names[s];
        const char *fallback = _(game_default_name(s));
        /* TRANSLATORS: a partner's name, and whether their phone has joined. */
        snprintf(line, sizeof line, C_("who has joined", "%s: %s"), name && name[0] ? name : fallback,
                 p->joined[s] ? _("joined") : _("not joined yet"));
        gfx_text(g, FONT_UI, 36, line, (Box){b.x, b.y + 350 + s * 56, b.w, 50}, ALIGN_LEFT, VALIGN_MIDDLE,
                 p->joined[s] ? th->good : th->muted);
    }
}

static int onoff_row(App *app, float y, const char *name, const char *const *options, int selected)
{
    Gfx *g = &app->gfx;
    Box s = g->area;
    if (app->ui.pass == UI_DRAW)
        gfx_text(g, FONT_UI, 36, _(name), (Box){s.x, y, 460, 90}, ALIGN_LEFT, VALIGN_MIDDLE, g->theme->text);
    return button_row(app, (Box){s.x + 480, y, s.w - 480, 90}, options, 2, selected, -1, 0);
}

void screen_phones(App *app)
{
    PhonesUi *p = app->phones;
    Gfx *g = &app->gfx;
    Box s = g->area;
    draw_title_bar(app, _("Phones"), _("Join from your own phones, on your home Wi-Fi; nothing leaves home."));
    const char *const onoff[] = {_("Off"), _("On")};
    const char *const kept[] = {_("Not kept"), _("Kept in the journal")};
    int hit;
    if (p && (hit = onoff_row(app, 220, N_("Phones"), onoff, app->settings.phones)) >= 0 &&
        (hit == 1) != app->settings.phones) {
        app->settings.phones = hit == 1;
        if (app->settings.phones)
            start_server(app);
        else
            stop_server(app);
        app_apply_settings(app);
    }
    if ((hit = onoff_row(app, 326, N_("Private answers"), kept, app->settings.keep_answers)) >= 0) {
        app->settings.keep_answers = hit == 1;
        app_apply_settings(app);
    }
    float by = s.y + s.h - 92;
    if (p && p->server) {
        if (app->ui.pass == UI_DRAW) {
            char url[256];
            phones_url(p->server, url, sizeof url);
            draw_qr(app, (Box){s.x, 450, 440, 440}, url);
            join_text(app, (Box){s.x + 500, 450, s.w - 500, 460});
        }
        if (ui_button(&app->ui, (Box){s.x, by, 480, 92}, _("New pairing code"), UI_QUIET)) {
            phones_new_token(p->server, true);
            memset(p->seated, 0, sizeof p->seated);
            app->dirty = true;
        }
    } else if (app->ui.pass == UI_DRAW) {
        const char *say = !p ? _("Phones cannot be used: there is not enough memory.")
                          : p->problem[0] && app->settings.phones ? p->problem
                                                                  : _("Phones is off: nothing listens on the network.");
        gfx_text(g, FONT_UI, 36, say, (Box){s.x, 460, s.w, 200}, ALIGN_LEFT, VALIGN_TOP, g->theme->muted);
    }
    bool back = app->ui.pass == UI_ACT && (app->ui.input.type == IN_BACK || app->ui.input.type == IN_PAUSE);
    if (ui_button(&app->ui, (Box){s.x + s.w - 380, by, 380, 92}, _("Done"), UI_PRIMARY) || back)
        app_goto(app, SCREEN_SETTINGS);
}
