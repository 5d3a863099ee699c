from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import PasswordResetView
from django.db import connection
from django.http import HttpRequest, HttpResponseRedirect, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from config import throttle
from config.client_ip import client_ip


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: 200 when the database answers, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


class ThrottledPasswordResetView(PasswordResetView):
    """Django's reset form with a limit per address and per e-mail (see config.throttle)."""

    def form_valid(self, form):
        answer, send = throttle.password_reset_allowed(
            address=client_ip(self.request), email=form.cleaned_data["email"]
        )
        if not answer:
            form.add_error(
                None, _("Too many reset requests from your network. Try again in an hour.")
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not send:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
