import shutil
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from practices.catalogue import build_full_catalogue
from practices.models import GoodPractice

FILE_NAME = "katalog-dobrych-praktyk.pdf"


class Command(BaseCommand):
    help = (
        "Build the catalogue of published good practices (the newest 300), which /practices/catalogue.pdf serves "
        "when nothing is filtered, and copy it to MEDIA_ROOT/catalogue/ under a fixed name."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="pl (default) or en")

    def handle(self, *args, **options):
        language = options["language"]
        with translation.override(language):
            built = build_full_catalogue(GoodPractice.objects.published().for_cards().sorted_by("newest"))
        name = FILE_NAME if language == "pl" else f"catalogue-{language}.pdf"
        # A fixed address for links from outside the portal, replaced in one step like the catalogue itself.
        path = Path(settings.MEDIA_ROOT) / "catalogue" / name
        partial = path.with_suffix(".part")
        with built, partial.open("wb") as copy:
            shutil.copyfileobj(built, copy)
        partial.replace(path)
        self.stdout.write(self.style.SUCCESS(f"Catalogue written: {path}"))
