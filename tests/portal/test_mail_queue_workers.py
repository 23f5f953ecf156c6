"""Two servers, one database: workers running at the same time on different machines (each with its own lock file)
deliver each queued message exactly once, on PostgreSQL (row locks, SKIP LOCKED) and on SQLite (the write lock
taken when the transaction begins)."""

import threading
import time

import pytest
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connections
from django.utils import timezone
from post_office.models import STATUS, Email

from portal.lib.mail import CLAIM_LEASE, claim_due, deliver_queued, enqueue

pytestmark = pytest.mark.django_db(transaction=True)

RECORDER = "tests.portal.test_mail_queue_workers.RecordingBackend"


class RecordingBackend(BaseEmailBackend):
    """A mail server that takes its time and writes down every message it is handed, from any thread."""

    delivered = []
    lock = threading.Lock()

    def send_messages(self, email_messages):
        time.sleep(0.02)  # a real server's round trip: the window in which a second worker could take the same one
        with self.lock:
            self.delivered.extend(message.subject for message in email_messages)
        return len(email_messages)


@pytest.fixture
def recorder(settings, mail_queue):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": RECORDER}}
    RecordingBackend.delivered = []
    return RecordingBackend


@pytest.mark.parametrize("workers", [2, 3])
def test_workers_on_several_machines_deliver_each_message_once(recorder, tmp_path, workers):
    subjects = [f"Wiadomość {n}" for n in range(20)]
    for subject in subjects:
        enqueue(EmailMessage(subject, "Treść", "klimat@localhost", ["member@example.com"]))
    barrier = threading.Barrier(workers)
    outcomes, errors = [], []

    def worker(machine):
        lock_dir = tmp_path / f"machine-{machine}"  # another machine: its own lock file, which this one cannot see
        lock_dir.mkdir()
        try:
            barrier.wait(timeout=10)
            outcomes.append(deliver_queued(lock_file=str(lock_dir / "mail-queue")))
        except Exception as error:  # noqa: BLE001 - reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=worker, args=(machine,)) for machine in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert outcomes == [True] * workers  # none was kept out by a lock file: all of them ran
    assert sorted(recorder.delivered) == sorted(subjects)  # each message once, none twice, none left out
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_a_message_claimed_by_a_worker_that_died_waits_for_the_claim_to_run_out(recorder):
    enqueue(EmailMessage("Zaproszenie", "Treść", "klimat@localhost", ["member@example.com"]))
    [claimed] = claim_due()  # ...and that worker's machine goes down before it sends anything

    assert deliver_queued() and recorder.delivered == []  # another worker leaves it to the claim's owner
    Email.objects.filter(pk=claimed.pk).update(scheduled_time=timezone.now() - CLAIM_LEASE)  # the claim runs out
    assert deliver_queued() and recorder.delivered == ["Zaproszenie"]
    claimed.refresh_from_db()
    assert claimed.status == STATUS.sent
