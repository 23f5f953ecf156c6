"""Every absolute link leads to SITE_URL: the feed, the admin's "View on site" and allauth's e-mails. The sites
framework's default site (example.com) is never named."""

from xml.etree import ElementTree

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from tests.practices.factories import PublishedPracticeFactory

SITE_URL = "https://klimat.example.org"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE_URL
    return SITE_URL


@pytest.fixture
def practice(company):
    return PublishedPracticeFactory(company=company, title="Rowery służbowe")


def test_the_feed_links_the_practices_on_site_url(client, site_url, practice):
    body = client.get("/practices/feed/").content.decode()

    feed = ElementTree.fromstring(body)  # noqa: S314 (our own feed)
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"{site_url}{practice.get_absolute_url()}"
    assert entry.find(f"{ATOM}id").text == f"{site_url}{practice.get_absolute_url()}"
    feed_links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert feed_links == {"alternate": f"{site_url}/practices/", "self": f"{site_url}/practices/feed/"}
    assert "example.com" not in body


def test_view_on_site_in_the_admin_leads_to_site_url(client_for, staff, site_url, practice):
    client = client_for(staff)
    change_page = client.get(reverse("admin:practices_goodpractice_change", args=[practice.pk])).content.decode()
    view_on_site = reverse(
        "admin:view_on_site", args=[ContentType.objects.get_for_model(practice).pk, practice.pk]
    )
    assert f'href="{view_on_site}"' in change_page

    response = client.get(view_on_site)

    assert response.status_code == 302
    assert response["Location"] == f"{site_url}{practice.get_absolute_url()}"


def test_view_on_site_answers_404_for_what_is_not_there(client_for, staff):
    client = client_for(staff)
    practice_type = ContentType.objects.get(app_label="practices", model="goodpractice").pk
    session_type = ContentType.objects.get(app_label="sessions", model="session").pk

    assert client.get(reverse("admin:view_on_site", args=[practice_type, 999999])).status_code == 404
    assert client.get(reverse("admin:view_on_site", args=[practice_type, "not-a-number"])).status_code == 404
    assert client.get(reverse("admin:view_on_site", args=[999999, 1])).status_code == 404
    assert client.get(reverse("admin:view_on_site", args=[session_type, "x"])).status_code == 404  # no public page


def test_view_on_site_is_for_staff_only(client_for, owner, practice):
    url = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(practice).pk, practice.pk])
    response = client_for(owner).get(url)
    assert response.status_code in (302, 403)
    assert not response.get("Location", "").startswith("http")


def test_the_password_reset_e_mail_links_to_site_url_whatever_host_the_request_came_to(
    client, newcomer, site_url, mailoutbox
):
    client.post("/accounts/password/reset/", {"email": newcomer.email}, HTTP_HOST="localhost")

    body = mailoutbox[0].body
    assert f"{site_url}/accounts/password/reset/key/" in body
    assert "://localhost" not in body


def test_the_confirmation_e_mail_links_to_site_url_whatever_host_the_request_came_to(client, site_url, mailoutbox):
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "privacy_consent": "on",
        },
        HTTP_HOST="localhost",
    )

    body = mailoutbox[0].body
    assert f"{site_url}/accounts/confirm-email/" in body
    assert "://localhost" not in body
