"""/open-data/: the files parsed back and checked against the database; only public data in them."""

import csv
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.climate import open_data
from partnerships.climate.models import EmissionFactor
from partnerships.models import Company
from tests.climate.conftest import YEAR
from tests.climate.test_impact import _bulk_reports, ride
from tests.climate.test_public_results import publish
from tests.factories import CompanyFactory
from tests.initiatives.factories import BikeCampaignFactory
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory


def body(response):
    return b"".join(response.streaming_content).decode("utf-8")


def read_csv(client, name):
    response = client.get(reverse("open_data:csv", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.DictReader(io.StringIO(body(response))))


def read_json(client, name):
    response = client.get(reverse("open_data:json", args=[name]))
    assert response.status_code == 200
    return json.loads(body(response))


@pytest.fixture
def published(signatory, company):
    verified = publish(company, YEAR - 1, "12.5", "60", "45")
    publish(company, YEAR, "999", "999", "999", status="submitted")
    return verified


def test_yearly_results_hold_the_verified_figures_only(client, published, company):
    rows = read_csv(client, "yearly-results")
    assert rows == [
        {
            "report_id": str(published.pk),
            "partner_id": str(company.pk),
            "year": str(YEAR - 1),
            "version": "1",
            "scope1_t_co2e": "12.5",
            "scope2_location_t_co2e": "60",
            "scope2_market_t_co2e": "45",
            "energy_mwh": "160",
            "renewable_share_pct": "40",
            "intensity_t_co2e_per_fte": "1.446",
            "intensity_kg_co2e_per_m2": "36.156",
            "verified_date": "",
        }
    ]
    assert read_json(client, "yearly-results")[0]["scope1_t_co2e"] == 12.5


def test_commitments_and_their_progress(client, published, company):
    commitments = read_csv(client, "commitments")
    assert [(row["partner_id"], row["commitment"], row["target_year"]) for row in commitments] == [
        (str(company.pk), "renewable_energy", "2040"),
        (str(company.pk), "mobility", "2040"),
    ]
    progress = read_csv(client, "commitment-progress")
    assert sorted((row["report_id"], row["commitment"], row["status"]) for row in progress) == [
        (str(published.pk), "mobility", "on_track"),
        (str(published.pk), "renewable_energy", "on_track"),
    ]


def test_only_verified_partners_are_published(client, company):
    CompanyFactory(name="Czeka na weryfikację", status=Company.Status.PENDING)
    rows = read_csv(client, "partners")
    assert [row["name"] for row in rows] == [company.name]
    assert rows[0]["page_path"] == company.get_absolute_url()


def test_every_emission_factor_version_is_published(client, db):
    rows = read_json(client, "emission-factors")
    assert len(rows) == EmissionFactor.objects.count()
    first = EmissionFactor.objects.get(pk=rows[0]["factor_id"])
    assert Decimal(str(rows[0]["kg_co2e_per_unit"])) == first.value
    assert rows[0]["source_url"] == first.source_url


def test_bike_totals_per_day_leave_out_days_under_five_riders(client, company):
    campaign = BikeCampaignFactory(title="Rowerowy maj")
    for _ in range(5):
        ride(campaign, company, "10")
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    for _ in range(4):
        ride(campaign, company, "7").__class__.objects.filter(km=Decimal("7")).update(date=yesterday)
    rows = read_csv(client, "bike-daily-totals")
    assert rows == [
        {
            "initiative_id": str(campaign.pk),
            "date": timezone.localdate().isoformat(),
            "km": "50",
            "riders": "5",
            "rides": "5",
            "co2_avoided_kg": "6.5",  # 50 km × 129 g
        }
    ]
    assert "user" not in ",".join(rows[0])


def test_only_published_practices(client, company):
    shown = PublishedPracticeFactory(company=company, title="Zielony dach", trees_planted=12)
    PracticeFactory(company=company, title="Szkic")
    rows = read_csv(client, "practices")
    assert [(row["practice_id"], row["title"], row["trees_planted"]) for row in rows] == [
        (str(shown.pk), "Zielony dach", "12")
    ]


def test_the_zip_holds_every_file_and_a_readme_with_fields_counts_and_licence(client, published, settings):
    settings.OPEN_DATA_LICENCE_NAME = "CC BY 4.0"
    client.cookies["django_language"] = "en"
    response = client.get(reverse("open_data:zip"))
    assert response.status_code == 200
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    for dataset in open_data.DATASETS:
        assert {f"{dataset.slug}.csv", f"{dataset.slug}.json"} <= names
    readme = archive.read("README.txt").decode("utf-8")
    assert "Licence: CC BY 4.0, https://creativecommons.org/licenses/by/4.0/" in readme
    assert "yearly-results.csv, yearly-results.json — Verified yearly climate results (1 rows)" in readme
    assert "  scope1_t_co2e [t CO2e]: Scope 1 emissions" in readme
    assert "Generated: " in readme
    rows = list(csv.DictReader(io.StringIO(archive.read("yearly-results.csv").decode("utf-8"))))
    assert [row["report_id"] for row in rows] == [str(published.pk)]


def test_the_catalogue_describes_every_dataset_in_dcat_ap(client, db):
    response = client.get(reverse("open_data:catalog"))
    assert response["Content-Type"] == "application/ld+json"
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    assert [item["dct:identifier"] for item in catalogue["dcat:dataset"]] == [d.slug for d in open_data.DATASETS]
    first = catalogue["dcat:dataset"][0]
    assert first["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    assert first["dcat:distribution"][0]["dcat:downloadURL"]["@id"] == "http://testserver/open-data/partners.csv"


def test_the_page_lists_every_field(client, db):
    client.cookies["django_language"] = "en"
    html = client.get(reverse("open_data:index")).content.decode()
    for dataset in open_data.DATASETS:
        for column in dataset.columns:
            assert f"<code>{column.name}</code>" in html


def test_an_unknown_dataset_is_not_found(client, db):
    assert client.get("/open-data/users.csv").status_code == 404


@pytest.mark.parametrize("companies", [2, 20])
def test_a_file_costs_the_same_queries_at_any_size(client, pact, companies, django_assert_num_queries):
    _bulk_reports(pact, companies)
    with django_assert_num_queries(1):
        assert len(read_csv(client, "yearly-results")) == companies * 2
    with django_assert_num_queries(1):
        assert len(read_csv(client, "commitment-progress")) == 0


def test_the_page_reads_in_polish(client, db):
    client.cookies["django_language"] = "pl"
    html = client.get(reverse("open_data:index")).content.decode()
    assert "<h1>Otwarte dane</h1>" in html
    assert 'rel="license noopener">CC BY 4.0</a>' in html
