from django.urls import path

from partnerships.announcements import views

app_name = "announcements"

urlpatterns = [
    path("company/announcements/<int:pk>/", views.detail, name="detail"),
    path("announcements/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("accounts/announcements/", views.preferences, name="preferences"),
]
