"""A login with no role reads nothing: every app page answers with a page that says so."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from minutes import access

# Django's own account pages stay open, so the user can log out or change their password.
ACCOUNT_URL_NAMES = {
    "login",
    "logout",
    "password_change",
    "password_change_done",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


class NoRoleMiddleware:
    """After authentication: a logged-in user who is neither secretariat nor principal gets a
    403 "no role yet" page on every page that needs a login. Public pages (login, health check,
    calendar feeds, which carry their own credential) and the admin (which has its own door)
    are left alone."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or access.has_role(user):
            return None
        if not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and (
            match.url_name in ACCOUNT_URL_NAMES or "admin" in match.namespaces
        ):
            return None
        return render(request, "registration/no_role.html", status=403)
