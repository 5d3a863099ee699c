from django.urls import path

from outbox import views

app_name = "outbox"
urlpatterns = [
    path("notifications/", views.notification_list, name="notification_list"),
    path("notifications/settings/", views.preferences, name="preferences"),
    path("language/", views.language_switch, name="language"),
]
