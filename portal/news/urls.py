from django.urls import path

from portal.lib.http import revalidated
from portal.lib.page_cache import public_page
from portal.news import views
from portal.news.feeds import LatestNewsFeed

app_name = "news"

urlpatterns = [
    path("news/", views.news_list, name="list"),
    path("news/feed/", public_page(revalidated(LatestNewsFeed())), name="feed"),
    path("news/<slug:slug>/", views.news_detail, name="detail"),
]
