from django.urls import path

from minutes import views

app_name = "minutes"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
]
