from django.urls import path

from portal.lib.http import revalidated
from portal.lib.page_cache import public_page
from practices import views
from practices.feeds import LatestPracticesFeed

app_name = "practices"

urlpatterns = [
    path("practices/", views.practice_list, name="list"),
    path("practices/new/", views.practice_new, name="new"),
    path("practices/feed/", public_page(revalidated(LatestPracticesFeed())), name="feed"),
    path("practices/catalogue.pdf", views.catalogue_pdf, name="catalogue"),
    path("practices/edit/<int:pk>/", views.practice_edit, name="edit"),
    path("practices/edit/<int:pk>/<str:action>/", views.practice_action, name="action"),
    path("practices/<slug:slug>/", views.practice_detail, name="detail"),
    path("practices/<slug:slug>/report/", views.report_problem, name="report"),
]
