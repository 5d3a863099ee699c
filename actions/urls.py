from django.urls import path

from actions import views

app_name = "actions"
urlpatterns = [
    path("actions/", views.action_list, name="action_list"),
    path("actions/export.csv", views.action_export, name="action_export"),
    path("actions/lookup/owners/", views.owner_lookup, name="owner_lookup"),
    path("actions/lookup/meetings/", views.meeting_lookup, name="meeting_lookup"),
    path("actions/bulk/", views.action_bulk, name="action_bulk"),
    path("actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("actions/<int:pk>/progress/", views.action_update, name="action_update"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("meetings/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("calendar/", views.calendar_settings, name="calendar_settings"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
