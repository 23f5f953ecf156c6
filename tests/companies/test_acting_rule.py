"""One rule decides who may act for a company (partnerships.access), and every app uses it: a company whose
verification was withdrawn still reads what it sent but can no longer edit or submit a practice or an application,
nor sign up for an initiative."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from initiatives.models import Participation
from partnerships import access
from partnerships.models import Company
from practices.models import GoodPractice, PracticeStatus
from tests.cooperation.factories import ApplicationFactory
from tests.initiatives.factories import InitiativeFactory
from tests.practices.factories import PracticeFactory
from tests.practices.test_access import VALID

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("owner", ""),
        ("colleague", ""),
        ("outsider", ""),  # acts for their own verified company
        ("newcomer", access.NO_COMPANY),
        ("staff", access.NO_COMPANY),
        ("anonymous", access.ANONYMOUS),
    ],
)
def test_the_rule_names_what_is_missing(request, who, expected):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    assert access.refusal(user) == expected


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Company.Status.VERIFIED, ""),
        (Company.Status.PENDING, access.COMPANY_PENDING),
        (Company.Status.REJECTED, access.COMPANY_REJECTED),
    ],
)
def test_the_rule_follows_the_companys_verification(owner, company, status, expected):
    company.status = status
    company.save()
    owner.refresh_from_db()
    assert access.refusal(owner) == expected


def test_members_of_another_company_are_not_members_of_this_one(owner, colleague, outsider, company):
    assert access.is_member(owner, company.pk) and access.is_member(colleague, company.pk)
    assert not access.is_member(outsider, company.pk)
    assert access.may_act_for(owner, company.pk) and not access.may_act_for(outsider, company.pk)


@pytest.fixture
def withdrawn(company):
    """The company was verified, then staff withdrew its verification."""
    company.status = Company.Status.REJECTED
    company.save()
    return company


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_a_withdrawn_company_reads_its_practice_but_cannot_edit_or_submit_it(client_for, owner, company):
    practice = PracticeFactory(company=company, status=PracticeStatus.DRAFT)
    company.status = Company.Status.REJECTED
    company.save()
    client = _english(client_for(owner))

    assert client.get(practice.get_absolute_url()).status_code == 200
    edit = reverse("practices:edit", args=[practice.pk])
    assert client.get(edit).status_code == 403
    response = client.post(edit, {**VALID, "title": "Zmieniony tytuł"})
    assert response.status_code == 403
    assert "withdrawn its verification" in response.content.decode()
    response = client.post(reverse("practices:action", args=[practice.pk, "submit"]))
    assert response.status_code == 403
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT and practice.title != "Zmieniony tytuł"
    assert not GoodPractice.objects.exclude(pk=practice.pk).exists()


def test_a_withdrawn_company_reads_its_application_but_cannot_edit_or_submit_it(client_for, owner, withdrawn):
    application = ApplicationFactory(company=withdrawn)
    client = _english(client_for(owner))

    assert client.get(application.get_absolute_url()).status_code == 200
    assert client.get(reverse("cooperation:application_edit", args=[application.pk])).status_code == 403
    response = client.post(reverse("cooperation:application_submit", args=[application.pk]))
    assert response.status_code == 403
    assert "withdrawn its verification" in response.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    assert not application.can("submit", owner)


def test_a_withdrawn_company_cannot_sign_up_for_an_initiative(client_for, owner, withdrawn):
    initiative = InitiativeFactory(capacity=10)
    client = _english(client_for(owner))

    page = client.get(initiative.get_absolute_url()).content.decode()
    assert "withdrawn its verification" in page
    assert 'id="participation-form"' not in page
    data = {"participants": 2, "contact_name": "Anna Nowak", "contact_email": "anna@example.com", "contact_phone": ""}
    response = client.post(reverse("initiatives:participate", args=[initiative.slug]), data)
    assert response.status_code == 403
    assert not Participation.objects.exists()
