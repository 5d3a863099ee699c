#!/usr/bin/env bash
# Load and faults: see scripts/loadtest.py. Installs wrk from Debian when it is missing.
# Targets 127.0.0.1 only. Usage: scripts/loadtest.sh [--skip-prepare] [--skip-restart] ...
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  apt-get install -y -qq wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
fi
exec .venv/bin/python scripts/loadtest.py "$@"
