"""Server time of the practices pages at 1,000 and 100,000 practices, on a PostgreSQL database of its own.

Usage: `make bench` (or `.venv/bin/python bench/run.py`). DATABASE_URL names the server (default
postgres://postgres@127.0.0.1:5432); the database `climate_portal_bench` on it is dropped and created anew.
Each page is requested many times through Django's test Client (no network, no browser) and the median and the
95th percentile are printed beside /healthz, the smallest view of the same project, measured in the same run.
It prints figures; it asserts nothing.
"""

import os
import random
import statistics
import sys
import time
import warnings
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic is needed here

BENCH_DB = "climate_portal_bench"
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "200"))
SIZES = (1_000, 100_000)

server = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
os.environ["DATABASE_URL"] = urlunparse(server._replace(path=f"/{BENCH_DB}"))
os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings",
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-only-not-a-secret",
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_MANIFEST_STATIC="0",
    DJANGO_LOG_LEVEL="WARNING",
    PORTAL_PAGE_CACHE_SECONDS="0",  # the server time of rendering is measured, not the page cache's (make loadtest)
)


def recreate_database():
    import psycopg2

    admin = psycopg2.connect(
        host=server.hostname or "127.0.0.1",
        port=server.port or 5432,
        user=server.username or "postgres",
        password=server.password or None,
        dbname="postgres",
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        cursor.execute(f"CREATE DATABASE {BENCH_DB}")
    admin.close()


recreate_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from partnerships.models import Company  # noqa: E402
from practices.models import Category, GoodPractice, PracticeStatus  # noqa: E402

WORDS = (
    "łąka kwietna dach zielony fotowoltaika pompa ciepła rower tramwaj odpady recykling kompost drzewa "
    "sadzenie oświetlenie led izolacja budynek magazyn flota elektryczna ładowarka woda deszczówka edukacja "
    "warsztaty pracownicy zakupy ekologiczne powietrze filtr kocioł ciepło sieciowe Łódź Kraków Nowa Huta"
).split()
DISTRICTS = [f"{n:02d}" for n in range(1, 19)]
CATEGORIES = [value for value, _label in Category.choices]


def make_companies(count=60):
    from tests.factories import nip_with_checksum

    companies, n = [], 0
    while len(companies) < count:
        nip = nip_with_checksum(f"{700000000 + n:09d}")
        n += 1
        if nip:
            companies.append(Company(
                name=f"Firma testowa {len(companies)}", slug=f"firma-testowa-{len(companies)}", nip=nip,
                sector=random.choice(["energy", "technology", "trade", "transport"]), size="medium",
                street="ul. Testowa 1", postal_code="31-000", district=random.choice(DISTRICTS),
                status=Company.Status.VERIFIED,
            ))
    return Company.objects.bulk_create(companies)


def load_practices(companies, start, stop):
    now = timezone.now()
    batch = []
    for i in range(start, stop):
        company = companies[i % len(companies)]
        title = " ".join(random.sample(WORDS, 4)).capitalize() + f" {i}"
        # A six-letter code makes a rare word (about six practices each at 100,000) for a selective search.
        code = "kod" + "".join(chr(97 + (i // 26**k) % 26) for k in range(3))
        body = " ".join(random.choices(WORDS, k=80)) + f" {code}"
        practice = GoodPractice(
            company=company, title=title, slug=f"praktyka-{i}", summary=" ".join(random.choices(WORDS, k=20)),
            body=body, category=random.choice(CATEGORIES), year_started=random.randint(2010, 2025),
            district=random.choice(DISTRICTS), status=PracticeStatus.APPROVED, consent=True,
            co2_tonnes_per_year=random.choice([None, random.randint(0, 5000)]),
            published_at=now - timezone.timedelta(minutes=i), submitted_at=now,
        )
        practice.search_text = practice.build_search_text()  # bulk_create skips save(), which sets these
        practice.render_html()
        batch.append(practice)
        if len(batch) == 5000:
            GoodPractice.objects.bulk_create(batch)
            batch = []
    GoodPractice.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE practices_goodpractice")


def measure(client, url):
    client.get(url)  # warm up
    times = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def search_plan():
    queryset = GoodPractice.objects.published().search("kodbaa")
    return "uses the GIN index" if "practice_search_gin" in queryset.explain() else "no GIN index in the plan"


def main():
    print(f"Migrating {BENCH_DB}…", flush=True)
    call_command("migrate", verbosity=0)
    random.seed(2026)
    companies = make_companies()
    loaded = 0
    for size in SIZES:
        started = time.perf_counter()
        load_practices(companies, loaded, size)
        loaded = size
        print(f"\n{size:,} practices loaded in {time.perf_counter() - started:.1f} s; search plan: {search_plan()}")
        detail = GoodPractice.objects.order_by("pk")[size // 2].get_absolute_url()
        pages = [
            ("healthz (baseline)", "/healthz"),
            ("list", "/practices/"),
            ("search, rare word", "/practices/?q=kodbaa"),
            ("search, common words", "/practices/?q=laka+kwietna"),
            ("filtered list", "/practices/?category=greenery&district=14&sort=co2"),
            ("detail", detail),
        ]
        client = Client()
        print(f"{'page':<22}{'median ms':>12}{'p95 ms':>10}   ({REQUESTS} requests each)")
        for name, url in pages:
            median, p95 = measure(client, url)
            print(f"{name:<22}{median:>12.1f}{p95:>10.1f}", flush=True)


if __name__ == "__main__":
    main()
