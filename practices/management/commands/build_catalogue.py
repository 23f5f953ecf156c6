import io

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.utils import translation

from practices.catalogue import build_pdf
from practices.models import GoodPractice

FILE_NAME = "katalog-dobrych-praktyk.pdf"


class Command(BaseCommand):
    help = "Write the catalogue of every published good practice to catalogue/ in the uploads' storage as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="pl (default) or en")

    def handle(self, *args, **options):
        name = FILE_NAME if options["language"] == "pl" else f"catalogue-{options['language']}.pdf"
        name = f"catalogue/{name}"
        buffer = io.BytesIO()
        with translation.override(options["language"]):
            practices = GoodPractice.objects.published().for_cards().sorted_by("newest")
            build_pdf(practices, {}, buffer)
        # The same name every night: the old file gives way (the storage would otherwise add a suffix to the new).
        default_storage.delete(name)
        default_storage.save(name, ContentFile(buffer.getvalue()))
        self.stdout.write(self.style.SUCCESS(f"Catalogue written: {default_storage.url(name)}"))
