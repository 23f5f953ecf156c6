from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from practices.models import GoodPractice


class LatestPracticesFeed(Feed):
    """Every link is on SITE_URL: given a path, Django's Feed would take the host from the sites framework (whose
    default site is example.com) and the scheme from the request."""

    feed_type = Atom1Feed
    title = _("Good practices of Kraków companies")
    subtitle = _("New good practices published in the climate partnership of Kraków.")

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
