# SPDX-License-Identifier: MIT
"""Nothing listens while Phones is off: the game's listening TCP sockets,
read from /proc/net/tcp and tcp6, are none with Phones off, none with a
public address asked for, and exactly one, on 127.0.0.1, with Phones on.

Usage: test_phone_listen.py PROGRAM SOURCE_DIR"""
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phonetest  # noqa: E402


check = phonetest.check


def page_words(port):
    """The phone page's words, as the game serves them (/words.json)."""
    with urllib.request.urlopen("http://127.0.0.1:%d/words.json" % port, timeout=10) as r:
        check(r.headers["Content-Type"] == "application/json; charset=utf-8", "/words.json is JSON")
        return json.loads(r.read().decode("utf-8"))


def main():
    program, source = sys.argv[1], sys.argv[2]

    off = phonetest.Game(program, source, phones=False, private=False)
    try:
        # The title screen is drawn and the decks have loaded: start-up is over.
        time.sleep(0.5)
        check(off.proc.poll() is None, "the game runs with Phones off")
        check(phonetest.listening(off.proc.pid) == [], "with Phones off, the game listens on no TCP port")
    finally:
        check(off.stop() == 0, "the game quits cleanly")
        off.cleanup()

    on = phonetest.Game(program, source, phones=True, private=False)
    try:
        socks = phonetest.listening(on.proc.pid)
        check(socks == [("127.0.0.1", on.port)], "with Phones on, it listens on 127.0.0.1:%d alone: %r" %
              (on.port, socks))
        words = page_words(on.port)
        check(words["lang"] == "en" and words["words"]["Your turn."] == "Your turn.",
              "the page's words are the game's: English in the C locale")
    finally:
        check(on.stop() == 0, "the game quits cleanly")
        on.cleanup()

    # In Japanese, the page is given the game's Japanese words.
    ja = phonetest.Game(program, source, phones=True, private=False, env_extra={"TIGHTROPE_LANGUAGE": "ja"})
    try:
        words = page_words(ja.port)
        check(words["lang"] == "ja", "the page is told the game's language: " + words["lang"])
        check(words["words"]["Your turn."] == "あなたの番です。" and
              words["words"]["Round {round} of {rounds}"] == "ラウンド {round}／{rounds}", "and its words in that language")
    finally:
        check(ja.stop() == 0, "the game quits cleanly")
        ja.cleanup()

    # A public address is refused: the game goes on, and nothing listens.
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy", HOME=home,
                   XDG_DATA_HOME=home, TIGHTROPE_TRACE=os.path.join(home, "trace.txt"),
                   TIGHTROPE_DECKS_DIR=os.path.join(source, "decks"),
                   TIGHTROPE_ASSETS_DIR=os.path.join(source, "assets"))
        proc = subprocess.Popen([program, "--phones-listen", "8.8.8.8:47617"], env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            trace = os.path.join(home, "trace.txt")
            end = time.monotonic() + 20
            while time.monotonic() < end and not (os.path.exists(trace) and "screen title" in open(trace).read()):
                time.sleep(0.05)
            check(proc.poll() is None, "asked to listen on a public address, the game still runs")
            check(phonetest.listening(proc.pid) == [], "and listens on no TCP port")
        finally:
            proc.terminate()
            out, err = proc.communicate(timeout=20)
        check("is not an address on this computer's home network" in err, "and says why: " + err.strip())
        check("join at" not in out, "and gives no address to join")
    phonetest.summary()


if __name__ == "__main__":
    main()
