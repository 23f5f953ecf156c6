from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import http_date, parse_http_date_safe
from django.utils.translation import gettext_lazy as _

from portal.lib import page_cache
from practices.models import GoodPractice


class LatestPracticesFeed(Feed):
    """Every link is on SITE_URL: given a path, Django's Feed would take the host from the sites framework (whose
    default site is example.com) and the scheme from the request."""

    feed_type = Atom1Feed
    title = _("Good practices of Kraków companies")
    subtitle = _("New good practices published in the climate partnership of Kraków.")

    def __call__(self, request, *args, **kwargs):
        """Last-Modified is also the last change to public content: Django's own, the newest entry's date, would stay
        the same when a practice is withdrawn, and a reader asking "modified since?" would keep showing it."""
        response = super().__call__(request, *args, **kwargs)
        newest = parse_http_date_safe(response.get("Last-Modified", "")) or 0
        response["Last-Modified"] = http_date(max(newest, page_cache.changed_at()))
        return response

    def link(self):
        return settings.SITE_URL + reverse("practices:list")

    def feed_url(self):
        return settings.SITE_URL + reverse("practices:feed")

    def items(self):
        return GoodPractice.objects.published().select_related("company").sorted_by("newest")[:30]

    def item_link(self, item):
        return settings.SITE_URL + item.get_absolute_url()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_author_name(self, item):
        return item.company.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_category_display()]
