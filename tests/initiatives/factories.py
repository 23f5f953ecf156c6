from datetime import timedelta

import factory
from django.utils import timezone

from initiatives.models import Initiative, Participation


def _in_days(days, hour=10):
    return timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0) + timedelta(days=days)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    title = factory.Sequence(lambda n: f"Sadzenie drzew {n}")
    kind = Initiative.Kind.TREE_PLANTING
    description = "Sadzimy drzewa razem z Zarządem Zieleni Miejskiej."
    start = factory.LazyFunction(lambda: _in_days(10))
    end = factory.LazyAttribute(lambda o: o.start + timedelta(hours=4))
    registration_deadline = factory.LazyAttribute(lambda o: o.start - timedelta(days=2))
    place_name = "Park Lotników"
    address = "al. Jana Pawła II, Kraków"
    district = "14"
    organiser = "Zarząd Zieleni Miejskiej"
    capacity = 10
    capacity_unit = Initiative.CapacityUnit.PEOPLE
    status = Initiative.Status.PUBLISHED


class BikeCampaignFactory(InitiativeFactory):
    title = factory.Sequence(lambda n: f"Rowerem do pracy {n}")
    kind = Initiative.Kind.BIKE_CAMPAIGN
    start = factory.LazyFunction(lambda: _in_days(-5, hour=0))
    end = factory.LazyFunction(lambda: _in_days(20, hour=22))
    registration_deadline = factory.LazyFunction(lambda: _in_days(15))
    capacity = None


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    initiative = factory.SubFactory(InitiativeFactory)
    company = factory.SubFactory("tests.factories.CompanyFactory")
    participants = 2
    contact_name = "Anna Nowak"
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@example.com")
    status = Participation.Status.CONFIRMED
