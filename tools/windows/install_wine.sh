#!/usr/bin/env bash
# Installs, with apt only, what `make windows` runs on: Wine (64- and 32-bit: ISCC.exe is a
# 32-bit program), Xvfb (the setup and the uninstaller need a display), and mingw-w64 (the
# test-only icuuc.dll stand-in, tools/windows/icuuc_stub.c).
#
# Exit codes: 0 installed (or already there); 3 Wine itself cannot be installed (the package
# mirror refuses) — the only case .ci/run may skip; anything else is a failure.
set -uo pipefail

have_all() {
  command -v wine >/dev/null && command -v wineserver >/dev/null \
    && dpkg -s wine64 >/dev/null 2>&1 && dpkg -s wine32:i386 >/dev/null 2>&1 && command -v Xvfb >/dev/null \
    && command -v xauth >/dev/null && command -v x86_64-w64-mingw32-gcc >/dev/null
}
if have_all; then
  echo "install_wine: Wine $(wine --version 2>/dev/null), Xvfb and mingw-w64 already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  if sudo -n true 2>/dev/null; then exec sudo -n -E "$0" "$@"; fi
  echo "install_wine: needs root (apt-get) to install wine wine64 wine32:i386 xvfb xauth gcc-mingw-w64-x86-64-win32" >&2
  exit 3
fi
export DEBIAN_FRONTEND=noninteractive
packages=(wine wine64 wine32:i386 xvfb xauth gcc-mingw-w64-x86-64-win32)
dpkg --print-foreign-architectures | grep -qx i386 || dpkg --add-architecture i386
# apt-get update may report a failed index (e.g. bookworm-security's i386 "File has unexpected
# size") yet leave the others usable: do not stop on it, the install below decides.
apt-get update -qq 2>&1 | tail -n 5 || true
if apt-get install -y -qq --no-install-recommends "${packages[@]}" >/tmp/install_wine.$$.log 2>&1; then
  :
else
  # A security index that failed for i386 only leaves amd64 and i386 at different versions
  # ("held broken packages"): take both from the release itself.
  echo "install_wine: apt-get install failed; retrying with -t bookworm" >&2
  tail -n 5 /tmp/install_wine.$$.log >&2
  if ! apt-get install -y -qq --no-install-recommends -t bookworm "${packages[@]}" \
      >/tmp/install_wine.$$.log 2>&1; then
    tail -n 20 /tmp/install_wine.$$.log >&2
    rm -f /tmp/install_wine.$$.log
    if command -v wine >/dev/null && dpkg -s wine32:i386 >/dev/null 2>&1; then exit 1; fi
    echo "install_wine: the package mirror refuses to install Wine" >&2
    exit 3
  fi
fi
rm -f /tmp/install_wine.$$.log
have_all || { echo "install_wine: installed, yet a program is missing" >&2; exit 1; }
echo "install_wine: installed $(wine --version)"
