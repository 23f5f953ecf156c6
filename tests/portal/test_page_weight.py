"""What a visitor's browser downloads: every public page under 150 KB compressed, nothing from other hosts, and the
static files cached for a year (their names change with their content)."""

import gzip
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from tests.factories import CompanyFactory
from tests.fresh_process import ROOT, clean_environment
from tests.initiatives.factories import InitiativeFactory
from tests.portal.test_page_cache import public_urls, site  # noqa: F401  (the fixture)
from tests.practices.factories import PhotoFactory, PublishedPracticeFactory

MAX_COMPRESSED_BYTES = 150 * 1024


class _Resources(HTMLParser):
    """Every URL the browser loads by itself: src, srcset, href of <link>, poster, data, and action of forms
    (a form the visitor sends is a link they click, but to another host it would still leave the site)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in ("src", "poster", "data") or (name == "href" and tag != "a") or name == "action":
                self.urls.append(value)
            elif name == "srcset":
                self.urls.extend(part.split()[0] for part in value.split(",") if part.strip())


def _other_hosts(html):
    parser = _Resources()
    parser.feed(html)
    return [url for url in parser.urls if urlsplit(url).netloc or url.startswith("//")]


@pytest.fixture
def full_site(site):  # noqa: F811
    """The public pages with as much as they show: many practices, partners and initiatives, photos."""
    for n in range(30):
        company = CompanyFactory(name=f"Firma {n} sp. z o.o.")
        practice = PublishedPracticeFactory(company=company, title=f"Praktyka {n} " + "długi tytuł " * 5)
        InitiativeFactory(title=f"Inicjatywa {n}", latitude=50.0 + n / 100, longitude=19.9)
        if n < 3:
            PhotoFactory(practice=practice)
    PhotoFactory(practice=site["practice"])
    return site


@pytest.mark.django_db
def test_every_public_page_is_under_150_kb_compressed_and_loads_nothing_from_other_hosts(client, full_site):
    for url in public_urls(full_site):
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(gzip.compress(response.content)) < MAX_COMPRESSED_BYTES, url
        if response["Content-Type"].startswith("text/html"):
            assert _other_hosts(response.content.decode()) == [], url


@pytest.mark.django_db
def test_the_map_asks_for_tiles_only_after_the_visitor_loads_it(client, full_site):
    html = client.get("/initiatives/map/").content.decode()
    tile_host = urlsplit(settings.MAP_TILE_URL).netloc
    assert _other_hosts(html) == []
    # The tile address is data for the script, not a resource of the page.
    assert all(tile_host not in url for url in re.findall(r'(?:src|href)="([^"]+)"', html))


def test_static_files_are_served_with_far_future_cache_headers(tmp_path):
    """In production (debug off, manifest storage), WhiteNoise serves the hashed names as immutable for a year."""
    code = (
        "import django; django.setup()\n"
        "from django.core.management import call_command\n"
        "call_command('collectstatic', interactive=False, verbosity=0)\n"
        "from django.templatetags.static import static\n"
        "from django.test import Client\n"
        "url = static('css/portal.css')\n"
        "response = Client().get(url, headers={'Accept-Encoding': 'gzip'})\n"
        "print(url); print(response.status_code); print(response['Cache-Control'])\n"
    )
    env = clean_environment(
        DJANGO_SETTINGS_MODULE="portal.settings", DJANGO_DEBUG="0", DJANGO_SECRET_KEY="test-only-static",
        DJANGO_ALLOWED_HOSTS="testserver", DJANGO_STATIC_ROOT=str(tmp_path / "static"), DJANGO_MANIFEST_STATIC="1",
        DJANGO_SECURE_SSL_REDIRECT="0",
    )
    result = subprocess.run(  # noqa: S603 (our own fixed command)
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    url, status, cache_control = result.stdout.splitlines()[-3:]
    assert re.fullmatch(r"/static/css/portal\.[0-9a-f]{12}\.css", url)
    assert status == "200"
    assert "max-age=315360000" in cache_control and "immutable" in cache_control
