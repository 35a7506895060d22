/* SPDX-License-Identifier: MIT */
/* Phones as controllers: a small web server (civetweb) on the home network
 * that serves the phone page and a WebSocket. Only phones that present the
 * pairing token get in, two at most, one for each partner; their messages
 * are size- and rate-limited and parsed (phone_msg.h) before the game's
 * main loop takes them, one at a time, from a queue (phones_poll) and
 * plays them through the engine as it plays a key press. No SDL here: the
 * server wakes the main loop through a callback. */
#ifndef TIGHTROPE_PHONES_H
#define TIGHTROPE_PHONES_H

#include <stdbool.h>
#include <stddef.h>

#include "phone_msg.h"

enum {
    PHONES_PORT = 47617,     /* the port tried first when none is given */
    PHONES_TOKEN_CHARS = 8,  /* the pairing code: 8 of PHONES_TOKEN_ALPHABET */
    PHONES_MAX_LINKS = 4,    /* WebSocket connections open at once */
    PHONES_QUEUE = 64,       /* messages waiting for the main loop */
    PHONES_RATE = 10,        /* messages a second a phone may send... */
    PHONES_BURST = 20,       /* ...in bursts of at most this many */
    PHONES_STRIKES = 5,      /* refused messages before a phone is let go */
    PHONES_BAD_TOKENS = 10,  /* wrong codes in a minute before all are refused for it */
    PHONES_PAGE_MAX = 256 * 1024
};

/* Letters and digits that cannot be mistaken for each other. */
#define PHONES_TOKEN_ALPHABET "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

typedef struct Phones Phones;
typedef void (*PhonesWake)(void *data);

/* Finds this computer's address on the home network: the first private
 * IPv4 address (10/8, 172.16/12, 192.168/16) of an interface that is up.
 * Returns false when there is none. */
bool phones_private_address(char *out, size_t size);

/* True when addr ("A.B.C.D") is a loopback or private IPv4 address, the
 * only ones the server listens on. */
bool phones_address_allowed(const char *addr);

/* Starts serving on listen ("A.B.C.D:PORT"; PORT 0 takes a free one; NULL
 * means the private address and PHONES_PORT, or a free port when that is
 * taken), with the page from page_dir (index.html, phone.css, phone.js).
 * wake(data) is called from the server's threads whenever a message waits.
 * Returns 0 with *out set, or -1 with one sentence in err. */
int phones_start(const char *listen, const char *page_dir, PhonesWake wake, void *data, Phones **out, char *err,
                 size_t errlen);

/* Stops the server and frees it: nothing listens afterwards. NULL is fine. */
void phones_stop(Phones *phones);

/* The page's address with the pairing token, for the QR code:
 * "http://192.168.1.20:47617/?t=ABCD2345". */
void phones_url(const Phones *phones, char *out, size_t size);
/* The address without the token, and the token, for typing by hand. */
void phones_address(const Phones *phones, char *out, size_t size);
void phones_token(const Phones *phones, char *out, size_t size);

/* A new pairing token (a new game): new connections need it. With
 * free_seats, the two places are given up too: the phones that held them
 * are let go, and any two phones may join again. */
void phones_new_token(Phones *phones, bool free_seats);

/* Which partners have a phone connected now. */
void phones_joined(Phones *phones, bool joined[2]);

/* The next message from a seated phone, oldest first: true with *seat and
 * *msg set (a PHONE_JOIN tells the main loop a phone joined and needs the
 * state), false when none waits. */
bool phones_poll(Phones *phones, int *seat, PhoneMsg *msg);

/* Sends text (one WebSocket text message) to the phone of seat, if one is
 * connected. */
void phones_send(Phones *phones, int seat, const char *text);

#endif
