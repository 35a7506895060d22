#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The real-display suite: the game under a real X server.

Starts its own Xvfb (on a free display, 1920x1080) and the openbox window
manager, runs the game with SDL's x11 driver and drives it with xdotool as a
couple would: keys, typed names ("Zoë", "José", 40 characters), pointer
moves, clicks and the wheel, in a 1280x720 window and fullscreen at
1920x1080, with F11 and a window resize in the middle of a game. The game
describes every new picture (screen, focus, widgets and where they are) in
the file TIGHTROPE_TRACE names; the suite polls it with bounded waits instead
of sleeping. Each game keeps its journal in a temporary XDG_DATA_HOME, which
is read at the end with sqlite3.

    real_display.py TIGHTROPE_BINARY [FAILURE_DIR [TEST...]]

A failing step keeps a screenshot of the whole screen (import -window root)
in FAILURE_DIR (default: ./real-display-failures) and says where.
REAL_DISPLAY_SHOTS=DIR also keeps a picture of the game's window at each
screen worth showing, once nothing moves on it, as DIR/NAME.png
(scripts/screenshots makes docs/screenshots this way). TEST names
run only those tests (test_restart_remembers_and_asks goes on from the
journal test_keyboard_in_a_window leaves). REAL_DISPLAY_KEEP=1 keeps the
temporary folders (journals, traces, the game's output) and says where.
"""

import os
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

TIMEOUT = 10.0  # seconds any one thing may take to show on screen
POLL = 0.02
SHOTS = os.environ.get("REAL_DISPLAY_SHOTS")


class Failure(Exception):
    pass


def need_tools():
    missing = [t for t in ("Xvfb", "openbox", "xdotool", "xprop", "xmodmap", "import") if not shutil.which(t)]
    if missing:
        raise Failure("missing programs: %s (scripts/setup installs them)" % " ".join(missing))


def wait_until(what, check, timeout=TIMEOUT):
    """Polls check() until it returns something true; fails after timeout."""
    end = time.monotonic() + timeout
    while True:
        got = check()
        if got:
            return got
        if time.monotonic() > end:
            raise Failure("timed out after %.0f s waiting for %s" % (timeout, what))
        time.sleep(POLL)


class Display:
    """Xvfb on a free display number, with openbox managing its windows."""

    def __init__(self):
        rd, wr = os.pipe()
        self.xvfb = subprocess.Popen(
            ["Xvfb", "-displayfd", str(wr), "-screen", "0", "1920x1080x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(wr,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(wr)
        number = b""
        end = time.monotonic() + TIMEOUT
        while not number.endswith(b"\n"):
            left = end - time.monotonic()
            if left <= 0 or not select.select([rd], [], [], left)[0]:
                self.stop()
                raise Failure("Xvfb did not start")
            chunk = os.read(rd, 16)
            if not chunk:
                self.stop()
                raise Failure("Xvfb did not start")
            number += chunk
        os.close(rd)
        self.name = ":" + number.decode().strip()
        self.shot = None  # where a failing step's screenshot goes
        self.env = dict(os.environ, DISPLAY=self.name)
        self.openbox = subprocess.Popen(["openbox", "--sm-disable"], env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until("openbox to manage the screen", lambda: b"window id" in self.run(
            ["xprop", "-root", "_NET_SUPPORTING_WM_CHECK"], check=False))
        # The keyboard has keys for the letters typed, as a French or German
        # one would: xdotool's own trick (a key remapped for each letter as it
        # types) races SDL reading the new keyboard map.
        free = [line.split()[1] for line in self.run(["xmodmap", "-pke"]).decode().splitlines()
                if line.rstrip().endswith("=")]
        letters = [("eacute", "Eacute"), ("ediaeresis", "Ediaeresis")]
        if len(free) < len(letters):
            raise Failure("the X keyboard has no free keys for accented letters")
        self.run(["xmodmap", *sum((["-e", "keycode %s = %s %s" % (k, a, b)] for k, (a, b) in zip(free, letters)), [])])

    def run(self, args, check=True):
        r = subprocess.run(args, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=TIMEOUT)
        if check and r.returncode != 0:
            raise Failure("%s failed: %s" % (" ".join(args), r.stderr.decode().strip()))
        return r.stdout

    def screenshot(self, path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        self.run(["import", "-window", "root", path], check=False)

    def stop(self):
        for p in (getattr(self, "openbox", None), self.xvfb):
            if p and p.poll() is None:
                p.terminate()
                try:
                    p.wait(5)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


class Frame:
    """One picture as the game's trace describes it."""

    def __init__(self, lines):
        self.moment = ""
        self.message = ""
        self.motion = False
        self.window = (0, 0, "")
        self.focus = -1
        self.widgets = []
        for line in lines:
            if line.startswith("screen "):
                self.moment = line
            elif line.startswith("window "):
                w, h, mode = line.split()[1:4]
                self.window = (int(w), int(h), mode)
            elif line.startswith("motion "):
                self.motion = line.split()[1] == "1"
            elif line.startswith("message "):
                self.message = line[len("message "):]
            elif line.startswith("focus "):
                self.focus = int(line.split()[1])
            elif line.startswith("widget "):
                parts = line.split(" ", 8)
                self.widgets.append({
                    "kind": parts[2], "x": int(parts[3]), "y": int(parts[4]), "w": int(parts[5]),
                    "h": int(parts[6]), "flags": parts[7].split(","), "text": parts[8] if len(parts) > 8 else "",
                })

    @property
    def screen(self):
        return self.moment.split()[1] if self.moment else ""

    def focused(self):
        return self.widgets[self.focus] if 0 <= self.focus < len(self.widgets) else None

    def find(self, text, kind=None):
        for i, w in enumerate(self.widgets):
            if w["text"] == text and (kind is None or w["kind"] == kind):
                return i
        return -1

    def fields(self):
        return [w for w in self.widgets if w["kind"] == "field"]

    def describe(self):
        f = self.focused()
        return "%s, focus on %s" % (self.moment, "%s %d '%s'" % (f["kind"], self.focus, f["text"]) if f else "nothing")


class Game:
    """One run of the game on the display, with its own data folder."""

    def __init__(self, display, data, args=(), name="game"):
        self.display = display
        self.trace = os.path.join(data, "trace-%s.txt" % name)
        # English decks, whatever the machine's language.
        env = {k: v for k, v in display.env.items() if k not in ("LC_ALL", "LC_MESSAGES")}
        env.update(SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy", XDG_DATA_HOME=data, LANG="C.UTF-8",
                   XDG_CONFIG_HOME=os.path.join(data, "config"), HOME=os.path.join(data, "home"),
                   TIGHTROPE_TRACE=self.trace)
        os.makedirs(env["HOME"], exist_ok=True)
        self.log = open(os.path.join(data, "game-%s.log" % name), "w+")
        self.proc = subprocess.Popen([BINARY, *args], env=env, stdout=self.log, stderr=subprocess.STDOUT)
        # The first picture comes once the renderer is made (SDL may make the
        # window again for it), so the window found after it stays.
        self.frame = wait_until("the first picture", lambda: self.alive() or self.last_frame())
        self.window = wait_until("the game's window", self._find_window)
        # Keys go to the focused window: wait until openbox has given it the focus.
        wait_until("the window to take the keyboard focus",
                   lambda: self.display.run(["xdotool", "getwindowfocus"], check=False).decode().strip() == self.window)

    def _find_window(self):
        if self.proc.poll() is not None:
            raise Failure("the game exited with status %d" % self.proc.returncode)
        ids = self.display.run(["xdotool", "search", "--onlyvisible", "--name", "^Tightrope$"], check=False).split()
        return ids[0].decode() if ids else None

    def last_frame(self):
        try:
            with open(self.trace, encoding="utf-8") as f:
                text = f.read()
        except FileNotFoundError:
            return None
        end = text.rfind("\nend\n")
        start = text.rfind("frame ", 0, end)
        if end < 0 or start < 0:
            return None
        return Frame(text[start:end].split("\n")[1:])

    def alive(self):
        if self.proc.poll() is not None:
            raise Failure("the game exited with status %d" % self.proc.returncode)

    def wait(self, what, check, timeout=TIMEOUT):
        """Waits for a picture for which check(frame) is true."""
        def poll():
            self.alive()
            f = self.last_frame()
            return f if f and check(f) else None
        try:
            self.frame = wait_until(what, poll, timeout)
        except Failure as e:
            f = self.last_frame()
            raise Failure("%s; on screen: %s" % (e, f.describe() if f else "nothing yet"))
        return self.frame

    def wait_moment(self, moment):
        return self.wait("'%s'" % moment, lambda f: f.moment == moment or f.moment.startswith(moment + " "))

    def wait_change(self, what="the next moment"):
        before = self.frame.moment
        return self.wait(what, lambda f: f.moment != before)

    def expect_focus(self, text, kind=None):
        """Waits for the focus to be on the widget showing text."""
        def on(fr):
            w = fr.focused()
            return w is not None and w["text"] == text and (kind is None or w["kind"] == kind)
        self.wait("the focus on '%s'" % text, on)

    def expect_focus_primary(self):
        f = self.frame
        w = f.focused()
        primary = [i for i, x in enumerate(f.widgets) if "primary" in x["flags"] and "disabled" not in x["flags"]]
        if primary and f.focus != primary[0]:
            raise Failure("on %s the focus is on '%s', not on the primary '%s'" %
                          (f.moment, w["text"] if w else "nothing", f.widgets[primary[0]]["text"]))
        if not w:
            raise Failure("on %s nothing has the focus" % f.moment)

    def shot(self, name):
        """With REAL_DISPLAY_SHOTS, a picture of the window once nothing moves."""
        if not SHOTS:
            return
        self.wait("the picture to settle", lambda f: not f.motion)
        os.makedirs(SHOTS, exist_ok=True)
        self.display.run(["import", "-window", self.window, os.path.join(SHOTS, name + ".png")])

    def key(self, *keys):
        self.display.run(["xdotool", "key", "--clearmodifiers", *keys])

    def type(self, text):
        self.display.run(["xdotool", "type", "--delay", "20", text])

    def move(self, x, y):
        self.display.run(["xdotool", "mousemove", "--window", self.window, str(x), str(y)])

    def point_at(self, index):
        """Moves the pointer onto a widget, as a hand does: a few steps."""
        w = self.frame.widgets[index]
        x, y = w["x"] + w["w"] // 2, w["y"] + w["h"] // 2
        for dx in (-6, -3, 0):
            self.move(x + dx, y)

    def point_at_fraction(self, fx, fy):
        """Moves the pointer to a place given as fractions of the window."""
        w, h, _ = self.frame.window
        self.move(int(w * fx), int(h * fy))

    def click(self, index):
        self.point_at(index)
        self.display.run(["xdotool", "click", "1"])

    def click_text(self, text, kind=None):
        i = self.frame.find(text, kind)
        if i < 0:
            raise Failure("no '%s' on %s" % (text, self.frame.moment))
        self.click(i)

    def wheel(self, down, times=1):
        self.display.run(["xdotool", "click", "--repeat", str(times), "5" if down else "4"])

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        # The screen as the failing step left it, before the game goes.
        if kind is not None and self.display.shot:
            self.display.screenshot(self.display.shot)
            self.display.shot = None
        self.quit()

    def quit(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def journal_games(data):
    db = sqlite3.connect("file:%s?mode=ro" % os.path.join(data, "tightrope", "journal.db"), uri=True)
    try:
        games = db.execute("SELECT id, name1, name2, rounds FROM games ORDER BY id").fetchall()
        out = []
        for gid, n1, n2, rounds in games:
            plans = db.execute("SELECT count(*) FROM plans WHERE game = ?", (gid,)).fetchone()[0]
            goals = db.execute("SELECT count(*) FROM goals WHERE game = ?", (gid,)).fetchone()[0]
            out.append({"names": (n1, n2), "rounds": rounds, "plans": plans, "goals": goals})
        progress = db.execute("SELECT count(*) FROM progress").fetchone()[0]
        return out, progress
    finally:
        db.close()


def expect(what, got, want):
    if got != want:
        raise Failure("%s: got %r, expected %r" % (what, got, want))


def setup_screen_ready(g):
    """After New game: the setup screen, the focus on the first name field."""
    g.wait_moment("screen setup")
    fields = [i for i, w in enumerate(g.frame.widgets) if w["kind"] == "field"]
    expect("name fields on setup", len(fields), 2)
    return fields


# The first moment of each kind, pictured with REAL_DISPLAY_SHOTS.
MOMENT_SHOTS = {"sharing": "sharing", "plan-pick": "planning", "plan-day": "day",
                "solo-pick": "solo", "support-pick": "support"}


def phase(frame):
    """The moment's phase ("sharing", "plan-day", "break"...), or its screen
    when it has none (the end reveal)."""
    parts = frame.moment.split()
    return parts[2] if len(parts) > 2 else (parts[1] if len(parts) > 1 else "")


def is_break(frame):
    """The short break at the end of a round ("screen play break round N ...")."""
    parts = frame.moment.split()
    return len(parts) > 2 and parts[1] == "play" and parts[2] == "break"


def play_by_keyboard(g, midway=None, shots=MOMENT_SHOTS):
    """Enter on every moment until Our week; the focus on each new moment
    must be its primary choice. midway(g) runs once, in round 2."""
    shots = dict(shots)
    for _ in range(120):
        f = g.frame
        if f.screen == "week":
            return
        if is_break(f):
            # The round's break takes no focus: any key goes on.
            g.key("Return")
            g.wait_change()
            continue
        g.expect_focus_primary()
        name = shots.pop(phase(f), None)
        if name:
            g.shot(name)
        if midway and " round 2 " in f.moment and phase(f) == "sharing":
            midway(g)
            midway = None
        g.key("Return")
        g.wait_change()
    raise Failure("the game did not end")


def play_by_mouse(g, shots=None):
    """A click on every moment's primary choice (or its first card) until Our week."""
    shots = dict(shots or {})
    for _ in range(120):
        f = g.frame
        if f.screen == "week":
            return
        if is_break(f):
            # The round's break: a click anywhere goes on.
            g.point_at_fraction(0.5, 0.5)
            g.display.run(["xdotool", "click", "1"])
            g.wait_change()
            continue
        name = shots.pop(phase(f), None)
        if name:
            g.shot(name)
        choices = [i for i, w in enumerate(f.widgets) if "disabled" not in w["flags"]]
        primary = [i for i in choices if "primary" in f.widgets[i]["flags"]]
        target = primary[0] if primary else choices[0]
        # Pointing first: the focus follows the pointer.
        g.point_at(target)
        g.wait("the focus under the pointer", lambda fr: fr.focus == target or fr.moment != f.moment)
        g.display.run(["xdotool", "click", "1"])
        g.wait_change()
        # The pointer stands still: the new moment's focus is its primary choice.
        if g.frame.screen == "play" and not is_break(g.frame):
            g.expect_focus_primary()
    raise Failure("the game did not end")


def check_journal(data, names, games=1):
    played, progress = journal_games(data)
    expect("games in the journal", len(played), games)
    last = played[-1]
    expect("names in the journal", last["names"], names)
    expect("rounds", last["rounds"], 3)
    expect("plans kept", last["plans"], 3)
    expect("goals kept", last["goals"], 2)  # one each: later rounds keep or swap it
    expect("games still in progress", progress, 0)


# ---- the tests ----

def test_keyboard_in_a_window(display, data):
    """1280x720 in a window, keyboard only: names with accents, the cursor
    in a field, F11 and a resize mid-game, a whole game, the journal."""
    with Game(display, data, ["--windowed"], "keyboard") as g:
        expect("window", g.frame.window, (1280, 720, "windowed"))
        g.wait_moment("screen title")
        # The focus starts on New game, whatever SDL reported when the window
        # appeared: a key comes after that, so Down lands on the next item.
        g.key("Down")
        g.expect_focus("Our journey")
        g.key("Up")
        g.expect_focus("New game")
        g.shot("title")
        # Sub-screens and back: the focus returns to the item left.
        for item, screen, down in (("Settings", "settings", 3), ("How to play", "howto", 1)):
            g.key(*["Down"] * down)
            g.expect_focus(item)
            g.key("Return")
            g.wait_moment("screen " + screen)
            g.expect_focus_primary()
            g.shot(screen)
            g.key("Escape")
            g.wait_moment("screen title")
            g.expect_focus(item)
        g.key("Up", "Up", "Up", "Up")
        g.expect_focus("New game")
        g.key("Return")
        fields = setup_screen_ready(g)
        # Typing right away goes into the first name.
        expect("the focus on setup", g.frame.focus, fields[0])
        g.type("Zoë")
        g.wait("Zoë typed", lambda f: f.widgets[fields[0]]["text"] == "Zoë")
        g.key("Return")
        g.wait("the second name focused", lambda f: f.focus == fields[1])
        # ← and → move the cursor inside the field: "Jé", ←, "os" is "José".
        g.type("Jé")
        g.wait("Jé typed", lambda f: f.widgets[fields[1]]["text"] == "Jé")
        g.key("Left")
        g.type("os")
        g.wait("José typed", lambda f: f.widgets[fields[1]]["text"] == "José")
        expect("the focus after ← in a field", g.frame.focus, fields[1])
        g.key("Right", "Return")
        g.expect_focus("Start")
        g.shot("setup")
        g.key("Return")
        g.wait_moment("screen play sharing round 1 turn 1")

        def midway(game):
            # F11: fullscreen at the screen's size, the same moment and focus.
            before = game.frame
            game.key("F11")
            game.wait("fullscreen", lambda f: f.window == (1920, 1080, "fullscreen"))
            expect("moment after F11", game.frame.moment, before.moment)
            game.expect_focus_primary()
            game.key("F11")
            game.wait("a window again", lambda f: f.window[2] == "windowed" and f.window[:2] == (1280, 720))
            # The window resized by the window manager mid-game.
            game.display.run(["xdotool", "windowsize", game.window, "1000", "600"])
            game.wait("the resized window", lambda f: f.window[:2] == (1000, 600))
            expect("moment after the resize", game.frame.moment, before.moment)
            game.expect_focus_primary()

        play_by_keyboard(g, midway)
        g.expect_focus_primary()
        g.shot("week")
        g.key("Escape")
        g.wait_moment("screen title")
        g.expect_focus("New game")
        g.key("Down", "Down", "Down", "Down", "Down")
        g.expect_focus("Quit")
        g.key("Return")
        g.proc.wait(TIMEOUT)
        expect("exit status", g.proc.returncode, 0)
    check_journal(data, ("Zoë", "José"))


def test_mouse_fullscreen(display, data):
    """Fullscreen at 1920x1080, mouse only: hover, clicks, a 40-character
    name, the wheel on the Decks screen, a whole game, the journal."""
    long_name = "Jean-Baptiste Alexander Montgomery-Smith"
    assert len(long_name) == 40
    with Game(display, data, ["--fullscreen"], "mouse") as g:
        g.wait("fullscreen", lambda f: f.window == (1920, 1080, "fullscreen"))
        g.wait_moment("screen title")
        # The pointer really moving takes the focus along.
        g.point_at(g.frame.find("Decks"))
        g.expect_focus("Decks")
        g.display.run(["xdotool", "click", "1"])
        g.wait_moment("screen decks")
        g.shot("decks")
        g.wheel(True, 3)
        g.wheel(False, 3)
        g.alive()
        g.click_text("Done")
        g.wait_moment("screen title")
        g.click_text("New game")
        fields = setup_screen_ready(g)
        g.click(fields[0])
        g.wait("the first name focused", lambda f: f.focus == fields[0])
        g.type(long_name)
        g.wait("the long name typed", lambda f: f.widgets[fields[0]]["text"] == long_name)
        g.click(fields[1])
        g.wait("the second name focused", lambda f: f.focus == fields[1])
        g.type("Zoë")
        g.wait("Zoë typed", lambda f: f.widgets[fields[1]]["text"] == "Zoë")
        g.click_text("Start")
        g.wait_moment("screen play sharing round 1 turn 1")
        play_by_mouse(g, {"sharing": "sharing-1080p", "plan-pick": "planning-1080p"})
        g.shot("week-1080p")
        g.click_text("Keep this week")
        g.wait("the week kept", lambda f: f.find("Done") >= 0)
        g.click_text("Done")
        g.wait_moment("screen title")
        g.click_text("Quit")
        g.proc.wait(TIMEOUT)
        expect("exit status", g.proc.returncode, 0)
    check_journal(data, (long_name, "Zoë"))


def test_restart_remembers_and_asks(display, data):
    """After the keyboard game: the names are remembered; a game left
    mid-way is not replaced by New game without a question."""
    with Game(display, data, ["--windowed"], "restart1") as g:
        g.wait_moment("screen title")
        g.key("Down")
        g.expect_focus("Our journey")
        g.key("Return")
        g.wait_moment("screen journey")
        g.shot("journey")
        g.key("Escape")
        g.wait_moment("screen title")
        g.expect_focus("Our journey")
        g.key("Up", "Return")
        g.wait("setup or the check-in", lambda f: f.screen in ("setup", "checkin"))
        # The check-in asks only about days that have passed (none, the
        # same evening), with "Later" in focus: Enter carries them through.
        while g.frame.screen == "checkin":
            asked = g.frame.message
            g.expect_focus("Later")
            g.key("Return")
            g.wait("the next question", lambda f: f.screen != "checkin" or f.message != asked)
        fields = setup_screen_ready(g)
        expect("names remembered", [g.frame.widgets[i]["text"] for i in fields], ["Zoë", "José"])
        g.expect_focus("Start")
        g.key("Return")
        g.wait_moment("screen play sharing round 1 turn 1")
        g.key("Return")
        # Both answer (the default): the listener answers the same card.
        g.wait_moment("screen play listener round 1 turn 2")
        g.key("Escape")
        g.wait_moment("screen play paused")
        g.expect_focus("Resume")
        g.shot("pause")
        g.key("Down", "Down", "Down")
        g.expect_focus("Back to title")
        g.key("Return")
        g.wait_moment("screen title")
    with Game(display, data, ["--windowed"], "restart2") as g:
        g.wait_moment("screen title")
        g.expect_focus("Continue")
        g.key("Down")
        g.expect_focus("New game")
        g.key("Return")
        g.wait_moment("screen confirm")
        g.expect_focus("Keep it")
        expect("what the question says", g.frame.message.split(";")[0],
               "Zoë and José’s game is saved at round 1 of 3")
        g.shot("confirm")
        g.key("Return")
        g.wait_moment("screen title")
        g.expect_focus("New game")
        g.key("Return")
        g.wait_moment("screen confirm")
        g.key("Escape")
        g.wait_moment("screen title")
        g.click_text("New game")
        g.wait_moment("screen confirm")
        g.click_text("Start a new game")
        setup_screen_ready(g)
    played, progress = journal_games(data)
    expect("games in the journal", len(played), 1)
    expect("the game in progress, kept until a new one starts", progress, 1)


TESTS = [test_keyboard_in_a_window, test_restart_remembers_and_asks, test_mouse_fullscreen]


def main():
    global BINARY
    if len(sys.argv) < 2:
        print(__doc__.strip().split("\n\n")[2], file=sys.stderr)
        return 2
    BINARY = os.path.abspath(sys.argv[1])
    failures_dir = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "real-display-failures")
    only = sys.argv[3:]
    try:
        need_tools()
        display = Display()
    except Failure as e:
        print("FAIL: %s" % e, file=sys.stderr)
        return 1
    failed = ran = 0
    root = tempfile.mkdtemp(prefix="tightrope-x11-")
    keep = os.environ.get("REAL_DISPLAY_KEEP")
    try:
        for test in TESTS:
            if only and test.__name__ not in only:
                continue
            # The restart test goes on from the keyboard game's journal.
            name = "test_keyboard_in_a_window" if test is test_restart_remembers_and_asks else test.__name__
            folder = os.path.join(root, name)
            os.makedirs(folder, exist_ok=True)
            started = time.monotonic()
            ran += 1
            shot = os.path.join(failures_dir, test.__name__ + ".png")
            display.shot = shot
            try:
                test(display, folder)
                print("ok   %s (%.1f s)" % (test.__name__, time.monotonic() - started), flush=True)
            except Failure as e:
                failed += 1
                if display.shot:  # failed outside a game
                    display.screenshot(shot)
                print("FAIL %s: %s\n     the whole screen: %s" % (test.__name__, e, shot), flush=True)
                for log in sorted(os.listdir(folder)):
                    if log.startswith("game-"):
                        with open(os.path.join(folder, log), errors="replace") as f:
                            text = f.read().strip()
                        if text:
                            print("     %s: %s" % (log, text))
    finally:
        display.stop()
        if not keep:
            shutil.rmtree(root, ignore_errors=True)
        else:
            print("kept", root)
    print("%d of %d failed" % (failed, ran) if failed else "all %d passed" % ran)
    return 1 if failed else 0


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    sys.exit(main())
