from django.urls import include, path

from partnerships import views

app_name = "partnerships"

urlpatterns = [
    path("company/", views.dashboard, name="dashboard"),
    path("company/register/", views.register, name="register"),
    path("partners/", views.partner_list, name="partner_list"),
    path("partners/<slug:slug>/", views.partner_detail, name="partner_detail"),
    path("", include("partnerships.cooperation_urls")),
]
