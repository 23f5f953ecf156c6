"""The Atom feed and the PDF catalogue."""

import io
import os
import time
from decimal import Decimal

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from practices.models import Category, GoodPractice, PracticeStatus
from tests.practices.factories import PhotoFactory, PracticeFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db


def _pdf_text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _download(client, query=None, **extra):
    response = client.get("/practices/catalogue.pdf", query or {}, **extra)
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


# Building on demand: one file per selection, the nightly catalogue served as it is, a limit per client, a bounded
# cache folder.


@pytest.fixture
def builds(monkeypatch):
    """Counts the PDFs actually built (the real builder runs)."""
    from practices import catalogue

    built = []
    real = catalogue.build_pdf

    def counting(practices, filters, output, total=None):
        built.append(filters)
        return real(practices, filters, output, total=total)

    monkeypatch.setattr(catalogue, "build_pdf", counting)
    return built


def _cached_files(settings):
    return sorted((settings.MEDIA_ROOT / "catalogue" / "cache").glob("*.pdf"))


def test_variants_of_one_search_share_one_catalogue(client, settings, builds):
    PublishedPracticeFactory(title="Alpha i beta")
    PublishedPracticeFactory(title="Gamma")
    for query in ("alpha", "Alpha", "alpha!", "  ALPHA ", "Alpha?!"):
        text = _pdf_text(_download(client, {"q": query}))
        assert "Alpha i beta" in text and "Gamma" not in text
    assert len(builds) == 1
    assert len(_cached_files(settings)) == 1


def test_the_catalogue_cover_names_the_normalised_search(client):
    PublishedPracticeFactory(title="Łąka kwietna")
    client.cookies["django_language"] = "en"
    assert "Search: laka" in _pdf_text(_download(client, {"q": "Łąka!"}))


def test_the_unfiltered_catalogue_is_served_from_the_nightly_build(client, published, builds):
    call_command("build_catalogue", stdout=io.StringIO())
    assert len(builds) == 1
    for query in ({}, {"sort": "co2"}, {"page": "7"}, {"category": "not-a-category"}, {"q": "!!!"}):
        assert published.title in _pdf_text(_download(client, query))
    assert len(builds) == 1


def test_a_change_after_the_nightly_build_is_in_the_next_download_and_built_once(client, published, builds):
    call_command("build_catalogue", stdout=io.StringIO())
    published.title = "Nowy tytuł po nocy"
    published.save()
    assert "Nowy tytuł po nocy" in _pdf_text(_download(client))
    assert "Nowy tytuł po nocy" in _pdf_text(_download(client, REMOTE_ADDR="192.0.2.9"))
    assert len(builds) == 2  # the nightly one, then one for the change


def _selections():
    return [{"category": value} for value, _label in Category.choices]


def test_one_client_may_have_only_so_many_catalogues_built_an_hour(client, monkeypatch, builds):
    from practices import catalogue

    monkeypatch.setattr(catalogue, "BUILDS_PER_HOUR", 3)
    PublishedPracticeFactory(category="greenery")
    selections = _selections()
    client.cookies["django_language"] = "en"
    for query in selections[:3]:
        _download(client, query)
    refused = client.get("/practices/catalogue.pdf", selections[3])
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    assert "you have asked for several in the last hour" in refused.content.decode()
    assert len(builds) == 3
    _download(client, selections[0])  # built already: still served
    _download(client, selections[3], REMOTE_ADDR="192.0.2.9")  # another client has its own count
    assert len(builds) == 4


def test_an_over_limit_client_gets_the_previous_version_rather_than_nothing(client, published, monkeypatch, builds):
    from practices import catalogue

    monkeypatch.setattr(catalogue, "BUILDS_PER_HOUR", 2)
    _download(client, {"category": published.category})  # the client's first build this hour
    call_command("build_catalogue", stdout=io.StringIO())
    _download(client, {"category": "greenery"})  # and its second
    published.title = "Zmieniona nazwa"
    published.save()
    assert "Rowery służbowe" in _pdf_text(_download(client))
    assert "Rowery służbowe" in _pdf_text(_download(client, {"category": published.category}))
    assert len(builds) == 3


def test_while_one_request_builds_a_new_version_the_others_get_the_previous_one(client, published, builds):
    from django.core.cache import cache

    from practices import catalogue

    call_command("build_catalogue", stdout=io.StringIO())
    published.title = "Wersja w budowie"
    published.save()
    content = catalogue.content_hash(GoodPractice.objects.published().sorted_by("newest"))
    cache.set(f"practices:catalogue:building:pl-{content}", True)
    assert "Rowery służbowe" in _pdf_text(_download(client))
    assert len(builds) == 1


def test_the_cache_folder_keeps_the_most_recently_served_catalogues(client, settings, monkeypatch, builds):
    from practices import catalogue

    monkeypatch.setattr(catalogue, "MAX_CACHED_FILES", 3)
    PublishedPracticeFactory(category="greenery")
    first, second, third, fourth, fifth = _selections()[:5]
    for query in (first, second, third):
        _download(client, query)
    _download(client, first)  # served again: now the most recent
    leftover = settings.MEDIA_ROOT / "catalogue" / "cache" / "abc-def.1.2.part"
    leftover.write_bytes(b"half a pdf")
    old = time.time() - 2 * 3600
    os.utime(leftover, (old, old))
    for query in (fourth, fifth):
        _download(client, query)
    assert len(_cached_files(settings)) == 3
    assert len(builds) == 5
    assert not leftover.exists()
    client.get("/practices/catalogue.pdf", first)
    assert len(builds) == 5  # the most recently served one was kept
    _download(client, second)
    assert len(builds) == 6  # the least recently served one was deleted


def test_a_withdrawn_practice_leaves_the_filtered_catalogue_and_the_earlier_file_goes(
    client, settings, published, owner
):
    query = {"category": published.category}
    assert published.title in _pdf_text(_download(client, query))
    published.transition("withdraw", by=owner)
    assert published.title not in _pdf_text(_download(client, query))
    assert len(_cached_files(settings)) == 1


def test_the_limit_page_speaks_polish_by_default(client, monkeypatch):
    from practices import catalogue

    monkeypatch.setattr(catalogue, "BUILDS_PER_HOUR", 0)
    response = client.get("/practices/catalogue.pdf", {"category": "greenery"})
    assert response.status_code == 429
    assert "Zbyt wiele katalogów w krótkim czasie" in response.content.decode()
