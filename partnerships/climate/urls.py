from django.urls import path

from partnerships.climate import views

app_name = "climate"

urlpatterns = [
    path("company/climate/", views.report_list, name="list"),
    path("company/climate/<int:year>/start/", views.start, name="start"),
    path("company/climate/reports/<int:pk>/", views.report_detail, name="report"),
    path("company/climate/reports/<int:pk>/edit/", views.report_edit, name="edit"),
    path("company/climate/reports/<int:pk>/copy-previous/", views.copy_previous, name="copy_previous"),
    path("company/climate/reports/<int:pk>/submit/", views.submit, name="submit"),
    path("company/climate/reports/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("company/climate/reports/<int:pk>/correct/", views.correct, name="correct"),
    path("company/climate/reports/<int:pk>/evidence/", views.evidence_upload, name="evidence_upload"),
    path("company/climate/reports/<int:pk>/evidence/<int:evidence_pk>/", views.evidence_file, name="evidence_file"),
    path(
        "company/climate/reports/<int:pk>/evidence/<int:evidence_pk>/delete/",
        views.evidence_delete,
        name="evidence_delete",
    ),
]
