from django.core.management.base import BaseCommand
from django.db import transaction

from initiatives import demo as initiatives_demo
from partnerships import demo as companies_demo
from partnerships.climate import demo as climate_demo
from partnerships.cooperation import demo as cooperation_demo
from portal.news import demo as news_demo
from practices import demo as practices_demo

# Each app's demo data, in the order they build on each other. Every `seed()` is idempotent: it looks rows up by a
# natural key and creates only what is missing, so running the command again duplicates nothing.
DEMO_MODULES = [companies_demo, cooperation_demo, practices_demo, initiatives_demo, climate_demo, news_demo]


class Command(BaseCommand):
    help = "Load the demo data (the nine companies of the first business meeting and what later features show)."

    def handle(self, *args, **options):
        for module in DEMO_MODULES:
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
