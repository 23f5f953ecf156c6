from django.urls import path

from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("initiatives/", views.initiative_list, name="list"),
    path("initiatives/past/", views.initiative_past, name="past"),
    path("initiatives/map/", views.initiative_map, name="map"),
    path("initiatives/calendar.ics", views.calendar_ics, name="calendar_ics"),
    path("initiatives/<slug:slug>.ics", views.initiative_ics, name="ics"),
    path("initiatives/<slug:slug>/", views.initiative_detail, name="detail"),
    path("initiatives/<slug:slug>/participate/", views.participate, name="participate"),
    path("initiatives/<slug:slug>/cancel/", views.cancel_participation, name="cancel"),
    path("initiatives/<slug:slug>/rides/", views.rides, name="rides"),
    path("initiatives/<slug:slug>/results/", views.results, name="results"),
]
