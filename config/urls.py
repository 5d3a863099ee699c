from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from config import views as config_views
from reports import views as report_views

admin.site.site_header = _("Minutes Tracker administration")
admin.site.site_title = _("Minutes Tracker administration")
admin.site.index_title = _("Records, people and settings")

urlpatterns = [
    path("", report_views.dashboard, name="dashboard"),
    path(
        "accounts/password_reset/",
        config_views.ThrottledPasswordResetView.as_view(),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("healthz", config_views.healthz, name="healthz"),
    path("", include("summaries.urls")),
    path("", include("minutes.urls")),
    path("", include("actions.urls")),
    path("", include("reports.urls")),
    path("", include("search.urls")),
    path("", include("outbox.urls")),
]

if settings.DEVTOOLS:
    # The benchmark's floor page (devtools.views.hello); the app is not installed in production.
    urlpatterns.append(path("devtools/", include("devtools.urls")))
