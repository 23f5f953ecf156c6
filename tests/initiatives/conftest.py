import pytest
from django.conf import settings
from django.utils import timezone

from tests.initiatives.factories import BikeCampaignFactory, InitiativeFactory


@pytest.fixture
def initiative(db):
    return InitiativeFactory(title="Sadzimy drzewa w Czyżynach", capacity=10)


@pytest.fixture
def campaign(db):
    return BikeCampaignFactory(title="Rowerowy maj")


def signup_data(**overrides):
    data = {"participants": 3, "contact_name": "Anna Nowak", "contact_email": "anna@example.com", "contact_phone": ""}
    data.update(overrides)
    return data


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def admin_form_data(initiative, **overrides):
    """The admin change form of `initiative` as a browser would post it, with `overrides`."""
    data = {
        "title": initiative.title,
        "slug": initiative.slug,
        "kind": initiative.kind,
        "cooperation_form": "",
        "status": initiative.status,
        "description": initiative.description,
        "organiser": initiative.organiser,
        "start_0": timezone.localtime(initiative.start).strftime("%Y-%m-%d"),
        "start_1": timezone.localtime(initiative.start).strftime("%H:%M:%S"),
        "end_0": timezone.localtime(initiative.end).strftime("%Y-%m-%d"),
        "end_1": timezone.localtime(initiative.end).strftime("%H:%M:%S"),
        "registration_deadline_0": timezone.localtime(initiative.registration_deadline).strftime("%Y-%m-%d"),
        "registration_deadline_1": timezone.localtime(initiative.registration_deadline).strftime("%H:%M:%S"),
        "place_name": initiative.place_name,
        "address": initiative.address,
        "district": initiative.district,
        "latitude": "",
        "longitude": "",
        "capacity": str(initiative.capacity),
        "capacity_unit": "people",
        "participations-TOTAL_FORMS": "0",
        "participations-INITIAL_FORMS": "0",
        "participations-MIN_NUM_FORMS": "0",
        "participations-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return data
