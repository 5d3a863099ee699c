from django.contrib import admin
from django.urls import include, path

from actions import views as action_views
from config import views as config_views

urlpatterns = [
    path("", action_views.dashboard, name="dashboard"),
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
    path("", include("participants.urls")),
    path("", include("search.urls")),
]
