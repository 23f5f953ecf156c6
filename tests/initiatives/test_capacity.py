"""Capacity is never exceeded; those who come too late may wait, and a freed place goes to the first waiting."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from initiatives import taking_part
from initiatives.models import Initiative, Participation
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.conftest import in_english, signup_data
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory


def _sign_up(initiative, company, participants, wait=False):
    return taking_part.sign_up(
        initiative,
        company,
        None,
        participants=participants,
        contact_name="Jan Kowalski",
        contact_email="jan@example.com",
        wait=wait,
    )


def test_a_sign_up_within_capacity_is_confirmed_and_takes_places(client_for, owner, company, initiative):
    response = client_for(owner).post(reverse("initiatives:participate", args=[initiative.slug]), signup_data())
    assert response.status_code == 302
    participation = Participation.objects.get(company=company)
    assert participation.status == Participation.Status.CONFIRMED
    assert participation.contact_name == "Anna Nowak"
    assert Initiative.objects.get(pk=initiative.pk).places_left() == 7


def test_a_sign_up_beyond_capacity_is_refused_with_the_places_left(client_for, owner, company, initiative):
    ParticipationFactory(initiative=initiative, participants=8)
    client = in_english(client_for(owner))
    response = client.post(reverse("initiatives:participate", args=[initiative.slug]), signup_data(participants=3))
    assert response.status_code == 400
    assert "Only 2 places are left." in response.content.decode()
    assert not Participation.objects.filter(company=company).exists()


def test_a_late_company_may_join_the_waiting_list(client_for, owner, company, initiative):
    ParticipationFactory(initiative=initiative, participants=10)
    data = signup_data(participants=2, wait="on")
    client_for(owner).post(reverse("initiatives:participate", args=[initiative.slug]), data)
    assert Participation.objects.get(company=company).status == Participation.Status.WAITING
    assert Initiative.objects.get(pk=initiative.pk).places_left() == 0


def test_a_confirmed_company_cannot_grow_beyond_the_places_left(company, initiative):
    ParticipationFactory(initiative=initiative, participants=6)
    _sign_up(initiative, company, 3)
    with pytest.raises(taking_part.NoPlaceLeft):
        _sign_up(initiative, company, 6, wait=True)
    participation = Participation.objects.get(company=company)
    assert (participation.participants, participation.status) == (3, Participation.Status.CONFIRMED)


def test_a_confirmed_company_may_grow_into_the_places_left(company, initiative):
    ParticipationFactory(initiative=initiative, participants=6)
    _sign_up(initiative, company, 3)
    _sign_up(initiative, company, 4)
    assert Participation.objects.get(company=company).participants == 4
    assert Initiative.objects.get(pk=initiative.pk).places_left() == 0


def test_a_cancelled_place_goes_to_the_first_on_the_waiting_list_who_is_told(
    django_capture_on_commit_callbacks, company, initiative
):
    first = ParticipationFactory(initiative=initiative, participants=10)
    waiting = CompanyFactory(name="Czekająca sp. z o.o.")
    member = MembershipFactory(company=waiting, user__email="czeka@example.com").user
    _sign_up(initiative, waiting, 4, wait=True)
    with django_capture_on_commit_callbacks(execute=True):
        taking_part.cancel(initiative, first.company)
    assert Participation.objects.get(company=waiting).status == Participation.Status.CONFIRMED
    told = [message for message in mail.outbox if member.email in message.to]
    assert len(told) == 1
    assert initiative.title in told[0].subject


def test_the_waiting_list_is_served_strictly_in_order(initiative):
    first = ParticipationFactory(initiative=initiative, participants=10)
    big, small = CompanyFactory(), CompanyFactory()
    _sign_up(initiative, big, 6, wait=True)
    _sign_up(initiative, small, 1, wait=True)
    _sign_up(initiative, first.company, 5)  # frees 5 places: not enough for the first waiting (6)
    statuses = dict(Participation.objects.values_list("company", "status"))
    assert statuses[big.pk] == statuses[small.pk] == Participation.Status.WAITING


def test_reducing_a_sign_up_promotes_the_waiting(django_capture_on_commit_callbacks, initiative):
    first = ParticipationFactory(initiative=initiative, participants=10)
    waiting = CompanyFactory()
    _sign_up(initiative, waiting, 2, wait=True)
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(initiative, first.company, 8)
    assert Participation.objects.get(company=waiting).status == Participation.Status.CONFIRMED
    assert Initiative.objects.get(pk=initiative.pk).places_left() == 0


def test_capacity_in_companies_counts_companies_not_people(company, db):
    initiative = InitiativeFactory(capacity=1, capacity_unit=Initiative.CapacityUnit.COMPANIES)
    _sign_up(initiative, company, 25)
    with pytest.raises(taking_part.NoPlaceLeft):
        _sign_up(initiative, CompanyFactory(), 1)


def test_no_limit_means_every_sign_up_is_confirmed(company, db):
    initiative = InitiativeFactory(capacity=None)
    assert _sign_up(initiative, company, 400).status == Participation.Status.CONFIRMED


def test_nothing_changes_after_the_deadline(client_for, owner, company, initiative):
    participation = ParticipationFactory(initiative=initiative, company=company, participants=2)
    initiative.registration_deadline = timezone.now() - timedelta(minutes=1)
    initiative.save()
    client = in_english(client_for(owner))
    response = client.post(reverse("initiatives:participate", args=[initiative.slug]), signup_data(participants=5))
    assert "Registration for this initiative is closed." in response.content.decode()
    client.post(reverse("initiatives:cancel", args=[initiative.slug]))
    participation.refresh_from_db()
    assert (participation.participants, participation.status) == (2, Participation.Status.CONFIRMED)


def test_a_cancelled_initiative_takes_no_sign_ups(company, initiative):
    initiative.status = Initiative.Status.CANCELLED
    initiative.save()
    with pytest.raises(ValidationError):
        _sign_up(initiative, company, 1)


def test_a_company_may_sign_up_again_after_cancelling(company, initiative):
    _sign_up(initiative, company, 2)
    taking_part.cancel(initiative, company)
    assert _sign_up(initiative, company, 3).status == Participation.Status.CONFIRMED
    assert Participation.objects.count() == 1


def test_the_detail_page_says_why_a_visitor_cannot_sign_up(client, initiative):
    html = in_english(client).get(initiative.get_absolute_url()).content.decode()
    assert "Sign in as a member of a partner company to do this." in html
    assert 'id="participation-form"' not in html


def test_the_detail_page_offers_the_form_to_a_member(client_for, owner, initiative):
    assert 'id="participation-form"' in client_for(owner).get(initiative.get_absolute_url()).content.decode()


def test_bad_input_is_refused_on_the_form(client_for, owner, initiative):
    data = signup_data(participants=0, contact_email="not-an-address")
    response = client_for(owner).post(reverse("initiatives:participate", args=[initiative.slug]), data)
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode()
    assert not Participation.objects.exists()


def test_waiting_companies_are_on_staff_waiting_list(company, initiative):
    from partnerships.review import waiting

    ParticipationFactory(initiative=initiative, participants=10)
    on_the_list = _sign_up(initiative, company, 1, wait=True)
    items = [obj for _since, model, obj in waiting.waiting_items() if model is Participation]
    assert items == [on_the_list]
