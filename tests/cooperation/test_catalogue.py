import datetime

import pytest
from django.utils import translation

from partnerships.cooperation.models import CooperationForm
from tests.cooperation.factories import CooperationFormFactory

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_six_forms_four_areas_of_joint_work_and_the_communication_offers():
    counts = {group: CooperationForm.objects.filter(group=group).count() for group, _ in CooperationForm.Group.choices}
    assert counts == {"form": 6, "joint_work": 4, "communication": 4}
    assert CooperationForm.objects.get(slug="pakt-dla-klimatu").kind == "pact"


def test_english_falls_back_to_polish_where_staff_wrote_no_english_text():
    form = CooperationFormFactory(title_pl="Tylko po polsku", title_en="", summary_en="In English")
    with translation.override("en"):
        assert form.title == "Tylko po polsku"
        assert form.summary == "In English"
    with translation.override("pl"):
        assert form.summary == "Krótki opis."


def test_applications_are_open_only_between_the_dates():
    form = CooperationFormFactory(
        applications_open_from=datetime.date(2026, 3, 1), applications_open_until=datetime.date(2026, 3, 31)
    )
    assert not form.is_open(datetime.date(2026, 2, 28))
    assert form.is_open(datetime.date(2026, 3, 1))
    assert form.is_open(datetime.date(2026, 3, 31))
    assert not form.is_open(datetime.date(2026, 4, 1))


def test_a_form_without_dates_is_open_while_active():
    assert CooperationFormFactory().is_open()
    assert not CooperationFormFactory(is_active=False).is_open()


def test_the_list_groups_forms_and_shows_whether_they_are_open(client):
    CooperationFormFactory(title_en="Closed form", applications_open_until=datetime.date(2000, 1, 1))
    client.cookies["django_language"] = "en"
    response = client.get("/cooperation/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Climate Pact") < html.index("Training for employees") < html.index("Joint events")
    assert "Closed form" in html
    assert html.count("Applications closed") == 1


def test_the_list_hides_forms_staff_switched_off(client):
    CooperationFormFactory(title_pl="Ukryta forma", is_active=False)
    assert "Ukryta forma" not in client.get("/cooperation/").content.decode()


def test_the_list_is_in_english_for_an_english_reader(client):
    client.cookies["django_language"] = "en"
    html = client.get("/cooperation/").content.decode()
    assert "Climate Pact" in html
    assert "Innovation Atelier" in html


def test_a_forms_page_says_what_taking_part_involves_and_lists_approved_partners_only(client, pact, company):
    from tests.cooperation.factories import ApplicationFactory
    from tests.factories import CompanyFactory

    ApplicationFactory(company=company, form=pact, status="approved")
    ApplicationFactory(company=CompanyFactory(name="Jeszcze Czeka S.A."), form=pact, status="submitted")
    html = client.get(pact.get_absolute_url()).content.decode()
    assert pact.involves_pl[:40] in html
    assert "Zielona Energia sp. z o.o." in html
    assert "Jeszcze Czeka S.A." not in html


def test_a_form_staff_switched_off_has_no_page(client):
    form = CooperationFormFactory(is_active=False)
    assert client.get(f"/cooperation/{form.slug}/").status_code == 404
