"""The news on /news/, on their own pages, on the home page and in the Atom feed."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.utils import timezone

from portal.news.models import NewsItem
from tests.news.factories import NewsItemFactory


def test_the_list_shows_published_items_newest_first():
    older = NewsItemFactory(title_pl="Starsza", publish_at=timezone.now() - timedelta(days=5))
    newer = NewsItemFactory(title_pl="Nowsza", publish_at=timezone.now() - timedelta(days=1))
    html = Client().get("/news/").content.decode()
    assert html.index(newer.title_pl) < html.index(older.title_pl)


def test_a_scheduled_item_is_shown_neither_in_the_list_nor_on_its_page_until_its_time(client_for, staff):
    item = NewsItemFactory(title_pl="Zapowiedź na jutro", publish_at=timezone.now() + timedelta(days=1))
    assert "Zapowiedź na jutro" not in Client().get("/news/").content.decode()
    assert Client().get(f"/news/{item.slug}/").status_code == 404
    assert client_for(staff).get(f"/news/{item.slug}/").status_code == 404
    NewsItem.objects.filter(pk=item.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    assert Client().get(f"/news/{item.slug}/").status_code == 200


def test_an_unpublished_item_is_not_shown():
    item = NewsItemFactory(title_pl="Szkic", is_published=False)
    assert "Szkic" not in Client().get("/news/").content.decode()
    assert Client().get(f"/news/{item.slug}/").status_code == 404


def test_the_list_is_paginated_and_a_page_that_is_not_a_number_shows_the_first():
    NewsItemFactory.create_batch(12)
    first = Client().get("/news/?page=abc")
    assert first.status_code == 200
    assert len(first.context["page"].object_list) == 10
    assert len(Client().get("/news/?page=2").context["page"].object_list) == 2


def test_the_english_page_shows_the_english_text_and_falls_back_to_polish_marked_as_polish():
    english = NewsItemFactory(title_pl="Po polsku", title_en="In English", body_en="English **text**.")
    polish_only = NewsItemFactory(title_pl="Tylko po polsku", title_en="", lead_en="", body_en="")
    client = Client()
    client.cookies["django_language"] = "en"
    page = client.get(f"/news/{english.slug}/").content.decode()
    assert "<h1>In English</h1>" in page and "English <strong>text</strong>." in page
    page = client.get(f"/news/{polish_only.slug}/").content.decode()
    assert '<article class="news-item" lang="pl">' in page and "<h1>Tylko po polsku</h1>" in page


def test_the_body_is_rendered_markdown_without_scripts():
    item = NewsItemFactory(body_pl="**ważne** <script>alert(1)</script> [link](javascript:alert(1))")
    page = Client().get(f"/news/{item.slug}/").content.decode()
    assert "<strong>ważne</strong>" in page
    assert "<script>alert" not in page and "javascript:" not in page


def test_the_page_has_share_metadata_with_absolute_addresses(settings):
    settings.SITE_URL = "https://klimat.example.org"
    item = NewsItemFactory(title_pl="Nowy park", lead_pl="Park na Czyżynach.")
    page = Client().get(f"/news/{item.slug}/").content.decode()
    assert f'<meta property="og:url" content="https://klimat.example.org/news/{item.slug}/">' in page
    assert '<meta property="og:title" content="Nowy park">' in page
    assert '<meta name="twitter:card" content="summary">' in page
    assert '<meta property="og:description" content="Park na Czyżynach.">' in page


def test_a_photo_is_shared_with_its_absolute_address_and_description(settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.factories import png_bytes

    settings.SITE_URL = "https://klimat.example.org"
    item = NewsItemFactory(photo=SimpleUploadedFile("park.png", png_bytes()), photo_alt_pl="Ławka w parku")
    page = Client().get(f"/news/{item.slug}/").content.decode()
    assert f'<meta property="og:image" content="https://klimat.example.org{item.photo.url}">' in page
    assert '<meta property="og:image:alt" content="Ławka w parku">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert 'alt="Ławka w parku"' in page


def test_the_feed_lists_published_items_with_links_on_the_site_url(settings):
    settings.SITE_URL = "https://klimat.example.org"
    item = NewsItemFactory(title_pl="W kanale")
    NewsItemFactory(title_pl="Jeszcze nie", publish_at=timezone.now() + timedelta(hours=2))
    response = Client().get("/news/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - the portal's own feed, in a test
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [entry.findtext("a:title", namespaces=ns) for entry in feed.findall("a:entry", ns)]
    assert titles == ["W kanale"]
    link = feed.find("a:entry/a:link", ns).get("href")
    assert link == f"https://klimat.example.org/news/{item.slug}/"


def test_the_list_and_the_pages_link_the_feed():
    item = NewsItemFactory()
    for url in ("/news/", f"/news/{item.slug}/", "/"):
        page = Client().get(url).content.decode()
        assert '<link rel="alternate" type="application/atom+xml" href="/news/feed/"' in page, url


def test_the_home_page_shows_the_latest_three():
    items = [NewsItemFactory(title_pl=f"Wiadomość numer {n}") for n in range(4)]
    page = Client().get("/").content.decode()
    assert [item.title_pl in page for item in items] == [False, True, True, True]


def test_the_header_links_the_news():
    page = Client().get("/news/").content.decode()
    assert '<a class="nav-link" href="/news/" aria-current="page">Aktualności</a>' in page


@pytest.mark.parametrize("size", [2, 25])
def test_the_list_asks_the_same_queries_whatever_the_number_of_items(size, django_assert_num_queries):
    NewsItemFactory.create_batch(size)
    # Two queries: the count for the pages and the items of the page; none for an anonymous visitor's session.
    with django_assert_num_queries(2):
        assert Client().get("/news/").status_code == 200


def test_saving_publishing_unpublishing_and_deleting_send_the_usual_signals():
    seen = []

    def saw(sender, instance, **kwargs):
        seen.append((kwargs.get("created"), instance.is_published))

    post_save.connect(saw, sender=NewsItem)
    post_delete.connect(saw, sender=NewsItem)
    try:
        item = NewsItemFactory(is_published=False)
        item.is_published = True
        item.save()
        item.is_published = False
        item.save(update_fields=["is_published"])
        item.delete()
    finally:
        post_save.disconnect(saw, sender=NewsItem)
        post_delete.disconnect(saw, sender=NewsItem)
    assert seen == [(True, False), (False, True), (False, False), (None, False)]
