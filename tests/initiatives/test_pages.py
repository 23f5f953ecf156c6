from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative
from tests.factories import CompanyFactory
from tests.initiatives.conftest import in_english
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory


def test_the_list_shows_upcoming_initiatives_soonest_first(client, db):
    later = InitiativeFactory(title="Później", start=timezone.now() + timedelta(days=20))
    sooner = InitiativeFactory(title="Wcześniej", start=timezone.now() + timedelta(days=3))
    html = client.get(reverse("initiatives:list")).content.decode()
    assert html.index(sooner.title) < html.index(later.title)


def test_past_initiatives_have_their_own_page(client, db):
    past = InitiativeFactory(title="Forum jesienne", start=timezone.now() - timedelta(days=30))
    upcoming = InitiativeFactory(title="Forum wiosenne")
    listing = client.get(reverse("initiatives:list")).content.decode()
    archive = client.get(reverse("initiatives:past")).content.decode()
    assert upcoming.title in listing and past.title not in listing
    assert past.title in archive and upcoming.title not in archive


def test_drafts_are_not_listed(client, db):
    InitiativeFactory(title="Szkic akcji", status=Initiative.Status.DRAFT)
    assert "Szkic akcji" not in client.get(reverse("initiatives:list")).content.decode()


def test_the_list_filters_by_kind_district_and_month(client, db):
    start = timezone.now() + timedelta(days=40)
    match = InitiativeFactory(title="Park kieszonkowy", kind=Initiative.Kind.POCKET_PARK, district="02", start=start)
    InitiativeFactory(title="Inny rodzaj", kind=Initiative.Kind.TRAINING, district="02", start=start)
    InitiativeFactory(title="Inna dzielnica", kind=Initiative.Kind.POCKET_PARK, district="05", start=start)
    InitiativeFactory(
        title="Inny miesiąc", kind=Initiative.Kind.POCKET_PARK, district="02", start=start + timedelta(days=62)
    )
    month = timezone.localtime(start).strftime("%Y-%m")
    query = {"kind": "pocket_park", "district": "02", "month": month}
    html = client.get(reverse("initiatives:list"), query).content.decode()
    assert match.title in html
    for title in ("Inny rodzaj", "Inna dzielnica", "Inny miesiąc"):
        assert title not in html


def test_a_malformed_month_gets_a_message_not_an_error(client, db):
    response = in_english(client).get(reverse("initiatives:list"), {"month": "maj"})
    assert response.status_code == 200
    assert "Enter the month as year and month" in response.content.decode()


@pytest.mark.parametrize("month", ["0000-01", "0001-02", "1999-12", "2101-01", "9999-12"])
def test_a_month_outside_the_years_served_gets_a_message_and_the_unfiltered_list(client, db, month):
    initiative = InitiativeFactory(title="Sadzimy drzewa")
    for view in ("initiatives:list", "initiatives:past"):
        response = in_english(client).get(reverse(view), {"month": month})
        assert response.status_code == 200
        assert "Choose a month between 2000 and 2100." in response.content.decode()
    assert initiative.title in client.get(reverse("initiatives:list"), {"month": month}).content.decode()


def test_the_list_is_paginated(client, db):
    for day in range(25):
        InitiativeFactory(title=f"Akcja numer {day:02d}", start=timezone.now() + timedelta(days=day + 1))
    first = client.get(reverse("initiatives:list")).content.decode()
    second = client.get(reverse("initiatives:list"), {"page": 2}).content.decode()
    assert "Akcja numer 00" in first and "Akcja numer 24" not in first
    assert "Akcja numer 24" in second


def test_the_detail_shows_places_left_and_verified_partners_only(client, initiative):
    ParticipationFactory(initiative=initiative, company=CompanyFactory(name="Zweryfikowana S.A."), participants=4)
    ParticipationFactory(
        initiative=initiative, company=CompanyFactory(name="Niezweryfikowana", status="pending"), participants=1
    )
    ParticipationFactory(
        initiative=initiative, company=CompanyFactory(name="Na liście rezerwowej"), status="waiting", participants=9
    )
    html = in_english(client).get(initiative.get_absolute_url()).content.decode()
    assert "Zweryfikowana S.A." in html
    assert "Niezweryfikowana" not in html and "Na liście rezerwowej" not in html
    assert "5 left of 10" in html
    assert initiative.place_name in html and initiative.organiser in html


def test_the_map_page_requests_no_tile_and_names_the_tile_server(client, db):
    InitiativeFactory(title="Z mapą", latitude="50.061400", longitude="19.936600")
    response = client.get(reverse("initiatives:map"))
    html = response.content.decode()
    assert "tile.openstreetmap.org" in html
    assert "<img" not in html  # no tile until the visitor presses the button
    assert 'data-lat="50.061400"' in html
    assert "leaflet/leaflet.js" in html and "js/initiatives-map.js" in html
    assert "https://tile.openstreetmap.org" in response["Content-Security-Policy"]


def test_only_the_map_page_allows_the_tile_server(client, db):
    response = client.get(reverse("initiatives:list"))
    assert "tile.openstreetmap.org" not in response["Content-Security-Policy"]


def test_the_company_dashboard_lists_its_sign_ups(client_for, owner, company, initiative):
    ParticipationFactory(initiative=initiative, company=company)
    html = client_for(owner).get(reverse("partnerships:dashboard")).content.decode()
    assert initiative.title in html


def test_the_demo_data_is_created_once(db):
    import io

    from initiatives import demo
    from initiatives.models import Participation, Ride
    from tests.factories import MembershipFactory

    for name in demo.DEMO_COMPANIES[:2]:
        MembershipFactory(company=CompanyFactory(name=name))
    demo.seed(io.StringIO())
    counts = (Initiative.objects.count(), Participation.objects.count(), Ride.objects.count())
    demo.seed(io.StringIO())
    assert counts == (Initiative.objects.count(), Participation.objects.count(), Ride.objects.count())
    assert counts[0] >= 6 and counts[2] > 0
    assert Initiative.objects.past().exists() and Initiative.objects.upcoming().exists()


def test_the_demo_data_works_without_demo_companies(db):
    import io

    from initiatives import demo

    demo.seed(io.StringIO())
    assert Initiative.objects.filter(kind=Initiative.Kind.BIKE_CAMPAIGN).exists()
