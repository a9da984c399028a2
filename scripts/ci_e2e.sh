#!/usr/bin/env bash
# What the browser tests (tests/e2e) need on a fresh Debian machine, installed when missing:
# Debian's chromium (never a browser downloaded by Playwright) and CJK fonts for the pages
# and screenshots. Playwright itself comes from requirements-dev.txt (make install-dev).
# .ci/run calls this before `make test`; running it again installs nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "chromium is missing: installing Debian's chromium and fonts-noto-cjk"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends chromium fonts-noto-cjk
fi
/usr/bin/chromium --version
