#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The message catalogue stays whole: every po/LANG.po passes msgfmt --check,
# has no fuzzy or untranslated message, and holds every string the sources
# mark for translation (extracted again now with xgettext, so a string
# added to the code but not to the catalogues fails); po/tightrope.pot is
# current; every source file of the front end and the exports is in
# po/POTFILES; and no drawing call of the front end takes a bare English
# literal (a player-visible string that skipped the catalogue).
# Usage: test_po.sh SOURCE_DIR
set -euo pipefail
cd "$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ --keyword=ngettext:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --add-comments=TRANSLATORS: --files-from=po/POTFILES --output="$tmp/now.pot"
count=$(grep -c '^msgid ' "$tmp/now.pot")
[ "$count" -gt 200 ] || fail "only $count strings were extracted from po/POTFILES"
# The template in the tree has the same messages as the sources.
msgcmp --use-untranslated po/tightrope.pot "$tmp/now.pot" 2>"$tmp/err" ||
  fail "po/tightrope.pot is out of date (cmake --build build --target tightrope-update-po): $(head -3 "$tmp/err")"
msgcmp --use-untranslated "$tmp/now.pot" po/tightrope.pot 2>"$tmp/err" ||
  fail "po/tightrope.pot has strings the sources no longer have: $(head -3 "$tmp/err")"

langs=0
while read -r lang; do
  case "$lang" in '' | '#'*) continue ;; esac
  langs=$((langs + 1))
  po=po/$lang.po
  msgfmt --check --check-accelerators=_ -o /dev/null "$po" 2>"$tmp/err" || fail "$po: msgfmt --check: $(head -3 "$tmp/err")"
  stats=$(LC_ALL=C msgfmt --statistics -o /dev/null "$po" 2>&1)
  case "$stats" in *fuzzy* | *untranslated*) fail "$po: $stats" ;; esac
  # Every string of the sources is in the catalogue (and translated).
  msgcmp "$po" "$tmp/now.pot" 2>"$tmp/err" || fail "$po lacks strings of the sources: $(head -5 "$tmp/err")"
  # No obsolete leftovers (#~) and no translation left in English.
  grep -q '^#~' "$po" && fail "$po has obsolete messages (#~): remove them"
  msgattrib --no-obsolete --no-wrap "$po" 2>/dev/null | awk -v po="$po" '
    /^msgid "/ { id = $0; sub(/^msgid /, "", id) }
    /^msgstr "/ { s = $0; sub(/^msgstr /, "", s); words = id; gsub(/\{[a-z_]+\}/, "", words)
                  # (a single word may be the same: "Normal" in Spanish)
                  if (id != "\"\"" && s == id && words ~ /[a-z][a-z][a-z]/ && words ~ / /) print po ": \"" id "\" is not translated" }' \
    >"$tmp/same"
  [ ! -s "$tmp/same" ] || fail "$(head -5 "$tmp/same")"
done <po/LINGUAS
[ "$langs" -ge 2 ] || fail "po/LINGUAS names $langs languages"

# Every file of the front end and the exports is extracted (but the script
# runner's, whose messages are for the authors of test scripts).
for f in src/ui/*.c src/core/export.c; do
  [ "$f" = src/ui/app_script.c ] && continue
  grep -qx "$f" po/POTFILES || { grep -q '"[A-Z][a-z]* [a-z]' "$f" && fail "$f has text but is not in po/POTFILES"; }
done
# Drawing calls never take a bare English literal: gfx_text*, ui_button,
# draw_title_bar, ui_field and the message setters must get _("...").
grep -nE '(gfx_text[a-z_]*|ui_button|draw_title_bar|ui_field|ui_label)\([^;]*[^_(N]\("?[A-Z][a-z]+ [a-z]' \
  src/ui/*.c >"$tmp/bare" || true
grep -nE '(gfx_text[a-z_]*|ui_button|draw_title_bar)\([^;"]*, "[A-Z][a-z]' src/ui/*.c | grep -v '"Tightrope"' \
  >>"$tmp/bare" || true
[ ! -s "$tmp/bare" ] || fail "English drawn without the catalogue: $(head -5 "$tmp/bare")"

# The phone page's words: every phrase phone.js shows through t() (and its
# lists marked "shown through t()") is in src/core/phone_words.c, which puts
# them in the catalogue, and every phrase there is on the page.
{
  grep -oE "(^|[^A-Za-z0-9_])t\('[^']*'" assets/phone/phone.js | sed "s/^.*t('//; s/'$//"
  grep 'shown through t()' assets/phone/phone.js | grep -o "'[^']*'" | tr -d "'"
} | sort -u >"$tmp/page"
grep -o 'N_("[^"]*")' src/core/phone_words.c | sed 's/^N_("//; s/")$//' | sort -u >"$tmp/table"
[ "$(wc -l <"$tmp/page")" -gt 40 ] || fail "only $(wc -l <"$tmp/page") phrases found on the phone page"
missing=$(comm -23 "$tmp/page" "$tmp/table" | head -3)
[ -z "$missing" ] || fail "the phone page shows phrases src/core/phone_words.c lacks: $missing"
unused=$(comm -13 "$tmp/page" "$tmp/table" | head -3)
[ -z "$unused" ] || fail "src/core/phone_words.c has phrases the phone page no longer shows: $unused"

if [ "$failures" -ne 0 ]; then
  echo "test_po: $failures problems" >&2
  exit 1
fi
echo "test_po: $langs catalogues, $count strings, all whole"
