from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from practices.catalogue import build_pdf
from practices.models import GoodPractice

FILE_NAME = "katalog-dobrych-praktyk.pdf"


class Command(BaseCommand):
    help = "Write the catalogue of every published good practice to MEDIA_ROOT/catalogue/ as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="pl (default) or en")

    def handle(self, *args, **options):
        folder = Path(settings.MEDIA_ROOT) / "catalogue"
        folder.mkdir(parents=True, exist_ok=True)
        name = FILE_NAME if options["language"] == "pl" else f"catalogue-{options['language']}.pdf"
        path = folder / name
        with translation.override(options["language"]):
            practices = GoodPractice.objects.published().for_cards().sorted_by("newest")
            build_pdf(practices, {}, path)
        self.stdout.write(self.style.SUCCESS(f"Catalogue written: {path}"))
