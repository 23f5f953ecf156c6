"""The public pages and the error pages: they open, say what they must, and keep the layout's promises."""

import re

import pytest
from django.test import Client

from partnerships.models import Company
from tests.factories import CompanyFactory

PUBLIC_PAGES = ["/", "/about/", "/privacy/", "/accessibility/", "/accounts/login/", "/accounts/signup/"]

STATEMENT_IDS = [
    "a11y-wstep",
    "a11y-podmiot",
    "a11y-url",
    "a11y-data-publikacja",
    "a11y-data-aktualizacja",
    "a11y-status",
    "a11y-ocena",
    "a11y-data-sporzadzenie",
    "a11y-kontakt",
    "a11y-osoba",
    "a11y-email",
    "a11y-telefon",
    "a11y-procedura",
    "a11y-architektura",
    "a11y-aplikacje",
]


def _english_client():
    client = Client()
    client.cookies["django_language"] = "en"
    return client


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_one_h1_landmarks_and_a_skip_link(client, path):
    html = client.get(path).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    for landmark in ("<header", "<nav", '<main id="main"', "<footer"):
        assert landmark in html
    assert 'href="#main"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_links_the_accessibility_statement_in_the_footer(client, path):
    html = client.get(path).content.decode()
    footer = html[html.index("<footer") :]
    assert 'href="/accessibility/"' in footer


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_has_no_inline_style_or_script(client, path):
    html = client.get(path).content.decode()
    assert "style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_the_language_switch_on_every_page_keeps_the_visitor_on_it(client, path):
    html = client.get(path).content.decode()
    assert f'name="next" value="{path}"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": path})
    assert response.status_code == 302
    assert response["Location"] == path
    assert '<html lang="en">' in client.get(path).content.decode()


@pytest.mark.django_db
def test_the_home_page_speaks_polish_by_default_and_english_on_request(client):
    assert "Miasto i biznes razem dla klimatu" in client.get("/").content.decode()
    assert "The city and business together for the climate" in _english_client().get("/").content.decode()


@pytest.mark.django_db
def test_the_home_page_counts_only_verified_partners(client):
    CompanyFactory.create_batch(3)
    CompanyFactory(status=Company.Status.PENDING)
    html = _english_client().get("/").content.decode()
    assert "3 verified partner companies so far." in html


@pytest.mark.django_db
def test_the_home_page_shows_the_three_steps_and_the_sections(client):
    html = _english_client().get("/").content.decode()
    for text in ("1. Sign up", "2. Register your company", "3. Apply and act"):
        assert text in html
    for href in ("/cooperation/", "/practices/", "/initiatives/", "/partners/", "/company/register/"):
        assert f'href="{href}"' in html


@pytest.mark.django_db
def test_the_about_page_names_leadair_and_the_city_units(client):
    html = _english_client().get("/about/").content.decode()
    for fact in ("LeadAir", "Forum Energii", "Climate and Environment Advisors", "ZZM", "Marshal's Office"):
        assert fact in html.replace("&#x27;", "'")


@pytest.mark.django_db
@pytest.mark.parametrize("element_id", STATEMENT_IDS)
def test_the_accessibility_statement_has_the_ministrys_element(client, element_id):
    html = client.get("/accessibility/").content.decode()
    assert html.count(f'id="{element_id}"') == 1


@pytest.mark.django_db
def test_the_accessibility_statement_takes_its_dates_and_contact_from_settings(client, settings):
    import datetime

    settings.ACCESSIBILITY_PUBLISHED = datetime.date(2025, 3, 14)
    settings.ACCESSIBILITY_CONTACT_EMAIL = "a11y@krakow.example.org"
    html = client.get("/accessibility/").content.decode()
    assert '<time id="a11y-data-publikacja" datetime="2025-03-14">2025-03-14</time>' in html
    assert "a11y@krakow.example.org" in html


@pytest.mark.django_db
def test_the_privacy_notice_names_the_controller_the_dpo_and_uodo(client, settings):
    settings.PORTAL_CONTROLLER_NAME = "Gmina Miejska Kraków"
    settings.DPO_EMAIL = "iod@krakow.example.org"
    html = client.get("/privacy/").content.decode()
    assert "Gmina Miejska Kraków" in html
    assert 'href="mailto:iod@krakow.example.org"' in html
    assert "UODO" in html


@pytest.mark.django_db
def test_the_privacy_notice_lists_only_the_cookies_the_portal_needs():
    html = _english_client().get("/privacy/").content.decode()
    for cookie in ("session cookie", "CSRF cookie", "language cookie"):
        assert cookie in html
    assert "There are no analytics" in html


@pytest.mark.django_db
def test_the_privacy_notice_names_the_map_tiles_as_the_only_third_party_request():
    html = _english_client().get("/privacy/").content.decode()
    assert "The one exception is the map of initiatives" in html
    assert "loads nothing from other sites" not in html


@pytest.mark.django_db
def test_an_unknown_page_answers_404_with_the_sites_layout(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Nie znaleziono strony" in html
    assert 'href="#main"' in html


def test_the_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "<h1>" in html
    assert '<html lang="pl">' in html
    assert 'href="/accessibility/"' in html


@pytest.mark.django_db
def test_the_server_error_page_is_what_a_crash_shows(settings):
    from django.urls import path

    def crash(request):
        raise RuntimeError("boom")

    urlconf = type("urlconf", (), {"urlpatterns": [path("crash/", crash)], "handler500": None})
    settings.ROOT_URLCONF = urlconf
    response = Client(raise_request_exception=False).get("/crash/")
    assert response.status_code == 500
    assert "Coś poszło nie tak po naszej stronie" in response.content.decode()


@pytest.mark.django_db
def test_the_home_page_asks_the_same_number_of_queries_for_few_and_many_partners():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_home():
        with CaptureQueriesContext(connection) as queries:
            assert Client().get("/").status_code == 200
        return len(queries)

    # Three queries: the count of verified partners, the latest news and the featured practices (none here, so no
    # photo or company query follows); no session or user for an anonymous visitor.
    CompanyFactory.create_batch(5)
    few = queries_for_home()
    CompanyFactory.create_batch(45)
    assert queries_for_home() == few == 3


def test_a_statement_date_that_is_not_a_date_names_the_variable(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from portal.env import env_date

    monkeypatch.setenv("PORTAL_SITE_PUBLISHED", "15.01.2026")
    with pytest.raises(ImproperlyConfigured, match="PORTAL_SITE_PUBLISHED"):
        env_date("PORTAL_SITE_PUBLISHED", "2026-01-15")


@pytest.mark.django_db
def test_the_privacy_notice_says_what_is_kept_and_for_how_long(settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 90
    html = _english_client().get("/privacy/").content.decode()
    for kept in ("Your account", "Your company", "What your company sends", "The history of changes and of reviews",
                 "The security log", "Sessions", "Problem reports"):
        assert f"<strong>{kept}</strong>" in html
    assert "it is kept for 90 days, also after the account is deleted" in html
    assert "It ends when you sign out or 14 days after it last changed" in html
    assert "is deleted with it; the review history is kept as long as the company" in html
    assert "rules on public archives" not in html and "12 months" not in html


def test_the_privacy_notice_says_how_long_the_mail_queue_keeps_messages(settings):
    settings.MAIL_RETENTION_DAYS = 30
    html = _english_client().get("/privacy/").content.decode()
    assert "<strong>E-mails the portal sends you</strong>" in html
    assert "for 30 days after it was written" in html
    assert "the e-mails the portal sent you and your rides are deleted" in html


@pytest.mark.django_db
def test_the_privacy_notice_says_what_deleting_the_account_does(client):
    english = _english_client().get("/privacy/").content.decode()
    assert "What deleting your account does" in english
    assert "The company's owner becomes the contact person of upcoming sign-ups" in english
    polish = client.get("/privacy/").content.decode()
    assert "Co dzieje się po usunięciu konta" in polish
    assert "przez 180 dni, także po usunięciu konta" in polish
