from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from initiatives import emails
from initiatives.models import Initiative, Participation

REMIND_BEFORE = timedelta(days=1)


class Command(BaseCommand):
    help = "E-mail confirmed participants of initiatives starting within a day. Meant for cron; each reminder once."

    def handle(self, *args, **options):
        now = timezone.now()
        due = Participation.objects.filter(
            status=Participation.Status.CONFIRMED,
            reminder_sent_at__isnull=True,
            initiative__status=Initiative.Status.PUBLISHED,
            initiative__start__gt=now,
            initiative__start__lte=now + REMIND_BEFORE,
        ).select_related("initiative", "company")
        queued = 0
        for participation in due:
            # Claim the reminder and queue its e-mails in one transaction: the conditional UPDATE succeeds for one
            # run only, so two runs overlapping (cron every few minutes) never queue it twice, and the claim and the
            # queued messages commit together, so a reminder is never marked sent without them. Delivering is the
            # mail worker's job, which retries until the mail server takes them.
            with transaction.atomic():
                claimed = Participation.objects.filter(pk=participation.pk, reminder_sent_at__isnull=True).update(
                    reminder_sent_at=now
                )
                if claimed:
                    emails.send_reminder(participation)
                    queued += 1
        self.stdout.write(f"Reminders queued: {queued}")
