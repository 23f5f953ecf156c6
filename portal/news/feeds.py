from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from portal.news.models import NewsItem


class LatestNewsFeed(Feed):
    """The news in an Atom feed, every link on SITE_URL (as the practices feed)."""

    feed_type = Atom1Feed
    title = _("News of the climate partnership of Kraków")
    subtitle = _("What is new in the climate partnership of the City of Kraków and local business.")

    def link(self):
        return settings.SITE_URL + reverse("news:list")

    def feed_url(self):
        return settings.SITE_URL + reverse("news:feed")

    def items(self):
        return NewsItem.objects.public()[:30]

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.publish_at)
