"""Climate Pact signatories and their reports: the company of the root conftest's owner and colleague has signed the
pact (an approved application), so has the outsider's company only where a test says so."""

from decimal import Decimal

import pytest
from django.utils import timezone

from partnerships.climate.models import Activity, ActivityLine, CommitmentProgress, Report, current_reporting_year
from partnerships.cooperation.models import Application, CooperationForm
from tests.cooperation.factories import PACT_ANSWERS, ApplicationFactory

YEAR = current_reporting_year()

COMPLETE_LINES = {
    Activity.ELECTRICITY: ("100000", "measured", "40000", "guarantee_of_origin"),
    Activity.NATURAL_GAS: ("50000", "measured", None, ""),
    Activity.DIESEL: ("1000", "calculated", None, ""),
    Activity.EMPLOYEES: ("50", "measured", None, ""),
    Activity.FLOOR_AREA: ("2000", "measured", None, ""),
}


@pytest.fixture(autouse=True)
def _private_evidence(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "evidence": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "evidence")},
        },
    }


@pytest.fixture
def pact(db):
    return CooperationForm.objects.get(kind=CooperationForm.Kind.PACT)


def sign_pact(company, pact, signed=None, commitments=("renewable_energy", "mobility")):
    """An approved application of `company` to the Climate Pact, decided at `signed` (now by default)."""
    answers = {**PACT_ANSWERS, "commitments": list(commitments)}
    return ApplicationFactory(
        company=company,
        form=pact,
        answers=answers,
        status=Application.Status.APPROVED,
        decided_at=signed or timezone.now(),
    )


@pytest.fixture
def signatory(company, pact):
    return sign_pact(company, pact, signed=timezone.now().replace(year=YEAR - 1))


def fill(
    report, lines=COMPLETE_LINES, commitments=(("renewable_energy", "on_track", ""), ("mobility", "on_track", ""))
):
    """Give `report` complete activity data, commitment statuses and the declaration."""
    for activity, (quantity, quality, renewable, instrument) in lines.items():
        ActivityLine.objects.create(
            report=report,
            activity=activity,
            quantity=Decimal(quantity),
            quality=quality,
            renewable_kwh=Decimal(renewable) if renewable else None,
            renewable_instrument=instrument,
        )
    for code, status, explanation in commitments:
        CommitmentProgress.objects.create(report=report, commitment=code, status=status, explanation=explanation)
    report.declared = True
    report.save()
    report.recompute()
    return report


def make_report(company, year=YEAR, status="draft", complete=True, **fields):
    report = Report.objects.create(company=company, year=year, **fields)
    if complete:
        fill(report)
    if status != "draft":
        Report.objects.filter(pk=report.pk).update(status=status, submitted_at=timezone.now())
        report.refresh_from_db()
    return report


@pytest.fixture
def draft(signatory, company):
    return make_report(company, complete=False)


@pytest.fixture
def complete_draft(signatory, company):
    return make_report(company)


@pytest.fixture
def submitted(signatory, company, owner):
    report = make_report(company)
    report.transition("submit", by=owner)
    return report
