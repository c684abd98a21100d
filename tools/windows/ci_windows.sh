#!/usr/bin/env bash
# .ci/run's Windows part, after `make test`: install Wine, then `make windows`.
#
# Skipped only when Wine itself cannot be installed (the package mirror refuses:
# install_wine.sh exits 3): it prints `windows: SKIPPED — <why>` and exits 0. Any other failure
# to install, and any failure of the build, a self-test, the install, the upgrade or the
# uninstall, exits non-zero and fails CI. tests/test_ci_windows.py runs this script with
# stand-ins for the installer and make (SONHIEMVU_INSTALL_WINE, MAKE), so each path is run,
# not only reasoned about.
set -euo pipefail
cd "$(dirname "$0")/../.."

install_wine=${SONHIEMVU_INSTALL_WINE:-tools/windows/install_wine.sh}
make_program=${MAKE:-make}

wine_log=$(mktemp)
trap 'rm -f "$wine_log"' EXIT
set +e
"$install_wine" 2>&1 | tee "$wine_log"
wine_status=${PIPESTATUS[0]}
set -e
if [ "$wine_status" = 3 ]; then
  echo "windows: SKIPPED — $(tail -n 1 "$wine_log" | sed 's/^install_wine: //')"
  exit 0
fi
if [ "$wine_status" != 0 ]; then
  echo "windows: installing Wine failed (exit $wine_status)"
  exit 1
fi
# Windows console programs under Wine need their output on a pipe, never a file.
"$make_program" windows 2>&1 | cat
