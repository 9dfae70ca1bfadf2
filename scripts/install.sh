#!/usr/bin/env bash
# Create .venv at the repository root and install Parallax with every dependency pinned
# by hash (requirements.lock).  With --test, also the system packages the browser tests
# need (Debian's chromium; apt-get, as root or through sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! .venv/bin/python -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  echo "parallax needs Python 3.11 or newer (.venv has $(.venv/bin/python --version 2>&1))" >&2
  exit 1
fi
# Installs only when the lock file changed since the last install.
stamp=.venv/.parallax-lock.sha256
want=$(sha256sum requirements.lock pyproject.toml | sha256sum | cut -c1-64)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
fi
