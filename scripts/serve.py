"""gunicorn for the benchmark scripts (scripts/bench.py, scripts/loadtest.py): started in a
session of its own on 127.0.0.1, ready once /healthz answers, stopped with its workers."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # never anything else


def start(env: dict[str, str], port: int) -> subprocess.Popen:
    """gunicorn (gunicorn.conf.py, config.wsgi) with this environment, once it answers."""
    proc = subprocess.Popen(  # noqa: S603
        [str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", "gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(60):  # at most 30 s
        try:
            with urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2) as r:  # noqa: S310
                if r.status == 200 and proc.poll() is None:
                    return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if proc.poll() is not None:
            raise SystemExit("gunicorn exited at start")
        time.sleep(0.5)
    stop(proc)
    raise SystemExit("gunicorn did not answer /healthz in 30 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
