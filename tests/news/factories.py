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
    publish_at = factory.Sequence(lambda n: timezone.now() - timedelta(days=1000 - n))
