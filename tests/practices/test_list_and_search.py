"""The public list: search that ignores Polish diacritics and matches word prefixes, filters, sort, pages.

These tests pass on SQLite and on PostgreSQL (full-text with the GIN index there), with the same results.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from portal.lib import paging
from practices import models as practice_models
from practices import views
from practices.models import GoodPractice
from tests.factories import CompanyFactory
from tests.practices.factories import PhotoFactory, PracticeFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db


def _titles(client, query):
    response = client.get("/practices/", query)
    return {practice.title for practice in response.context["page"].object_list}


@pytest.fixture
def three(db):
    return [
        PublishedPracticeFactory(title="Rowery w Łodzi", body="Flota rowerów elektrycznych.", category="mobility",
                                 district="13", year_started=2021, co2_tonnes_per_year=Decimal("5")),
        PublishedPracticeFactory(title="Żółte panele", body="Fotowoltaika na dachu hali.", category="renewable_energy",
                                 district="18", year_started=2023, co2_tonnes_per_year=Decimal("80"),
                                 company=CompanyFactory(sector="energy")),
        PublishedPracticeFactory(title="Ogród na dachu", body="Łąka kwietna i ule.", category="greenery",
                                 district="13", year_started=2023),
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("lodz", {"Rowery w Łodzi"}),
        ("Łodzi", {"Rowery w Łodzi"}),
        ("zolte", {"Żółte panele"}),
        ("ŻÓŁTE", {"Żółte panele"}),
        ("foto", {"Żółte panele"}),  # a word prefix
        ("dachu", {"Żółte panele", "Ogród na dachu"}),
        ("dachu laka", {"Ogród na dachu"}),  # every word must match
        ("anel", set()),  # inside a word, not a prefix: no match
        ("nic-takiego", set()),
        ("'; DROP TABLE x; --", set()),
        ("a:* | !b & (", set()),
    ],
)
def test_search_finds_practices_by_word_prefixes_ignoring_diacritics(client, three, q, expected):
    assert _titles(client, {"q": q}) == expected


def test_search_looks_at_the_company_name_too(client, three):
    three[0].company.name = "Miejskie Zakłady Rowerowe"
    three[0].company.save()
    three[0].save()  # the search text is rebuilt when the practice is saved
    assert _titles(client, {"q": "zaklady"}) == {"Rowery w Łodzi"}


def test_search_ignores_unpublished_practices(client, three):
    PracticeFactory(title="Rowery szkic")
    assert _titles(client, {"q": "rowery"}) == {"Rowery w Łodzi"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"category": "greenery"}, {"Ogród na dachu"}),
        ({"district": "13"}, {"Rowery w Łodzi", "Ogród na dachu"}),
        ({"sector": "energy"}, {"Żółte panele"}),
        ({"year": "2023"}, {"Żółte panele", "Ogród na dachu"}),
        ({"year": "2023", "district": "13"}, {"Ogród na dachu"}),
        ({"category": "no-such-thing"}, {"Rowery w Łodzi", "Żółte panele", "Ogród na dachu"}),
    ],
)
def test_filters_narrow_the_list(client, three, query, expected):
    assert _titles(client, query) == expected


def test_sorting_by_co2_puts_the_biggest_saving_first_and_unknown_last(client, three):
    response = client.get("/practices/", {"sort": "co2"})
    titles = [practice.title for practice in response.context["page"].object_list]
    assert titles == ["Żółte panele", "Rowery w Łodzi", "Ogród na dachu"]


def test_newest_first_by_default(client, three):
    response = client.get("/practices/")
    assert [p.title for p in response.context["page"].object_list][0] == "Ogród na dachu"


def test_pagination_keeps_the_filters(client):
    PublishedPracticeFactory.create_batch(14, category="greenery")
    PublishedPracticeFactory.create_batch(3, category="mobility")
    response = client.get("/practices/", {"category": "greenery"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 14
    assert "?category=greenery&amp;page=2" in html
    second = client.get("/practices/", {"category": "greenery", "page": "2"})
    assert len(second.context["page"].object_list) == 2


def test_a_card_shows_photo_title_company_category_and_impact(client):
    photo = PhotoFactory(alt_text="Rowery pod wiatą", practice__co2_tonnes_per_year=Decimal("12.50"))
    client.cookies["django_language"] = "en"
    html = client.get("/practices/").content.decode()
    practice = photo.practice
    for text in ('alt="Rowery pod wiatą"', practice.title, practice.company.name, "Energy efficiency",
                 "12.50 t CO2e avoided a year"):
        assert text in html


def _queries(client, url):
    cache.clear()  # the years for the filter are cached: measure the page as its first visitor sees it
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/practices/", "/practices/?q=praktyka&sort=co2", "/practices/?category=greenery"])
def test_the_list_makes_the_same_number_of_queries_for_10_and_500_practices(client, url):
    # years for the filter, count, page of practices with their company (join), photos of that page (prefetch)
    def batch(n):
        for practice in PublishedPracticeFactory.create_batch(n, category="greenery"):
            PhotoFactory(practice=practice)

    batch(10)
    small = _queries(client, url)
    batch(490)
    assert GoodPractice.objects.count() == 500
    assert _queries(client, url) == small


def test_the_detail_makes_the_same_number_of_queries_with_few_or_many_related(client):
    # practice with company, its photos, related practices with companies, their photos
    practice = PublishedPracticeFactory(category="greenery")
    PhotoFactory.create_batch(3, practice=practice)
    PublishedPracticeFactory.create_batch(9, category="greenery")
    small = _queries(client, practice.get_absolute_url())
    for related in PublishedPracticeFactory.create_batch(490, category="greenery"):
        PhotoFactory(practice=related) if related.pk % 50 == 0 else None
    PhotoFactory.create_batch(5, practice=practice)
    assert _queries(client, practice.get_absolute_url()) == small


def test_the_admin_list_makes_the_same_number_of_queries_for_10_and_500_practices(client_for, staff):
    # session, user, permissions…, count, filters' choices, the page of practices with their company (join)
    client = client_for(staff)
    client.get("/admin/practices/goodpractice/")  # the session is saved on the first visit (then once a minute)
    PublishedPracticeFactory.create_batch(10)
    small = _queries(client, "/admin/practices/goodpractice/")
    PublishedPracticeFactory.create_batch(490)
    assert _queries(client, "/admin/practices/goodpractice/") == small


def test_impact_figures_read_as_people_write_them_in_each_language(client):
    PublishedPracticeFactory(co2_tonnes_per_year=Decimal("4200.00"), mwh_saved=Decimal("15000.50"))

    polish = client.get("/practices/").content.decode()
    client.cookies["django_language"] = "en"
    english = client.get("/practices/").content.decode()

    assert "4\xa0200 t CO2e" in polish and "15\xa0000,50 MWh" in polish
    assert "4,200 t CO2e" in english and "15,000.50 MWh" in english


@pytest.fixture
def seven_a_day_apart(db):
    """Seven published practices holding the word "rower", the newest first in `titles`, and one without it."""
    now = timezone.now()
    for day in range(7):
        when = now - timedelta(days=day)
        PublishedPracticeFactory(title=f"Rower {day}", body="Rowery dla załogi.", published_at=when)
    PublishedPracticeFactory(title="Dach", body="Zielony dach.", published_at=now)
    return [f"Rower {day}" for day in range(7)]


def _page_titles(client, query):
    response = client.get("/practices/", query)
    return [practice.title for practice in response.context["page"].object_list], response.content.decode()


def test_a_list_longer_than_the_cap_says_more_than_and_offers_the_first_rows(client, seven_a_day_apart, monkeypatch):
    monkeypatch.setattr(paging, "CAP", 5)
    monkeypatch.setattr(views, "PER_PAGE", 2)
    titles, html = _page_titles(client, {})
    assert titles == ["Dach", "Rower 0"]
    assert "Znalezionych praktyk: ponad 5. Lista pokazuje pierwsze 5." in html
    assert "Strona 1 z 3" in html
    # A page past the cap shows the last page offered: no page reads the rows beyond the cap.
    titles, html = _page_titles(client, {"page": 9})
    assert titles == ["Rower 3"]
    assert "Strona 3 z 3" in html


def test_a_list_within_the_cap_gives_its_exact_number(client, seven_a_day_apart, monkeypatch):
    monkeypatch.setattr(paging, "CAP", 8)
    _titles, html = _page_titles(client, {})
    assert "8 praktyk" in html and "ponad" not in html


@pytest.mark.usefixtures("rendered_pages")  # the lists are compared as rendered: the same list twice is not cached
@pytest.mark.parametrize("sort", ["newest", "co2"])
def test_a_broad_search_lists_the_same_practices_in_the_same_order_as_a_narrow_one(
    client, seven_a_day_apart, monkeypatch, sort
):
    # Rare words are found through the full-text index and sorted; common ones among the first practices of the
    # list. Within those, residents see no difference.
    monkeypatch.setattr(views, "PER_PAGE", 3)
    pages = {}
    for broad in (False, True):
        monkeypatch.setattr(views, "_is_broad", lambda read, matching, broad=broad: broad)
        pages[broad] = [_page_titles(client, {"q": "rower", "sort": sort, "page": page})[0] for page in (1, 2, 3)]
    assert pages[False] == pages[True] == [seven_a_day_apart[0:3], seven_a_day_apart[3:6], seven_a_day_apart[6:7]]


def test_common_words_are_looked_for_among_the_first_practices_of_the_list(client, seven_a_day_apart, monkeypatch):
    before = timezone.now() - timedelta(days=30)
    for n in range(12):
        PublishedPracticeFactory(title=f"Kompost {n}", body="Kompostownik.", published_at=before - timedelta(days=n))
    # 1 of 20 practices: rare words, found wherever they are, and counted.
    titles, html = _page_titles(client, {"q": "zielony"})
    assert titles == ["Dach"]
    assert "Znaleziono 1 praktykę." in html and "ponad" not in html
    # Among the first 3 (Dach, Rower 0, Rower 1) 2 hold "rower": common words, so the list offers those two and
    # says that there are more.
    monkeypatch.setattr(practice_models, "BROAD_SAMPLE", 3)
    titles, html = _page_titles(client, {"q": "rower"})
    assert titles == ["Rower 0", "Rower 1"]
    assert "Znalezionych praktyk: ponad 2. Lista pokazuje pierwsze 2." in html
    # The first of the list as filtered and sorted: the oldest "Kompost" practices are not among the newest 3, so
    # the search for them is rare and finds them all.
    titles, _html = _page_titles(client, {"q": "kompost"})
    assert len(titles) == 12


def test_a_search_counts_at_most_the_sample_and_the_cap_and_one_more(client, seven_a_day_apart, monkeypatch):
    old = timezone.now() - timedelta(days=30)
    PublishedPracticeFactory.create_batch(5, body="Kompostownik.", published_at=old)  # "zielony": 1 of 13
    monkeypatch.setattr(paging, "CAP", 3)

    def counts(query):
        with CaptureQueriesContext(connection) as queries:
            client.get("/practices/", {"q": query})
        return [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]

    # Common words: only the test of the first practices counts (at most BROAD_SAMPLE rows).
    monkeypatch.setattr(practice_models, "BROAD_SAMPLE", 5)
    (sample,) = counts("rower")
    assert "LIMIT 5" in sample
    # Rare words: that test, then the capped count (cap + 1).
    monkeypatch.setattr(practice_models, "BROAD_SAMPLE", 20)
    sample, capped = counts("zielony")
    assert "LIMIT 20" in sample
    assert "LIMIT 4" in capped
