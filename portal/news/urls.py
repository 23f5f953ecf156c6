from django.urls import path

from portal.news import views
from portal.news.feeds import LatestNewsFeed

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/feed/", LatestNewsFeed(), name="feed"),
    path("news/<slug:slug>/", views.news_detail, name="detail"),
]
