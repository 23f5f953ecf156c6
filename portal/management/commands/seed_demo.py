import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Each app's demo data, in the order they build on each other. Every `seed()` is idempotent: it looks rows up by a
# natural key and creates only what is missing, so running the command again duplicates nothing.
DEMO_MODULES = [
    "partnerships.demo",
    "partnerships.demo_cooperation",
    "practices.demo",
    "initiatives.demo",
]


class Command(BaseCommand):
    help = "Load the demo data (the nine companies of the first business meeting and what later features show)."

    def handle(self, *args, **options):
        for name in DEMO_MODULES:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as exc:
                if exc.name != name:
                    raise
                continue
            with transaction.atomic():
                module.seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
