"""E-mails: every staff decision to the company's members in their own language, queued with the decision and
delivered by the mail worker; a new or resubmitted company to the Moderators group."""

from django.core import mail

from tests.admin_review.conftest import decide_url
from tests.factories import StaffFactory


def _decide(client, company, action, reason, capture):
    with capture(execute=True) as callbacks:
        response = client.post(decide_url(company, action), {"reason": reason})
    return response, callbacks


def test_a_decision_emails_each_member_in_their_language_through_the_queue(
    client_for, pending_company, owner, colleague, staff, mail_queue
):
    colleague.language = "en"
    colleague.save()

    response = client_for(staff).post(decide_url(pending_company, "reject"), {"reason": "Brak numeru KRS."})

    assert response.status_code == 302
    assert mail.outbox == []  # nothing is sent in the request: the worker sends it
    assert sorted(email.to[0] for email in mail_queue.waiting()) == sorted([owner.email, colleague.email])
    mail_queue.deliver()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {owner.email, colleague.email}
    polish, english = by_address[owner.email], by_address[colleague.email]
    assert "Brak numeru KRS." in polish.body and "Brak numeru KRS." in english.body
    assert "/company/" in polish.body and "/company/" in english.body
    assert pending_company.reference() in polish.subject
    assert "City staff have reviewed" in english.body
    assert "Rejected" in english.subject
    assert "City staff have reviewed" not in polish.body
    assert "Odrzucon" in polish.subject
    html, mimetype = english.alternatives[0]
    assert mimetype == "text/html" and 'lang="en"' in html


def test_no_email_leaves_in_the_request(client_for, pending_company, owner, colleague, staff, mail_queue):
    client_for(staff).post(decide_url(pending_company, "verify"), {"reason": ""})

    assert sorted(email.to[0] for email in mail_queue.waiting()) == sorted([owner.email, colleague.email])
    assert mail.outbox == []


def test_a_refused_decision_sends_nothing(client_for, company, owner, staff, django_capture_on_commit_callbacks):
    # `company` is verified already.
    _decide(client_for(staff), company, "verify", "", django_capture_on_commit_callbacks)

    assert mail.outbox == []


def test_a_resubmitted_company_is_announced_to_moderators_only(
    pending_company, owner, staff, plain_staff, django_capture_on_commit_callbacks
):
    english_moderator = StaffFactory(email="moderator-en@example.com", language="en")
    pending_company.transition("reject", by=staff, reason="Popraw adres.")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        pending_company.transition("resubmit", by=owner)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {staff.email, english_moderator.email}
    assert "/admin/waiting/" in by_address[staff.email].body
    assert "New for review" in by_address[english_moderator.email].body
    assert "New for review" not in by_address[staff.email].body
    assert pending_company.reference() in by_address[staff.email].subject
