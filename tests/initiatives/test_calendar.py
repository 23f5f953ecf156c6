from datetime import UTC, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from initiatives.models import Initiative
from tests.initiatives.factories import InitiativeFactory


def _events(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_an_initiative_calendar_file_holds_its_event(client, db, settings):
    settings.SITE_URL = "https://klimat.example.org"
    initiative = InitiativeFactory(
        title="Sadzenie; drzew, razem",
        description="Przynieś rękawice.\nZbiórka przy bramie, o 9:00; ZZM zapewnia narzędzia.",
        latitude="50.061400",
        longitude="19.936600",
    )
    [event] = _events(client.get(reverse("initiatives:ics", args=[initiative.slug])))
    assert str(event["SUMMARY"]) == "Sadzenie; drzew, razem"
    assert "Zbiórka przy bramie, o 9:00; ZZM zapewnia narzędzia." in str(event["DESCRIPTION"])
    assert str(event["UID"]) == f"initiative-{initiative.pk}@klimat.example.org"
    assert event.decoded("DTSTART") == initiative.start.astimezone(UTC).replace(microsecond=0)
    assert event.decoded("DTEND") == initiative.end.astimezone(UTC).replace(microsecond=0)
    assert event.decoded("DTSTAMP").tzinfo is not None
    assert initiative.place_name in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"


def test_the_calendar_of_all_upcoming_holds_only_published_upcoming_ones(client, db):
    upcoming = InitiativeFactory(title="Nadchodzi")
    InitiativeFactory(title="Było", start=timezone.now() - timedelta(days=9))
    InitiativeFactory(title="Szkic", status=Initiative.Status.DRAFT)
    InitiativeFactory(title="Odwołane", status=Initiative.Status.CANCELLED)
    events = _events(client.get(reverse("initiatives:calendar_ics")))
    assert [str(event["SUMMARY"]) for event in events] == [upcoming.title]


def test_a_cancelled_initiative_file_says_cancelled(client, db):
    initiative = InitiativeFactory(status=Initiative.Status.CANCELLED)
    [event] = _events(client.get(reverse("initiatives:ics", args=[initiative.slug])))
    assert str(event["STATUS"]) == "CANCELLED"
