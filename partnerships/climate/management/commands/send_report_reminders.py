from django.core.management.base import BaseCommand

from partnerships.climate import reminders


class Command(BaseCommand):
    help = (
        "E-mail Climate Pact signatories whose yearly report is not sent: 30 and 7 days before the due date and "
        "1 day after. Meant for cron, daily; each reminder goes once."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Report reminders queued: {reminders.send_due()}")
