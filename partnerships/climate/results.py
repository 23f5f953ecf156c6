"""What the public may read of the climate results: only verified reports, and of several versions of one year only
the latest verified one (a correction under review never replaces the published figures)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from partnerships.climate.models import CommitmentProgress, ProgressStatus, Report, signatory_of
from partnerships.models import Company

ONE_DECIMAL = Decimal("0.1")


def published_reports():
    """The published figures: per company and year, the latest verified version, of companies the portal shows
    (verified ones)."""
    return Report.objects.latest_verified().filter(company__status=Company.Status.VERIFIED)


def change_pct(base, latest):
    """Per cent change from `base` to `latest`, to one decimal; None when there is no base to compare with."""
    if base is None or latest is None or not base:
        return None
    return ((latest - base) / base * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


@dataclass
class PartnerResults:
    """A signatory's public results: its commitments with the status last verified, its verified years and the
    path from its base year to its target."""

    company: object
    target_year: int | None
    commitments: list = field(default_factory=list)  # (label, status label or None, explanation)
    reports: list = field(default_factory=list)  # verified, oldest year first
    base: object = None
    latest: object = None

    @property
    def change_pct(self):
        if self.base is None or self.latest is None:
            return None
        return change_pct(self.base.total_location_t, self.latest.total_location_t)

    @property
    def compared(self):
        return self.base is not None and self.latest is not None and self.latest.year > self.base.year

    @property
    def total_known(self):
        return self.base.total_location_t is not None and self.latest.total_location_t is not None

    def progress_share(self):
        """How far the latest year has come from the base year towards zero emissions, 0–100."""
        change = self.change_pct
        if change is None or change >= 0:
            return Decimal(0)
        return min(-change, Decimal(100))


def partner_results(company):
    """The public results of `company`, or None when it has not signed the pact. Three queries for a signatory: the
    pact application, its published reports, the commitment statuses of the latest one."""
    signatory = signatory_of(company)
    if signatory is None:
        return None
    results = PartnerResults(company=company, target_year=signatory.target_year)
    results.reports = list(
        published_reports()
        .filter(company=company)
        .only(
            "company_id", "year", "version", "base_year", "status", "scope1_t", "scope2_location_t", "scope2_market_t"
        )
        .order_by("year")
    )
    statuses = {}
    if results.reports:
        results.latest = results.reports[-1]
        base_year = results.latest.base_year or results.reports[0].year
        by_year = {report.year: report for report in results.reports}
        results.base = by_year.get(base_year, results.reports[0])
        statuses = {
            row.commitment: row
            for row in CommitmentProgress.objects.filter(report=results.latest).only(
                "commitment", "status", "explanation"
            )
        }
    for code, label in signatory.commitments:
        row = statuses.get(code)
        status = ProgressStatus(row.status).label if row is not None and row.status else None
        results.commitments.append((label, status, row.explanation if row is not None else ""))
    return results
