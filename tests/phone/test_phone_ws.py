# SPDX-License-Identifier: MIT
"""The phones' WebSocket, spoken to directly: a wrong token, a third player,
messages too long, garbage, a flood and a connection dropped in the middle
of a turn are each refused or recovered from, and the game and its journal
are exactly as they were. Then the rightful phone plays on.

Usage: test_phone_ws.py PROGRAM SOURCE_DIR (python3-websockets; 127.0.0.1 only)"""
import asyncio
import json
import os
import sys
import urllib.error
import urllib.request

import websockets

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phonetest  # noqa: E402

WAIT = 10  # seconds, for any one message
check = phonetest.check


async def recv(ws):
    return json.loads(await asyncio.wait_for(ws.recv(), WAIT))


async def answer(ws):
    """The next message that is not a state (states may be waiting unread)."""
    for _ in range(50):
        m = await recv(ws)
        if m.get("t") != "state":
            return m
    raise AssertionError("no answer but states")


async def state_where(ws, pred, what):
    """Reads messages until a state for which pred holds (bounded)."""
    for _ in range(50):
        m = await recv(ws)
        if m.get("t") == "state" and pred(m):
            return m
    raise AssertionError("no state where " + what)


async def refused_at_connect(url):
    try:
        async with websockets.connect(url, open_timeout=WAIT):
            return False
    except (websockets.exceptions.InvalidHandshake, websockets.exceptions.ConnectionClosed, OSError,
            asyncio.TimeoutError):
        return True


async def closed(ws):
    """True once the server has closed ws (bounded)."""
    try:
        for _ in range(200):
            await asyncio.wait_for(ws.recv(), WAIT)
    except websockets.exceptions.ConnectionClosed:
        return True
    return False


def snapshot(game):
    steps = game.query("SELECT step, action FROM progress_steps ORDER BY step")
    state = game.query("SELECT state FROM progress")
    return steps, state


def http_status(url, method="GET"):
    try:
        with urllib.request.urlopen(urllib.request.Request(url, method=method), timeout=WAIT) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


async def play(game):
    base = game.ws + "?t=" + game.token
    a = await websockets.connect(base, max_size=2 ** 20)
    await a.send("join 1")
    seat = await recv(a)
    check(seat["t"] == "seat" and seat["seat"] == 0 and len(seat["key"]) == 16, "partner 1 joins with the token")
    b = await websockets.connect(base)
    await b.send("join 2")
    seat2 = await recv(b)
    check(seat2["t"] == "seat" and seat2["seat"] == 1, "partner 2 joins with the token")
    seat2_key = seat2["key"]
    await a.send("new")
    await state_where(a, lambda m: m["screen"] == "setup", "the setup is shown")
    await a.send("name Ana")
    await b.send("name Bo")
    await state_where(b, lambda m: m["name0"] == "Ana" and m["name1"] == "Bo", "both names are typed")
    await a.send("start")
    st = await state_where(a, lambda m: m["screen"] == "play", "the game is on")
    check(st["phase"] == "sharing" and st["turn"] == 0 and st["mine"], "the first card is partner 1's")
    token = st["token"]
    check(token != game.token, "a new game has a new pairing token")
    await a.send("done")
    st = await state_where(a, lambda m: m["turn"] == 1, "partner 2's turn")
    card = st["cards"][0]["text"]
    # -- Come back to this, from partner 1's phone on partner 2's turn --
    check(st["kept"] is False and st["canKeep"] is True, "the card is not kept yet")
    await a.send("keep")
    await state_where(a, lambda m: m.get("kept") is True, "the card is kept")
    kept = game.query("SELECT card FROM kept")
    check([k[0] for k in kept] == [card], "the journal keeps that card for later")
    await asyncio.sleep(0.3)  # the step is committed before the state is sent; let the journal settle
    before = snapshot(game)
    check(len(before[0]) == 1 and before[0][0][1] == "done", "the journal holds one step: done")

    # -- a wrong token, no token, the old game's token --
    for bad in ("?t=AAAAAAAA", "", "?t=" + game.token):
        check(await refused_at_connect(game.ws + bad), "a connection with token '%s' is refused" % bad[3:])
    # -- a third player, with the right token --
    c = await websockets.connect(game.ws + "?t=" + token)
    await c.send("join 1")
    m = await recv(c)
    check(m["t"] == "refused" and "joined already" in m["why"], "a third phone cannot take partner 1's place")
    check(await closed(c), "and is let go")
    c = await websockets.connect(game.ws + "?t=" + token)
    await c.send("done")
    m = await recv(c)
    check(m["t"] == "refused", "a phone that has not joined cannot act")
    check(await closed(c), "and is let go")
    # -- partner 1 acts out of turn --
    await a.send("done")
    m = await recv(a)
    check(m["t"] == "state" and m["error"] == "It is your partner's turn.", "partner 1 cannot act on 2's turn")
    # -- garbage, from a joined phone --
    for junk in ("pick 9", "day -1", "name a\tb", "goal moon Walk"):
        await b.send(junk)
        m = await answer(b)
        check(m["t"] == "error", "garbage '%s' is refused: %s" % (junk, m.get("why")))
    await b.send("hello")
    check((await answer(b))["t"] == "error", "a fifth refused message is refused")
    check(await closed(b), "and the phone that sent five is let go")
    b = await websockets.connect(game.ws + "?t=" + token)
    await b.send("join 2 " + seat2_key)
    check((await recv(b))["t"] == "seat", "partner 2 comes back with its key")
    await b.send(b"\x00\xff\xfe binary")
    m = await answer(b)
    check(m["t"] == "refused", "a binary message is refused")
    check(await closed(b), "and the phone that sent it is let go")
    # -- an oversized message --
    b = await websockets.connect(game.ws + "?t=" + token)
    await b.send("join 2 " + seat2_key)
    check((await recv(b))["t"] == "seat", "partner 2 comes back with its key")
    await b.send("answer " + "x" * 5000)
    m = await answer(b)
    check(m["t"] == "refused" and "too long" in m["why"], "a message of 5007 bytes is refused")
    check(await closed(b), "and the phone that sent it is let go")
    # -- a flood --
    b = await websockets.connect(game.ws + "?t=" + token)
    await b.send("join 2 " + seat2_key)
    await recv(b)
    try:
        for _ in range(100):
            await b.send("ping")
    except websockets.exceptions.ConnectionClosed:
        pass
    check(await closed(b), "a phone sending 100 messages at once is let go")
    # -- dropped in the middle of its turn --
    b = await websockets.connect(game.ws + "?t=" + token)
    await b.send("join 2 " + seat2_key)
    await recv(b)
    b.transport.abort()  # no closing handshake: the Wi-Fi went away
    await asyncio.sleep(0.3)
    after = snapshot(game)
    check(after == before, "the game and the journal are unchanged by all of it")
    # -- the rightful phone comes back and plays on --
    b = await websockets.connect(game.ws + "?t=" + token)
    await b.send("join 2 " + seat2_key)
    check((await recv(b))["t"] == "seat", "partner 2 rejoins after the drop")
    st = await state_where(b, lambda m: True, "the state after rejoining")
    check(st["turn"] == 1 and st["mine"] and st["cards"][0]["text"] == card,
          "it finds its turn and its card as they were")
    await b.send("done")
    await state_where(b, lambda m: m.get("phase") != "sharing" or m["turn"] != 1, "the turn moves on")
    await asyncio.sleep(0.3)
    steps = game.query("SELECT action FROM progress_steps ORDER BY step")
    check([s[0] for s in steps] == ["done", "done"], "the journal holds the two dones, and nothing else")
    await a.close()
    await b.close()


def main():
    program, source = sys.argv[1], sys.argv[2]
    game = phonetest.Game(program, source, phones=True, private=False)
    try:
        root = "http://127.0.0.1:%d" % game.port
        status, headers = http_status(root + "/?t=" + game.token)
        check(status == 200 and "default-src 'none'" in headers.get("Content-Security-Policy", ""),
              "the page is served with a strict Content-Security-Policy")
        for path in ("/etc/passwd", "/../../etc/passwd", "/assets/phone/phone.js", "/index.htm", "/ws.js"):
            check(http_status(root + path)[0] == 404, "GET %s: 404" % path)
        check(http_status(root + "/", "POST")[0] == 405, "POST /: 405")
        asyncio.run(play(game))
    finally:
        status = game.stop()
        game.cleanup()
    check(status == 0, "the game quits cleanly")
    phonetest.summary()


if __name__ == "__main__":
    main()
