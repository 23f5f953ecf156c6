import pytest
from django.core import mail
from django.utils import translation

from partnerships.review.workflow import Status, TransitionNotAllowed
from tests.cooperation.factories import PACT_ANSWERS, ApplicationFactory

pytestmark = pytest.mark.django_db


def test_a_decision_emails_every_member_through_the_queue_with_a_link_to_the_dashboard(
    company, owner, colleague, staff, pact, mail_queue
):
    colleague.language = "en"
    colleague.save()
    application = ApplicationFactory(company=company, form=pact, status="submitted")
    application.transition("request_changes", by=staff, reason="Prosimy dopisać rok bazowy.")
    assert mail.outbox == []  # nothing leaves with the decision: it is queued, and the worker sends it
    assert len(mail_queue.waiting()) == 2
    mail_queue.deliver()
    assert sorted(m.to[0] for m in mail.outbox) == ["colleague@example.com", "owner@example.com"]
    for message in mail.outbox:
        assert f"/company/#application-{application.pk}" in message.body
        assert "Prosimy dopisać rok bazowy." in message.body
    # Each in the recipient's language: the new status's label in the subject.
    english = next(m for m in mail.outbox if m.to == ["colleague@example.com"])
    assert application.reference() in english.subject
    assert "Changes requested" in english.subject
    polish = next(m for m in mail.outbox if m.to == ["owner@example.com"])
    assert application.reference() in polish.subject
    with translation.override("pl"):
        polish_label = str(Status.CHANGES_REQUESTED.label)
    assert polish_label != "Changes requested"
    assert polish_label in polish.subject


def test_a_refused_decision_sends_nothing(company, owner, staff, django_capture_on_commit_callbacks):
    application = ApplicationFactory(company=company, status="draft")
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed):
        application.transition("approve", by=staff)
    assert mail.outbox == []


def test_submitting_tells_the_moderators(client_for, owner, staff, pact, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    assert [m.to for m in mail.outbox] == [["staff@example.com"]]


def test_the_dashboard_lists_every_application_with_status_reason_and_history(client_for, owner, company, staff, pact):
    application = ApplicationFactory(company=company, form=pact, answers=PACT_ANSWERS, status="submitted")
    application.transition("request_changes", by=staff, reason="Uzupełnij podpis.")
    ApplicationFactory(company=company, status="draft")
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    html = client.get("/company/").content.decode()
    assert f'id="application-{application.pk}"' in html
    assert "Changes requested" in html
    assert "Uzupełnij podpis." in html
    assert "Request changes → Changes requested" in html
    assert html.count("cooperation-applications") == 1
    assert html.count('class="card mb-3"') == 2


def test_the_dashboard_shows_no_other_companys_applications(client_for, owner, other_company, pact):
    ApplicationFactory(company=other_company, form=pact, status="submitted")
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    html = client.get("/company/").content.decode()
    assert "Your company has not applied for any form of cooperation yet." in html


def test_the_personal_data_download_includes_the_applications_a_person_created(owner, colleague, company, pact):
    from portal.personal_data import collect

    ApplicationFactory(company=company, form=pact, created_by=owner, answers={"signatory_name": "Anna Nowak"})
    ApplicationFactory(company=company, created_by=colleague)
    mine = collect(owner)["cooperation_applications"]
    assert [(item["form"], item["answers"]) for item in mine] == [
        ("Pakt dla klimatu", {"signatory_name": "Anna Nowak"})
    ]
