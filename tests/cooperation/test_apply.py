import pytest
from django.db import IntegrityError

from partnerships.cooperation.models import Application
from partnerships.review.models import ReviewEvent
from tests.cooperation.factories import PACT_ANSWERS, ApplicationFactory, CooperationFormFactory

pytestmark = pytest.mark.django_db


def test_a_member_submits_an_application_with_cleaned_answers(client_for, owner, company, pact):
    response = client_for(owner).post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    application = Application.objects.get()
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.company == company
    assert application.created_by == owner
    assert application.status == "submitted"
    assert application.answers["target_year"] == 2040
    assert application.answers["baseline"] == "1250.5"
    assert application.answers["commitments"] == ["renewable_energy", "mobility"]
    assert application.reference() == f"WSP-{application.pk:05d}"


def test_a_member_saves_a_draft_and_submits_it_later(client_for, owner, colleague, pact):
    client_for(owner).post(pact.get_apply_url(), {**PACT_ANSWERS, "draft": ""})
    application = Application.objects.get()
    assert application.status == "draft"
    client_for(colleague).post(f"/cooperation/applications/{application.pk}/submit/")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert ReviewEvent.objects.for_object(application).get().by == colleague


def test_bad_answers_are_explained_on_the_form_and_nothing_is_saved(client_for, owner, pact):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(pact.get_apply_url(), {**PACT_ANSWERS, "commitments": [], "target_year": "2100"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose at least one commitment." in html
    assert "Ensure this value is less than or equal to 2060." in html
    assert not Application.objects.exists()


def test_a_second_application_for_the_same_form_is_explained_with_a_link_to_the_first(client_for, owner, company, pact):
    first = ApplicationFactory(company=company, form=pact, status="submitted")
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Your company already has an active application for this form." in html
    assert first.get_absolute_url() in html
    assert Application.objects.count() == 1


def test_after_withdrawing_the_company_may_apply_again(client_for, owner, company, pact):
    ApplicationFactory(company=company, form=pact, status="withdrawn")
    ApplicationFactory(company=company, form=pact, status="rejected")
    client_for(owner).post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    assert Application.objects.filter(status="submitted").count() == 1


def test_a_race_between_two_members_is_explained_not_a_server_error(client_for, owner, company, pact, monkeypatch):
    # The check passes for both, then the colleague's application lands first: the database constraint decides.
    ApplicationFactory(company=company, form=pact, status="draft")
    monkeypatch.setattr(type(pact), "obstacle_for", lambda self, user: ("", None))
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Your company already has an active application for this form." in html
    assert 'value="Anna Nowak"' in html  # the answers are kept on the form
    assert Application.objects.count() == 1


def test_the_database_allows_one_active_application_per_company_and_form(company, pact):
    ApplicationFactory(company=company, form=pact, status="approved")
    with pytest.raises(IntegrityError):
        ApplicationFactory(company=company, form=pact, status="draft")


def test_closed_applications_are_explained_with_the_dates(client_for, owner):
    import datetime

    form = CooperationFormFactory(
        applications_open_from=datetime.date(2020, 1, 1), applications_open_until=datetime.date(2020, 1, 31)
    )
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    html = client.post(form.get_apply_url(), {"topic": "x", "details": "y", "submit": ""}).content.decode()
    assert "Applications for this form are closed now." in html
    assert "2020" in html
    assert not Application.objects.exists()


def test_after_staff_ask_for_changes_the_company_edits_and_resubmits(client_for, owner, company, pact, staff):
    application = ApplicationFactory(company=company, form=pact, answers=PACT_ANSWERS, status="submitted")
    application.transition("request_changes", by=staff, reason="Prosimy o rok docelowy przed 2050.")
    client = client_for(owner)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "Prosimy o rok docelowy przed 2050." in page
    assert 'value="2040"' in client.get(f"/cooperation/applications/{application.pk}/edit/").content.decode()
    response = client.post(
        f"/cooperation/applications/{application.pk}/edit/", {**PACT_ANSWERS, "target_year": "2045", "submit": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.answers["target_year"] == 2045


def test_saving_edits_keeps_the_status(client_for, owner, company, pact):
    application = ApplicationFactory(company=company, form=pact, answers=PACT_ANSWERS)
    client_for(owner).post(f"/cooperation/applications/{application.pk}/edit/", {**PACT_ANSWERS, "target_year": "2050"})
    application.refresh_from_db()
    assert (application.status, application.answers["target_year"]) == ("draft", 2050)


def test_a_submitted_application_cannot_be_edited(client_for, owner, company, pact):
    application = ApplicationFactory(company=company, form=pact, answers=PACT_ANSWERS, status="submitted")
    client = client_for(owner)
    response = client.post(f"/cooperation/applications/{application.pk}/edit/", {**PACT_ANSWERS, "target_year": "2050"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.answers["target_year"] == "2040"


def test_a_refused_action_is_explained_and_changes_nothing(client_for, owner, company):
    application = ApplicationFactory(company=company, status="approved")
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(f"/cooperation/applications/{application.pk}/submit/", follow=True)
    assert "is not possible while the status is" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "approved"


def test_the_application_page_shows_answers_as_question_and_answer(client_for, owner, company, pact):
    application = ApplicationFactory(company=company, form=pact, answers=PACT_ANSWERS)
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    html = client.get(application.get_absolute_url()).content.decode()
    assert "Climate-neutrality target year" in html
    assert "Renewable energy, Employee mobility" in html
    assert "Anna Nowak" in html
