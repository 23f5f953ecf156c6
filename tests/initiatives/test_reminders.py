from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from initiatives.models import Initiative
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory


def _starting_in(hours, **kwargs):
    start = timezone.now() + timedelta(hours=hours)
    return InitiativeFactory(start=start, registration_deadline=start - timedelta(hours=1), **kwargs)


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_reminder_is_sent_once_however_often_the_command_runs(db):
    company = CompanyFactory()
    member = MembershipFactory(company=company, user__email="member@example.com").user
    initiative = _starting_in(20, title="Sadzenie jutro")
    ParticipationFactory(initiative=initiative, company=company, contact_email="kontakt@example.com")
    call_command("send_reminders")
    call_command("send_reminders")
    assert _recipients() == ["kontakt@example.com", member.email]
    assert "Sadzenie jutro" in mail.outbox[0].subject


def test_no_reminder_before_the_day_before(db):
    ParticipationFactory(initiative=_starting_in(72))
    call_command("send_reminders")
    assert mail.outbox == []


def test_no_reminder_for_the_waiting_list_cancelled_sign_ups_or_cancelled_initiatives(db):
    ParticipationFactory(initiative=_starting_in(10), status="waiting")
    ParticipationFactory(initiative=_starting_in(10), status="cancelled")
    ParticipationFactory(initiative=_starting_in(10, status=Initiative.Status.CANCELLED))
    call_command("send_reminders")
    assert mail.outbox == []


def test_the_reminder_is_in_the_member_language(db):
    company = CompanyFactory()
    MembershipFactory(company=company, user__email="en@example.com", user__language="en")
    ParticipationFactory(initiative=_starting_in(5, title="Forum"), company=company, contact_email="en@example.com")
    call_command("send_reminders")
    assert [m.subject for m in mail.outbox] == ["Tomorrow: Forum"]
