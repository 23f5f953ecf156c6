import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Ride
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.conftest import in_english
from tests.initiatives.factories import ParticipationFactory


@pytest.fixture
def rider(client_for, owner, company, campaign):
    ParticipationFactory(initiative=campaign, company=company, participants=4)
    return in_english(client_for(owner))


def _log(client, campaign, date, km):
    return client.post(reverse("initiatives:rides", args=[campaign.slug]), {"date": date.isoformat(), "km": km})


def test_a_ride_within_the_campaign_is_saved(rider, owner, company, campaign):
    response = _log(rider, campaign, timezone.localdate(), "12.5")
    assert response.status_code == 302
    ride = Ride.objects.get()
    assert (ride.user, ride.company, ride.km) == (owner, company, Decimal("12.5"))


def test_a_ride_before_the_campaign_is_refused(rider, campaign):
    before = timezone.localtime(campaign.start).date() - datetime.timedelta(days=1)
    response = _log(rider, campaign, before, "5")
    assert response.status_code == 400
    assert "this date is outside it" in response.content.decode()
    assert not Ride.objects.exists()


def test_a_ride_in_the_future_is_refused(rider, campaign):
    response = _log(rider, campaign, timezone.localdate() + datetime.timedelta(days=1), "5")
    assert "A ride cannot be logged for a day that has not come yet." in response.content.decode()
    assert not Ride.objects.exists()


@pytest.mark.parametrize("km", ["0", "-3"])
def test_a_ride_of_no_distance_is_refused(rider, campaign, km):
    response = _log(rider, campaign, timezone.localdate(), km)
    assert "Enter a distance greater than zero." in response.content.decode()
    assert not Ride.objects.exists()


def test_more_than_200_km_a_day_in_total_is_refused(rider, campaign):
    _log(rider, campaign, timezone.localdate(), "150")
    response = _log(rider, campaign, timezone.localdate(), "60")
    assert "At most 200 km a day can be logged; you already have 150.0 km on that day." in response.content.decode()
    assert Ride.objects.count() == 1


def test_a_company_not_taking_part_cannot_log_rides(client_for, owner, campaign):
    response = client_for(owner).get(reverse("initiatives:rides", args=[campaign.slug]))
    assert 'id="ride-form"' not in response.content.decode()


def test_the_results_rank_companies_and_state_the_co2_factor(client, campaign, settings):
    settings.BIKE_CO2_GRAMS_PER_KM = 129.0
    today = timezone.localdate()
    far = CompanyFactory(name="Daleko Jeżdżący")
    many = CompanyFactory(name="Wszyscy Jeżdżą")
    ParticipationFactory(initiative=campaign, company=far, participants=10)
    ParticipationFactory(initiative=campaign, company=many, participants=2)
    far_rider = MembershipFactory(company=far).user
    Ride.objects.create(initiative=campaign, company=far, user=far_rider, date=today, km=Decimal("100"))
    for _ in range(2):
        user = MembershipFactory(company=many).user
        Ride.objects.create(initiative=campaign, company=many, user=user, date=today, km=Decimal("10"))
    response = in_english(client).get(reverse("initiatives:results", args=[campaign.slug]))
    html = response.content.decode()
    assert "129" in html and "g for every kilometre" in html
    by_km, by_share, by_co2 = html.split("<h2>")[1:4]
    assert by_km.index("Daleko Jeżdżący") < by_km.index("Wszyscy Jeżdżą")
    assert by_share.index("Wszyscy Jeżdżą") < by_share.index("Daleko Jeżdżący")
    assert "100%" in by_share and "10%" in by_share
    assert "12.9" in by_co2  # 100 km × 129 g = 12.9 kg
