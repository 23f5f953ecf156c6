from django.urls import path

from partnerships.climate import public_views

app_name = "impact"

urlpatterns = [
    path("impact/", public_views.impact, name="impact"),
    path("impact/method/", public_views.method, name="method"),
]
