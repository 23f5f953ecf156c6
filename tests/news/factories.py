from datetime import timedelta

import factory
from django.utils import timezone

from portal.news.models import NewsItem


class NewsItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsItem

    title_pl = factory.Sequence(lambda n: f"Wiadomość {n}")
    title_en = factory.Sequence(lambda n: f"News item {n}")
    lead_pl = "Krótko o tym, co nowego."
    lead_en = "In short, what is new."
    body_pl = "Treść z **pogrubieniem**."
    body_en = "Text with **bold**."
    is_published = True
    # Published in the past, each item a minute after the one made before it (until 2,000 items in a run: the
    # sequence counts over the whole run, so a fixed start would put the later items in the future).
    publish_at = factory.Sequence(lambda n: timezone.now() - timedelta(days=2) + timedelta(minutes=n % 2000))
