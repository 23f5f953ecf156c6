"""The outgoing mail queue as production runs it: every e-mail is stored with the change it tells of and the
worker (`manage.py deliver_mail`) delivers it, retrying with growing waits while the mail server is away, and keeps
a message that never gets through for staff to see."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from post_office.lockfile import FileLock
from post_office.models import STATUS, Email

from tests.cooperation.factories import ApplicationFactory
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory

REFUSING = "tests.portal.test_mail_queue.RefusingBackend"
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


@pytest.fixture
def smtp(settings, mail_queue):
    """Switches the worker's delivery between a refusing server and a working one (locmem)."""

    class Server:
        def down(self):
            settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": REFUSING}}

        def up(self):
            settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": LOCMEM}}

    return Server()


def _time_comes(email):
    """The retry's time has come."""
    Email.objects.filter(pk=email.pk).update(scheduled_time=timezone.now() - timedelta(seconds=1))


def test_a_decision_is_saved_with_the_mail_server_down_and_its_email_sent_once_the_server_is_back(
    company, owner, staff, smtp, mail_queue
):
    smtp.down()
    application = ApplicationFactory(company=company, status="submitted")

    application.transition("approve", by=staff)  # no ConnectionRefusedError: nothing is sent here

    application.refresh_from_db()
    assert application.status == "approved"
    [email] = mail_queue.waiting()
    assert email.to == [owner.email] and application.reference() in email.subject

    mail_queue.deliver()  # the server refuses: kept for a retry
    email.refresh_from_db()
    assert email.status == STATUS.requeued and email.number_of_retries == 1
    assert email.scheduled_time > timezone.now()
    assert email.logs.get().exception_type == "ConnectionRefusedError"
    assert mail.outbox == []

    smtp.up()
    mail_queue.deliver()  # not yet: the retry waits for its time
    assert mail.outbox == []
    _time_comes(email)
    mail_queue.deliver()
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert [message.to for message in mail.outbox] == [[owner.email]]
    assert application.reference() in mail.outbox[0].subject


def test_the_waits_between_retries_double(settings, company, owner, staff, smtp, mail_queue):
    smtp.down()
    interval = settings.POST_OFFICE["RETRY_INTERVAL"]
    ApplicationFactory(company=company, status="submitted").transition("approve", by=staff)
    [email] = mail_queue.waiting()
    waits = []
    for _attempt in range(3):
        mail_queue.deliver()
        email.refresh_from_db()
        waits.append(email.scheduled_time - email.last_updated)
        _time_comes(email)
    assert [round(wait / interval) for wait in waits] == [1, 2, 4]


def test_every_try_sends_the_message_id_given_when_it_was_queued(company, owner, staff, smtp, mail_queue):
    smtp.down()
    ApplicationFactory(company=company, status="submitted").transition("approve", by=staff)
    [email] = mail_queue.waiting()
    assert email.message_id.startswith("<") and email.message_id.endswith("@127.0.0.1>")  # SITE_URL's host
    mail_queue.deliver()  # refused: retried later
    smtp.up()
    _time_comes(email)
    mail_queue.deliver()
    [sent] = mail.outbox
    assert sent.message()["Message-ID"] == email.message_id
    other = ApplicationFactory(company=company, status="submitted")
    other.transition("approve", by=staff)
    assert len({queued.message_id for queued in Email.objects.all()}) == 2


def test_a_message_that_keeps_failing_is_kept_as_failed(settings, company, owner, staff, smtp, mail_queue):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 2}
    smtp.down()
    ApplicationFactory(company=company, status="submitted").transition("approve", by=staff)
    [email] = mail_queue.waiting()
    for _attempt in range(4):
        mail_queue.deliver()
        _time_comes(email)
    email.refresh_from_db()
    assert email.status == STATUS.failed
    assert email.logs.count() == 3  # the first try and two retries, each logged; then no more tries
    assert mail_queue.waiting() == []


def test_a_rolled_back_change_leaves_no_email(company, owner, staff, mail_queue):
    application = ApplicationFactory(company=company, status="submitted")
    with pytest.raises(RuntimeError), transaction.atomic():
        application.transition("approve", by=staff)
        assert len(mail_queue.waiting()) == 1
        raise RuntimeError("something later in the same change fails")
    application.refresh_from_db()
    assert application.status == "submitted"
    assert not Email.objects.exists()


def test_the_text_is_stored_as_rendered_even_with_template_syntax_in_it(company, owner, staff, mail_queue):
    reason = "Prosimy poprawić pole {{ nip }} i {% now %} — 50% {# bez zmian #}"
    ApplicationFactory(company=company, status="submitted").transition("request_changes", by=staff, reason=reason)
    mail_queue.deliver()
    assert reason in mail.outbox[0].body


def test_allauth_sends_its_confirmation_through_the_queue(client, mail_queue):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    [email] = mail_queue.waiting()
    assert email.to == ["new@example.com"]
    assert "/accounts/confirm-email/" in email.message
    assert mail.outbox == []
    mail_queue.deliver()
    assert [message.to for message in mail.outbox] == [["new@example.com"]]


def test_the_reminder_is_queued_once_and_delivered_when_the_server_is_back(smtp, mail_queue):
    smtp.down()
    company = CompanyFactory()
    MembershipFactory(company=company, user__email="member@example.com")
    start = timezone.now() + timedelta(hours=20)
    initiative = InitiativeFactory(start=start, registration_deadline=start - timedelta(hours=1))
    participation = ParticipationFactory(initiative=initiative, company=company, contact_email="member@example.com")

    call_command("send_reminders")
    mail_queue.deliver()  # fails: the reminder stays claimed, and its e-mail waits for a retry
    call_command("send_reminders")

    participation.refresh_from_db()
    assert participation.reminder_sent_at is not None
    [email] = Email.objects.all()
    assert email.status == STATUS.requeued
    smtp.up()
    _time_comes(email)
    mail_queue.deliver()
    assert [message.to for message in mail.outbox] == [["member@example.com"]]


def test_a_second_worker_leaves_the_queue_to_the_first(settings, company, owner, staff, mail_queue):
    ApplicationFactory(company=company, status="submitted").transition("approve", by=staff)
    with FileLock(settings.MAIL_QUEUE_LOCK_FILE):
        mail_queue.deliver()
    assert mail.outbox == [] and len(mail_queue.waiting()) == 1
    mail_queue.deliver()
    assert len(mail.outbox) == 1


@pytest.fixture
def failed_email(company, owner, staff, settings, smtp, mail_queue):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 0}
    smtp.down()
    ApplicationFactory(company=company, status="submitted").transition("approve", by=staff)
    mail_queue.deliver()
    return Email.objects.get(status=STATUS.failed)


def test_a_moderator_sees_the_failed_message_in_the_admin(client_for, staff, failed_email):
    client = client_for(staff)
    changelist = client.get(reverse("admin:post_office_email_changelist"), {"status__exact": STATUS.failed})
    assert changelist.status_code == 200
    assert failed_email.subject[:40] in changelist.content.decode()
    detail = client.get(reverse("admin:post_office_email_change", args=[failed_email.pk]))
    assert detail.status_code == 200
    assert "ConnectionRefusedError" in detail.content.decode()


def test_staff_outside_the_moderators_group_do_not_see_the_queue(client_for, failed_email):
    client = client_for(StaffFactory(email="plain@example.com", moderator=False))
    assert client.get(reverse("admin:post_office_email_changelist")).status_code == 403


def test_smtp_has_a_timeout(settings):
    assert settings.EMAIL_TIMEOUT == 10
    assert get_connection("django.core.mail.backends.smtp.EmailBackend").timeout == 10
