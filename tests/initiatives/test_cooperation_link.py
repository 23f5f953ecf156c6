"""An initiative belongs to one of the city's cooperation forms, and each side links to the other."""

import pytest

from partnerships.cooperation.models import CooperationForm
from tests.initiatives.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_the_initiative_page_links_to_its_cooperation_form(client):
    greening = CooperationForm.objects.get(slug="zielen-z-zzm")
    planting = InitiativeFactory(title="Sadzimy drzewa w Czyżynach", cooperation_form=greening)

    page = client.get(planting.get_absolute_url()).content.decode()

    assert greening.get_absolute_url() in page


def test_the_cooperation_form_page_lists_its_coming_initiatives(client):
    greening = CooperationForm.objects.get(slug="zielen-z-zzm")
    InitiativeFactory(title="Sadzimy drzewa w Czyżynach", cooperation_form=greening)
    InitiativeFactory(title="Kampania rowerowa bez formy")

    page = client.get(greening.get_absolute_url()).content.decode()

    assert "Sadzimy drzewa w Czyżynach" in page
    assert "Kampania rowerowa bez formy" not in page


def test_deleting_a_cooperation_form_keeps_its_initiatives(db):
    form = CooperationForm.objects.create(slug="proba", group="form", kind="campaign", title_pl="Próba")
    initiative = InitiativeFactory(cooperation_form=form)

    form.delete()
    initiative.refresh_from_db()

    assert initiative.cooperation_form is None
