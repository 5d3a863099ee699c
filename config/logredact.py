"""Secrets that travel in URLs are kept out of the logs: the calendar-feed token and the
password-reset link. Used by gunicorn's access log and by Django's own log records."""

from __future__ import annotations

import logging
import re

from gunicorn.glogging import Logger

SECRET_IN_PATH = [
    (re.compile(r"(/calendar/)[^/\s\"?]+?(\.ics)"), r"\1[token]\2"),
    (re.compile(r"(/accounts/reset/)[^/\s\"?]+/[^/\s\"?]+"), r"\1[uid]/[token]"),
]


def redact(text: str) -> str:
    for pattern, replacement in SECRET_IN_PATH:
        text = pattern.sub(replacement, text)
    return text


class RedactingGunicornLogger(Logger):
    """gunicorn's logger with the request line, path and referrer redacted."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "{raw_uri}e"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms


class RedactSecretsFilter(logging.Filter):
    """Django logs the path of a 404 or 500 ("Not Found: /calendar/....ics")."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True
