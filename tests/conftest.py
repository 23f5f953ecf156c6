"""The people every access test speaks of: the owner of a company, a colleague in the same company, a member of
another company, an anonymous visitor and a member of staff (in the Moderators group)."""

import json
import uuid

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.management import call_command
from django.test import Client
from post_office.models import STATUS, Email

from partnerships.models import Membership
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache_and_media(settings, tmp_path):
    # Each test starts with empty rate-limit counters (a private in-memory cache, so tests without the database
    # work too) and uploads into a temporary folder.
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pages"},
    }
    # Anonymous visitors' pages are cached as in production (debug's default is off): every test that changes
    # something and looks at a public page again also checks that the change reaches the cached page.
    settings.PAGE_CACHE_SECONDS = 60
    settings.MEDIA_ROOT = tmp_path / "media"
    # Hashing passwords at full strength would cost seconds per test; what is tested here is not the hasher.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Every e-mail goes through the portal's queue as in production (Django's test runner would bypass it with its
    # locmem backend), and is delivered at once into django.core.mail.outbox. tests/portal/test_mail_queue.py runs
    # the queue as production does, delivered by the worker.
    settings.EMAIL_BACKEND = "portal.lib.mail.QueueBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
        "DEFAULT_PRIORITY": "now",
    }
    settings.MAIL_QUEUE_LOCK_FILE = str(tmp_path / "mail-queue")
    _clear_caches()
    yield
    _clear_caches()


@pytest.fixture
def rendered_pages(settings):
    """For tests that count what rendering a page costs: anonymous pages are not taken from the page cache (it is
    tested in tests/portal/test_page_cache.py), so rows made with bulk_create, which sends no signal, count too."""
    settings.PAGE_CACHE_SECONDS = 0


def _clear_caches():
    for alias in django_settings.CACHES:  # a test may have replaced them with its own
        caches[alias].clear()


class MailQueue:
    """The outgoing queue as production runs it: e-mails wait in the database until the worker delivers them."""

    def waiting(self):
        return list(Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).order_by("pk"))

    def deliver(self):
        call_command("deliver_mail")


@pytest.fixture
def mail_queue(settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "DEFAULT_PRIORITY": "medium"}
    return MailQueue()


@pytest.fixture
def company(db):
    return CompanyFactory(name="Zielona Energia sp. z o.o.")


@pytest.fixture
def owner(company):
    return MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="owner@example.com").user


@pytest.fixture
def colleague(company):
    return MembershipFactory(company=company, role=Membership.Role.COLLEAGUE, user__email="colleague@example.com").user


@pytest.fixture
def other_company(db):
    return CompanyFactory(name="Inna Firma S.A.")


@pytest.fixture
def outsider(other_company):
    return MembershipFactory(company=other_company, role=Membership.Role.OWNER, user__email="outsider@example.com").user


@pytest.fixture
def newcomer(db):
    """Signed up and confirmed, but not yet in any company."""
    return UserFactory(email="newcomer@example.com")


@pytest.fixture
def staff(db):
    return StaffFactory(email="staff@example.com")


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def client_for():
    return _client_for


def pytest_itemcollected(item):
    """Give every test outside tests/browser database access in a rolled-back transaction.

    The transactional browser tests empty the database when they finish (the data migrations' rows included), so
    every other test must run before them. pytest-django orders tests it knows use the database first; tests that
    reach people only through `request.getfixturevalue()` (the access matrices) are marked here, as they are
    collected, so they are ordered with them. (A test argument named `page` would also pull in Playwright's fixture
    of that name and move the test among the browser tests: don't use that name outside tests/browser.)
    """
    if "tests/browser" not in str(item.fspath) and item.get_closest_marker("django_db") is None:
        item.add_marker(pytest.mark.django_db)


def public_read_policy(bucket):
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{bucket}/*",
    }]})


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-compatible server (moto's), on 127.0.0.1 at a free port, for the tests that need one."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def s3_storage(s3_server, settings, monkeypatch, request):
    """Uploads go to a fresh bucket on the S3 server for this test, configured as production is (DJANGO_STORAGE_URL).

    Returns a function that gives the settings for another DJANGO_STORAGE_URL query (e.g. "signed=1").
    """
    import boto3

    from portal.env import env_storage

    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    bucket = f"test-{uuid.uuid4().hex[:12]}"
    client = boto3.client("s3", endpoint_url=s3_server, region_name="eu-central-1")
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": "eu-central-1"})
    # As README asks of production: anybody may read the files (pages show their plain URLs), nobody else write.
    client.put_bucket_policy(Bucket=bucket, Policy=public_read_policy(bucket))

    def configure(query=""):
        url = f"s3://{bucket}/media?endpoint_url={s3_server}&region=eu-central-1" + (f"&{query}" if query else "")
        monkeypatch.setenv("DJANGO_STORAGE_URL", url)
        storage = env_storage("DJANGO_STORAGE_URL")
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": storage["options"]},
        }
        return storage

    configure()
    return configure
