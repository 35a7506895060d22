#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Every source file, script, deck and image of the project names its licence
# in an SPDX-License-Identifier line near its top: the code MIT, the cards
# (decks) and the images (assets) CC-BY-4.0, as LICENSE, LICENSE-CC-BY-4.0
# and packaging/copyright say. Data files without comments (fuzz corpora,
# fixtures) are covered by packaging/copyright's Files: stanzas.
# Usage: test_spdx.sh SOURCE_DIR
set -euo pipefail
cd "$1"
failures=0
checked=0
expect() { # FILE LICENCE
  local line
  line=$(head -3 "$1" | grep -o 'SPDX-License-Identifier: [A-Za-z0-9.+-]*' | head -1 || true)
  checked=$((checked + 1))
  if [ "$line" != "SPDX-License-Identifier: $2" ]; then
    echo "FAIL: $1: expected 'SPDX-License-Identifier: $2' in its first three lines, found '${line:-nothing}'" >&2
    failures=$((failures + 1))
  fi
}
while IFS= read -r -d '' f; do expect "$f" MIT; done < <(find src tests tools bench scripts .ci \
  -path tests/fuzz/deck -prune -o -path tests/fuzz/script -prune -o -path tests/fuzz/game_load -prune -o \
  -path tests/fuzz/journal -prune -o -path tests/fuzz/phone_msg -prune -o -path tests/fixtures -prune -o \
  -path tests/phone/node_modules -prune -o \
  -type f \( -name '*.c' -o -name '*.h' -o -name '*.sh' -o -name '*.py' -o -name '*.js' -o -name 'CMakeLists.txt' \
  -o -path 'scripts/*' -o -path .ci/run -o -path bench/run \) -print0)
expect CMakeLists.txt MIT
for f in po/*.po po/tightrope.pot po/POTFILES po/LINGUAS; do expect "$f" MIT; done
expect packaging/deb-games.cmake MIT
while IFS= read -r -d '' f; do expect "$f" CC-BY-4.0; done < <(find decks -type f -name '*.deck' -print0)
while IFS= read -r -d '' f; do expect "$f" CC-BY-4.0; done < <(find assets -type f \( -name '*.svg' \) -print0)
# Anything else under assets/ (sounds, pictures without comments) must be
# named by a Files: stanza of packaging/copyright with CC-BY-4.0.
while IFS= read -r -d '' f; do
  grep -q '^ assets/\*$' packaging/copyright || { echo "FAIL: $f is not covered by packaging/copyright" >&2; failures=$((failures + 1)); }
done < <(find assets -type f ! -name '*.svg' -print0)
[ "$checked" -gt 100 ] || { echo "FAIL: only $checked files were checked; is $1 the source folder?" >&2; exit 1; }
if [ "$failures" -ne 0 ]; then
  echo "test_spdx: $failures of $checked files without the right SPDX line" >&2
  exit 1
fi
echo "test_spdx: $checked files, each with its SPDX line"
