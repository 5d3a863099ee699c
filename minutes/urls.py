from django.urls import path

from minutes.views import meetings as views
from minutes.views import register, translations

app_name = "minutes"
urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("bodies/lookup/", views.body_lookup, name="body_lookup"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/print/", views.meeting_print, name="meeting_print"),
    path("meetings/<int:pk>/edit/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path("meetings/<int:pk>/attendance/add/", views.attendance_add, name="attendance_add"),
    path(
        "meetings/<int:pk>/attendance/new-person/",
        views.attendance_new_person,
        name="attendance_new_person",
    ),
    path("meetings/<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/items/<int:item_pk>/", views.item_edit, name="item_edit"),
    path("meetings/<int:pk>/items/<int:item_pk>/move/", views.item_move, name="item_move"),
    path("meetings/<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="item_remove"),
    path("meetings/<int:pk>/history/", views.meeting_history, name="meeting_history"),
    path(
        "meetings/<int:pk>/in/<str:language>/",
        translations.translation_detail,
        name="translation_detail",
    ),
    path(
        "meetings/<int:pk>/in/<str:language>/edit/",
        translations.translation_edit,
        name="translation_edit",
    ),
    path("meetings/<int:pk>/circulate/", views.meeting_circulate, name="meeting_circulate"),
    path("meetings/<int:pk>/withdraw/", views.meeting_withdraw, name="meeting_withdraw"),
    path("meetings/<int:pk>/approve/", views.meeting_approve, name="meeting_approve"),
    path("meetings/<int:pk>/reopen/", views.meeting_reopen, name="meeting_reopen"),
    path("meetings/<int:pk>/comments/", views.comment_add, name="comment_add"),
    path("comments/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("comments/mine/", views.my_comments, name="my_comments"),
    path("documents/<int:pk>/", views.document_download, name="document_download"),
    path("decisions/", register.decision_list, name="decision_list"),
    path("decisions/<int:pk>/", register.decision_detail, name="decision_detail"),
    path("topics/", register.topic_list, name="topic_list"),
    path("topics/<slug:slug>/", register.topic_detail, name="topic_detail"),
]
