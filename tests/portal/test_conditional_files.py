"""The feed, the calendar files and the catalogue PDF: clients keep them, ask again each time (Cache-Control:
no-cache) and get 304 when their copy is current, whether they are signed in or not."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from practices.models import GoodPractice, PracticeStatus
from tests.initiatives.factories import InitiativeFactory
from tests.practices.factories import PublishedPracticeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def files(company):
    PublishedPracticeFactory(company=company, title="Panele na dachu hali")
    initiative = InitiativeFactory(title="Sprzątanie Wisły")
    return ["/practices/feed/", "/initiatives/calendar.ics", reverse("initiatives:ics", args=[initiative.slug]),
            "/practices/catalogue.pdf", "/practices/catalogue.pdf?category=mobility"]


def _body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def _visitors(client_for, owner):
    return {"anonymous": Client, "signed in": lambda: client_for(owner)}


def test_each_file_has_an_etag_and_asks_to_be_revalidated(files, client_for, owner):
    for who, visitor in _visitors(client_for, owner).items():
        for url in files:
            response = visitor().get(url)
            assert response.status_code == 200, (who, url)
            assert response.has_header("ETag"), (who, url)
            assert "no-cache" in response["Cache-Control"], (who, url)
            _body(response)


def test_a_current_copy_gets_304_without_the_file(files, client_for, owner):
    for who, visitor in _visitors(client_for, owner).items():
        for url in files:
            first = visitor().get(url)
            _body(first)
            again = visitor().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
            assert again.status_code == 304, (who, url)
            assert _body(again) == b"", (who, url)


def test_a_changed_catalogue_and_feed_are_sent_again(files, client_for, owner, staff):
    practice = GoodPractice.objects.get()
    before = {url: Client().get(url) for url in ("/practices/feed/", "/practices/catalogue.pdf")}
    for response in before.values():
        _body(response)
    practice.title = "Panele i magazyn energii"
    practice.save()
    for url, first in before.items():
        again = Client().get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        assert again.status_code == 200 and again["ETag"] != first["ETag"], url
        _body(again)


def test_the_feed_is_modified_when_a_practice_is_withdrawn(files, client_for, owner):
    first = Client().get("/practices/feed/")
    assert first.status_code == 200 and first.has_header("Last-Modified")
    time.sleep(1.1)  # Last-Modified counts whole seconds: the withdrawal comes in a later one
    practice = GoodPractice.objects.get()
    practice.status = PracticeStatus.WITHDRAWN
    practice.save()
    again = Client().get("/practices/feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert "Panele na dachu hali" not in again.content.decode()
