import io

import factory
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image

from partnerships.models import Company, Membership
from partnerships.review.permissions import MODERATORS_GROUP
from portal.models import User


def nip_with_checksum(first_nine):
    weights = (6, 5, 7, 2, 3, 4, 5, 6, 7)
    check = sum(int(d) * w for d, w in zip(first_nine, weights, strict=True)) % 11
    return f"{first_nine}{check}" if check != 10 else None


def _nip_sequence(n):
    # Walk through nine-digit prefixes until one gives a valid check digit (never 10).
    i = n
    while True:
        nip = nip_with_checksum(f"{526000000 + i:09d}")
        if nip:
            return nip
        i += 100_000


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.com")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    language = "pl"
    privacy_accepted_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )
        if create:
            self.save()


class StaffFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def moderator(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.groups.add(Group.objects.get(name=MODERATORS_GROUP))


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Firma {n}")
    nip = factory.Sequence(_nip_sequence)
    sector = "technology"
    size = "medium"
    street = "ul. Przykładowa 1"
    postal_code = "31-004"
    city = "Kraków"
    district = "01"
    description = "Firma z Krakowa."
    status = Company.Status.VERIFIED
    submitted_at = factory.LazyFunction(timezone.now)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.COLLEAGUE


def png_bytes(size=(60, 40), colour=(20, 120, 60)):
    """A small valid PNG, for upload tests."""
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()
