from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import translation

from practices.catalogue import build_full_catalogue
from practices.models import GoodPractice

FILE_NAME = "katalog-dobrych-praktyk.pdf"


class Command(BaseCommand):
    help = (
        "Build the catalogue of published good practices (the newest 300), which /practices/catalogue.pdf serves "
        "when nothing is filtered, and write a copy under a fixed name to catalogue/ in the uploads' storage."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="pl (default) or en")

    def handle(self, *args, **options):
        language = options["language"]
        with translation.override(language):
            built = build_full_catalogue(GoodPractice.objects.published().for_cards().sorted_by("newest"))
        name = f"catalogue/{FILE_NAME if language == 'pl' else f'catalogue-{language}.pdf'}"
        # A fixed address for links from outside the portal, in the uploads' storage (the bucket when configured).
        # The same name every night: the old file gives way (the storage would otherwise add a suffix to the new).
        with built:
            content = built.read()
        default_storage.delete(name)
        default_storage.save(name, ContentFile(content))
        self.stdout.write(self.style.SUCCESS(f"Catalogue written: {default_storage.url(name)}"))
