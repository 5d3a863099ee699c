"""gunicorn settings for Minutes Tracker: ``gunicorn -c gunicorn.conf.py config.wsgi``.

Everything is read from the environment so one file serves a laptop and production:
GUNICORN_BIND (127.0.0.1:8000: keep it behind the reverse proxy), WEB_CONCURRENCY (workers,
default 2 x cores + 1), GUNICORN_THREADS, GUNICORN_TIMEOUT, GUNICORN_ACCESS_LOG ("-" for
stdout, empty to switch off).
"""

from __future__ import annotations

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are short database reads; 2 x cores + 1 keeps the CPUs busy while
# some workers wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A request that takes longer than this is stuck: the worker is killed and replaced.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle workers now and then so a slow leak cannot grow without bound (jitter: not all at once).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", "200"))
# Load the app once in the master: workers fork with it ready, and a broken settings file
# fails at start rather than in every worker. Database connections are opened per worker
# after the fork (Django opens them lazily), so nothing is shared across processes.
preload_app = True
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
# Calendar-feed tokens and password-reset links are credentials: logged as [token].
logger_class = "config.logredact.RedactingGunicornLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The reverse proxy on the same machine sets X-Forwarded-Proto; trust only it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
proxy_allow_ips = forwarded_allow_ips
