"""A signatory's public page shows only verified figures: its commitments with their status, its emissions by year
and the path from its base year to its target."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from partnerships.climate.models import Report
from tests.climate.conftest import YEAR, make_report


def publish(company, year, scope1, location, market, status="approved", version=1, **fields):
    report = make_report(company, year=year, status=status, version=version, **fields)
    Report.objects.filter(pk=report.pk).update(
        scope1_t=Decimal(scope1), scope2_location_t=Decimal(location), scope2_market_t=Decimal(market)
    )
    return report


def page(client, company):
    client.cookies["django_language"] = "en"
    return client.get(reverse("partnerships:partner_detail", args=[company.slug])).content.decode()


def test_a_verified_report_shows_its_emissions_and_the_commitment_statuses(client, signatory, company):
    publish(company, YEAR, "12.5", "60.0", "45.0")
    html = page(client, company)
    assert "Climate Pact results" in html
    assert "12.500" in html and "60.000" in html and "45.000" in html
    assert "Renewable energy" in html and "Employee mobility" in html
    assert html.count("On track") == 2
    # 12.5 + 60 = 72.5 t in the only year
    assert f"reported 72.5 t CO2e in its base year {YEAR}" in html
    assert "climate neutrality by 2040" in html


@pytest.mark.parametrize("status", ["draft", "submitted", "changes_requested", "rejected", "withdrawn"])
def test_an_unverified_report_never_shows(client, signatory, company, status):
    publish(company, YEAR, "777.7", "888.8", "999.9", status=status)
    html = page(client, company)
    assert "777.7" not in html and "888.8" not in html and "999.9" not in html
    assert "On track" not in html
    assert "has no verified climate report yet" in html


def test_a_correction_under_review_does_not_replace_the_verified_figures(client, signatory, company):
    verified = publish(company, YEAR, "10.0", "20.0", "15.0")
    publish(company, YEAR, "555.5", "666.6", "444.4", status="submitted", version=2, previous=verified)
    html = page(client, company)
    assert "10.000" in html and "20.000" in html
    assert "555.5" not in html and "666.6" not in html


def test_a_verified_correction_replaces_the_earlier_version(client, signatory, company):
    verified = publish(company, YEAR, "10.0", "20.0", "15.0")
    publish(company, YEAR, "11.0", "21.0", "16.0", version=2, previous=verified)
    html = page(client, company)
    assert "11.000" in html and "21.000" in html
    assert "20.000" not in html


def test_the_summary_compares_the_latest_year_with_the_base_year(client, signatory, company):
    publish(company, YEAR - 2, "40.0", "60.0", "50.0")  # 100 t
    publish(company, YEAR - 1, "38.0", "57.0", "45.0")
    publish(company, YEAR, "30.0", "50.0", "40.0")  # 80 t: down 20 %
    html = page(client, company)
    assert f"from 100.0 t CO2e in {YEAR - 2} to 80.0 t in {YEAR}" in html
    assert "(down 20.0 %)" in html
    assert 'role="img"' in html and "<title" in html and "<desc" in html
    # The bar is filled a fifth of the way from the base year to zero.
    assert 'width="128" height="28"' in html


def test_a_base_year_the_company_gave_is_the_one_compared(client, signatory, company):
    publish(company, YEAR - 2, "40.0", "60.0", "50.0")
    publish(company, YEAR - 1, "45.0", "55.0", "45.0")  # 100 t
    publish(company, YEAR, "55.0", "55.0", "40.0", base_year=YEAR - 1)  # 110 t: up 10 %
    html = page(client, company)
    assert f"from 100.0 t CO2e in {YEAR - 1} to 110.0 t in {YEAR}" in html
    assert "(up 10.0 %)" in html


def test_an_explanation_of_a_delayed_commitment_is_public(client, signatory, company):
    report = publish(company, YEAR, "1", "1", "1")
    report.progress.filter(commitment="mobility").update(status="delayed", explanation="Dostawa rowerów opóźniona.")
    html = page(client, company)
    assert "Delayed" in html and "Dostawa rowerów opóźniona." in html


def test_a_company_that_has_not_signed_shows_no_climate_section(client, company):
    assert "Climate Pact results" not in page(client, company)


def test_the_partner_page_costs_the_same_queries_with_one_or_many_years(
    client, signatory, company, django_assert_num_queries
):
    publish(company, YEAR, "1", "1", "1")
    url = reverse("partnerships:partner_detail", args=[company.slug])
    with django_assert_num_queries(4) as one:
        client.get(url)
    for year in range(YEAR - 6, YEAR):
        publish(company, year, "1", "1", "1")
    with django_assert_num_queries(len(one.captured_queries)):
        client.get(url)


def test_a_report_staff_verify_shows_at_once_on_the_cached_partner_page_and_impact(client_for, submitted, staff):
    company = submitted.company
    partner = reverse("partnerships:partner_detail", args=[company.slug])
    english = Client()
    english.cookies["django_language"] = "en"
    assert "has no verified climate report yet" in english.get(partner).content.decode()  # now in the page cache
    before = Client().get("/impact/").content
    decide = f"/admin/climate/report/{submitted.pk}/decide/approve/"
    assert client_for(staff).post(decide, {"reason": ""}).status_code == 302
    assert "has no verified climate report yet" not in english.get(partner).content.decode()
    assert Client().get("/impact/").content != before
