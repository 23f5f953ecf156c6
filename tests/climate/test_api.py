"""The read-only JSON API: the same public rows as the open data, paginated, rate limited, described by OpenAPI."""

import pytest
from django.urls import reverse

from partnerships.climate import open_data
from partnerships.climate.models import EmissionFactor
from tests.climate.conftest import YEAR
from tests.climate.test_impact import _bulk_reports
from tests.climate.test_public_results import publish


def test_yearly_results_hold_the_verified_figures_only(client, signatory, company):
    verified = publish(company, YEAR - 1, "12.5", "60", "45")
    publish(company, YEAR, "999", "999", "999", status="submitted")
    page = client.get("/api/v1/yearly-results/").json()
    assert page["next_offset"] is None
    assert [(row["report_id"], row["partner_id"], row["year"], row["scope1_t_co2e"]) for row in page["items"]] == [
        (verified.pk, company.pk, YEAR - 1, 12.5)
    ]


def test_pages_follow_one_another(client, db):
    total = EmissionFactor.objects.count()
    first = client.get("/api/v1/emission-factors/?limit=3").json()
    assert len(first["items"]) == 3 and first["next_offset"] == 3
    second = client.get("/api/v1/emission-factors/?limit=3&offset=3").json()
    ids = [row["factor_id"] for row in first["items"] + second["items"]]
    assert ids == list(EmissionFactor.objects.order_by("pk").values_list("pk", flat=True)[:6])
    last = client.get(f"/api/v1/emission-factors/?limit=3&offset={total - 1}").json()
    assert len(last["items"]) == 1 and last["next_offset"] is None


@pytest.mark.parametrize("query", ["limit=0", "limit=201", "offset=-1", "offset=100001", "limit=abc"])
def test_a_page_outside_the_limits_is_refused_clearly(client, db, query):
    client.cookies["django_language"] = "en"
    response = client.get(f"/api/v1/partners/?{query}")
    assert response.status_code == 422
    assert response.json() == {"detail": "Give limit as a whole number from 1 to 200 and offset from 0 to 100000."}
    client.cookies["django_language"] = "pl"
    assert "Podaj limit" in client.get(f"/api/v1/partners/?{query}").json()["detail"]


def test_requests_over_the_limit_get_429(client, db, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    codes = [client.get("/api/v1/partners/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_the_openapi_description_lists_every_dataset(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "Klimat Kraków open data API"
    assert set(schema["paths"]) == {f"/api/v1/{dataset.slug}/" for dataset in open_data.DATASETS}
    rows = schema["components"]["schemas"]["YearlyResults"]["properties"]
    assert "scope1_t_co2e" in rows and "t CO2e" in rows["scope1_t_co2e"]["description"]
    assert client.get("/api/v1/docs").status_code == 404  # no page loading a third-party script


def test_the_api_is_read_only(client, db):
    assert client.post("/api/v1/partners/", {}).status_code == 405


@pytest.mark.parametrize("companies", [5, 500])
def test_a_page_costs_the_same_queries_at_any_size(client, pact, companies, django_assert_num_queries):
    _bulk_reports(pact, companies)
    with django_assert_num_queries(1):
        page = client.get(reverse("api:yearly_results") + "?limit=10").json()
    assert len(page["items"]) == 10
