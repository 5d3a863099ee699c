#!/usr/bin/env bash
# Pages at scale 1 and 100 under wrk: see scripts/bench.py. Installs wrk from Debian when it is
# missing. Targets 127.0.0.1 only. Usage: scripts/bench.sh [--regenerate] [--seconds N] ...
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
exec .venv/bin/python scripts/bench.py "$@"
