"""Starting a report, filling it from last year's figures and correcting a verified one."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from partnerships.climate.models import ActivityLine, CommitmentProgress, Evidence, Report, signatory_of

ALREADY_OPEN = _("A report on this year is already open; continue that one.")


def start_report(company, year, user, copy_previous=False):
    """A new draft report of `company` on `year`, optionally with last year's activity data."""
    signatory = signatory_of(company)
    if signatory is None:
        raise ValidationError(_("Only Climate Pact signatories file climate reports."))
    if year not in signatory.years_open():
        raise ValidationError(_("A report on this year cannot be started now."))
    if Report.objects.filter(company=company, year=year).exclude(status__in=["withdrawn", "rejected"]).exists():
        raise ValidationError(ALREADY_OPEN)
    try:
        # The constraint "one open report per company and year" decides between two members starting at once.
        with transaction.atomic():
            version = (Report.objects.filter(company=company, year=year).aggregate(v=Max("version"))["v"] or 0) + 1
            report = Report.objects.create(company=company, year=year, version=version, created_by=user)
            if copy_previous:
                copy_previous_lines(report)
            report.recompute()
    except IntegrityError:
        raise ValidationError(ALREADY_OPEN) from None
    return report


def previous_report(report):
    """The company's latest report on an earlier year (verified first, else any not withdrawn or rejected)."""
    earlier = Report.objects.filter(company_id=report.company_id, year__lt=report.year).exclude(
        status__in=["withdrawn", "rejected"]
    )
    return (
        earlier.filter(status="approved").order_by("-year", "-version").first()
        or earlier.order_by("-year", "-version").first()
    )


def copy_previous_lines(report):
    """Replace the activity data of draft `report` by those of the previous report; False when there is none."""
    source = previous_report(report)
    if source is None:
        return False
    with transaction.atomic():
        report.lines.all().delete()
        ActivityLine.objects.bulk_create(
            ActivityLine(
                report=report,
                activity=line.activity,
                quantity=line.quantity,
                quality=line.quality,
                renewable_kwh=line.renewable_kwh,
                renewable_instrument=line.renewable_instrument,
            )
            for line in source.lines.all()
        )
        report.recompute()
    return True


def start_correction(report, user):
    """A new version of verified `report`, with its data and copies of its evidence files, as a draft."""
    if not report.is_verified:
        raise ValidationError(_("Only a verified report is corrected; change this one directly."))
    if Report.objects.open().filter(company_id=report.company_id, year=report.year).exists():
        raise ValidationError(ALREADY_OPEN)
    try:
        with transaction.atomic():
            latest = Report.objects.filter(company_id=report.company_id, year=report.year).aggregate(v=Max("version"))
            correction = Report.objects.create(
                company_id=report.company_id,
                year=report.year,
                version=latest["v"] + 1,
                previous=report,
                base_year=report.base_year,
                created_by=user,
            )
            ActivityLine.objects.bulk_create(
                ActivityLine(
                    report=correction,
                    activity=line.activity,
                    quantity=line.quantity,
                    quality=line.quality,
                    renewable_kwh=line.renewable_kwh,
                    renewable_instrument=line.renewable_instrument,
                )
                for line in report.lines.all()
            )
            CommitmentProgress.objects.bulk_create(
                CommitmentProgress(
                    report=correction, commitment=row.commitment, status=row.status, explanation=row.explanation
                )
                for row in report.progress.all()
            )
            for evidence in report.evidence.all():
                with evidence.file.open("rb") as stored:
                    content = ContentFile(stored.read(), name=evidence.original_name)
                Evidence.objects.create(
                    report=correction,
                    file=content,
                    kind=evidence.kind,
                    original_name=evidence.original_name,
                    size=evidence.size,
                    activity=evidence.activity,
                    uploaded_by=evidence.uploaded_by,
                )
            correction.recompute()
    except IntegrityError:
        raise ValidationError(ALREADY_OPEN) from None
    return correction
