from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from practices.models import GoodPractice


class LatestPracticesFeed(Feed):
    feed_type = Atom1Feed
    title = _("Good practices of Kraków companies")
    subtitle = _("New good practices published in the climate partnership of Kraków.")
    link = reverse_lazy("practices:list")

    def items(self):
        return GoodPractice.objects.published().select_related("company").sorted_by("newest")[:30]

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
