#!/usr/bin/env bash
# Create .venv at the repository root and install Parallax with every dependency pinned
# by hash (requirements.lock).  With --test, also the development gate's tools
# (requirements-dev.lock: ruff, mypy and stubs) and the system packages the browser tests
# need (Debian's chromium; apt-get, as root or through sudo).
#
# The lock files are complete (every package, each pinned with == and its hashes), so they
# are installed with --no-deps: pip resolves nothing and never looks at what the index
# published after the lock was made.  Resolving instead breaks with the pip that
# `python3 -m venv` gives (23.x) once the index has a newer release of a package that is
# asked for with an extra (lxml[html_clean] from justext): "all requirements must have
# their versions pinned with ==".  `pip check` then confirms the set is consistent.
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
PIP=(.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps)

locks=(requirements.lock)
[ "${1:-}" = "--test" ] && locks+=(requirements-dev.lock)
# Installs only when a lock file (or the project's metadata) changed since the last install.
stamp=.venv/.parallax-lock.sha256
want=$(sha256sum "${locks[@]}" pyproject.toml | sha256sum | cut -c1-64)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  for lock in "${locks[@]}"; do
    "${PIP[@]}" -r "$lock"
  done
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
  .venv/bin/python -m pip check
  echo "$want" > "$stamp"
fi

if [ "${1:-}" = "--test" ]; then
  if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  fi
fi
