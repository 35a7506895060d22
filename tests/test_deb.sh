#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Builds the Debian package with CPack (cpack -G DEB) into a temporary folder
# and checks it as apt would see it: its control fields and dependencies
# (dpkg-deb -I), its files (dpkg-deb -c), and the game unpacked from it
# (dpkg-deb -x) started headless there, from the launcher's own command; and
# Debian's checker, lintian, which must report no error and no warning (the
# package's overrides, each with its reason, are in packaging/lintian-overrides).
# Skipped (exit 77) without dpkg-deb.
# Usage: test_deb.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
trap 'echo "test_deb: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
build=$(cd "$1" && pwd)
source=$(cd "$2" && pwd)
if ! command -v dpkg-deb >/dev/null; then
  echo "test_deb: skipped: no dpkg-deb on this system"
  exit 77
fi
if ! command -v lintian >/dev/null; then
  echo "test_deb: lintian is missing: install it (scripts/setup does)" >&2
  exit 1
fi
if ! command -v dpkg-shlibdeps >/dev/null; then
  echo "test_deb: dpkg-shlibdeps is missing: install dpkg-dev (scripts/setup does)" >&2
  exit 1
fi
work=$(mktemp -d /tmp/tightrope-deb.XXXXXX)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset TIGHTROPE_DECKS_DIR TIGHTROPE_ASSETS_DIR XDG_DATA_HOME

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  echo "test_deb: cpack -G DEB failed" >&2
  exit 1
fi
debs=("$work"/out/tightrope_*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then
  echo "test_deb: expected one tightrope_*.deb, found: ${debs[*]}" >&2
  exit 1
fi
deb=${debs[0]}
pass "cpack -G DEB made $(basename "$deb")"

# ---- The control file, read with dpkg-deb -I ----
echo "--- dpkg-deb -I $(basename "$deb")"
dpkg-deb -I "$deb" | tee "$work/info"
field() { sed -n "s/^ $1: //p" "$work/info"; }
version=$(cd "$work" && "$build/tightrope" --version | awk '{print $2}')
arch=$(dpkg --print-architecture)
[ "$(field Package)" = tightrope ] && pass "Package: tightrope" || fail "Package is '$(field Package)'"
[[ "$(field Version)" == "$version"-* ]] && pass "Version: $(field Version)" ||
  fail "Version '$(field Version)' is not the program's $version"
[ "$(field Architecture)" = "$arch" ] && pass "Architecture: $arch" || fail "Architecture is '$(field Architecture)'"
[ "$(field Section)" = games ] && pass "Section: games" || fail "Section is '$(field Section)', not games"
[ "$(field Priority)" = optional ] && pass "Priority: optional" || fail "Priority is '$(field Priority)'"
maintainer=$(field Maintainer)
[[ "$maintainer" == ?*" <"?*@?*">" ]] && pass "Maintainer: $maintainer" || fail "Maintainer '$maintainer' is not 'Name <email>'"
[ -n "$(field Description)" ] && pass "Description: $(field Description)" || fail "no Description"
[ "$(basename "$deb")" = "tightrope_$(field Version)_$arch.deb" ] && pass "named tightrope_VERSION_ARCH.deb" ||
  fail "$(basename "$deb") is not named tightrope_$(field Version)_$arch.deb"

# The control archive holds only control and md5sums: no maintainer scripts
# or conffiles, so installing runs nothing and removing the package leaves
# nothing behind but what the player made in their data folder.
members=$(sed -n 's/^ *[0-9]* bytes, *[0-9]* lines *[*]\{0,1\} *\([^ ]*\).*/\1/p' "$work/info" | sort | tr '\n' ' ')
[ "$members" = "control md5sums " ] && pass "control archive: $members(no maintainer scripts)" ||
  fail "the control archive holds: $members"

# ---- Lintian: no error, no warning ----
# (--fail-on error,warning makes lintian exit non-zero on either; the tags it
# printed are shown in full when it does.)
if lintian --fail-on error,warning --no-tag-display-limit "$deb" >"$work/lintian" 2>&1; then
  pass "lintian: no error and no warning"
else
  cat "$work/lintian" >&2
  fail "lintian reported errors or warnings"
fi

# ---- Unpacked with dpkg-deb -x ----
root=$work/root
dpkg-deb -x "$deb" "$root"
game=$root/usr/games/tightrope

# The copyright file is machine-readable (DEP-5) and names both licences;
# the changelog's newest entry is this package's version.
copyright=$root/usr/share/doc/tightrope/copyright
head -1 "$copyright" | grep -qx 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' &&
  pass "copyright: DEP-5 format line" || fail "copyright has no DEP-5 Format line"
for license in Expat CC-BY-4.0; do
  grep -qx "License: $license" "$copyright" && pass "copyright: License: $license" || fail "copyright lacks License: $license"
done
newest=$(zcat "$root/usr/share/doc/tightrope/changelog.Debian.gz" | head -1)
[[ "$newest" == "tightrope ($(field Version)) "* ]] && pass "changelog.Debian.gz: $newest" ||
  fail "the changelog's newest entry '$newest' is not version $(field Version)"

# Each Depends entry, without its version, one a line.
field Depends | tr ',' '\n' | sed 's/^ *//; s/ *(.*//; s/ *$//' | sort -u >"$work/depends"
depends_on() { grep -qx "$1" "$work/depends"; }
depends_on fonts-dejavu-core && pass "depends on fonts-dejavu-core" || fail "does not depend on fonts-dejavu-core"
# The package that holds a library file, trying the names dpkg may know it by
# (the link or its target, under /lib or /usr/lib).
owner_of() {
  local p q out
  for p in "$1" "$(realpath "$1")"; do
    for q in "$p" "${p#/usr}" "/usr$p"; do
      out=$(dpkg -S "$q" 2>/dev/null) && echo "${out%%:*}" && return 0
    done
  done
  return 1
}
# Every shared library the packaged program links must come from a package
# that Depends names: its NEEDED entries, found on this system.
ldconfig=$(command -v ldconfig || echo /sbin/ldconfig) # not on a user's PATH everywhere
readelf -d "$game" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' >"$work/needed"
[ -s "$work/needed" ] || fail "readelf found no NEEDED libraries in the packaged program"
while read -r soname; do
  # (awk reads to the end: an early exit would kill ldconfig with SIGPIPE)
  lib=$("$ldconfig" -p | awk -v so="$soname" '$1 == so && !found {print $NF; found = 1}')
  pkg=$([ -n "$lib" ] && owner_of "$lib" || true)
  if [ -z "$pkg" ]; then
    fail "$soname (${lib:-not found}) belongs to no installed package"
  elif depends_on "$pkg"; then
    pass "$soname: depends on $pkg"
  else
    fail "$soname comes from $pkg, which Depends does not name"
  fi
done <"$work/needed"
# Read-aloud: espeak-ng's library and the voices it reads at run time;
# phones: civetweb and libqrencode.
for pkg in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsdl2-image-2.0-0 libsdl2-mixer-2.0-0 libfontconfig1 libsqlite3-0 \
  libespeak-ng1 espeak-ng-data libcivetweb1 libqrencode4; do
  depends_on "$pkg" || fail "does not depend on $pkg"
done

# ---- The files, listed with dpkg-deb -c ----
dpkg-deb -c "$deb" >"$work/contents"
bad=$(awk '{print $6}' "$work/contents" | grep -vE '^\./usr/(games|share)/|^\./usr/$' || true)
[ -z "$bad" ] && pass "every file is under /usr/games or /usr/share" || fail "files outside /usr/games and /usr/share: $bad"
owners=$(awk '$2 != "root/root" {print $6}' "$work/contents")
[ -z "$owners" ] && pass "every file is owned by root" || fail "not owned by root/root: $owners"
modes=$(awk '($1 ~ /^d/ && $1 != "drwxr-xr-x") || ($1 ~ /^-/ && $1 != "-rw-r--r--" && $6 != "./usr/games/tightrope") {print $1, $6}' "$work/contents")
[ -z "$modes" ] && pass "directories 0755, files 0644" || fail "unusual modes: $modes"
for path in ./usr/games/tightrope ./usr/share/man/man6/tightrope.6.gz ./usr/share/tightrope/decks/sharing.deck \
  ./usr/share/icons/hicolor/scalable/apps/ ./usr/share/applications/ ./usr/share/metainfo/ \
  ./usr/share/doc/tightrope/copyright ./usr/share/doc/tightrope/changelog.Debian.gz; do
  grep -qF " $path" "$work/contents" && pass "has $path" || fail "has no $path"
done

# ---- The unpacked game runs where it lies ----
mkdir "$work/cwd" "$work/home"
cd "$work/cwd"
run() { HOME=$work/home XDG_DATA_HOME=$work/data "$game" "$@"; }
[ "$(run --version)" = "tightrope $version" ] && pass "the unpacked program is version $version" ||
  fail "the unpacked program says '$(run --version)'"
if run --check "$root"/usr/share/tightrope/decks/*.deck >"$work/check.out" 2>&1; then
  pass "the unpacked --check passes on the packaged decks"
else
  cat "$work/check.out" >&2
  fail "the unpacked --check found errors in the packaged decks"
fi
cat >"$work/script.txt" <<EOF
screenshot $work/title.png
key Return
screenshot $work/setup.png
quit
EOF
# Started as the menu would: the launcher's Exec command, found on the PATH
# Debian gives its users (/etc/profile), with the unpacked tree in place of /.
desktop=$root/usr/share/applications/io.github.tightrope.tightrope.desktop
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
user_path="$root/usr/local/bin:$root/usr/bin:$root/bin:$root/usr/local/games:$root/usr/games:/usr/bin:/bin"
launcher=$(PATH=$user_path command -v "${exec_line%% *}" || true)
[ "$launcher" = "$game" ] && pass "the launcher's command '$exec_line' is $game" ||
  fail "the launcher's command '$exec_line' finds '${launcher:-nothing}' on the user's PATH, not $game"
# shellcheck disable=SC2086 # the Exec line is split into words as the menu does
if HOME=$work/home XDG_DATA_HOME=$work/data PATH=$user_path $exec_line --script "$work/script.txt" \
  >"$work/play.out" 2>"$work/play.err" && [ -s "$work/title.png" ] &&
  [ -s "$work/setup.png" ] && [ ! -s "$work/play.err" ]; then
  pass "the game starts from the launcher's command, headless with a script, and takes screenshots"
else
  cat "$work/play.out" "$work/play.err" >&2
  fail "the unpacked game did not run its script cleanly"
fi
cat "$work/play.out"
stray=$(find "$work/cwd" "$work/home" -mindepth 1)
[ -z "$stray" ] && pass "it wrote only in \$XDG_DATA_HOME" || fail "files appeared outside the data folder: $stray"

if [ "$failures" -ne 0 ]; then
  echo "test_deb: $failures failed" >&2
  exit 1
fi
echo "test_deb: all passed"
