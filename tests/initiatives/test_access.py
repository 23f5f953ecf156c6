"""Who may see and do what: owner, colleague (same company), outsider (another company), anonymous, staff."""

import pytest
from django.urls import reverse

from initiatives.models import Participation, Ride
from tests.initiatives.conftest import signup_data
from tests.initiatives.factories import ParticipationFactory

PEOPLE = ["owner", "colleague", "outsider", None, "staff"]


@pytest.fixture
def person(request):
    def get(name):
        return None if name is None else request.getfixturevalue(name)

    return get


@pytest.mark.parametrize("name", PEOPLE)
@pytest.mark.parametrize("url_name", ["list", "past", "map", "calendar_ics"])
def test_public_pages_open_for_everybody(db, client_for, person, name, url_name):
    assert client_for(person(name)).get(reverse(f"initiatives:{url_name}")).status_code == 200


@pytest.mark.parametrize("name", PEOPLE)
@pytest.mark.parametrize("url_name", ["detail", "ics", "results"])
def test_pages_of_a_published_campaign_open_for_everybody(client_for, person, campaign, name, url_name):
    url = reverse(f"initiatives:{url_name}", args=[campaign.slug])
    assert client_for(person(name)).get(url).status_code == 200


@pytest.mark.parametrize(
    ("name", "status"), [("owner", 404), ("colleague", 404), ("outsider", 404), (None, 404), ("staff", 200)]
)
def test_a_draft_is_shown_to_staff_only(client_for, person, initiative, name, status):
    initiative.status = initiative.Status.DRAFT
    initiative.save()
    assert client_for(person(name)).get(initiative.get_absolute_url()).status_code == status


@pytest.mark.parametrize(
    ("name", "status", "signed_up"),
    [
        ("owner", 302, True),
        ("colleague", 302, True),
        ("outsider", 302, False),
        (None, 302, False),
        ("staff", 403, False),
    ],
)
def test_signing_the_company_up(client_for, person, company, initiative, name, status, signed_up):
    response = client_for(person(name)).post(reverse("initiatives:participate", args=[initiative.slug]), signup_data())
    assert response.status_code == status
    assert Participation.objects.filter(initiative=initiative, company=company).exists() is signed_up


def test_an_outsider_signs_up_their_own_company_not_this_one(client_for, outsider, other_company, company, initiative):
    client_for(outsider).post(reverse("initiatives:participate", args=[initiative.slug]), signup_data())
    assert list(Participation.objects.values_list("company", flat=True)) == [other_company.pk]


def test_anonymous_visitors_are_sent_to_sign_in(client, initiative):
    response = client.post(reverse("initiatives:participate", args=[initiative.slug]), signup_data())
    assert reverse("account_login") in response["Location"]


def test_signing_up_needs_post(client_for, owner, initiative):
    assert client_for(owner).get(reverse("initiatives:participate", args=[initiative.slug])).status_code == 405
    assert client_for(owner).get(reverse("initiatives:cancel", args=[initiative.slug])).status_code == 405


def test_a_member_of_an_unverified_company_cannot_sign_up(client_for, owner, company, initiative):
    company.status = company.Status.PENDING
    company.save()
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("initiatives:participate", args=[initiative.slug]), signup_data())
    # Refused by the one rule of partnerships.access, as in every app: a 403 that says why.
    assert response.status_code == 403
    assert "has not been verified by city staff yet" in response.content.decode()
    assert not Participation.objects.exists()


@pytest.mark.parametrize(
    ("name", "status", "still_confirmed"),
    [
        ("owner", 302, False),
        ("colleague", 302, False),
        ("outsider", 302, True),
        (None, 302, True),
        ("staff", 403, True),
    ],
)
def test_cancelling_the_company_sign_up(client_for, person, company, initiative, name, status, still_confirmed):
    participation = ParticipationFactory(initiative=initiative, company=company)
    response = client_for(person(name)).post(reverse("initiatives:cancel", args=[initiative.slug]))
    assert response.status_code == status
    participation.refresh_from_db()
    assert (participation.status == Participation.Status.CONFIRMED) is still_confirmed


@pytest.mark.parametrize(("name", "status"), [("owner", 200), ("colleague", 200), ("outsider", 200), ("staff", 403)])
def test_the_rides_page_shows_only_the_own_company_rides(client_for, person, owner, company, campaign, name, status):
    import datetime

    ParticipationFactory(initiative=campaign, company=company)
    Ride.objects.create(initiative=campaign, company=company, user=owner, date=datetime.date.today(), km=12.5)
    response = client_for(person(name)).get(reverse("initiatives:rides", args=[campaign.slug]))
    assert response.status_code == status
    if status == 200:
        assert (owner.get_full_name() in response.content.decode()) is (name != "outsider")


def test_anonymous_visitors_cannot_see_rides(client, campaign):
    response = client.get(reverse("initiatives:rides", args=[campaign.slug]))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


@pytest.mark.parametrize(
    ("name", "status", "saved"),
    [
        ("owner", 302, True),
        ("colleague", 302, True),
        ("outsider", 403, False),
        (None, 302, False),
        ("staff", 403, False),
    ],
)
def test_logging_a_ride(client_for, person, company, campaign, name, status, saved):
    import datetime

    ParticipationFactory(initiative=campaign, company=company)
    data = {"date": datetime.date.today().isoformat(), "km": "8.5"}
    response = client_for(person(name)).post(reverse("initiatives:rides", args=[campaign.slug]), data)
    assert response.status_code == status
    assert Ride.objects.filter(company=company).exists() is saved


def test_rides_exist_only_for_bike_campaigns(client_for, owner, initiative):
    assert client_for(owner).get(reverse("initiatives:rides", args=[initiative.slug])).status_code == 404
    assert client_for(owner).get(reverse("initiatives:results", args=[initiative.slug])).status_code == 404
