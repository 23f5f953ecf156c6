"""Two clicks on "send" at the same moment send the announcement once (the row lock on PostgreSQL, the write lock
taken when the transaction begins on SQLite)."""

import threading
import time

import pytest
from django.core import mail
from django.db import connections

from partnerships.announcements import sending
from partnerships.announcements.models import Announcement, Recipient
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_sends_at_the_same_moment_send_once(monkeypatch):
    company = CompanyFactory()
    MembershipFactory(company=company, user__email="one@example.com")
    MembershipFactory(company=company, user__email="two@example.com")
    staff = StaffFactory(email="sender@example.com", moderator=False)
    announcement = Announcement.objects.create(subject_pl="Temat", body_pl="Treść", audience="all_partners")

    # Widen the window between reading the status and marking it sent: without the lock both would send.
    original = sending.recipients_of

    def slow_recipients_of(announcement):
        time.sleep(0.3)
        return original(announcement)

    monkeypatch.setattr(sending, "recipients_of", slow_recipients_of)
    barrier = threading.Barrier(2)
    outcomes, errors = [], []

    def send():
        try:
            barrier.wait(timeout=10)
            outcomes.append(sending.send(announcement.pk, by=staff))
        except sending.NotSendable:
            outcomes.append("already sent")
        except Exception as error:  # noqa: BLE001 - reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(outcomes, key=str) == [2, "already sent"]
    assert Recipient.objects.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["one@example.com", "two@example.com"]
