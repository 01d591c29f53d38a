#!/usr/bin/env bash
# Issue 17's install check, a CI step of its own after the test suite (`make deb-check`):
#   1. the wheel and sdist (`python -m build`), the wheel installed into a fresh venv with
#      pip (as pipx does) and `--smoke-test` run by its full path, outside the repository;
#   2. the .deb (`make deb`: the PyInstaller bundle, packaging/deb.py), installed with
#      `apt-get install ./dist/elevate-tray_*.deb`; /usr/bin/elevate-tray --smoke-test and
#      --version; the desktop entry and the AppStream file validated; the icons in hicolor;
#   3. the installed tray on a virtual screen: its icon docks, start at login writes and
#      removes the autostart entry (packaging/deb_check_tray.py);
#   4. `apt-get purge elevate-tray`: nothing of the package is left, the user's data is.
# Needs root (apt-get) and the Debian packages .ci/run installs (dpkg-dev's dpkg-deb,
# desktop-file-utils, appstream, xvfb, icewm, xdotool, x11-utils, imagemagick, binutils).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
NAME=elevate-tray
VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
WORK=$ROOT/build/deb-check
started=$(date +%s)
say() { echo "deb-check: $*"; }
fail() { echo "deb-check: FAILED: $*" >&2; exit 1; }
if [ "$(id -u)" != 0 ]; then fail "needs root for apt-get (run it as CI does, in .ci/run)"; fi
rm -rf "$WORK"
mkdir -p "$WORK/home"
export DEBIAN_FRONTEND=noninteractive
smoke_env=(env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen
  ELEVATE_TRAY_SECRET_STORE=file)

# --- 1. the wheel, as pipx installs it ----------------------------------------------------
"$PY" -m build --outdir "$WORK/dist" . >"$WORK/build.log" 2>&1 \
  || { cat "$WORK/build.log"; fail "python -m build"; }
wheel=$(ls "$WORK"/dist/elevate_tray-"$VERSION"-py3-none-any.whl)
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$wheel" \
  >"$WORK/pip.log" 2>&1 || { cat "$WORK/pip.log"; fail "pip install the wheel"; }
(cd /tmp && "${smoke_env[@]}" "$WORK/venv/bin/$NAME" --smoke-test) | tee "$WORK/wheel-smoke.txt"
grep -q "data files in $WORK/venv/lib/python3.*/site-packages/elevate_tray/_data$" \
  "$WORK/wheel-smoke.txt" || fail "the wheel's app did not use its own data files"
(cd /tmp && "${smoke_env[@]}" "$WORK/venv/bin/$NAME" sandbox) >"$WORK/sandbox.txt" 2>&1 || true
grep -q "pipx install 'elevate-tray\[sandbox\]'" "$WORK/sandbox.txt" || fail "without the sandbox extra, 'elevate-tray sandbox' does not say how to install it"
say "wheel: installed in a fresh venv, --smoke-test ok ($(( $(date +%s) - started )) s)"

# --- 2. the .deb ---------------------------------------------------------------------------
QT_QPA_PLATFORM=offscreen make deb >"$WORK/deb.log" 2>&1 || { tail -50 "$WORK/deb.log"; fail "make deb"; }
grep "^deb.py:" "$WORK/deb.log"
deb=$(ls "$ROOT"/dist/${NAME}_"$VERSION"_*.deb)
apt-get install -y -qq "$deb" >"$WORK/apt.log" 2>&1 || { cat "$WORK/apt.log"; fail "apt-get install"; }
(cd /tmp && "${smoke_env[@]}" /usr/bin/$NAME --smoke-test)
[ "$(/usr/bin/$NAME --version)" = "$NAME $VERSION" ] || fail "--version is not $NAME $VERSION"
desktop-file-validate /usr/share/applications/$NAME.desktop
appstreamcli validate --no-net /usr/share/metainfo/io.github.elevate_tray.metainfo.xml
grep -qx "Icon=$NAME" /usr/share/applications/$NAME.desktop || fail "the menu entry has no Icon=$NAME"
grep -qx "Exec=$NAME" /usr/share/applications/$NAME.desktop || fail "the menu entry's Exec is not $NAME"
for size in 16 22 24 32 48 64 96 128 256 512; do
  [ -s /usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png ] || fail "no ${size}x${size} icon"
done
[ -s /usr/share/icons/hicolor/scalable/apps/$NAME.svg ] || fail "no scalable icon"
# credential_process's lean executable answers (not elevated here: exit 6, or 2 unconfigured)
set +e
(cd /tmp && "${smoke_env[@]}" /usr/bin/$NAME-credentials --target nowhere) >/dev/null 2>"$WORK/cred.txt"
rc=$?
set -e
{ [ $rc = 2 ] || [ $rc = 6 ]; } && ! grep -q Traceback "$WORK/cred.txt" \
  || { cat "$WORK/cred.txt"; fail "/usr/bin/$NAME-credentials exited $rc"; }
say ".deb: installed, --smoke-test, --version, desktop entry, AppStream, icons ok ($(( $(date +%s) - started )) s)"

# --- 3. the installed tray on a virtual screen ---------------------------------------------
"$PY" packaging/deb_check_tray.py /usr/bin/$NAME "$WORK/home"

# --- 4. purge: nothing of the package is left, the user's own data is ----------------------
apt-get purge -y -qq $NAME >"$WORK/purge.log" 2>&1 || { cat "$WORK/purge.log"; fail "apt-get purge"; }
for path in /opt/$NAME /usr/bin/$NAME /usr/bin/$NAME-credentials \
    /usr/share/applications/$NAME.desktop /usr/share/metainfo/io.github.elevate_tray.metainfo.xml \
    /usr/share/doc/$NAME; do
  if [ -e "$path" ] || [ -L "$path" ]; then fail "$path is left after purge"; fi
done
left=$(find /usr/share/icons/hicolor -name "$NAME.*")
[ -z "$left" ] || fail "icons left after purge: $left"
if dpkg-query -W $NAME >/dev/null 2>&1; then fail "dpkg still knows $NAME"; fi
[ -f "$WORK/home/.config/$NAME/settings.toml" ] || fail "purge removed the user's settings"
say "purge: nothing of $NAME is left; the user's settings stay"
say "ok in $(( $(date +%s) - started )) s"
