"""A draft (or an application sent back) cannot be edited or submitted once the form's application window has
closed; it can still be read and withdrawn."""

import datetime

import pytest
from django.urls import reverse

from partnerships.review.workflow import TransitionNotAllowed
from tests.cooperation.factories import ApplicationFactory, CooperationFormFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_form(db):
    return CooperationFormFactory(applications_open_until=datetime.date(2020, 1, 31))


@pytest.fixture
def draft(company, closed_form):
    return ApplicationFactory(company=company, form=closed_form, status="draft")


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_draft_of_a_closed_form_cannot_be_submitted(client_for, owner, draft):
    response = _english(client_for(owner)).post(
        reverse("cooperation:application_submit", args=[draft.pk]), follow=True
    )
    assert "Applications for this form are closed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft"
    with pytest.raises(TransitionNotAllowed):
        draft.transition("submit", by=owner)


def test_a_draft_of_a_closed_form_cannot_be_edited_and_submitted(client_for, owner, draft):
    edit = reverse("cooperation:application_edit", args=[draft.pk])
    client = _english(client_for(owner))
    response = client.post(edit, {"topic": "Nowy temat", "details": "Szczegóły", "submit": "1"}, follow=True)
    assert "Applications for this form are closed" in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.answers.get("topic") != "Nowy temat"


def test_the_page_of_a_closed_draft_says_so_and_offers_only_withdrawing(client_for, owner, draft):
    html = _english(client_for(owner)).get(draft.get_absolute_url()).content.decode()
    assert 'id="application-closed"' in html
    assert reverse("cooperation:application_edit", args=[draft.pk]) not in html
    assert reverse("cooperation:application_submit", args=[draft.pk]) not in html
    assert reverse("cooperation:application_withdraw", args=[draft.pk]) in html


def test_a_closed_draft_can_still_be_withdrawn(client_for, owner, draft):
    client_for(owner).post(reverse("cooperation:application_withdraw", args=[draft.pk]))
    draft.refresh_from_db()
    assert draft.status == "withdrawn"


def test_changes_requested_after_the_window_closed_cannot_be_sent_back(owner, company, closed_form):
    application = ApplicationFactory(company=company, form=closed_form, status="changes_requested")
    assert not application.can("submit", owner)
    assert not application.is_editable
