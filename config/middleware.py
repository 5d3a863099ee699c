"""Cross-cutting request and response rules: malformed input is a 400 before any view runs,
bidirectional control characters never reach the database, and nothing a signed-in person
sees is kept by a browser or proxy cache; the interface speaks the language its user chose;
whoever just wrote reads their own writes in every cached list."""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import add_never_cache_headers, patch_cache_control

from lib import readcache
from lib.text import BIDI_CONTROLS, strip_bidi
from outbox.services import SESSION_LANGUAGE_KEY

FORM_URLENCODED = "application/x-www-form-urlencoded"


def _decoded(raw: str, *, what: str) -> str:
    """Percent-decoded `raw` (a query string or form body) as strict UTF-8 without NUL."""
    data = unquote_to_bytes(raw.replace("+", " "))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise BadRequest(f"The {what} is not valid UTF-8.") from None
    if "\x00" in text:
        raise BadRequest(f"The {what} contains a NUL character.")
    return text


class RejectMalformedInputMiddleware:
    """Answer 400 to NUL bytes, invalid UTF-8 and oversized query strings, and strip bidi
    controls from submitted fields.

    PostgreSQL refuses NUL in text, so without this a NUL in a URL or field is a 500 from deep
    inside a query. Django already answers 400 to bodies over DATA_UPLOAD_MAX_MEMORY_SIZE and
    to more than DATA_UPLOAD_MAX_NUMBER_FIELDS fields.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        self.check(request)
        return self.get_response(request)

    def check(self, request: HttpRequest) -> None:
        # The server hands PATH_INFO over as bytes decoded as latin-1 (PEP 3333).
        raw_path = request.META.get("PATH_INFO", "").encode("latin-1", "replace")
        try:
            path = raw_path.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("The address is not valid UTF-8.") from None
        if "\x00" in path:
            raise BadRequest("The address contains a NUL character.")
        query = request.META.get("QUERY_STRING", "")
        if len(query) > settings.MAX_QUERY_STRING_BYTES:
            raise BadRequest("The query string is too long.")
        _decoded(query, what="query string")
        if request.method != "POST":
            return
        # Django's own limit leaves out uploaded files; the declared length covers them too
        # (under WSGI a body without Content-Length is read as empty).
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            raise BadRequest("The Content-Length header is not a number.") from None
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            raise RequestDataTooBig("The request is larger than the upload limit.")
        if request.content_type == FORM_URLENCODED:
            # Reading the body enforces DATA_UPLOAD_MAX_MEMORY_SIZE (a 400 when over it).
            _decoded(request.body.decode("latin-1"), what="form")
        fields = request.POST
        if any("\x00" in text for key, values in fields.lists() for text in [key, *values]):
            raise BadRequest("A field contains a NUL character.")
        if any(BIDI_CONTROLS.search(value) for _key, values in fields.lists() for value in values):
            cleaned = QueryDict(mutable=True, encoding=fields.encoding)
            for key, values in fields.lists():
                cleaned.setlist(key, [strip_bidi(value) for value in values])
            cleaned._mutable = False
            request.POST = cleaned


class NoStoreWhenSignedInMiddleware:
    """Every response to a signed-in person (pages, exports, downloads) is `no-store`:
    a shared computer's browser cache or a proxy must not keep a summary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response


class ReadYourWritesMiddleware:
    """Lists that show action points may be read as they settled a few seconds ago
    (lib.readcache), except by a session that wrote in that time: it reads its own writes."""

    WROTE_AT = "readcache_wrote_at"
    SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        wrote_at = None
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            wrote_at = request.session.get(self.WROTE_AT)
        lag = settings.READCACHE_SETTLE_SECONDS
        settled = wrote_at is None or time.time() - wrote_at >= lag
        with readcache.reading(settled=settled):
            response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.method not in self.SAFE_METHODS and user is not None and user.is_authenticated:
            request.session[self.WROTE_AT] = time.time()
        return response


class UserLocaleMiddleware(LocaleMiddleware):
    """The language a signed-in person chose (kept in their session from the moment they sign
    in or switch) comes before the language cookie and the browser's Accept-Language."""

    def process_request(self, request: HttpRequest) -> None:
        chosen = request.session.get(SESSION_LANGUAGE_KEY) if hasattr(request, "session") else None
        if chosen and chosen in dict(settings.LANGUAGES):
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
            return
        super().process_request(request)
