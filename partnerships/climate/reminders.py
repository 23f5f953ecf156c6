"""Reminders of the yearly report: 30 and 7 days before the due date and 1 day after, each once per company and
year, to the members of signatories whose report on the year is not sent yet.

A reminder whose day the cron job missed still goes on a later run, until the next one is due (the one after the
deadline until two weeks past it), so a server down on the day delays it but does not lose it; never twice.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from partnerships.climate.models import Reminder, Report, current_reporting_year, due_on, signatories
from portal.lib.mail import send

SENT = ("submitted", "approved")
LATE_REMINDER_DAYS = 14


def windows(year):
    """(kind, first day, last day) of each reminder of the report on `year`."""
    due = due_on(year)
    return [
        (Reminder.Kind.MONTH_BEFORE, due - timedelta(days=30), due - timedelta(days=8)),
        (Reminder.Kind.WEEK_BEFORE, due - timedelta(days=7), due),
        (Reminder.Kind.DAY_AFTER, due + timedelta(days=1), due + timedelta(days=LATE_REMINDER_DAYS)),
    ]


def send_due(today=None):
    """Queue the reminders due on `today`; returns how many companies were reminded."""
    today = today or timezone.localdate()
    year = current_reporting_year(today)
    kind = next((kind for kind, first, last in windows(year) if first <= today <= last), None)
    if kind is None:
        return 0
    done = set(Report.objects.filter(year=year, status__in=SENT).values_list("company_id", flat=True))
    reminded = 0
    for signatory in signatories():
        company = signatory.company
        if company.pk in done or year < signatory.first_year():
            continue
        try:
            # Claim the reminder and queue its e-mails together: the unique row lets one run only claim it, and a
            # rolled-back claim takes its messages with it (they are queued in this transaction: portal.lib.mail).
            with transaction.atomic():
                Reminder.objects.create(company=company, year=year, kind=kind)
                send(
                    "climate_report_reminder",
                    company.notification_recipients(),
                    {
                        "company": company,
                        "year": year,
                        "due": due_on(year),
                        "kind": kind,
                        "late": kind == Reminder.Kind.DAY_AFTER,
                        "url": settings.SITE_URL + reverse("climate:list"),
                    },
                )
        except IntegrityError:
            continue
        reminded += 1
    return reminded
