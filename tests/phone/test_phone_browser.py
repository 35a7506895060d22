# SPDX-License-Identifier: MIT
"""A whole game played from two phones in a real browser (Debian's chromium,
headless, driven by puppeteer-core: play_browser.js), with Phones on
127.0.0.1 and private answers kept; then the journal and the TV are
checked: the names, the typed goal, and both private answers, which the TV
showed together and the journal kept.

Usage: test_phone_browser.py PROGRAM SOURCE_DIR [SCREENSHOT_DIR]
Needs node and tests/phone/node_modules (npm ci in tests/phone)."""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import phonetest  # noqa: E402

check = phonetest.check


def main():
    program, source = sys.argv[1], sys.argv[2]
    shots = sys.argv[3] if len(sys.argv) > 3 else None
    here = os.path.dirname(os.path.abspath(__file__))
    if not os.path.isdir(os.path.join(here, "node_modules", "puppeteer-core")):
        print("tests/phone/node_modules is missing: run scripts/setup (npm ci in tests/phone)", file=sys.stderr)
        sys.exit(1)
    game = phonetest.Game(program, source, phones=True, keep_answers=True, private=True)
    try:
        args = ["node", os.path.join(here, "play_browser.js"), game.url] + ([shots] if shots else [])
        env = dict(os.environ, TIGHTROPE_GAME_PID=str(game.proc.pid))
        run = subprocess.run(args, cwd=here, stdin=subprocess.DEVNULL, timeout=300, env=env)
        check(run.returncode == 0, "the browser played the game (play_browser.js)")
        check(game.proc.wait(timeout=20) == 0, "the game, quit by play_browser.js, ended cleanly")
        trace = game.trace_text()
        tv = [line for line in trace.splitlines() if line.startswith("phones tv ")]
        both = [line for line in tv if "Ana: Private answer from Ana" in line and "Bo: Private answer from Bo" in line]
        check(len(both) > 0, "the TV showed both private answers at once: " + (both[0] if both else "none"))
        check(all("Private answer from" not in line for line in tv if line not in both),
              "and never one answer alone")
        games = game.query("SELECT id, name1, name2 FROM games")
        check(len(games) == 1 and games[0][1:] == ("Ana", "Bo"), "the journal keeps the game of Ana and Bo")
        goals = game.query("SELECT partner, text FROM goals WHERE game = ? ORDER BY position", (games[0][0],))
        check((0, "Walk to the sea at dawn") in goals, "with Ana's typed goal: " + repr(goals))
        check([g[0] for g in goals] == [0, 1], "kept on the phones as their one goal each: " + repr(goals))
        answers = game.query("SELECT couple, card, answers FROM answers ORDER BY id")
        check(len(answers) > 0 and all(a[2] == "Ana: Private answer from Ana / Bo: Private answer from Bo"
                                       for a in answers), "and the private answers, as the couple chose")
        check(game.query("SELECT count(*) FROM progress") == [(0,)], "and no game left in progress")
    finally:
        status = game.stop()
        game.cleanup()
    check(status == 0, "the game quits cleanly")
    phonetest.summary()


if __name__ == "__main__":
    main()
