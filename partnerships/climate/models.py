"""Climate results: the emission factors staff maintain and the yearly reports Climate Pact signatories file.

A company is a signatory while it has an approved application to a cooperation form of kind "pact"; the answers of
that application name its commitments and target year. It files one report per calendar year, reviewed by staff with
the portal's review workflow; a verified report is frozen (its figures and the factor values they were computed with
never change), and a correction is a new version of it, reviewed again.
"""

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.files.storage import storages
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from partnerships import access
from partnerships.climate import computation as calc
from partnerships.cooperation.models import Application, CooperationForm, applications_of
from partnerships.cooperation.questions import PactForm
from partnerships.models import Company
from partnerships.review.models import Reviewable
from partnerships.review.workflow import COMPANY, STAFF, Status, Workflow, _rule
from portal.lib.files import delete_when_committed


class Activity(models.TextChoices):
    ELECTRICITY = calc.ELECTRICITY, _("Electricity bought")
    SOLAR = calc.SOLAR, _("Own solar production used")
    NATURAL_GAS = calc.NATURAL_GAS, _("Natural gas")
    DISTRICT_HEAT = calc.DISTRICT_HEAT, _("District heat")
    DIESEL = calc.DIESEL, _("Diesel (fleet)")
    PETROL = calc.PETROL, _("Petrol (fleet)")
    REFRIGERANT_R410A = calc.REFRIGERANT_R410A, _("Refrigerant top-up: R-410A")
    REFRIGERANT_R32 = calc.REFRIGERANT_R32, _("Refrigerant top-up: R-32")
    REFRIGERANT_R134A = calc.REFRIGERANT_R134A, _("Refrigerant top-up: R-134a")
    EMPLOYEES = calc.EMPLOYEES, _("Employees")
    FLOOR_AREA = calc.FLOOR_AREA, _("Floor area")


UNITS = {
    Activity.ELECTRICITY: "kWh",
    Activity.SOLAR: "kWh",
    Activity.NATURAL_GAS: "kWh",
    Activity.DISTRICT_HEAT: "GJ",
    Activity.DIESEL: "l",
    Activity.PETROL: "l",
    Activity.REFRIGERANT_R410A: "kg",
    Activity.REFRIGERANT_R32: "kg",
    Activity.REFRIGERANT_R134A: "kg",
    Activity.EMPLOYEES: "FTE",
    Activity.FLOOR_AREA: "m²",
}

# Every report gives these; the rest are given when the company has them (zero is an answer too).
REQUIRED_ACTIVITIES = (Activity.ELECTRICITY, Activity.EMPLOYEES, Activity.FLOOR_AREA)

# The activity data a commitment of the pact is measured by (the reviewer's check list asks for each).
COMMITMENT_METRICS = {
    "renewable_energy": (Activity.ELECTRICITY,),
    "energy_efficiency": (Activity.ELECTRICITY, Activity.FLOOR_AREA),
    "mobility": (Activity.DIESEL, Activity.PETROL),
}


class Scope(models.TextChoices):
    SCOPE_1 = calc.SCOPE_1, _("Scope 1")
    SCOPE_2_LOCATION = calc.SCOPE_2_LOCATION, _("Scope 2, location-based")
    SCOPE_2_MARKET = calc.SCOPE_2_MARKET, _("Scope 2, market-based")


# What staff may not change once a report uses a factor: they add a new version instead.
FACTOR_VALUE_FIELDS = ("activity", "scope", "unit", "value", "year", "source_name", "source_url")


class EmissionFactorQuerySet(models.QuerySet):
    def in_use(self):
        return self.filter(models.Exists(ReportFactor.objects.filter(factor=models.OuterRef("pk"))))

    def for_year(self, year):
        """{(activity, scope): factor} for a report on `year`: per activity and scope, the newest version of the
        latest factor year up to `year`; when every factor year is later, the newest version of the earliest."""
        chosen = {}
        for factor in self.order_by("activity", "scope", "year", "version"):
            key = (factor.activity, factor.scope)
            current = chosen.get(key)
            if current is None or factor.year <= year or factor.year == current.year:
                chosen[key] = factor
        return chosen


class EmissionFactor(models.Model):
    """kg CO2e per unit of an activity, for one scope, with the year it describes and where it comes from.

    A factor some report was computed with is never changed (`save` refuses); staff add a new version instead."""

    activity = models.CharField(_("activity"), max_length=32, choices=Activity.choices)
    scope = models.CharField(_("scope"), max_length=24, choices=Scope.choices)
    unit = models.CharField(_("unit"), max_length=12, help_text=_("The unit of the activity, e.g. kWh, GJ, l, kg."))
    value = models.DecimalField(
        _("kg CO2e per unit"),
        max_digits=14,
        decimal_places=6,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100_000))],
        help_text=_("At most 100 000 (the highest global warming potentials are about 25 000)."),
    )
    year = models.PositiveSmallIntegerField(
        _("year the factor describes"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    version = models.PositiveSmallIntegerField(_("version"), editable=False, default=1)
    source_name = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("link to the source"), max_length=500)
    note = models.TextField(_("note for staff"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    objects = EmissionFactorQuerySet.as_manager()

    class Meta:
        verbose_name = _("emission factor")
        verbose_name_plural = _("emission factors")
        ordering = ["activity", "scope", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "scope", "year", "version"], name="one_factor_version"),
        ]

    def __str__(self):
        return f"{self.get_activity_display()} · {self.get_scope_display()} · {self.year} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is None:
            latest = (
                EmissionFactor.objects.filter(activity=self.activity, scope=self.scope, year=self.year)
                .order_by("-version")
                .values_list("version", flat=True)
                .first()
            )
            self.version = (latest or 0) + 1
        elif self.is_in_use():
            stored = EmissionFactor.objects.filter(pk=self.pk).values(*FACTOR_VALUE_FIELDS).get()
            if any(stored[name] != getattr(self, name) for name in FACTOR_VALUE_FIELDS):
                raise ValidationError(
                    _("Reports were computed with this factor, so it cannot change. Add a new version instead.")
                )
        super().save(*args, **kwargs)

    def is_in_use(self):
        return self.pk is not None and ReportFactor.objects.filter(factor_id=self.pk).exists()

    def clean(self):
        expected = UNITS.get(self.activity)
        if expected and self.unit and self.unit != expected:
            raise ValidationError({"unit": _("Reports give this activity in %(unit)s.") % {"unit": expected}})


# The schedule ---------------------------------------------------------------------------------------------------


def _month_day(setting_name, year):
    raw = getattr(settings, setting_name)
    try:
        month, day = (int(part) for part in raw.split("-"))
        return date(year, month, day)
    except (ValueError, AttributeError):
        raise ImproperlyConfigured(f"{setting_name} must be a month and day written as MM-DD; got {raw!r}.") from None


def opens_on(year):
    """The day the report on calendar year `year` opens (in the following year)."""
    return _month_day("CLIMATE_REPORT_OPENS", year + 1)


def due_on(year):
    return _month_day("CLIMATE_REPORT_DUE", year + 1)


def current_reporting_year(today=None):
    """The latest calendar year whose report has opened."""
    today = today or timezone.localdate()
    return today.year - 1 if today >= opens_on(today.year - 1) else today.year - 2


# Signatories --------------------------------------------------------------------------------------------------


class Signatory:
    """A company's Climate Pact membership, read from its approved application."""

    def __init__(self, application):
        self.application = application
        self.company = application.company

    @property
    def commitments(self):
        chosen = self.application.answers.get("commitments") or []
        labels = dict(PactForm.COMMITMENTS)
        return [(code, labels[code]) for code in chosen if code in labels]

    @property
    def target_year(self):
        try:
            return int(self.application.answers.get("target_year"))
        except (TypeError, ValueError):
            return None

    @property
    def signed_year(self):
        moment = self.application.decided_at or self.application.created_at
        return timezone.localtime(moment).year

    def first_year(self):
        """The first calendar year the company may report on: the year before signing (a baseline)."""
        return self.signed_year - 1

    def years_open(self, today=None):
        """The years it may report on now, the latest first."""
        last = current_reporting_year(today)
        return list(range(last, self.first_year() - 1, -1))


def pact_applications():
    return Application.objects.approved().filter(form__kind=CooperationForm.Kind.PACT)


def signatory_of(company):
    """The company's Climate Pact membership, or None when it has not signed (or its company is not verified)."""
    if company is None or not company.is_verified:
        return None
    # The company's applications as the page read them (applications_of, newest first): no query on the dashboard.
    signed = [
        application
        for application in applications_of(company)
        if application.status == Status.APPROVED and application.form.kind == CooperationForm.Kind.PACT
    ]
    return Signatory(signed[0]) if signed else None


def signatories():
    return [
        Signatory(application)
        for application in pact_applications()
        .filter(company__status=Company.Status.VERIFIED)
        .select_related("company", "form")
    ]



@dataclass(frozen=True)
class CurrentReport:
    signatory: "Signatory"
    year: int
    due: date
    may_report: bool  # the year is not before the first one the signatory reports on
    report: "Report | None"


def current_report_of(company):
    """The signatory's report on the current reporting year (None for a company that has not signed): one query for
    the report (the pact application comes from applications_of), then remembered on this company object, so the
    dashboard's waiting items and its climate panel share it."""
    if hasattr(company, "_current_report_of"):
        return company._current_report_of
    current = None
    signatory = signatory_of(company)
    if signatory is not None:
        year = current_reporting_year()
        may_report = year >= signatory.first_year()
        report = (
            Report.objects.filter(company=company, year=year).exclude(status__in=["withdrawn", "rejected"]).first()
            if may_report
            else None
        )
        current = CurrentReport(signatory, year, due_on(year), may_report, report)
    company._current_report_of = current
    return current

def overdue_year(today=None):
    """The latest calendar year whose report is past its due date."""
    today = today or timezone.localdate()
    year = current_reporting_year(today)
    return year if due_on(year) < today else year - 1


def overdue_companies(today=None):
    """The verified signatories that have not sent their report on `overdue_year()` (none, a draft, or one sent back
    and not sent again), although they could report on that year: three queries."""
    year = overdue_year(today)
    sent = Report.objects.filter(year=year, status__in=[Status.SUBMITTED, Status.APPROVED]).values("company_id")
    owing = [s.company.pk for s in signatories() if s.first_year() <= year]
    return Company.objects.verified().filter(pk__in=owing).exclude(pk__in=sent)


# Reports ------------------------------------------------------------------------------------------------------


REPORT_WORKFLOW = Workflow(
    rules=(
        _rule("submit", _("Submit"), {Status.DRAFT, Status.CHANGES_REQUESTED}, Status.SUBMITTED, COMPANY),
        _rule(
            "withdraw",
            _("Withdraw"),
            {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED},
            Status.WITHDRAWN,
            COMPANY,
        ),
        _rule("approve", _("Verify"), {Status.SUBMITTED}, Status.APPROVED, STAFF),
        _rule(
            "request_changes",
            _("Request changes"),
            {Status.SUBMITTED},
            Status.CHANGES_REQUESTED,
            STAFF,
            reason_required=True,
        ),
        _rule("reject", _("Reject"), {Status.SUBMITTED}, Status.REJECTED, STAFF, reason_required=True),
    ),
    waiting=frozenset({Status.SUBMITTED}),
)

# The review statuses, where staff's approval of a report is its verification: the company, staff and the e-mails
# read "Verified".
REPORT_STATUS_CHOICES = [
    (value, pgettext_lazy("climate report", "Verified") if value == Status.APPROVED else label)
    for value, label in Status.choices
]

OPEN_STATUSES = (Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED)
EDITABLE_STATUSES = (Status.DRAFT, Status.CHANGES_REQUESTED)

# The report's own fields that are frozen once staff verified it (its figures among them).
RESULT_FIELDS = (
    "scope1_t",
    "scope2_location_t",
    "scope2_market_t",
    "energy_mwh",
    "renewable_share_pct",
    "intensity_per_fte_t",
    "intensity_per_m2_kg",
)
FROZEN_FIELDS = ("company_id", "year", "version", "base_year", "declared", *RESULT_FIELDS)


class OutOfRange(ArithmeticError):
    """A computed figure too large to store: some amount was entered in the wrong unit."""


class Frozen(ValidationError):
    """Raised when something tries to change a verified report."""

    def __init__(self):
        super().__init__(_("A verified report cannot change. Start a correction: it is reviewed again."))


class ReportQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Status.APPROVED)

    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def latest_verified(self):
        """Per company and year, the verified report with the highest version: the published figures."""
        newer = Report.objects.verified().filter(
            company=models.OuterRef("company"), year=models.OuterRef("year"), version__gt=models.OuterRef("version")
        )
        return self.verified().exclude(models.Exists(newer))


class Report(access.CompanyObject, Reviewable):
    """A signatory's climate report on one calendar year; a correction of a verified one is its next version."""

    Status = Status
    WORKFLOW = REPORT_WORKFLOW
    REFERENCE_PREFIX = "RKL"

    status = models.CharField(
        _("status"), max_length=32, choices=REPORT_STATUS_CHOICES, default=Status.DRAFT, db_index=True
    )
    company = models.ForeignKey(
        "partnerships.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="climate_reports"
    )
    year = models.PositiveSmallIntegerField(_("calendar year reported on"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    previous = models.OneToOneField(
        "self",
        verbose_name=_("corrects the report"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="correction",
    )
    base_year = models.PositiveSmallIntegerField(
        _("base year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("Leave empty to use the first verified report as the base year."),
    )
    declared = models.BooleanField(_("data declared true"), default=False)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("declared by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    declared_at = models.DateTimeField(_("declared"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    scope1_t = models.DecimalField(_("Scope 1 (t CO2e)"), max_digits=14, decimal_places=3, null=True, blank=True)
    scope2_location_t = models.DecimalField(
        _("Scope 2, location-based (t CO2e)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    scope2_market_t = models.DecimalField(
        _("Scope 2, market-based (t CO2e)"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    energy_mwh = models.DecimalField(_("energy (MWh)"), max_digits=14, decimal_places=3, null=True, blank=True)
    renewable_share_pct = models.DecimalField(
        _("renewable share of electricity (%)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    intensity_per_fte_t = models.DecimalField(
        _("t CO2e per FTE"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    intensity_per_m2_kg = models.DecimalField(
        _("kg CO2e per m²"), max_digits=14, decimal_places=3, null=True, blank=True
    )
    computed_at = models.DateTimeField(_("figures computed"), null=True, blank=True)

    # The history of changes lives as long as the report (privacy notice).
    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=True)
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("climate report")
        verbose_name_plural = _("climate reports")
        ordering = ["-year", "-version", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["company", "year", "version"], name="one_report_version_per_year"),
            models.UniqueConstraint(
                fields=["company", "year"],
                condition=models.Q(status__in=OPEN_STATUSES),
                name="one_open_report_per_company_and_year",
            ),
        ]

    def __str__(self):
        name = _("Climate report %(year)s") % {"year": self.year}
        return f"{name} v{self.version}" if self.version > 1 else str(name)

    def get_absolute_url(self):
        return reverse("climate:report", args=[self.pk])

    def get_dashboard_url(self):
        return self.get_absolute_url()

    # State ------------------------------------------------------------------------------------------------------

    @property
    def is_verified(self):
        return self.status == Status.APPROVED

    @property
    def is_editable(self):
        return self.status in EDITABLE_STATUSES

    @property
    def due_date(self):
        return due_on(self.year)

    def was_on_time(self):
        return self.submitted_at is not None and timezone.localtime(self.submitted_at).date() <= self.due_date

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = Report.objects.filter(pk=self.pk).values("status", *FROZEN_FIELDS).first()
            if stored and stored["status"] == Status.APPROVED:
                if any(stored[name] != getattr(self, name) for name in FROZEN_FIELDS):
                    raise Frozen()
        super().save(*args, **kwargs)

    def refuse_if_frozen(self):
        if Report.objects.filter(pk=self.pk, status=Status.APPROVED).exists():
            raise Frozen()

    # Content ----------------------------------------------------------------------------------------------------

    @property
    def lines_by_activity(self):
        return {line.activity: line for line in self.lines.all()}

    def missing(self):
        """What the company must still give before it can submit, as messages for it."""
        problems = []
        lines = self.lines_by_activity
        for activity in REQUIRED_ACTIVITIES:
            if activity not in lines:
                problems.append(_("%(activity)s: give the amount (zero if none).") % {"activity": activity.label})
        for line in lines.values():
            if not line.quality:
                problems.append(
                    _("%(activity)s: say whether it is measured, calculated or estimated.")
                    % {"activity": line.get_activity_display()}
                )
        electricity = lines.get(Activity.ELECTRICITY)
        if electricity is not None and electricity.renewable_kwh and not electricity.renewable_instrument:
            problems.append(_("Renewable electricity: say how it is backed (guarantee of origin or contract)."))
        if electricity is not None and (electricity.renewable_kwh or 0) > (electricity.quantity or 0):
            problems.append(_("Renewable electricity cannot exceed the electricity bought."))
        signatory = signatory_of(self.company)
        if signatory is not None:
            given = {progress.commitment: progress for progress in self.progress.all()}
            for code, label in signatory.commitments:
                progress = given.get(code)
                if progress is None or not progress.status:
                    problems.append(_("Commitment “%(name)s”: choose its status.") % {"name": label})
                elif progress.needs_explanation and not progress.explanation.strip():
                    problems.append(_("Commitment “%(name)s”: explain why it is not on track.") % {"name": label})
        if not self.declared:
            problems.append(_("Declare that the data is true."))
        try:
            self.compute()
        except calc.MissingFactor:
            problems.append(_("An emission factor the report needs is missing from the table; please tell city staff."))
        except OutOfRange:
            problems.append(_("The figures come out too large: check that each amount is in the unit asked for."))
        return problems

    def obstacle(self, rule):
        if rule.action == "submit":
            problems = self.missing()
            if problems:
                return str(_("The report is not complete yet: %(list)s")) % {"list": " ".join(map(str, problems))}
        return ""

    def compute(self):
        """The figures from the lines and the current factor table (nothing saved). Raises MissingFactor, or
        OutOfRange when a figure is too large to store (an amount entered in the wrong unit)."""
        factors = EmissionFactor.objects.for_year(self.year)
        activities = {line.activity: calc.Activity(line.quantity, line.renewable_backed()) for line in self.lines.all()}
        values = {key: factor.value for key, factor in factors.items()}
        results = calc.compute(activities, values)
        for name in RESULT_FIELDS:
            value, field = getattr(results, name), self._meta.get_field(name)
            if value is not None and abs(value) >= 10 ** (field.max_digits - field.decimal_places):
                raise OutOfRange(name)
        return results, factors

    def recompute(self):
        """Store the figures and a copy of every factor value they used. Only while the report may change; when
        they cannot be computed (see `missing`), the figures are emptied."""
        self.refuse_if_frozen()
        try:
            results, factors = self.compute()
        except (calc.MissingFactor, OutOfRange):
            results, factors = None, {}
        for name in RESULT_FIELDS:
            setattr(self, name, getattr(results, name) if results else None)
        self.computed_at = timezone.now() if results else None
        self.save(update_fields=[*RESULT_FIELDS, "computed_at", "updated_at"])
        self.factors.all().delete()
        if results:
            ReportFactor.objects.bulk_create(
                ReportFactor.copy_of(self, factors[key]) for key in results.factors_used if key in factors
            )
        return results

    def after_transition(self, event):
        if event.action == "submit":
            self.recompute()

    @property
    def total_location_t(self):
        if self.scope1_t is None or self.scope2_location_t is None:
            return None
        return self.scope1_t + self.scope2_location_t

    def effective_base_year(self):
        """The year the company gave, else its first verified report's year."""
        if self.base_year:
            return self.base_year
        return (
            Report.objects.verified()
            .filter(company_id=self.company_id)
            .order_by("year")
            .values_list("year", flat=True)
            .first()
        )

    def previous_year_report(self):
        """The published report on the year before (the latest verified version), for comparison."""
        return (
            Report.objects.latest_verified()
            .filter(company_id=self.company_id, year=self.year - 1)
            .order_by("-version")
            .first()
        )


class Quality(models.TextChoices):
    MEASURED = "measured", _("Measured")
    CALCULATED = "calculated", _("Calculated")
    ESTIMATED = "estimated", _("Estimated")


class Instrument(models.TextChoices):
    GUARANTEE = "guarantee_of_origin", _("Guarantees of origin")
    CONTRACT = "contract", _("Contract for renewable electricity (PPA or tariff)")
    NONE = "none", _("Not backed")


class ReportPart(models.Model):
    """A row that belongs to a report (`report`): written and deleted only while the report may change, so a
    verified report's figures, statuses, files and factors stay as they were verified."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.report.refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self.report.refuse_if_frozen()
        return super().delete(*args, **kwargs)


class ActivityLine(ReportPart):
    """One activity of a report: how much, in the activity's unit, and how the company knows it."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    activity = models.CharField(_("activity"), max_length=32, choices=Activity.choices)
    quantity = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=3, validators=[MinValueValidator(Decimal(0))]
    )
    quality = models.CharField(_("data quality"), max_length=12, choices=Quality.choices, blank=True)
    renewable_kwh = models.DecimalField(
        _("of which renewable (kWh)"),
        max_digits=14,
        decimal_places=3,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
    )
    renewable_instrument = models.CharField(
        _("renewable electricity backed by"), max_length=24, choices=Instrument.choices, blank=True
    )

    class Meta:
        verbose_name = _("activity data")
        verbose_name_plural = _("activity data")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["report", "activity"], name="one_line_per_activity")]

    def __str__(self):
        return f"{self.get_activity_display()}: {self.quantity} {self.unit}"

    @property
    def unit(self):
        return UNITS.get(self.activity, "")

    def renewable_backed(self):
        if self.activity != Activity.ELECTRICITY or not self.renewable_kwh:
            return Decimal(0)
        if self.renewable_instrument in (Instrument.GUARANTEE, Instrument.CONTRACT):
            return self.renewable_kwh
        return Decimal(0)


class ProgressStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    DELAYED = "delayed", _("Delayed")
    ACHIEVED = "achieved", _("Achieved")
    ABANDONED = "abandoned", _("Abandoned")


class CommitmentProgress(ReportPart):
    """Where one commitment of the pact stands this year; delayed or abandoned ones are explained."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="progress")
    commitment = models.CharField(_("commitment"), max_length=32, choices=PactForm.COMMITMENTS)
    status = models.CharField(_("status"), max_length=12, choices=ProgressStatus.choices, blank=True)
    explanation = models.TextField(_("explanation"), blank=True, max_length=2000)

    class Meta:
        verbose_name = _("commitment progress")
        verbose_name_plural = _("commitment progress")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["report", "commitment"], name="one_progress_per_commitment")]

    def __str__(self):
        return f"{self.get_commitment_display()}: {self.get_status_display()}"

    @property
    def needs_explanation(self):
        return self.status in (ProgressStatus.DELAYED, ProgressStatus.ABANDONED)


def _evidence_storage():
    return storages["evidence"]


def _evidence_path(instance, filename):
    # A random folder per file: names are never guessable, and two companies' invoice.pdf never meet.
    return f"{instance.report.company_id}/{secrets.token_urlsafe(18)}/{Path(filename).name[-100:]}"


class Evidence(ReportPart):
    """A file (PDF or picture) backing the report's figures; private to the company and staff."""

    class Kind(models.TextChoices):
        PDF = "pdf", "PDF"
        IMAGE = "image", _("Picture")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to=_evidence_path, storage=_evidence_storage, max_length=300)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveIntegerField(_("size (bytes)"))
    activity = models.CharField(
        _("supports"), max_length=32, choices=Activity.choices, blank=True, help_text=_("Which figure it backs.")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("climate:evidence_file", args=[self.report_id, self.pk])

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)  # refused for a verified report (ReportPart)
        delete_when_committed([self.file])
        return result


class ReportFactor(ReportPart):
    """A copy of a factor value a report was computed with: later versions of the factor never change the report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="factors")
    factor = models.ForeignKey(EmissionFactor, on_delete=models.PROTECT, related_name="uses")
    activity = models.CharField(_("activity"), max_length=32, choices=Activity.choices)
    scope = models.CharField(_("scope"), max_length=24, choices=Scope.choices)
    unit = models.CharField(_("unit"), max_length=12)
    value = models.DecimalField(_("kg CO2e per unit"), max_digits=14, decimal_places=6)
    year = models.PositiveSmallIntegerField(_("year the factor describes"))
    version = models.PositiveSmallIntegerField(_("version"))
    source_name = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("link to the source"), max_length=500)

    class Meta:
        verbose_name = _("factor used")
        verbose_name_plural = _("factors used")
        ordering = ["activity", "scope"]

    def __str__(self):
        return f"{self.get_activity_display()} · {self.get_scope_display()}: {self.value}"

    @classmethod
    def copy_of(cls, report, factor):
        copied = {name: getattr(factor, name) for name in (*FACTOR_VALUE_FIELDS, "version")}
        return cls(report=report, factor=factor, **copied)


class Reminder(models.Model):
    """A reminder e-mail sent to a signatory about one year's report: each kind once (the unique constraint)."""

    class Kind(models.TextChoices):
        MONTH_BEFORE = "30_days_before", _("30 days before the due date")
        WEEK_BEFORE = "7_days_before", _("7 days before the due date")
        DAY_AFTER = "1_day_after", _("1 day after the due date")

    company = models.ForeignKey("partnerships.Company", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("calendar year reported on"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("report reminder")
        verbose_name_plural = _("report reminders")
        constraints = [models.UniqueConstraint(fields=["company", "year", "kind"], name="one_reminder_of_a_kind")]

    def __str__(self):
        return f"{self.company_id} {self.year} {self.kind}"


# Personal data --------------------------------------------------------------------------------------------------


def personal_data(user):
    """The reports `user` started or declared true and the evidence files they uploaded, for the data download."""
    reports = Report.objects.filter(models.Q(created_by=user) | models.Q(declared_by=user)).select_related("company")
    files = Evidence.objects.filter(uploaded_by=user).select_related("report").order_by("pk")
    return {
        "climate_reports": [
            {
                "reference": report.reference(),
                "company": report.company.name,
                "year": report.year,
                "version": report.version,
                "status": report.status,
                "started_by_you": report.created_by_id == user.pk,
                "declared_true_by_you_at": report.declared_at.isoformat()
                if report.declared_by_id == user.pk and report.declared_at
                else None,
            }
            for report in reports.order_by("pk")
        ],
        "climate_evidence_you_uploaded": [
            {
                "report": evidence.report.reference(),
                "file_name": evidence.original_name,
                "uploaded": evidence.uploaded_at.isoformat(),
            }
            for evidence in files
        ],
    }


def forget_company(company):
    """Before `company` is deleted with its last member: its evidence files leave the storage once the deletion
    commits. The reports, their lines and their history go with the company."""
    delete_when_committed([evidence.file for evidence in Evidence.objects.filter(report__company=company)])
