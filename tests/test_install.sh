#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the build into a temporary prefix the way a packager would
# (cmake --install BUILD --prefix P), checks that every file a desktop expects
# is in its place and valid, then moves the prefix and plays the installed
# game there: it must find its decks and assets beside itself and write only
# in the data folder. Usage: test_install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
trap 'echo "test_install: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
work=$(mktemp -d /tmp/tightrope-install.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset TIGHTROPE_DECKS_DIR TIGHTROPE_ASSETS_DIR XDG_DATA_HOME

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# The width and height stored in a PNG's header.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{print $3 * 256 + $4 "x" $7 * 256 + $8}'; }

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log"
pass "cmake --install $build --prefix $prefix"

# Every file went under the prefix: the manifest lists each one installed.
outside=$(grep -v "^$prefix/" "$build/install_manifest.txt" || true)
[ -z "$outside" ] && pass "every installed file is under the prefix" || fail "installed outside the prefix: $outside"

# The program, the built-in decks and the assets, exactly as in the sources.
[ -x "$prefix/bin/tightrope" ] && pass "bin/tightrope" || fail "no executable bin/tightrope"
data=$prefix/share/tightrope
(cd "$source/decks" && ls ./*.deck) >"$work/decks.src"
(cd "$data/decks" 2>/dev/null && ls ./*.deck) >"$work/decks.inst" || true
diff -u "$work/decks.src" "$work/decks.inst" && pass "share/tightrope/decks holds every built-in deck" ||
  fail "share/tightrope/decks differs from decks/"
diff -r "$source/assets" "$data/assets" >/dev/null && pass "share/tightrope/assets is assets/" ||
  fail "share/tightrope/assets differs from assets/"

# The launcher, the icon and the AppStream file share one application ID.
desktop=$(ls "$prefix"/share/applications/*.desktop 2>/dev/null || true)
metainfo=$(ls "$prefix"/share/metainfo/*.metainfo.xml 2>/dev/null || true)
if [ "$(echo "$desktop" | wc -w)" -ne 1 ] || [ "$(echo "$metainfo" | wc -w)" -ne 1 ]; then
  fail "expected one .desktop file and one .metainfo.xml, found: '$desktop' '$metainfo'"
  exit 1
fi
app_id=$(basename "$desktop" .desktop)
echo "application ID: $app_id"
[ "$(basename "$metainfo" .metainfo.xml)" = "$app_id" ] && pass "metainfo file named after $app_id" ||
  fail "$(basename "$metainfo") does not match $app_id"
grep -q "<id>$app_id</id>" "$metainfo" && pass "metainfo <id> is $app_id" || fail "metainfo <id> is not $app_id"
grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo" &&
  pass "metainfo launches $app_id.desktop" || fail "metainfo's launchable is not $app_id.desktop"
grep -qx "Icon=$app_id" "$desktop" && pass "Icon=$app_id" || fail "the launcher's Icon= is not $app_id"
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop")
[ -x "$prefix/bin/$exec_name" ] && pass "Exec=$exec_name is the installed program" ||
  fail "Exec=$exec_name is not in bin/"

echo "--- desktop-file-validate $desktop"
if desktop-file-validate "$desktop"; then pass "desktop-file-validate"; else fail "desktop-file-validate"; fi
echo "--- appstreamcli validate --pedantic --no-net $metainfo"
if appstreamcli validate --pedantic --no-net "$metainfo"; then pass "appstreamcli validate --pedantic"; else fail "appstreamcli validate --pedantic"; fi
# The licences the metadata states are the ones in LICENSE and the copyright file.
grep -qx '  <project_license>MIT AND CC-BY-4.0</project_license>' "$metainfo" &&
  pass "project_license: MIT AND CC-BY-4.0" || fail "the metainfo's project_license is not 'MIT AND CC-BY-4.0'"
grep -qx '  <metadata_license>CC0-1.0</metadata_license>' "$metainfo" &&
  pass "metadata_license: CC0-1.0" || fail "the metainfo's metadata_license is not CC0-1.0"
[ -f "$prefix/share/doc/tightrope/copyright" ] && pass "the copyright file is installed" ||
  fail "no share/doc/tightrope/copyright"
# validate-tree also finds the launcher and the icon the metainfo names.
echo "--- appstreamcli validate-tree --no-net $prefix"
if appstreamcli validate-tree --no-net "$prefix"; then pass "appstreamcli validate-tree"; else fail "appstreamcli validate-tree"; fi

icons=$prefix/share/icons/hicolor
[ -f "$icons/scalable/apps/$app_id.svg" ] && cmp -s "$icons/scalable/apps/$app_id.svg" "$source/assets/icons/tightrope.svg" &&
  pass "scalable icon" || fail "no scalable/apps/$app_id.svg from assets/icons/tightrope.svg"
for size in 16 32 48 64 128 256; do
  png=$icons/${size}x${size}/apps/$app_id.png
  if [ ! -f "$png" ]; then
    fail "no ${size}x${size} icon"
  elif [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" != 89504e470d0a1a0a ]; then
    fail "$png is not a PNG"
  elif [ "$(png_size "$png")" != "${size}x${size}" ]; then
    fail "$png is $(png_size "$png"), not ${size}x${size}"
  else
    pass "${size}x${size} icon"
  fi
done

# The manual, section 6, as written in docs/.
man=$(ls "$prefix"/share/man/man6/tightrope.6* 2>/dev/null || true)
if [ -z "$man" ]; then
  fail "no share/man/man6/tightrope.6"
elif { case $man in *.gz) gzip -dc "$man" ;; *) cat "$man" ;; esac; } | cmp -s - "$source/docs/tightrope.6"; then
  pass "share/man/man6/$(basename "$man")"
else
  fail "$man is not docs/tightrope.6"
fi

# The newest release in the metainfo is the program's version.
version=$("$prefix/bin/tightrope" --version | awk '{print $2}')
release=$(sed -n 's/.*<release version="\([^"]*\)".*/\1/p' "$metainfo" | sed -n 1p)
[ "$release" = "$version" ] && pass "metainfo's newest release is $version" ||
  fail "metainfo's newest release is '$release', the program is '$version'"

# Moved elsewhere, the installed game still finds everything beside itself.
moved=$work/elsewhere/usr
mkdir -p "$(dirname "$moved")"
mv "$prefix" "$moved"
find "$moved" -printf '%p %s %T@\n' | sort >"$work/tree.before"
mkdir "$work/cwd" "$work/home"
cd "$work/cwd"
run() { HOME=$work/home XDG_DATA_HOME=$work/data "$moved/bin/tightrope" "$@"; }

if run --check "$moved"/share/tightrope/decks/*.deck >"$work/check.out" 2>&1; then
  pass "the installed --check passes on the installed decks"
else
  cat "$work/check.out" >&2
  fail "the installed --check found errors in the installed decks"
fi
cat "$work/check.out"

if run --simulate 20 >"$work/sim.out" 2>&1 && grep -qF "($(realpath "$moved")/share/tightrope/decks/" "$work/sim.out"; then
  pass "--simulate plays the decks in $moved/share/tightrope/decks"
else
  cat "$work/sim.out" >&2
  fail "--simulate did not find the installed decks"
fi

printf 'screenshot %s\nquit\n' "$work/shot.png" >"$work/script.txt"
if run --script "$work/script.txt" >"$work/play.out" 2>"$work/play.err" && [ -s "$work/shot.png" ] &&
  [ ! -s "$work/play.err" ]; then
  pass "the installed game starts headless, finds its decks and assets, and takes a screenshot"
else
  cat "$work/play.out" "$work/play.err" >&2
  fail "the installed game did not start cleanly"
fi

# It wrote only in the data folder: not in the prefix, the working folder or HOME.
find "$moved" -printf '%p %s %T@\n' | sort >"$work/tree.after"
diff -u "$work/tree.before" "$work/tree.after" >&2 && pass "nothing was written in the prefix" ||
  fail "the game changed its installed files"
stray=$(find "$work/cwd" "$work/home" -mindepth 1)
[ -z "$stray" ] && pass "nothing was written in the working folder or HOME" ||
  fail "files appeared outside the data folder: $stray"
[ -f "$work/data/tightrope/journal.db" ] && pass "the journal is in \$XDG_DATA_HOME/tightrope" ||
  fail "no journal in \$XDG_DATA_HOME/tightrope"

if [ "$failures" -ne 0 ]; then
  echo "test_install: $failures failed" >&2
  exit 1
fi
echo "test_install: all passed"
