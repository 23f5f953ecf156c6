"""Demo climate reports of the demo Climate Pact signatories (their approved applications come from
partnerships.cooperation.demo): verified reports on two years each, and on the latest year one report waiting for
staff and one sent back with a reason, so staff's queue and the results have something to show.

Idempotent: a company is found by its NIP and skipped quietly when absent or not a signatory; a year it already has a
report on is left alone. The review history is written as the company and staff would make it (no e-mails).
"""

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from partnerships.climate.models import (
    ActivityLine,
    CommitmentProgress,
    Report,
    current_reporting_year,
    due_on,
    signatory_of,
)
from partnerships.models import Company
from partnerships.review.models import ReviewEvent

CHANGES_REASON = "Prosimy o dołączenie faktury za ciepło sieciowe za grudzień."

# Activity data on the first demo year (activity: amount, quality, renewable kWh, instrument); each later year the
# amounts change by the company's yearly factor below.
DEMO = {
    "9981045448": {
        "yearly": Decimal("0.92"),
        "latest": "submitted",
        "lines": {
            "electricity": ("410000", "measured", "250000", "guarantee_of_origin"),
            "solar": ("38000", "measured", None, ""),
            "district_heat": ("1450", "measured", None, ""),
            "employees": ("120", "measured", None, ""),
            "floor_area": ("5200", "measured", None, ""),
        },
    },
    "9981067668": {
        "yearly": Decimal("0.95"),
        "latest": "changes_requested",
        "lines": {
            "electricity": ("260000", "measured", None, ""),
            "natural_gas": ("310000", "measured", None, ""),
            "district_heat": ("600", "calculated", None, ""),
            "diesel": ("14500", "calculated", None, ""),
            "petrol": ("6200", "estimated", None, ""),
            "refrigerant_r410a": ("3.5", "measured", None, ""),
            "employees": ("85", "measured", None, ""),
            "floor_area": ("3100", "calculated", None, ""),
        },
    },
}

PATHS = {
    "approved": [("submit", "draft", "submitted", False), ("approve", "submitted", "approved", True)],
    "submitted": [("submit", "draft", "submitted", False)],
    "changes_requested": [
        ("submit", "draft", "submitted", False),
        ("request_changes", "submitted", "changes_requested", True),
    ],
}


def _scaled(value, times):
    return (Decimal(value) * times).quantize(Decimal("0.001"))


def _report(company, year, status, lines, scale, signatory, owner):
    report = Report.objects.create(company=company, year=year, created_by=owner, declared=True, declared_by=owner)
    for activity, (quantity, quality, renewable, instrument) in lines.items():
        keep = activity in ("employees", "floor_area")
        ActivityLine.objects.create(
            report=report,
            activity=activity,
            quantity=Decimal(quantity) if keep else _scaled(quantity, scale),
            quality=quality,
            renewable_kwh=_scaled(renewable, scale) if renewable else None,
            renewable_instrument=instrument,
        )
    for code, _label in signatory.commitments:
        CommitmentProgress.objects.create(
            report=report,
            commitment=code,
            status="delayed" if code == "greenery" else "on_track",
            explanation="Nasadzenia przesunięto na jesień z powodu suszy." if code == "greenery" else "",
        )
    report.recompute()
    # Sent a fortnight before the due date; decided a week later.
    sent = min(timezone.make_aware(datetime.combine(due_on(year), time(10))) - timedelta(days=14), timezone.now())
    decided = min(sent + timedelta(days=7), timezone.now()) if status != "submitted" else None
    Report.objects.filter(pk=report.pk).update(
        status=status,
        submitted_at=sent,
        declared_at=sent,
        decided_at=decided,
        decision_reason=CHANGES_REASON if status == "changes_requested" else "",
    )
    content_type = ContentType.objects.get_for_model(Report)
    for action, source, target, by_staff in PATHS[status]:
        ReviewEvent.objects.create(
            content_type=content_type,
            object_id=report.pk,
            action=action,
            from_status=source,
            to_status=target,
            by=None if by_staff else owner,
            by_staff=by_staff,
            reason=CHANGES_REASON if action == "request_changes" else "",
        )


def seed(stdout):
    latest = current_reporting_year()
    created = 0
    for nip, plan in DEMO.items():
        company = Company.objects.filter(nip=nip).first()
        signatory = signatory_of(company)
        if signatory is None:
            continue
        membership = company.memberships.select_related("user").first()
        owner = membership.user if membership else None
        years = [(latest - 2, "approved"), (latest - 1, "approved"), (latest, plan["latest"])]
        for step, (year, status) in enumerate(years):
            if Report.objects.filter(company=company, year=year).exists():
                continue
            _report(company, year, status, plan["lines"], plan["yearly"] ** step, signatory, owner)
            created += 1
    stdout.write(f"Climate reports: {created} created.")
