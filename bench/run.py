"""Server time of every public list, search and detail page at 1,000 rows and at 100,000 practices with 10,000
companies and 10,000 initiatives, and how much it grows; on a PostgreSQL database of its own.

Usage: `make bench` (or `.venv/bin/python bench/run.py`). DATABASE_URL names the server (default
postgres://postgres@127.0.0.1:5432); the database `climate_portal_bench` on it is created anew and dropped at the
end (BENCH_DB names another). BENCH_REQUESTS sets how many times each page is requested (default 100).

Each page is requested through Django's test Client (no network, no browser), as a visitor who has not signed in,
as the server renders them (the shared cache is the database's, as without REDIS_URL). The median and the
95th percentile are printed beside /healthz, the smallest view of the same project, then the growth of each page's
median from the small size to the large one; the target is at most 2×. It prints figures; it asserts nothing.
"""

import os
import random
import statistics
import sys
import time
import warnings
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from harness import database_url, recreate_database  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic is needed here

BENCH_DB = os.environ.get("BENCH_DB", "climate_portal_bench")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "100"))
TARGET = 2.0
# (practices, companies, initiatives) at each size.
SIZES = ((1_000, 1_000, 1_000), (100_000, 10_000, 10_000))

os.environ["DATABASE_URL"] = database_url(BENCH_DB)
os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings",
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-only-not-a-secret",
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_MANIFEST_STATIC="0",
    DJANGO_LOG_LEVEL="WARNING",
)
os.environ.pop("REDIS_URL", None)

recreate_database(os.environ["DATABASE_URL"])

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from initiatives.models import Initiative, Participation  # noqa: E402
from partnerships.cooperation.models import Application, CooperationForm  # noqa: E402
from partnerships.models import Company  # noqa: E402
from practices.models import Category, GoodPractice, PracticeStatus  # noqa: E402

WORDS = (
    "łąka kwietna dach zielony fotowoltaika pompa ciepła rower tramwaj odpady recykling kompost drzewa "
    "sadzenie oświetlenie led izolacja budynek magazyn flota elektryczna ładowarka woda deszczówka edukacja "
    "warsztaty pracownicy zakupy ekologiczne powietrze filtr kocioł ciepło sieciowe Łódź Kraków Nowa Huta"
).split()
DISTRICTS = [f"{n:02d}" for n in range(1, 19)]
CATEGORIES = [value for value, _label in Category.choices]
SECTORS = ["energy", "technology", "trade", "transport"]
BATCH = 5000


def load_companies(start, stop):
    from tests.factories import nip_with_checksum

    batch, n = [], start * 2
    for i in range(start, stop):
        nip = None
        while not nip:
            nip = nip_with_checksum(f"{700000000 + n:09d}")
            n += 1
        batch.append(Company(
            name=f"{random.choice(WORDS).capitalize()} {random.choice(WORDS)} {i}", slug=f"firma-testowa-{i}",
            nip=nip, sector=random.choice(SECTORS), size="medium", street="ul. Testowa 1", postal_code="31-000",
            district=random.choice(DISTRICTS), description=" ".join(random.choices(WORDS, k=40)),
            status=Company.Status.VERIFIED,
        ))
    Company.objects.bulk_create(batch, batch_size=BATCH)


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
            published_at=now - timedelta(minutes=i), submitted_at=now,
        )
        practice.search_text = practice.build_search_text()  # bulk_create skips save(), which sets these
        practice.render_html()
        batch.append(practice)
        if len(batch) == BATCH:
            GoodPractice.objects.bulk_create(batch)
            batch = []
    GoodPractice.objects.bulk_create(batch)


def load_initiatives(companies, start, stop):
    """Half of them past, half coming, most on the map; each with a few companies taking part."""
    now = timezone.now()
    kinds = [value for value, _label in Initiative.Kind.choices if value != Initiative.Kind.BIKE_CAMPAIGN]
    batch = []
    for i in range(start, stop):
        begins = now + timedelta(hours=random.randint(-24 * 720, 24 * 720))
        batch.append(Initiative(
            title=f"{random.choice(WORDS).capitalize()} {random.choice(WORDS)} {i}", slug=f"akcja-{i}",
            kind=random.choice(kinds), description=" ".join(random.choices(WORDS, k=60)), start=begins,
            end=begins + timedelta(hours=3), registration_deadline=begins - timedelta(days=1),
            place_name="Park Lotników", district=random.choice(DISTRICTS), organiser="Zarząd Zieleni Miejskiej",
            latitude=Decimal("50.061400") if i % 5 else None, longitude=Decimal("19.936600") if i % 5 else None,
            capacity=random.choice([None, 50, 200]), status=Initiative.Status.PUBLISHED,
        ))
    created = Initiative.objects.bulk_create(batch, batch_size=BATCH)
    participations = [
        Participation(initiative=initiative, company=company, participants=random.randint(1, 9),
                      contact_name="Anna Nowak", contact_email="anna@example.com",
                      status=Participation.Status.CONFIRMED)
        for initiative in created
        for company in random.sample(companies, 3)
    ]
    Participation.objects.bulk_create(participations, batch_size=BATCH)


def load_applications(companies):
    """A fifth of the companies take part in the first cooperation form (approved applications)."""
    cooperation_form = CooperationForm.objects.active().order_by("order", "pk").first()
    done = set(Application.objects.filter(form=cooperation_form).values_list("company_id", flat=True))
    Application.objects.bulk_create(
        [Application(company_id=pk, form=cooperation_form, status=Application.Status.APPROVED)
         for pk in companies[::5] if pk not in done],
        batch_size=BATCH,
    )
    return cooperation_form


def grow(size, loaded):
    practices, companies, initiatives = size
    load_companies(loaded[1], companies)
    company_ids = list(Company.objects.order_by("pk").values_list("pk", flat=True))
    company_objects = [Company(pk=pk) for pk in company_ids]
    load_practices(company_objects, loaded[0], practices)
    load_initiatives(company_objects, loaded[2], initiatives)
    cooperation_form = load_applications(company_ids)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return cooperation_form


def pages(cooperation_form):
    practice = GoodPractice.objects.order_by("pk")[GoodPractice.objects.count() // 2]
    company = Company.objects.order_by("pk")[Company.objects.count() // 2]
    initiative = Initiative.objects.upcoming().order_by("pk").first()
    return [
        ("healthz (baseline)", "/healthz"),
        ("home", "/"),
        ("partners", "/partners/"),
        ("partners, search", "/partners/?q=rower"),
        ("partners, filtered", "/partners/?sector=energy&district=14"),
        ("partners, page 20", "/partners/?page=20"),
        ("a partner", company.get_absolute_url()),
        ("cooperation", "/cooperation/"),
        ("a cooperation form", cooperation_form.get_absolute_url()),
        ("practices", "/practices/"),
        ("practices, page 50", "/practices/?page=50"),
        ("search, rare word", "/practices/?q=kodbaa"),
        ("search, common word", "/practices/?q=rower"),
        ("search, common words", "/practices/?q=laka+kwietna"),
        ("search, common, CO2", "/practices/?q=laka&sort=co2"),
        ("filtered practices", "/practices/?category=greenery&district=14&sort=co2"),
        ("practices by sector", "/practices/?sector=energy&year=2020"),
        ("a practice", practice.get_absolute_url()),
        ("feed", "/practices/feed/"),
        ("initiatives", "/initiatives/"),
        ("initiatives, filtered", "/initiatives/?kind=training&district=14"),
        ("past initiatives", "/initiatives/past/"),
        ("an initiative", initiative.get_absolute_url()),
        ("map", "/initiatives/map/"),
    ]


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
    loaded = (0, 0, 0)
    medians = {}
    for size in SIZES:
        started = time.perf_counter()
        cooperation_form = grow(size, loaded)
        loaded = size
        print(f"\n{size[0]:,} practices, {size[1]:,} companies, {size[2]:,} initiatives loaded in "
              f"{time.perf_counter() - started:.1f} s; search plan for a rare word: {search_plan()}")
        client = Client()
        print(f"{'page':<24}{'median ms':>10}{'p95 ms':>9}   ({REQUESTS} requests each)")
        for name, url in pages(cooperation_form):
            median, p95 = measure(client, url)
            medians.setdefault(name, []).append(median)
            print(f"{name:<24}{median:>10.1f}{p95:>9.1f}", flush=True)
    print(f"\nGrowth of the median from the small size to the large one (target: at most {TARGET:.0f}×)")
    print(f"{'page':<24}{'small ms':>10}{'large ms':>10}{'growth':>9}")
    worst = 0
    for name, (small, large) in medians.items():
        growth = large / small
        if name != "healthz (baseline)":
            worst = max(worst, growth)
        flag = "" if growth <= TARGET else "   over the target"
        print(f"{name:<24}{small:>10.1f}{large:>10.1f}{growth:>8.2f}×{flag}")
    print(f"Largest growth: {worst:.2f}×")


if __name__ == "__main__":
    try:
        main()
    finally:
        connections.close_all()
        recreate_database(os.environ["DATABASE_URL"], create=False)
