from django.contrib import admin
from django.urls import include, path

from config import views as config_views
from reports import views as report_views

urlpatterns = [
    path("", report_views.dashboard, name="dashboard"),
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
