"""The benchmark's floor: the cheapest page behind the same middleware and session as every
other page. Mounted only where DEVTOOLS is on (never in production)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse


def hello(request: HttpRequest) -> HttpResponse:
    """What any page costs before it reads a record: session, user, middleware, response."""
    return HttpResponse(f"hello {request.user.get_username()}", content_type="text/plain")
