"""The reviewer's check list for a climate report, computed when staff open it in the admin.

Each check is (label, passed, detail): passed is True, False (look at it) or None (nothing to compare with).
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from partnerships.climate import computation as calc
from partnerships.climate.models import (
    COMMITMENT_METRICS,
    Activity,
    Instrument,
    Report,
    signatory_of,
)

YEAR_ON_YEAR_LIMIT_PCT = Decimal(30)
INTENSITY_FACTOR = Decimal(3)  # flagged when more than 3 times the median of the others, or under a third of it
MIN_PEERS = 3


@dataclass(frozen=True)
class Check:
    label: str
    passed: bool | None
    detail: str = ""


def _committed_metrics(report, lines):
    signatory = signatory_of(report.company)
    needed = []
    for code, label in signatory.commitments if signatory else []:
        for activity in COMMITMENT_METRICS.get(code, ()):
            if activity not in lines:
                needed.append(f"{label}: {Activity(activity).label}")
    return Check(
        _("Every metric of the company's commitments is given"),
        not needed,
        "; ".join(needed) if needed else "",
    )


def _evidence_for_energy(lines, evidence):
    backed = {file.activity for file in evidence}
    unbacked = [
        str(Activity(activity).label)
        for activity in calc.ENERGY_ACTIVITIES
        if activity in lines and lines[activity].quantity and activity not in backed
    ]
    return Check(_("Evidence is attached for every energy line"), not unbacked, ", ".join(unbacked))


def _renewables_backed(lines, evidence):
    electricity = lines.get(Activity.ELECTRICITY)
    if electricity is None or not electricity.renewable_kwh:
        return Check(_("Renewable electricity claims are backed"), True, str(_("No renewable electricity claimed.")))
    by_instrument = electricity.renewable_instrument in (Instrument.GUARANTEE, Instrument.CONTRACT)
    by_file = any(file.activity == Activity.ELECTRICITY for file in evidence)
    detail = str(electricity.get_renewable_instrument_display() or _("no instrument named"))
    if not by_file:
        detail += " · " + str(_("no evidence file for electricity"))
    return Check(_("Renewable electricity claims are backed"), by_instrument or by_file, detail)


def _year_on_year(report):
    previous = report.previous_year_report()
    if previous is None:
        return [Check(_("Change against the year before within ±30 %"), None, str(_("No verified report on it.")))]
    checks = []
    for name, label in (
        ("scope1_t", _("Scope 1")),
        ("scope2_location_t", _("Scope 2, location-based")),
        ("energy_mwh", _("Energy")),
    ):
        change = calc.change_pct(getattr(report, name), getattr(previous, name))
        passed = None if change is None else abs(change) <= YEAR_ON_YEAR_LIMIT_PCT
        detail = "—" if change is None else f"{change:+} % ({getattr(previous, name)} → {getattr(report, name)})"
        checks.append(
            Check(
                _("%(figure)s changed by at most ±30 %% against %(year)s") % {"figure": label, "year": previous.year},
                passed,
                detail,
            )
        )
    return checks


def _intensity_against_peers(report):
    label = _("Emissions per FTE within 3 times the other signatories' median")
    if report.intensity_per_fte_t is None:
        return Check(label, None, str(_("No employees given.")))
    peers = list(
        Report.objects.latest_verified()
        .filter(year=report.year, intensity_per_fte_t__isnull=False)
        .exclude(company_id=report.company_id)
        .values_list("intensity_per_fte_t", flat=True)
    )
    if len(peers) < MIN_PEERS:
        return Check(label, None, str(_("Fewer than 3 other verified reports on this year.")))
    middle = calc.median(peers)
    value = report.intensity_per_fte_t
    passed = middle == 0 or middle / INTENSITY_FACTOR <= value <= middle * INTENSITY_FACTOR
    return Check(label, passed, f"{value} t / FTE · median {middle:.3f} ({len(peers)})")


def check_list(report):
    lines = report.lines_by_activity
    evidence = list(report.evidence.all())
    return [
        _committed_metrics(report, lines),
        _evidence_for_energy(lines, evidence),
        _renewables_backed(lines, evidence),
        *_year_on_year(report),
        _intensity_against_peers(report),
    ]
