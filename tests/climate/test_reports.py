"""A report's figures, what it still misses, its frozen state once verified and its corrections."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from partnerships.climate import services
from partnerships.climate.models import ActivityLine, EmissionFactor, Frozen, Report, ReportFactor
from tests.climate.conftest import YEAR, fill, make_report


def test_a_complete_report_stores_its_figures_from_the_factor_table(complete_draft):
    # Starting factors: gas 0.202 kg/kWh, diesel 2.512 kg/l; grid 0.597 and residual mix 0.752 kg/kWh.
    # Scope 1: 50 000 × 0.202 + 1000 × 2.512 = 10 100 + 2512 = 12 612 kg
    # Scope 2 location: 100 000 × 0.597 = 59 700 kg; market: 60 000 × 0.752 = 45 120 kg
    report = Report.objects.get(pk=complete_draft.pk)
    assert report.scope1_t == Decimal("12.612")
    assert report.scope2_location_t == Decimal("59.700")
    assert report.scope2_market_t == Decimal("45.120")
    # 100 000 + 50 000 + 1000 × 10 kWh = 160 MWh; 40 000 / 100 000 = 40 %; (12 612 + 59 700) / 50 / 1000
    assert report.energy_mwh == Decimal("160.000")
    assert report.renewable_share_pct == Decimal("40.0")
    assert report.intensity_per_fte_t == Decimal("1.446")
    assert report.intensity_per_m2_kg == Decimal("36.156")


def test_the_report_keeps_a_copy_of_every_factor_value_it_used(complete_draft):
    copies = {(row.activity, row.scope): row.value for row in ReportFactor.objects.filter(report=complete_draft)}
    assert copies == {
        ("electricity", "scope_2_location"): Decimal("0.597000"),
        ("electricity", "scope_2_market"): Decimal("0.752000"),
        ("natural_gas", "scope_1"): Decimal("0.202000"),
        ("diesel", "scope_1"): Decimal("2.512000"),
    }


def test_a_new_factor_version_does_not_change_a_submitted_report(submitted, staff):
    submitted.transition("approve", by=staff)
    EmissionFactor.objects.create(
        activity="natural_gas",
        scope="scope_1",
        unit="kWh",
        value=Decimal("0.5"),
        year=2023,
        source_name="Nowe źródło",
        source_url="https://example.org/",
    )
    submitted.refresh_from_db()
    assert submitted.scope1_t == Decimal("12.612")
    assert ReportFactor.objects.get(report=submitted, activity="natural_gas").value == Decimal("0.202000")


def test_a_draft_is_computed_again_with_the_newest_factor_version(complete_draft):
    EmissionFactor.objects.create(
        activity="natural_gas",
        scope="scope_1",
        unit="kWh",
        value=Decimal("0.3"),
        year=2023,
        source_name="Nowe źródło",
        source_url="https://example.org/",
    )
    complete_draft.recompute()
    # 50 000 × 0.3 + 2512 = 17 512 kg
    assert Report.objects.get(pk=complete_draft.pk).scope1_t == Decimal("17.512")


def test_an_empty_draft_lists_everything_missing(draft):
    with translation.override("en"):
        missing = [str(problem) for problem in draft.missing()]
    assert "Electricity bought: give the amount (zero if none)." in missing
    assert len(missing) == 3 + 2 + 1  # three required amounts, two commitments, the declaration


def test_a_commitment_delayed_without_explanation_blocks_the_submission(signatory, company):
    report = make_report(company, complete=False)
    fill(report, commitments=(("renewable_energy", "delayed", ""), ("mobility", "on_track", "")))
    assert len(report.missing()) == 1
    fill_explained = report.progress.get(commitment="renewable_energy")
    fill_explained.explanation = "Dostawca umowy PPA wycofał się."
    fill_explained.save()
    assert report.missing() == []


def test_submitting_an_incomplete_report_is_refused_and_changes_nothing(draft, owner):
    with pytest.raises(ValidationError):
        draft.transition("submit", by=owner)
    assert Report.objects.get(pk=draft.pk).status == "draft"


def test_a_verified_report_cannot_change(submitted, staff):
    submitted.transition("approve", by=staff)
    submitted.scope1_t = Decimal(1)
    with pytest.raises(Frozen):
        submitted.save()
    line = ActivityLine.objects.filter(report=submitted).first()
    line.quantity = Decimal(1)
    with pytest.raises(Frozen):
        line.save()
    assert ActivityLine.objects.get(pk=line.pk).quantity != Decimal(1)


def test_no_part_of_a_verified_report_can_be_removed(submitted, staff):
    submitted.transition("approve", by=staff)
    for part in (submitted.lines.first(), submitted.progress.first(), submitted.factors.first()):
        with pytest.raises(Frozen):
            part.delete()
        assert type(part).objects.filter(pk=part.pk).exists()


def test_staff_may_still_assign_a_verified_report(submitted, staff):
    submitted.transition("approve", by=staff)
    submitted.assignee = staff
    submitted.save()
    assert Report.objects.get(pk=submitted.pk).assignee == staff


def test_a_correction_is_a_new_version_linked_to_the_verified_one(submitted, staff, owner):
    submitted.transition("approve", by=staff)
    correction = services.start_correction(submitted, owner)
    assert (correction.version, correction.previous, correction.status) == (2, submitted, "draft")
    assert correction.lines.count() == submitted.lines.count()
    assert correction.scope1_t == submitted.scope1_t
    # The published figures are still those of version 1 until staff verify the correction.
    assert list(Report.objects.latest_verified()) == [submitted]
    assert not correction.declared  # the corrected data is declared true again
    correction.declared = True
    correction.save()
    correction.transition("submit", by=owner)
    correction.transition("approve", by=staff)
    assert list(Report.objects.latest_verified()) == [correction]


def test_a_second_correction_while_one_is_open_is_refused(submitted, staff, owner):
    submitted.transition("approve", by=staff)
    services.start_correction(submitted, owner)
    with pytest.raises(ValidationError):
        services.start_correction(submitted, owner)


def test_only_one_open_report_per_year(signatory, company, owner):
    services.start_report(company, YEAR, owner)
    with pytest.raises(ValidationError):
        services.start_report(company, YEAR, owner)
    assert Report.objects.filter(company=company, year=YEAR).count() == 1


def test_a_company_without_the_pact_cannot_start_a_report(company, owner):
    with pytest.raises(ValidationError):
        services.start_report(company, YEAR, owner)


def test_a_report_can_start_from_last_years_figures(signatory, company, owner):
    make_report(company, year=YEAR - 1, status="approved")
    report = services.start_report(company, YEAR, owner, copy_previous=True)
    assert {line.activity: line.quantity for line in report.lines.all()}["natural_gas"] == Decimal("50000")
    assert report.progress.count() == 0  # statuses are this year's to give
    assert not report.declared


def test_the_base_year_is_the_first_verified_report_unless_given(signatory, company):
    make_report(company, year=YEAR - 2, status="approved")
    report = make_report(company)
    assert report.effective_base_year() == YEAR - 2
    report.base_year = 2019
    assert report.effective_base_year() == 2019


def test_figures_too_large_to_store_are_left_empty_and_the_company_is_told(signatory, company):
    # 99 999 999 999 kg of R-410A × 2255.5 is about 2.3 × 10^11 t: more than a figure can hold.
    report = make_report(company, complete=False)
    fill(report, lines={"refrigerant_r410a": ("99999999999", "estimated", None, "")}, commitments=())
    report = Report.objects.get(pk=report.pk)
    assert report.scope1_t is None
    assert not report.factors.exists()
    with translation.override("en"):
        assert "The figures come out too large: check that each amount is in the unit asked for." in [
            str(problem) for problem in report.missing()
        ]
