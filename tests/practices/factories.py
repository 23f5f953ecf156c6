import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from practices.models import Category, GoodPractice, PracticePhoto, PracticeStatus
from tests.factories import CompanyFactory, png_bytes


def png_upload(name="photo.png", **kwargs):
    return SimpleUploadedFile(name, png_bytes(**kwargs), content_type="image/png")


class PracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GoodPractice

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Praktyka numer {n}")
    summary = "Krótki opis praktyki."
    body = "Opis **praktyki**."
    category = Category.ENERGY_EFFICIENCY
    year_started = 2022
    district = "01"
    consent = True
    status = PracticeStatus.DRAFT


class PublishedPracticeFactory(PracticeFactory):
    status = PracticeStatus.APPROVED
    submitted_at = factory.LazyFunction(timezone.now)
    published_at = factory.LazyFunction(timezone.now)


class PhotoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticePhoto

    practice = factory.SubFactory(PublishedPracticeFactory)
    image = factory.LazyFunction(png_upload)
    alt_text = "Panele na dachu"
    order = factory.Sequence(lambda n: n)
