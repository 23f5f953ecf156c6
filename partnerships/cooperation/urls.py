from django.urls import path

from partnerships.cooperation import views

app_name = "cooperation"

urlpatterns = [
    path("cooperation/", views.form_list, name="list"),
    path("cooperation/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("cooperation/applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("cooperation/applications/<int:pk>/submit/", views.application_submit, name="application_submit"),
    path("cooperation/applications/<int:pk>/withdraw/", views.application_withdraw, name="application_withdraw"),
    path("cooperation/<slug:slug>/", views.form_detail, name="detail"),
    path("cooperation/<slug:slug>/apply/", views.apply, name="apply"),
]
