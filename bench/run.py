"""Server time of every public list, search and detail page, and of the admin lists staff use daily, at 1,000 rows
and at 100,000 practices with 10,000 companies and 10,000 initiatives, and how much it grows; on PostgreSQL databases
of its own.

Usage: `make bench` (or `.venv/bin/python bench/run.py`). DATABASE_URL names the server (default
postgres://postgres@127.0.0.1:5432); the databases `climate_portal_bench_small` and `climate_portal_bench_large` on
it are created anew and dropped at the end (BENCH_DB names another prefix). BENCH_REQUESTS sets how many times each
page is requested at each size (default 60).

Each page is requested through Django's test Client (no network, no browser), as a visitor who has not signed in
(the admin lists as a signed-in superuser),
as the server renders it (the shared cache is the database's, as without REDIS_URL; nothing caches whole pages
here). The two sizes live in two databases, and the requests alternate between them (a database router sends every
query of a request to one of them): whatever else the machine does meanwhile slows both sizes alike, so the growth
printed is the page's own. The median and the 95th percentile are printed beside /healthz, the smallest view of the
same project, then the growth of each page's median from the small size to the large one; the target is at most 2×.
It prints figures; it asserts nothing.
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

from harness import database_url, migrate, recreate_database  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # WhiteNoise: no collectstatic is needed here

BENCH_DB = os.environ.get("BENCH_DB", "climate_portal_bench")
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "60"))
TARGET = 2.0
# (practices, companies, initiatives) at each size.
SIZES = ((1_000, 1_000, 1_000), (100_000, 10_000, 10_000))

DATABASE_URLS = {"small": database_url(f"{BENCH_DB}_small"), "large": database_url(f"{BENCH_DB}_large")}
os.environ["DATABASE_URL"] = DATABASE_URLS["small"]
os.environ.update(
    DJANGO_SETTINGS_MODULE="portal.settings",
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="bench-only-not-a-secret",
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_STAFF_REQUIRE_2FA="0",  # the staff member of the admin lists signs in without an authenticator app
    DJANGO_MANIFEST_STATIC="0",
    DJANGO_LOG_LEVEL="WARNING",
    PORTAL_PAGE_CACHE_SECONDS="0",  # the server time of rendering is measured, not the page cache's (make loadtest)
)
os.environ.pop("REDIS_URL", None)

print("Creating and migrating the databases…", flush=True)
for url in DATABASE_URLS.values():
    recreate_database(url)
    migrate({**os.environ, "DATABASE_URL": url})  # each in a process of its own, as the data migrations expect


class SizeRouter:
    """Every query goes to the database of the size being measured."""

    current = "default"

    def db_for_read(self, model, **hints):
        return self.current

    db_for_write = db_for_read

    def allow_relation(self, *objects, **hints):
        return True


ROUTER = SizeRouter()

import django  # noqa: E402
from django.conf import settings  # noqa: E402

settings.DATABASES["large"] = {**settings.DATABASES["default"], "NAME": f"{BENCH_DB}_large"}
settings.DATABASE_ROUTERS = [ROUTER]
django.setup()

from django.db import connections  # noqa: E402
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
        # bulk_create skips save(), which sets these; the body is plain words, so its HTML is one paragraph (the
        # Markdown renderer would take most of the loading time).
        practice.search_text = practice.build_search_text()
        practice.body_html = f"<p>{body}</p>"
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


def load(alias, size):
    ROUTER.current = alias
    random.seed(2026)
    practices, companies, initiatives = size
    load_companies(0, companies)
    company_ids = list(Company.objects.order_by("pk").values_list("pk", flat=True))
    company_objects = [Company(pk=pk) for pk in company_ids]
    load_practices(company_objects, 0, practices)
    load_initiatives(company_objects, 0, initiatives)
    cooperation_form = load_applications(company_ids)
    with connections[alias].cursor() as cursor:
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


# The admin lists staff use daily, read by a signed-in superuser (the bench's own, one per database).
ADMIN_PAGES = [
    ("admin: practices", "/admin/practices/goodpractice/"),
    ("admin: practices, search", "/admin/practices/goodpractice/?q=rower"),
    ("admin: practices waiting", "/admin/practices/goodpractice/?status__exact=submitted"),
    ("admin: companies", "/admin/partnerships/company/"),
    ("admin: applications", "/admin/partnerships/application/"),
    ("admin: initiatives", "/admin/initiatives/initiative/"),
    ("admin: waiting page", "/admin/waiting/"),
]


def staff_client(alias):
    """A client signed in as the bench's superuser in the database `alias` (its session is stored there)."""
    from portal.models import User

    ROUTER.current = alias
    user = User.objects.filter(email="bench-staff@example.org").first() or User.objects.create_superuser(
        email="bench-staff@example.org", password=None
    )
    client = Client()
    client.force_login(user)
    return client


def measure(clients, urls):
    """{alias: (median, p95)} of the page at each size, the requests alternating between the sizes; `clients` holds
    the client that reads each size."""
    times = {alias: [] for alias in urls}
    for alias, url in urls.items():  # warm up
        ROUTER.current = alias
        clients[alias].get(url)
    for _ in range(REQUESTS):
        for alias, url in urls.items():
            ROUTER.current = alias
            started = time.perf_counter()
            response = clients[alias].get(url)
            times[alias].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, response.status_code)
    result = {}
    for alias, values in times.items():
        values.sort()
        result[alias] = (statistics.median(values), values[int(len(values) * 0.95) - 1])
    return result


def search_plan(alias):
    ROUTER.current = alias
    queryset = GoodPractice.objects.published().search("kodbaa")
    return "uses the GIN index" if "practice_search_gin" in queryset.explain() else "no GIN index in the plan"


def main():
    page_lists = {}
    for alias, size in zip(("default", "large"), SIZES, strict=True):
        started = time.perf_counter()
        cooperation_form = load(alias, size)
        page_lists[alias] = pages(cooperation_form)
        print(f"{size[0]:,} practices, {size[1]:,} companies, {size[2]:,} initiatives loaded in "
              f"{time.perf_counter() - started:.0f} s; search plan for a rare word: {search_plan(alias)}", flush=True)
    visitor = Client()
    visitors = {"default": visitor, "large": visitor}
    staff = {alias: staff_client(alias) for alias in page_lists}
    small, large = SIZES[0][0], SIZES[1][0]
    print(f"\n{REQUESTS} requests of each page at each size, alternating; times in ms; target growth at most "
          f"{TARGET:.0f}×")
    print(f"{'page':<24}{f'{small:,} median':>14}{'p95':>7}{f'{large:,} median':>16}{'p95':>7}{'growth':>9}")
    worst = 0
    rows = [(*pair, visitors) for pair in zip(page_lists["default"], page_lists["large"], strict=True)]
    rows += [((name, url), (name, url), staff) for name, url in ADMIN_PAGES]
    for (name, small_url), (_name, large_url), clients in rows:
        result = measure(clients, {"default": small_url, "large": large_url})
        (small_median, small_p95), (large_median, large_p95) = result["default"], result["large"]
        growth = large_median / small_median
        if name != "healthz (baseline)":
            worst = max(worst, growth)
        flag = "" if growth <= TARGET else "  over the target"
        print(f"{name:<24}{small_median:>14.1f}{small_p95:>7.1f}{large_median:>16.1f}{large_p95:>7.1f}"
              f"{growth:>8.2f}×{flag}", flush=True)
    print(f"Largest growth: {worst:.2f}×")


if __name__ == "__main__":
    try:
        main()
    finally:
        connections.close_all()
        for url in DATABASE_URLS.values():
            recreate_database(url, create=False)
