"""Browser tests drive the real UI in Debian's Chromium through Playwright.

Without Chromium they are skipped on a developer's machine, but under CI=true a missing Chromium fails the run.
"""

import importlib
import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop.

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        message = f"Chromium is not installed at {CHROMIUM}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (required under CI=true)")
        pytest.skip(message)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def assert_accessible(axe, page):
    """No WCAG 2.1 A or AA violation reported by axe-core on the page as it is now."""
    results = axe.run(
        page,
        options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}},
    )
    violations = results.response["violations"]
    assert violations == [], results.generate_report()



# The data migrations (by module path) whose rows the tests rely on: the Moderators group with its permissions and
# the catalogue of cooperation forms. Each function is idempotent (get_or_create, permissions.add).
DATA_MIGRATIONS = [
    ("partnerships", "0003_moderators_group", "create_group"),
    ("partnerships", "0005_cooperation", "create_catalogue"),
    ("partnerships", "0005_cooperation", "grant"),
    ("partnerships", "0006_admin_moderator_permissions", "grant"),
    ("partnerships", "0009_companyrevision", "grant"),
    ("practices", "0002_search_index_and_moderators", "grant"),
    ("initiatives", "0002_moderators", "grant"),
    ("partnerships.climate", "0002_starting_factors_and_moderators", "seed"),
    ("partnerships.announcements", "0002_moderators", "grant"),
    ("portal.news", "0002_moderators", "grant"),
]


@pytest.fixture(scope="session")
def _migration_state_apps(django_db_setup, django_db_blocker):
    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    with django_db_blocker.unblock():
        return MigrationLoader(connection).project_state().apps


@pytest.fixture(autouse=True)
def _migration_data(transactional_db, _migration_state_apps):
    """A browser test runs in real transactions, and the database is emptied after each one, the rows the data
    migrations made included. Put them back before each test, the way the migrations made them."""
    for app, migration, function in DATA_MIGRATIONS:
        module = importlib.import_module(f"{app}.migrations.{migration}")
        getattr(module, function)(_migration_state_apps, None)


@pytest.fixture(scope="session", autouse=True)
def _live_server_closes_its_connections():
    """The live server handles each browser connection in a thread of its own, and Chromium keeps its connections
    open from test to test. With persistent database connections (CONN_MAX_AGE) every such thread would keep one
    open too, and dozens of them reach PostgreSQL's limit of clients. Each request closes its connection instead."""
    from django.db import connections

    for alias in connections:
        connections.settings[alias]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def _site_url_is_the_live_server(settings, live_server):
    """The live server is the site: the links in e-mails, built from SITE_URL, lead to it."""
    settings.SITE_URL = live_server.url


PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def log_in(page, base_url, email, password=PASSWORD):
    """Sign in through the site's login form, as a person would."""
    page.goto(f"{base_url}/accounts/login/")
    page.fill("#id_login", email)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state()


def signed_in(context, base_url, user):
    """Give a browser context `user`'s session without the login form (for journeys that test something else)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}])
    return context


def use_language(context, base_url, code):
    from django.conf import settings

    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": code, "url": base_url}])
    return context
