#!/usr/bin/env bash
# packcalc set-up in one command, on a fresh machine with Python 3.11+:
#   ./run.sh app    create/update .venv, install packcalc, start the designer app
#   ./run.sh test   create/update .venv, install the test tools and Chromium, run every test
# Anything after the command goes to streamlit (app) or pytest (test).
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
STAMP="$VENV/.packcalc-installed"

find_python() {
  for candidate in "${PYTHON:-}" python3.13 python3.12 python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  echo "run.sh: error: packcalc needs Python 3.11 or newer (set PYTHON=/path/to/python3.11)" >&2
  return 1
}

# Create the venv once; reinstall only when pyproject.toml or the extras asked for change.
ensure_venv() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    "$(find_python)" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
  fi
  local want
  want="$extras $(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -f "$STAMP" ] || ! grep -qxF "$want" "$STAMP"; then
    "$VENV/bin/python" -m pip install --quiet -e ".$extras"
    echo "$want" >"$STAMP"
  fi
}

# Debian's Chromium for the browser test (never `playwright install`: it downloads a
# browser of its own). Installed with apt when we are root or may sudo without a password.
ensure_chromium() {
  for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
      PACKCALC_CHROMIUM=$(command -v "$name")
      export PACKCALC_CHROMIUM
      return 0
    fi
  done
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    if sudo -n true 2>/dev/null; then sudo="sudo -n"; else sudo="none"; fi
  fi
  if [ "$sudo" != none ] && command -v apt-get >/dev/null 2>&1; then
    echo "run.sh: installing Chromium for the browser test (apt-get)"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
    PACKCALC_CHROMIUM=$(command -v chromium)
    export PACKCALC_CHROMIUM
    return 0
  fi
  echo "run.sh: no Chromium and no way to install it here: the browser test will be skipped" >&2
  if [ -n "${CI:-}" ]; then
    echo "run.sh: error: CI must run the browser test" >&2
    return 1
  fi
}

case "${1:-}" in
  app)
    shift
    ensure_venv "[app]"
    exec "$VENV/bin/streamlit" run app.py --browser.gatherUsageStats=false "$@"
    ;;
  test)
    shift
    ensure_venv "[test]"
    ensure_chromium
    "$VENV/bin/ruff" check .
    "$VENV/bin/ruff" format --check .
    # Bounded, so a hang cannot eat CI's time.
    timeout 1800 "$VENV/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: ./run.sh app | test   (see README.md)" >&2
    exit 2
    ;;
esac
