from django.urls import path

from summaries import views

app_name = "summaries"
urlpatterns = [
    path("meetings/import/", views.import_start, name="import_start"),
    path("meetings/import/<str:token>/", views.import_preview, name="import_preview"),
    path("meetings/<int:pk>/export.docx", views.export_docx, name="export_docx"),
    path("meetings/<int:pk>/export.md", views.export_markdown, name="export_markdown"),
]
