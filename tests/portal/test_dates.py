"""Dates read the way people write them in the visitor's language: the day first and the 24-hour clock, in Polish
and in English alike, whatever English the browser asks for (the portal has one English, not an American one)."""

from datetime import UTC, datetime

import pytest
from django import forms
from django.core import mail
from django.urls import reverse
from django.utils import formats, timezone, translation

from initiatives.emails import send_cancelled
from initiatives.models import Participation
from partnerships.models import Company
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.factories import InitiativeFactory

# 20:33 UTC is 21:33 in Kraków in December (CET).
MOMENT = datetime(2026, 12, 2, 20, 33, tzinfo=UTC)


def _client(client_for, user, language, accept_language="pl-PL,pl;q=0.9"):
    client = client_for(user)
    if language:
        client.cookies["django_language"] = language
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = accept_language
    return client


@pytest.fixture
def registered_owner(db):
    company = CompanyFactory(name="Ciepło Sp. z o.o.", status=Company.Status.PENDING, submitted_at=MOMENT)
    return MembershipFactory(company=company, user__email="owner@example.com").user


def test_the_dashboard_writes_the_registration_date_in_polish(client_for, registered_owner):
    html = _client(client_for, registered_owner, None).get(reverse("partnerships:dashboard")).content.decode()
    assert "2 grudnia 2026, 21:33" in html


# Not named `browser`: that is Playwright's fixture, and a test asking for it is moved among the browser tests.
@pytest.mark.parametrize("accept_language", ["en-GB,en;q=0.9", "en-US,en;q=0.9"])
def test_the_dashboard_in_english_writes_the_day_first_and_the_24_hour_clock(
    client_for, registered_owner, accept_language
):
    client = _client(client_for, registered_owner, "en", accept_language)
    html = client.get(reverse("partnerships:dashboard")).content.decode()
    assert "2 December 2026, 21:33" in html
    assert "12/02/2026" not in html and "p.m." not in html and "Dec. 2" not in html


@pytest.mark.parametrize(
    ("language", "written"),
    [("pl", "Środa, 2 grudnia 2026, 21:33"), ("en", "Wednesday, 2 December 2026, 21:33")],
)
def test_an_initiative_page_writes_its_start_in_the_visitors_language(client, language, written):
    initiative = InitiativeFactory(start=MOMENT, end=MOMENT.replace(hour=23), registration_deadline=MOMENT)
    client.cookies["django_language"] = language
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert written in html


@pytest.mark.parametrize(
    ("language", "name", "written"),
    [
        ("pl", "DATE_FORMAT", "2 grudnia 2026"),
        ("pl", "DATETIME_FORMAT", "2 grudnia 2026, 21:33"),
        ("pl", "SHORT_DATE_FORMAT", "02.12.2026"),
        ("pl", "SHORT_DATETIME_FORMAT", "02.12.2026, 21:33"),
        ("pl", "TIME_FORMAT", "21:33"),
        ("en", "DATE_FORMAT", "2 December 2026"),
        ("en", "DATETIME_FORMAT", "2 December 2026, 21:33"),
        ("en", "SHORT_DATE_FORMAT", "2 Dec 2026"),
        ("en", "SHORT_DATETIME_FORMAT", "2 Dec 2026, 21:33"),
        ("en", "TIME_FORMAT", "21:33"),
    ],
)
def test_each_named_format_reads_naturally(language, name, written):
    with translation.override(language):
        assert formats.date_format(timezone.localtime(MOMENT), name) == written


def test_a_date_typed_with_slashes_in_english_is_read_day_first():
    with translation.override("en"):
        assert forms.DateField().clean("02/12/2026").isoformat() == "2026-12-02"
        assert forms.DateField().clean("2026-12-02").isoformat() == "2026-12-02"


def test_the_admin_writes_dates_the_same_way_in_english(client_for, staff, registered_owner):
    client = _client(client_for, staff, "en", "en-US,en;q=0.9")
    html = client.get(reverse("admin:waiting")).content.decode()
    assert "2 December 2026, 21:33" in html


@pytest.mark.parametrize(
    ("language", "written"), [("pl", "2 grudnia 2026, 21:33"), ("en", "2 December 2026, 21:33")]
)
def test_an_email_writes_the_date_in_the_recipients_language(registered_owner, language, written):
    registered_owner.language = language
    registered_owner.save()
    initiative = InitiativeFactory(start=MOMENT, end=MOMENT.replace(hour=23), registration_deadline=MOMENT)
    participation = Participation.objects.create(
        initiative=initiative,
        company=registered_owner.membership.company,
        contact_name="Anna",
        contact_email=registered_owner.email,
    )
    send_cancelled([participation])
    (message,) = mail.outbox
    assert written in message.body
