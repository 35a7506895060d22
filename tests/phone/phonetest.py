# SPDX-License-Identifier: MIT
"""What the phone tests share: the game started with Phones on 127.0.0.1
(a port of its own choosing) under SDL's dummy drivers, in a data folder of
its own, with decks whose sharing cards are all answered privately; its
journal; and the sockets it listens on, from /proc/net/tcp.

Every wait is bounded in time; every address is 127.0.0.1."""
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import tempfile
import time

LOOPBACK = "127.0.0.1"
passed = 0


def check(cond, what):
    """One check: "ok - what", or an AssertionError that ends the test."""
    global passed
    if not cond:
        raise AssertionError(what)
    passed += 1
    print("ok -", what)


def summary():
    print("%d passed, 0 failed" % passed)


def private_decks(source_decks, out_dir):
    """The built-in decks, with every English sharing card marked
    `private: yes`, so that the game deals private cards whatever its seed."""
    os.makedirs(out_dir, exist_ok=True)
    for name in os.listdir(source_decks):
        src = os.path.join(source_decks, name)
        if not name.endswith(".deck"):
            continue
        if name != "sharing.deck":
            shutil.copy(src, os.path.join(out_dir, name))
            continue
        lines = []
        with open(src, encoding="utf-8") as f:
            for line in f:
                lines.append(line)
                text = line.rstrip("\n")
                is_card = (text and not text[0].isspace() and not text.startswith("#")
                           and not re.match(r"^[A-Za-z]+:(\s|$)", text))
                if is_card:
                    lines.append("    private: yes\n")
        # Cards already marked get the key twice: keep the first.
        out, last_card = [], None
        for line in lines:
            if line == "    private: yes\n" and last_card == "marked":
                continue
            if line == "    private: yes\n":
                last_card = "marked"
            elif not line.startswith(" "):
                last_card = None
            out.append(line)
        with open(os.path.join(out_dir, name), "w", encoding="utf-8") as f:
            f.writelines(out)


class Game:
    """The game, running until stop(). url: the page with the pairing token."""

    def __init__(self, program, source_dir, phones=True, keep_answers=False, private=True, env_extra=None, fullscreen=False):
        self.dir = tempfile.mkdtemp(prefix="tightrope-phones-")
        self.data = os.path.join(self.dir, "data")
        os.makedirs(os.path.join(self.data, "tightrope"), mode=0o700)
        decks = os.path.join(source_dir, "decks")
        if private:
            decks = os.path.join(self.dir, "decks")
            private_decks(os.path.join(source_dir, "decks"), decks)
        with open(os.path.join(self.data, "tightrope", "settings.conf"), "w") as f:
            f.write("phones-keep-answers = %s\n" % ("yes" if keep_answers else "no"))
        self.trace = os.path.join(self.dir, "trace.txt")
        env = dict(os.environ)
        env.update({
            "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy", "HOME": self.dir,
            "XDG_DATA_HOME": self.data, "XDG_CONFIG_HOME": self.dir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "TIGHTROPE_DECKS_DIR": decks, "TIGHTROPE_ASSETS_DIR": os.path.join(source_dir, "assets"),
            "TIGHTROPE_TRACE": self.trace,
        })
        env.update(env_extra or {})
        args = [program, "--fullscreen" if fullscreen else "--windowed"]
        if phones:
            args += ["--phones-listen", LOOPBACK + ":0"]
        self.out = open(os.path.join(self.dir, "stdout.txt"), "w+")
        self.proc = subprocess.Popen(args, env=env, stdout=self.out, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        self.url = None
        if phones:
            self.url = self.wait_for(lambda: self._url(), 20, "the game to say where phones join")
            m = re.match(r"http://127\.0\.0\.1:(\d+)/\?t=([A-Z0-9]{8})$", self.url)
            assert m, "the join address is not on 127.0.0.1: " + self.url
            self.port = int(m.group(1))
            self.token = m.group(2)
            self.ws = "ws://%s:%d/ws" % (LOOPBACK, self.port)
        else:
            self.wait_for(lambda: os.path.exists(self.trace) and "screen title" in open(self.trace).read(), 20,
                          "the title screen")

    def _url(self):
        self.out.flush()
        with open(self.out.name) as f:
            for line in f:
                if line.startswith("Phones: join at "):
                    return line[len("Phones: join at "):].strip()
        return None

    def wait_for(self, check, seconds, what):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if self.proc.poll() is not None:
                raise AssertionError("the game ended (%s) while waiting for %s:\n%s" %
                                     (self.proc.returncode, what, open(self.out.name).read()))
            got = check()
            if got:
                return got
            time.sleep(0.05)
        raise AssertionError("timed out waiting for " + what)

    def journal(self):
        return os.path.join(self.data, "tightrope", "journal.db")

    def query(self, sql, args=()):
        db = sqlite3.connect("file:%s?mode=ro" % self.journal(), uri=True, timeout=5)
        try:
            return db.execute(sql, args).fetchall()
        finally:
            db.close()

    def trace_text(self):
        with open(self.trace, encoding="utf-8", errors="replace") as f:
            return f.read()

    def stop(self):
        """Quits as closing the window does; returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.out.close()
        return self.proc.returncode

    def cleanup(self):
        shutil.rmtree(self.dir, ignore_errors=True)


def listening(pid):
    """The TCP sockets process pid listens on: [(address, port)], read from
    /proc/net/tcp and tcp6 and matched to its file descriptors' inodes."""
    inodes = set()
    fd_dir = "/proc/%d/fd" % pid
    for fd in os.listdir(fd_dir):
        try:
            target = os.readlink(os.path.join(fd_dir, fd))
        except OSError:
            continue
        m = re.match(r"socket:\[(\d+)\]", target)
        if m:
            inodes.add(m.group(1))
    found = []
    for table in ("/proc/%d/net/tcp" % pid, "/proc/%d/net/tcp6" % pid):
        if not os.path.exists(table):
            continue
        with open(table) as f:
            next(f)
            for line in f:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state != "0A" or inode not in inodes:  # 0A: LISTEN
                    continue
                addr, port = local.split(":")
                if len(addr) == 8:
                    addr = ".".join(str(int(addr[i:i + 2], 16)) for i in (6, 4, 2, 0))
                found.append((addr, int(port, 16)))
    return found
