/* SPDX-License-Identifier: MIT */
/* The phones' server: civetweb serves the page and the WebSocket; every
 * rule about who may talk to the game is kept here, under one lock. */
/* getifaddrs and the interface flags are BSD and GNU, not POSIX. */
#define _DEFAULT_SOURCE
#include "phones.h"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>

#include <civetweb.h>

#include "files.h"
#include "i18n.h"
#include "phone_words.h"

typedef struct {
    struct mg_connection *conn; /* NULL: a free slot */
    int seat;                   /* -1 until it joins */
    double budget;              /* messages it may still send now */
    uint64_t last_ms;
    int strikes;
} Link;

typedef struct {
    const char *path, *file, *type;
    char *body;
    size_t len;
} Page;

struct Phones {
    struct mg_context *ctx;
    pthread_mutex_t lock;
    char token[PHONES_TOKEN_CHARS + 1];
    char keys[2][PHONE_KEY_CHARS + 1]; /* "" while the place is free */
    Link links[PHONES_MAX_LINKS];
    struct {
        int seat;
        PhoneMsg msg;
    } queue[PHONES_QUEUE];
    int q_head, q_count;
    int bad_tokens;
    uint64_t bad_since;
    char host[64];
    int port;
    Page pages[3];
    PhonesWake wake;
    void *wake_data;
};

static const char *const csp = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

static uint64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* n random characters of alphabet (of alen), from the kernel's generator. */
static void random_text(char *out, size_t n, const char *alphabet, size_t alen)
{
    unsigned char bytes[32];
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(bytes + got, n - got, 0);
        if (r > 0)
            got += (size_t)r;
    }
    /* 256 is not a multiple of every alphabet size; a byte past the last
     * whole multiple is thrown away so each character is equally likely. */
    for (size_t i = 0; i < n; i++) {
        unsigned limit = 256 - 256 % (unsigned)alen;
        while (bytes[i] >= limit) {
            if (getrandom(&bytes[i], 1, 0) != 1)
                bytes[i] = 0;
        }
        out[i] = alphabet[bytes[i] % alen];
    }
    out[n] = '\0';
}

bool phones_address_allowed(const char *addr)
{
    struct in_addr a;
    if (inet_pton(AF_INET, addr, &a) != 1)
        return false;
    uint32_t ip = ntohl(a.s_addr);
    return (ip >> 24) == 127 || (ip >> 24) == 10 || (ip >> 20) == (172u << 4 | 1) || (ip >> 16) == (192u << 8 | 168);
}

bool phones_private_address(char *out, size_t size)
{
    struct ifaddrs *list = NULL;
    if (getifaddrs(&list) != 0)
        return false;
    bool found = false;
    for (struct ifaddrs *i = list; i && !found; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || !(i->ifa_flags & IFF_UP) ||
            (i->ifa_flags & IFF_LOOPBACK))
            continue;
        char text[INET_ADDRSTRLEN];
        const struct sockaddr_in *sin = (const struct sockaddr_in *)(const void *)i->ifa_addr;
        if (!inet_ntop(AF_INET, &sin->sin_addr, text, sizeof text) || !phones_address_allowed(text) ||
            strncmp(text, "127.", 4) == 0)
            continue;
        snprintf(out, size, "%s", text);
        found = true;
    }
    freeifaddrs(list);
    return found;
}

/* ---- the page ---- */

/* A 200 answer of type with len bytes of body (sent for a GET, not a HEAD). */
static void send_body(struct mg_connection *conn, const char *type, const char *body, size_t len, bool get)
{
    mg_response_header_start(conn, 200);
    mg_response_header_add(conn, "Content-Type", type, -1);
    mg_response_header_add(conn, "Content-Security-Policy", csp, -1);
    mg_response_header_add(conn, "X-Content-Type-Options", "nosniff", -1);
    mg_response_header_add(conn, "Referrer-Policy", "no-referrer", -1);
    mg_response_header_add(conn, "Cache-Control", "no-store", -1);
    char length[32];
    snprintf(length, sizeof length, "%zu", len);
    mg_response_header_add(conn, "Content-Length", length, -1);
    mg_response_header_send(conn);
    if (get)
        mg_write(conn, body, len);
}

static int send_page(struct mg_connection *conn, void *data)
{
    Phones *p = data;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    if (strcmp(ri->request_method, "GET") != 0 && strcmp(ri->request_method, "HEAD") != 0) {
        mg_send_http_error(conn, 405, "%s", "Only GET is served here.");
        return 405;
    }
    const char *uri = ri->local_uri ? ri->local_uri : "";
    bool get = strcmp(ri->request_method, "GET") == 0;
    if (strcmp(uri, "/words.json") == 0) {
        /* The page's words in the game's language, as it is now. */
        char *words = phone_words_json();
        if (!words) {
            mg_send_http_error(conn, 503, "%s", "Not enough memory.");
            return 503;
        }
        send_body(conn, "application/json; charset=utf-8", words, strlen(words), get);
        free(words);
        return 200;
    }
    for (size_t i = 0; i < sizeof p->pages / sizeof *p->pages; i++) {
        const Page *pg = &p->pages[i];
        if (strcmp(uri, pg->path) != 0 && !(i == 0 && strcmp(uri, "/index.html") == 0))
            continue;
        send_body(conn, pg->type, pg->body, pg->len, get);
        return 200;
    }
    mg_send_http_error(conn, 404, "%s", "Not found.");
    return 404;
}

/* ---- the WebSocket ---- */

static Link *link_of(Phones *p, const struct mg_connection *conn)
{
    for (int i = 0; i < PHONES_MAX_LINKS; i++)
        if (p->links[i].conn == conn)
            return &p->links[i];
    return NULL;
}

/* The token from the query string "t=XXXX" (any other parameter is ignored). */
static bool token_ok(const Phones *p, const char *query)
{
    char given[PHONES_TOKEN_CHARS * 2 + 2];
    if (!query || mg_get_var(query, strlen(query), "t", given, sizeof given) != PHONES_TOKEN_CHARS)
        return false;
    /* Typed by hand: small letters count too, and a dash may be left out. */
    for (int i = 0; i < PHONES_TOKEN_CHARS; i++)
        if (given[i] >= 'a' && given[i] <= 'z')
            given[i] = (char)(given[i] - 'a' + 'A');
    return memcmp(given, p->token, PHONES_TOKEN_CHARS) == 0;
}

static int ws_connect(const struct mg_connection *conn, void *data)
{
    Phones *p = data;
    const struct mg_request_info *ri = mg_get_request_info(conn);
    pthread_mutex_lock(&p->lock);
    uint64_t now = now_ms();
    if (now - p->bad_since > 60000) {
        p->bad_since = now;
        p->bad_tokens = 0;
    }
    int refuse = 0;
    if (p->bad_tokens >= PHONES_BAD_TOKENS || !token_ok(p, ri->query_string)) {
        p->bad_tokens++;
        refuse = 1;
    }
    Link *free_link = refuse ? NULL : link_of(p, NULL);
    if (free_link) {
        *free_link = (Link){.conn = (struct mg_connection *)conn, .seat = -1, .budget = PHONES_BURST, .last_ms = now};
    }
    pthread_mutex_unlock(&p->lock);
    return refuse || !free_link;
}

static void reply(struct mg_connection *conn, const char *kind, const char *why)
{
    char buf[512];
    size_t at = 0;
    at += (size_t)snprintf(buf, sizeof buf, "{\"t\":\"%s\",\"why\":", kind);
    if (!phone_json_str(buf, sizeof buf - 2, &at, why))
        return;
    buf[at++] = '}';
    buf[at] = '\0';
    mg_websocket_write(conn, MG_WEBSOCKET_OPCODE_TEXT, buf, at);
}

/* {"t":"refused","why":why} in out, for the phone to show (empty when it
 * does not fit). */
static void refusal(char *out, size_t size, const char *why)
{
    size_t at = (size_t)snprintf(out, size, "{\"t\":\"refused\",\"why\":");
    if (at < size && phone_json_str(out, size - 2, &at, why))
        snprintf(out + at, size - at, "}");
    else if (size)
        out[0] = '\0';
}

static void enqueue(Phones *p, int seat, const PhoneMsg *msg)
{
    if (p->q_count == PHONES_QUEUE)
        return; /* the main loop is far behind: a phone resends what it needs */
    int at = (p->q_head + p->q_count) % PHONES_QUEUE;
    p->queue[at].seat = seat;
    p->queue[at].msg = *msg;
    p->q_count++;
}

/* "join": takes a free place, or the place this phone held before (its
 * key). Returns false when the phone is to be let go. Under the lock. */
static bool join(Phones *p, Link *l, const PhoneMsg *m, char *why, size_t size)
{
    int s = m->seat;
    if (l->seat >= 0 && l->seat != s) {
        snprintf(why, size, "%s", _("This phone has joined already."));
        return false;
    }
    if (p->keys[s][0] && strcmp(p->keys[s], m->key) != 0) {
        snprintf(why, size, "%s",
                 p->keys[1 - s][0] ? _("Both partners have joined already. To join with another phone, choose New pairing code under Settings, Phones, on the TV.")
                                   : _("Someone has joined as this partner already. Join as the other partner."));
        return false;
    }
    for (int i = 0; i < PHONES_MAX_LINKS; i++)
        if (&p->links[i] != l && p->links[i].seat == s)
            p->links[i].seat = -1; /* the old connection of a phone that came back */
    if (!p->keys[s][0])
        random_text(p->keys[s], PHONE_KEY_CHARS, "0123456789abcdef", 16);
    l->seat = s;
    return true;
}

/* Takes one message; returns false when the phone is let go. Under the lock. */
static bool take(Phones *p, Link *l, const char *data, size_t len, char *out, size_t size)
{
    uint64_t now = now_ms();
    l->budget += (double)(now - l->last_ms) * PHONES_RATE / 1000.0;
    if (l->budget > PHONES_BURST)
        l->budget = PHONES_BURST;
    l->last_ms = now;
    if (l->budget < 1) {
        refusal(out, size, _("Too many messages at once."));
        return false;
    }
    l->budget -= 1;
    PhoneMsg m;
    char err[256];
    if (!phone_msg_parse(data, len, &m, err, sizeof err)) {
        size_t at = (size_t)snprintf(out, size, "{\"t\":\"error\",\"why\":");
        if (phone_json_str(out, size - 2, &at, err))
            snprintf(out + at, size - at, "}");
        return ++l->strikes < PHONES_STRIKES;
    }
    if (m.type == PHONE_JOIN) {
        char why[512];
        if (!join(p, l, &m, why, sizeof why)) {
            refusal(out, size, why);
            return false;
        }
        snprintf(out, size, "{\"t\":\"seat\",\"seat\":%d,\"key\":\"%s\"}", l->seat, p->keys[l->seat]);
        enqueue(p, l->seat, &m);
        return true;
    }
    if (l->seat < 0) {
        refusal(out, size, _("Join as partner 1 or 2 first."));
        return false;
    }
    if (m.type == PHONE_PING) {
        snprintf(out, size, "{\"t\":\"pong\"}");
        return true;
    }
    enqueue(p, l->seat, &m);
    return true;
}

static int ws_data(struct mg_connection *conn, int bits, char *data, size_t len, void *cb)
{
    Phones *p = cb;
    int op = bits & 0x0f;
    if (op == MG_WEBSOCKET_OPCODE_PING || op == MG_WEBSOCKET_OPCODE_PONG)
        return 1;
    if (op == MG_WEBSOCKET_OPCODE_CONNECTION_CLOSE)
        return 0;
    char out[640] = "";
    bool keep = false, woke = false;
    pthread_mutex_lock(&p->lock);
    Link *l = link_of(p, conn);
    if (!l) {
        keep = false;
    } else if (op != MG_WEBSOCKET_OPCODE_TEXT || !(bits & 0x80)) {
        refusal(out, sizeof out, _("Only text messages are read."));
    } else if (len > PHONE_MSG_MAX_BYTES) {
        refusal(out, sizeof out, _("The message is too long."));
    } else {
        int before = p->q_count;
        keep = take(p, l, data, len, out, sizeof out);
        woke = p->q_count > before;
    }
    /* Every write to a phone is made under the lock, so that the main
     * loop's and this thread's messages never interleave. */
    if (out[0])
        mg_websocket_write(conn, MG_WEBSOCKET_OPCODE_TEXT, out, strlen(out));
    pthread_mutex_unlock(&p->lock);
    if (woke && p->wake)
        p->wake(p->wake_data);
    return keep;
}

static void ws_close(const struct mg_connection *conn, void *data)
{
    Phones *p = data;
    pthread_mutex_lock(&p->lock);
    Link *l = link_of(p, conn);
    bool seated = l && l->seat >= 0;
    if (l)
        *l = (Link){.seat = -1};
    pthread_mutex_unlock(&p->lock);
    /* The TV shows who is connected: it looks again. */
    if (seated && p->wake)
        p->wake(p->wake_data);
}

/* ---- start and stop ---- */

static int load_pages(Phones *p, const char *dir, char *err, size_t errlen)
{
    static const char *const files[3][3] = {
        {"/", "index.html", "text/html; charset=utf-8"},
        {"/phone.css", "phone.css", "text/css; charset=utf-8"},
        {"/phone.js", "phone.js", "text/javascript; charset=utf-8"},
    };
    for (int i = 0; i < 3; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, files[i][1]);
        FilesError fe;
        Page *pg = &p->pages[i];
        *pg = (Page){.path = files[i][0], .file = files[i][1], .type = files[i][2]};
        pg->body = files_read(path, PHONES_PAGE_MAX, &pg->len, &fe);
        if (!pg->body) {
            char why[160];
            files_describe(&fe, PHONES_PAGE_MAX, why, sizeof why);
            snprintf(err, errlen, _("The phone page %s could not be read (%s)."), path, why);
            return -1;
        }
    }
    return 0;
}

static void free_phones(Phones *p)
{
    for (int i = 0; i < 3; i++)
        free(p->pages[i].body);
    pthread_mutex_destroy(&p->lock);
    free(p);
}

/* Splits "A.B.C.D:PORT" into host and port; NULL: the home network's. */
static int listen_on(const char *listen, char *host, size_t hsize, int *port, char *err, size_t errlen)
{
    if (!listen) {
        if (!phones_private_address(host, hsize)) {
            snprintf(err, errlen, "%s",
                     _("This computer has no address on a home network, so phones cannot join it. "
                       "Connect it to your Wi-Fi, then turn Phones on again."));
            return -1;
        }
        *port = PHONES_PORT;
        return 0;
    }
    const char *colon = strrchr(listen, ':');
    char *end = NULL;
    long v = colon ? strtol(colon + 1, &end, 10) : -1;
    if (!colon || (size_t)(colon - listen) >= hsize || end == colon + 1 || *end || v < 0 || v > 65535) {
        snprintf(err, errlen, "'%.80s' is not an address to listen on; write it as 192.168.1.20:47617.", listen);
        return -1;
    }
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    *port = (int)v;
    if (!phones_address_allowed(host)) {
        snprintf(err, errlen, "%.64s is not an address on this computer's home network or loopback; phones are "
                              "only served on a private address (10.x, 172.16-31.x, 192.168.x) or 127.x.", host);
        return -1;
    }
    return 0;
}

static struct mg_context *serve(Phones *p, int port)
{
    char ports[96];
    snprintf(ports, sizeof ports, "%s:%d", p->host, port);
    const char *options[] = {
        "listening_ports", ports, "num_threads", "8", "request_timeout_ms", "10000",
        "enable_keep_alive", "no", "websocket_timeout_ms", "3600000", NULL,
    };
    struct mg_callbacks cb;
    memset(&cb, 0, sizeof cb);
    struct mg_context *ctx = mg_start(&cb, p, options);
    if (!ctx)
        return NULL;
    struct mg_server_port sp[2];
    int n = mg_get_server_ports(ctx, 2, sp);
    p->port = n >= 1 ? sp[0].port : port;
    return ctx;
}

int phones_start(const char *listen, const char *page_dir, PhonesWake wake, void *data, Phones **out, char *err,
                 size_t errlen)
{
    *out = NULL;
    if (!(mg_check_feature(MG_FEATURES_WEBSOCKET) & MG_FEATURES_WEBSOCKET)) {
        snprintf(err, errlen, "%s", _("This build of civetweb has no WebSockets, so phones cannot join."));
        return -1;
    }
    Phones *p = calloc(1, sizeof *p);
    if (!p) {
        snprintf(err, errlen, "%s", _("There is not enough memory for the phones' server."));
        return -1;
    }
    pthread_mutex_init(&p->lock, NULL);
    p->wake = wake;
    p->wake_data = data;
    for (int i = 0; i < PHONES_MAX_LINKS; i++)
        p->links[i].seat = -1;
    random_text(p->token, PHONES_TOKEN_CHARS, PHONES_TOKEN_ALPHABET, sizeof PHONES_TOKEN_ALPHABET - 1);
    int port;
    if (listen_on(listen, p->host, sizeof p->host, &port, err, errlen) != 0 ||
        load_pages(p, page_dir, err, errlen) != 0) {
        free_phones(p);
        return -1;
    }
    mg_init_library(0);
    p->ctx = serve(p, port);
    if (!p->ctx && !listen)
        p->ctx = serve(p, 0); /* the usual port is taken: any free one */
    if (!p->ctx) {
        snprintf(err, errlen,
                 _("Phones cannot be served on %s:%d: the address is not this computer's, or the port is taken."),
                 p->host, port);
        mg_exit_library();
        free_phones(p);
        return -1;
    }
    mg_set_request_handler(p->ctx, "/", send_page, p);
    mg_set_websocket_handler(p->ctx, "/ws", ws_connect, NULL, ws_data, ws_close, p);
    *out = p;
    return 0;
}

void phones_stop(Phones *phones)
{
    if (!phones)
        return;
    mg_stop(phones->ctx);
    mg_exit_library();
    free_phones(phones);
}

void phones_url(const Phones *phones, char *out, size_t size)
{
    snprintf(out, size, "http://%s:%d/?t=%s", phones->host, phones->port, phones->token);
}

void phones_address(const Phones *phones, char *out, size_t size)
{
    snprintf(out, size, "http://%s:%d", phones->host, phones->port);
}

void phones_token(const Phones *phones, char *out, size_t size)
{
    pthread_mutex_lock((pthread_mutex_t *)&phones->lock);
    snprintf(out, size, "%s", phones->token);
    pthread_mutex_unlock((pthread_mutex_t *)&phones->lock);
}

void phones_new_token(Phones *phones, bool free_seats)
{
    pthread_mutex_lock(&phones->lock);
    random_text(phones->token, PHONES_TOKEN_CHARS, PHONES_TOKEN_ALPHABET, sizeof PHONES_TOKEN_ALPHABET - 1);
    if (free_seats) {
        phones->keys[0][0] = phones->keys[1][0] = '\0';
        for (int i = 0; i < PHONES_MAX_LINKS; i++) {
            Link *l = &phones->links[i];
            if (l->conn && l->seat >= 0)
                reply(l->conn, "refused", _("The TV made a new pairing code. Scan the new code to join again."));
            l->seat = -1;
        }
    }
    pthread_mutex_unlock(&phones->lock);
}

void phones_joined(Phones *phones, bool joined[2])
{
    joined[0] = joined[1] = false;
    pthread_mutex_lock(&phones->lock);
    for (int i = 0; i < PHONES_MAX_LINKS; i++)
        if (phones->links[i].conn && phones->links[i].seat >= 0)
            joined[phones->links[i].seat] = true;
    pthread_mutex_unlock(&phones->lock);
}

bool phones_poll(Phones *phones, int *seat, PhoneMsg *msg)
{
    pthread_mutex_lock(&phones->lock);
    bool got = phones->q_count > 0;
    if (got) {
        *seat = phones->queue[phones->q_head].seat;
        *msg = phones->queue[phones->q_head].msg;
        phones->q_head = (phones->q_head + 1) % PHONES_QUEUE;
        phones->q_count--;
    }
    pthread_mutex_unlock(&phones->lock);
    return got;
}

void phones_send(Phones *phones, int seat, const char *text)
{
    pthread_mutex_lock(&phones->lock);
    for (int i = 0; i < PHONES_MAX_LINKS; i++) {
        Link *l = &phones->links[i];
        if (l->conn && l->seat == seat)
            mg_websocket_write(l->conn, MG_WEBSOCKET_OPCODE_TEXT, text, strlen(text));
    }
    pthread_mutex_unlock(&phones->lock);
}
