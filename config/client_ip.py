"""The client's address as the trusted reverse proxies saw it.

Behind N proxies that each append the address they received from (nginx's
``$proxy_add_x_forwarded_for``), the N-th entry from the right of X-Forwarded-For is the one
the outermost trusted proxy wrote; anything to its left was sent by the client and may be
forged. With no proxy (``TRUSTED_PROXY_COUNT=0``) the socket's address is the client's.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    try:
        return str(ipaddress.ip_address(forwarded[-count]))
    except ValueError:
        return remote
