"""The list, the detail and the results page make the same number of queries for few and for many rows."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative, Participation, Ride
from partnerships.models import Company
from portal.models import User
from tests.factories import CompanyFactory, UserFactory
from tests.initiatives.factories import BikeCampaignFactory, InitiativeFactory

pytestmark = pytest.mark.usefixtures("rendered_pages")  # what rendering costs, at two sizes made with bulk_create


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _companies(n, tag):
    companies = CompanyFactory.build_batch(n)
    for i, company in enumerate(companies):
        company.slug = f"{tag}-{i}"
    return Company.objects.bulk_create(companies)


def _initiatives(n):
    start = timezone.now() + timedelta(days=3)
    # With coordinates and a capacity, so that the map lists them too and every card shows the places left.
    batch = InitiativeFactory.build_batch(
        n, start=start, end=start + timedelta(hours=2), latitude=Decimal("50.061400"), longitude=Decimal("19.936600")
    )
    for i, initiative in enumerate(batch):
        initiative.slug = f"akcja-{n}-{i}"
    Initiative.objects.bulk_create(batch)


@pytest.mark.parametrize("url_name", ["initiatives:list", "initiatives:map"])
def test_the_list_makes_the_same_queries_for_5_and_200_initiatives(client, db, url_name):
    # A page of the list: COUNT for the paginator, then the page's initiatives with the places taken annotated
    # (one join to the participations); the map: the initiatives with coordinates. Nothing per initiative.
    _initiatives(5)
    few = _count(client, reverse(url_name))
    _initiatives(195)
    assert _count(client, reverse(url_name)) == few


def test_the_detail_makes_the_same_queries_for_5_and_200_companies(client, db):
    # The initiative with its places taken, then the partners taking part with their companies (one join).
    initiative = InitiativeFactory(capacity=None)

    def add(n, tag):
        Participation.objects.bulk_create(
            Participation(
                initiative=initiative, company=company, participants=1, contact_name="A", contact_email="a@example.com"
            )
            for company in _companies(n, tag)
        )

    add(5, "few")
    few = _count(client, initiative.get_absolute_url())
    add(195, "many")
    assert _count(client, initiative.get_absolute_url()) == few


def test_the_results_make_the_same_queries_for_5_and_200_companies(client, db):
    # The campaign, then one aggregate over the rides per company with the registered participants as a subquery.
    campaign = BikeCampaignFactory()
    today = timezone.localdate()

    def add(n, tag):
        companies = _companies(n, tag)
        users = UserFactory.build_batch(n)
        for i, user in enumerate(users):
            user.email = f"{tag}-{i}@example.com"
        users = User.objects.bulk_create(users)
        Participation.objects.bulk_create(
            Participation(
                initiative=campaign, company=c, participants=3, contact_name="A", contact_email="a@example.com"
            )
            for c in companies
        )
        Ride.objects.bulk_create(
            Ride(initiative=campaign, company=c, user=u, date=today, km=5)
            for c, u in zip(companies, users, strict=True)
        )

    add(5, "few")
    url = reverse("initiatives:results", args=[campaign.slug])
    few = _count(client, url)
    add(195, "many")
    assert _count(client, url) == few


def test_the_dashboard_panel_makes_the_same_queries_for_5_and_20_sign_ups(client_for, owner, company):
    # The panel adds one query: the company's participations with their initiatives (one join).
    client = client_for(owner)

    def add(n):
        start = timezone.now() + timedelta(days=3)
        batch = InitiativeFactory.build_batch(n, start=start, end=start + timedelta(hours=2))
        for initiative in batch:
            initiative.slug = f"panel-{initiative.title}".replace(" ", "-").lower()
        Participation.objects.bulk_create(
            Participation(
                initiative=i, company=company, participants=1, contact_name="A", contact_email="a@example.com"
            )
            for i in Initiative.objects.bulk_create(batch)
        )

    add(5)
    client.get(reverse("partnerships:dashboard"))  # fills the per-process content-type cache, which is not per page
    few = _count(client, reverse("partnerships:dashboard"))
    add(15)
    assert _count(client, reverse("partnerships:dashboard")) == few
