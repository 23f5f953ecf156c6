"""/impact/: the partnership's verified results, each figure hand-computed here from the reports the test files."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Ride
from partnerships.climate.models import EmissionFactor, Report
from partnerships.models import Company
from practices.models import PracticeStatus
from tests.climate.conftest import YEAR, make_report, sign_pact
from tests.climate.test_public_results import publish
from tests.factories import CompanyFactory, UserFactory
from tests.initiatives.factories import BikeCampaignFactory
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory


def impact(client, path="impact:impact"):
    client.cookies["django_language"] = "en"
    response = client.get(reverse(path))
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_says_when_nothing_is_verified_yet(client, db):
    html = impact(client)
    assert "No company has verified reports on two years yet." in html
    assert "No report has been verified yet." in html


def test_like_for_like_counts_only_companies_with_a_base_year_and_a_later_year(client, pact, signatory, company):
    publish(company, YEAR - 1, "40", "60", "50")  # base 100 t (market 90)
    publish(company, YEAR, "30", "50", "40")  # latest 80 t (market 70)
    second = CompanyFactory(name="Druga")
    sign_pact(second, pact)
    publish(second, YEAR - 2, "10", "10", "5")  # base 20 t (market 15)
    publish(second, YEAR, "9", "6", "1")  # latest 15 t (market 10)
    third = CompanyFactory(name="Trzecia")
    sign_pact(third, pact)
    publish(third, YEAR, "500", "500", "500")  # one year only: not like for like
    html = impact(client)
    assert "2 companies reported on their base years and on a later year." in html
    # (80 + 15) / (100 + 20) − 1 = −20.8 %; market (70 + 10) / (90 + 15) − 1 = −23.8 %
    assert "from 120.0 t CO2e to 95.0 t: a change of -20.8 %" in html
    assert "<td>105.0</td><td>80.0</td><td>-23.8</td>" in html


def test_unverified_reports_count_nowhere(client, pact, signatory, company):
    publish(company, YEAR - 1, "40", "60", "50")
    publish(company, YEAR, "1", "1", "1", status="submitted")
    html = impact(client)
    assert "No company has verified reports on two years yet." in html
    assert "<td>40.0</td><td>60.0</td><td>50.0</td>" in html


def test_emissions_by_year_sum_each_scope_and_count_the_companies(client, pact, signatory, company):
    publish(company, YEAR, "1.25", "2.5", "2")
    second = CompanyFactory(name="Druga")
    sign_pact(second, pact)
    publish(second, YEAR, "3.5", "4", "1")
    html = impact(client)
    assert f'<th scope="row">{YEAR}</th><td>2</td><td>4.8</td><td>6.5</td><td>3.0</td>' in html
    assert 'role="img"' in html and '<title id="chart-by-year-title">' in html


def test_energy_and_renewable_share_of_the_latest_year(client, signatory, company):
    # The complete report: electricity 100 000 kWh of which 40 000 backed, gas 50 000 kWh, diesel 1000 l.
    make_report(company, year=YEAR, status="approved")
    html = impact(client)
    # 100 000 + 50 000 + 1000 × 10 = 160 MWh; 40 000 / 100 000 = 40 %
    assert "<td>160.0</td>" in html
    assert '<th scope="row">Renewable share of electricity (%)</th><td>40.0</td>' in html


def test_reports_on_time_count_verified_first_versions_submitted_by_the_due_date(client, pact, signatory, company):
    late = CompanyFactory(name="Spóźniona")
    sign_pact(late, pact)
    on_time = publish(company, YEAR - 1, "1", "1", "1")
    too_late = publish(late, YEAR - 1, "1", "1", "1")
    due = date(YEAR, 4, 30)
    last_minute = timezone.make_aware(datetime.combine(due, time(23, 30)))
    Report.objects.filter(pk=on_time.pk).update(submitted_at=last_minute)
    Report.objects.filter(pk=too_late.pk).update(submitted_at=last_minute + timedelta(hours=1))
    html = impact(client)
    assert f'<th scope="row">{YEAR - 1}</th><td>2</td><td>1</td>' in html


def test_the_method_lists_every_factor_version_with_its_source(client, db):
    factor = EmissionFactor.objects.filter(activity="electricity", scope="scope_2_location").first()
    EmissionFactor.objects.create(
        activity=factor.activity,
        scope=factor.scope,
        unit=factor.unit,
        value=Decimal("0.5"),
        year=factor.year,
        source_name="Nowe źródło KOBiZE",
        source_url="https://example.org/kobize",
    )
    html = impact(client, "impact:method")
    assert "Nowe źródło KOBiZE" in html and factor.source_name in html
    assert html.count('<tr><th scope="row">') == EmissionFactor.objects.count()


def ride(campaign, company, km, user=None):
    return Ride.objects.create(
        initiative=campaign, company=company, user=user or UserFactory(), date=timezone.localdate(), km=Decimal(km)
    )


def test_bike_campaigns_give_kilometres_and_co2_avoided_with_the_factor_named(client, company, settings):
    settings.BIKE_CO2_GRAMS_PER_KM = 129.0
    campaign = BikeCampaignFactory(title="Rowerowy maj")
    other = CompanyFactory(name="Druga")
    riders = [UserFactory() for _ in range(5)]
    for index, person in enumerate(riders):
        ride(campaign, company if index < 3 else other, "10.5", user=person)
    ride(campaign, company, "4.5", user=riders[0])
    html = impact(client)
    # 5 × 10.5 + 4.5 = 57 km; 57 × 129 g = 7353 g = 0.007 t (to three decimals: 0.007)
    assert '<th scope="row">Rowerowy maj</th><td>57.0</td><td>5</td><td>2</td><td>0.007</td>' in html
    assert "Together 57.0 km by bike instead of by car" in html
    assert settings.BIKE_CO2_SOURCE_NAME in html and settings.BIKE_CO2_SOURCE_URL in html


def test_a_campaign_fewer_than_five_people_rode_in_is_not_shown(client, company):
    campaign = BikeCampaignFactory(title="Mała kampania")
    for _ in range(4):
        ride(campaign, company, "30")
    html = impact(client)
    assert "Mała kampania" not in html
    assert "No bike campaign has results to show yet." in html


def test_practices_savings_and_trees_are_counted_apart_from_verified_emissions(client, company):
    PublishedPracticeFactory(company=company, co2_tonnes_per_year=Decimal("12.5"), trees_planted=40)
    PublishedPracticeFactory(company=company, mwh_saved=Decimal("7"), trees_planted=2)
    PracticeFactory(company=company, co2_tonnes_per_year=Decimal("900"), trees_planted=900)  # a draft
    PracticeFactory(company=company, status=PracticeStatus.SUBMITTED, trees_planted=800)
    html = impact(client)
    assert "2 good practices published, from 1 companies." in html
    assert "<td>12.5</td><td>1</td>" in html  # stated CO2 savings, one practice states it
    assert "<td>7.0</td><td>1</td>" in html
    assert "<td>42</td><td>2</td>" in html  # trees: 40 + 2, counted, never netted
    assert "900" not in html and "800" not in html


def _bulk_reports(pact, companies):
    """`companies` signatories with verified reports on two years, written in bulk (the figures set directly)."""
    made = CompanyFactory.build_batch(companies)
    for index, company in enumerate(made):
        company.slug = f"firma-{index}"
    Company.objects.bulk_create(made)
    stored = list(Company.objects.filter(slug__startswith="firma-"))
    for company in stored:
        sign_pact(company, pact)
    Report.objects.bulk_create(
        Report(
            company=company,
            year=year,
            status="approved",
            scope1_t=Decimal(2),
            scope2_location_t=Decimal(2),
            scope2_market_t=Decimal(1),
            energy_mwh=Decimal(10),
            submitted_at=timezone.now(),
        )
        for company in stored
        for year in (YEAR - 1, YEAR)
    )


@pytest.mark.parametrize("reports", [10, 1000])
def test_the_impact_page_costs_the_same_queries_at_10_and_1000_reports(
    client, pact, reports, django_assert_num_queries
):
    _bulk_reports(pact, reports // 2)
    with django_assert_num_queries(5):
        html = impact(client)
    assert f"{reports // 2} companies reported on their base years" in html


def test_the_page_reads_in_polish(client, signatory, company):
    publish(company, YEAR - 1, "40", "60", "50")
    publish(company, YEAR, "30", "50", "40")
    client.cookies["django_language"] = "pl"
    html = client.get(reverse("impact:impact")).content.decode()
    assert "<h1>Efekty partnerstwa</h1>" in html
    assert "Zmiana (%)" in html and "%%" not in html
    assert "1 firma złożyła raporty za rok bazowy i za rok późniejszy." in html
    assert "100,0" in html


def test_a_company_no_longer_verified_counts_nowhere(client, pact, signatory, company):
    publish(company, YEAR - 1, "40", "60", "50")
    publish(company, YEAR, "30", "50", "40")
    Company.objects.filter(pk=company.pk).update(status=Company.Status.PENDING)
    html = impact(client)
    assert "No report has been verified yet." in html
    assert "No company has verified reports on two years yet." in html
