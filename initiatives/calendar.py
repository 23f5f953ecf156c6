"""iCalendar files (RFC 5545) for initiatives, built with the icalendar library (it folds lines and escapes text)."""

from datetime import UTC
from urllib.parse import urlsplit

from django.conf import settings
from icalendar import Calendar, Event, vGeo


def build(initiatives):
    calendar = Calendar()
    calendar.add("prodid", "-//Klimat Krakow//Initiatives//PL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    for initiative in initiatives:
        calendar.add_component(_event(initiative, host))
    return calendar.to_ical()


def _event(initiative, host):
    url = settings.SITE_URL + initiative.get_absolute_url()
    event = Event()
    event.add("uid", f"initiative-{initiative.pk}@{host}")
    # The event's last change, not the moment of the download: the file stays the same until the initiative changes,
    # so its ETag does, and calendar programs revalidating it get 304.
    event.add("dtstamp", initiative.updated_at.astimezone(UTC))
    # Stored in UTC; written with a trailing Z, which every calendar program reads.
    event.add("dtstart", initiative.start.astimezone(UTC))
    event.add("dtend", initiative.end.astimezone(UTC))
    event.add("last-modified", initiative.updated_at.astimezone(UTC))
    event.add("summary", initiative.title)
    event.add("description", f"{initiative.description}\n\n{url}")
    event.add("location", ", ".join(filter(None, [initiative.place_name, initiative.address])))
    event.add("url", url)
    event.add("status", "CANCELLED" if initiative.is_cancelled else "CONFIRMED")
    if initiative.has_coordinates:
        event.add("geo", vGeo((float(initiative.latitude), float(initiative.longitude))))
    return event
