import pytest
from django.conf import settings

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
