"""The review workflow of practices and of edits to published practices."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse

from partnerships.review import waiting
from partnerships.review.workflow import TransitionNotAllowed
from practices.models import GoodPractice, PracticeRevision, PracticeStatus
from tests.practices.test_access import VALID

pytestmark = pytest.mark.django_db


def _decide(client, obj, action, reason=""):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_decide", args=[obj.pk, action])
    return client.post(url, {"reason": reason})


def test_staff_publish_a_submitted_practice_from_the_decide_page(client_for, staff, submitted, client):
    response = _decide(client_for(staff), submitted, "publish")
    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.status == PracticeStatus.APPROVED and submitted.published_at
    assert client.get(submitted.get_absolute_url()).status_code == 200


def test_the_decide_page_has_the_form_staff_use(client_for, staff, submitted):
    url = reverse("admin:practices_goodpractice_decide", args=[submitted.pk, "reject"])
    html = client_for(staff).get(url).content.decode()
    assert 'id="decision-form"' in html and 'id="id_reason"' in html


def test_rejecting_without_a_reason_is_refused_and_changes_nothing(client_for, staff, submitted):
    response = _decide(client_for(staff), submitted, "reject")
    submitted.refresh_from_db()
    assert response.status_code == 200
    assert submitted.status == PracticeStatus.SUBMITTED


def test_the_company_is_emailed_the_decision_with_the_reason(
    client_for, staff, submitted, owner, colleague, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _decide(client_for(staff), submitted, "request_changes", "Prosimy dodać zdjęcie.")
    recipients = sorted(address for message in mail.outbox for address in message.to)
    assert recipients == ["colleague@example.com", "owner@example.com"]
    assert "Prosimy dodać zdjęcie." in mail.outbox[0].body


def test_a_company_member_cannot_publish(owner, submitted):
    with pytest.raises(PermissionDenied):
        submitted.transition("publish", by=owner)
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.SUBMITTED


def test_a_published_practice_cannot_be_submitted_again(owner, published):
    with pytest.raises(TransitionNotAllowed):
        published.transition("submit", by=owner)


def test_the_company_edits_after_changes_are_requested(client_for, staff, owner, submitted):
    submitted.transition("request_changes", by=staff, reason="Więcej liczb.")
    response = client_for(owner).post(f"/practices/edit/{submitted.pk}/", {**VALID, "title": "Zielony dach 2"})
    submitted.refresh_from_db()
    assert response.status_code == 302
    assert submitted.title == "Zielony dach 2"
    client_for(owner).post(f"/practices/edit/{submitted.pk}/submit/")
    submitted.refresh_from_db()
    assert submitted.status == PracticeStatus.SUBMITTED


def test_a_practice_waiting_for_review_cannot_be_edited(client_for, owner, submitted):
    client_for(owner).post(f"/practices/edit/{submitted.pk}/", {**VALID, "title": "Podmiana"})
    submitted.refresh_from_db()
    assert submitted.title == "Zielony dach"


def test_editing_a_published_practice_keeps_the_published_text_until_staff_accept(
    client_for, owner, staff, published, client
):
    old_title = published.title
    response = client_for(owner).post(f"/practices/edit/{published.pk}/", {**VALID, "title": "Nowy tytuł"})
    published.refresh_from_db()
    revision = PracticeRevision.objects.get()
    assert response.status_code == 302
    assert published.title == old_title and published.status == PracticeStatus.APPROVED
    assert revision.status == PracticeStatus.SUBMITTED
    assert old_title in client.get(published.get_absolute_url()).content.decode()

    _decide(client_for(staff), revision, "publish")
    published.refresh_from_db()
    assert published.title == "Nowy tytuł"
    assert published.co2_tonnes_per_year == 12.5
    assert "Nowy tytuł" in client.get(published.get_absolute_url()).content.decode()


def test_a_rejected_edit_leaves_the_published_practice_as_it_was(client_for, owner, staff, published):
    client_for(owner).post(f"/practices/edit/{published.pk}/", {**VALID, "title": "Nowy tytuł"})
    revision = PracticeRevision.objects.get()
    _decide(client_for(staff), revision, "reject", "Tytuł wprowadza w błąd.")
    published.refresh_from_db()
    revision.refresh_from_db()
    assert revision.status == PracticeStatus.REJECTED
    assert published.title != "Nowy tytuł"


def test_a_second_edit_waits_until_the_first_is_decided(client_for, owner, published):
    client_for(owner).post(f"/practices/edit/{published.pk}/", {**VALID, "title": "Pierwsza zmiana"})
    client_for(owner).post(f"/practices/edit/{published.pk}/", {**VALID, "title": "Druga zmiana"})
    assert list(PracticeRevision.objects.values_list("data__title", flat=True)) == ["Pierwsza zmiana"]


def test_submitted_practices_and_waiting_edits_are_on_the_waiting_page(client_for, owner, submitted, published, draft):
    client_for(owner).post(f"/practices/edit/{published.pk}/", {**VALID, "title": "Poprawka"})
    source = next(source for source in waiting.sources() if source.model is GoodPractice)
    assert set(source.waiting()) == {submitted, published}


def test_every_decision_is_recorded_with_who_and_why(staff, submitted):
    submitted.transition("reject", by=staff, reason="Poza Krakowem.")
    event = submitted.review_history().get()
    assert (event.action, event.by, event.reason) == ("reject", staff, "Poza Krakowem.")


def test_submitting_a_practice_tells_the_moderators_with_a_link_to_the_waiting_page(
    client_for, owner, staff, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post(reverse("practices:action", args=[draft.pk, "submit"]))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert draft.status == PracticeStatus.SUBMITTED
    [message] = [m for m in mail.outbox if staff.email in m.to]
    assert reverse("admin:waiting") in message.body


def test_a_practice_has_at_most_one_open_edit_at_a_time(published):
    PracticeRevision.objects.create(practice=published, data={"title": "Pierwsza zmiana"})
    with pytest.raises(IntegrityError), transaction.atomic():
        PracticeRevision.objects.create(practice=published, data={"title": "Druga zmiana"})
    PracticeRevision.objects.filter(practice=published).update(status=PracticeStatus.REJECTED)
    PracticeRevision.objects.create(practice=published, data={"title": "Po decyzji"})  # a decided one no longer counts
