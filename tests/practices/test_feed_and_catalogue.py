"""The Atom feed and the PDF catalogue."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from practices.models import GoodPractice, PracticeStatus
from tests.practices.factories import PhotoFactory, PracticeFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db


def _pdf_text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _download(client, query=None):
    response = client.get("/practices/catalogue.pdf", query or {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return b"".join(response.streaming_content)


def test_the_feed_is_atom_and_lists_published_practices_only(client, published, draft):
    response = client.get("/practices/feed/")
    body = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert published.title in body and draft.title not in body
    assert published.company.name in body


def test_the_catalogue_contains_published_practices_with_polish_letters(client, published, draft):
    PhotoFactory(practice=published)
    published.co2_tonnes_per_year = Decimal("42.5")
    published.save()
    text = _pdf_text(_download(client))
    assert "Rowery służbowe w Łodzi i Krakowie" in text
    assert published.company.name in text
    assert "42.5" in text
    assert draft.title not in text


def test_the_catalogue_has_a_cover_contents_and_a_section_per_category(client):
    PublishedPracticeFactory(title="Zielony dach", category="greenery")
    PublishedPracticeFactory(title="Panele PV", category="renewable_energy")
    client.cookies["django_language"] = "en"
    reader = PdfReader(io.BytesIO(_download(client)))
    cover, contents = reader.pages[0].extract_text(), reader.pages[1].extract_text()
    assert "Good practices" in cover
    assert "Contents" in contents and "Greenery and biodiversity" in contents and "Zielony dach" in contents
    assert "Renewable energy" in _pdf_text(_download(client))


def test_the_catalogue_honours_the_filters_of_the_list(client):
    PublishedPracticeFactory(title="Zielony dach", category="greenery")
    PublishedPracticeFactory(title="Panele PV", category="renewable_energy")
    text = _pdf_text(_download(client, {"category": "greenery"}))
    assert "Zielony dach" in text and "Panele PV" not in text


def test_the_catalogue_is_rebuilt_when_a_practice_changes(client, published):
    first = _pdf_text(_download(client))
    assert _download(client) and "Nowa nazwa" not in first
    published.title = "Nowa nazwa praktyki"
    published.save()
    assert "Nowa nazwa praktyki" in _pdf_text(_download(client))


def test_the_catalogue_drops_a_withdrawn_practice(client, published, owner):
    assert published.title in _pdf_text(_download(client))
    published.transition("withdraw", by=owner)
    assert published.title not in _pdf_text(_download(client))


def test_build_catalogue_writes_the_pdf_to_media_root(settings, published):
    call_command("build_catalogue", stdout=io.StringIO())
    path = settings.MEDIA_ROOT / "catalogue" / "katalog-dobrych-praktyk.pdf"
    assert published.title in _pdf_text(path.read_bytes())


def test_an_empty_catalogue_still_opens(client):
    PracticeFactory(status=PracticeStatus.SUBMITTED)
    assert not GoodPractice.objects.published().exists()
    assert len(PdfReader(io.BytesIO(_download(client))).pages) >= 2


def test_a_very_large_catalogue_holds_the_newest_and_says_so(client, monkeypatch):
    from practices import catalogue

    monkeypatch.setattr(catalogue, "MAX_PRACTICES", 2)
    for title in ("Najstarsza", "Środkowa", "Najnowsza"):
        PublishedPracticeFactory(title=title)
    client.cookies["django_language"] = "en"
    text = _pdf_text(_download(client))
    assert "Number of practices: 3" in text and "holds the newest 2" in text
    assert "Najnowsza" in text and "Najstarsza" not in text


def test_markup_in_a_practice_is_printed_as_text_in_the_catalogue(client):
    PublishedPracticeFactory(title="Tytuł <b>& <script>", body="<para>x</para> **Ważne** <img src=x onerror=1>")
    text = _pdf_text(_download(client))
    assert "Tytuł <b>& <script>" in text and "Ważne" in text
