#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# A whole game, played headless through `tightrope --script` at 1280x720
# (keyboard and gamepad, a gamepad pulled out, sound on the dummy device, a
# screenshot), under valgrind memcheck: no error, no byte lost, and nothing
# left reachable at exit but what the system's libraries keep for the
# process (tests/valgrind.supp says which, and why).
#   valgrind_game.sh TIGHTROPE_BIN SUPPRESSIONS
set -uo pipefail
bin=$1 supp=$2
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind is not installed (scripts/setup installs it): skipped"
  exit 77
fi
work=$(mktemp -d /tmp/tightrope-valgrind-XXXXXX)
trap 'rm -rf "$work"' EXIT
{
  echo "resize 1280 720"
  for i in $(seq 10); do echo "pad 1 a"; done
  echo "unplug 1"
  # 27 up to Our week: both answer each sharing card, rounds 2 and 3 keep both goals
  for i in $(seq 27); do echo "key Return"; done
  echo "wait 1000"
  echo "screenshot $work/week.png"
  echo "quit"
} >"$work/game.script"
XDG_DATA_HOME="$work/data" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
  valgrind --tool=memcheck --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all \
  --suppressions="$supp" --num-callers=40 --error-exitcode=99 --log-file="$work/valgrind.log" \
  "$bin" --script "$work/game.script" --seed 7 >"$work/trace" 2>"$work/stderr"
rc=$?
status=0
if [ $rc -ne 0 ]; then
  echo "valgrind_game: tightrope under valgrind exited with $rc"
  status=1
fi
if ! grep -q "^screen week$" "$work/trace"; then
  echo "valgrind_game: the game did not reach Our week; its trace:"
  cat "$work/trace" "$work/stderr"
  status=1
fi
if ! grep -q "ERROR SUMMARY: 0 errors" "$work/valgrind.log" ||
  ! grep -qE "definitely lost: 0 bytes|All heap blocks were freed" "$work/valgrind.log"; then
  status=1
fi
if [ $status -ne 0 ]; then
  cat "$work/valgrind.log"
else
  grep -E "ERROR SUMMARY|definitely lost|indirectly lost|possibly lost|still reachable|suppressed:" \
    "$work/valgrind.log" | sed 's/^==[0-9]*== *//'
fi
exit $status
