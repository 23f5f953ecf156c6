"""Twenty problem reports posted at the same moment from one address: only the hour's five are stored.

Real requests in threads, each with its own database connection, against a cache all threads share: the in-memory
cache of the test settings (one store per process) and the database cache, the default without REDIS_URL. Runs on
SQLite and on PostgreSQL.
"""

import threading

import pytest
from django.db import connections
from django.test import Client

from practices.models import ProblemReport
from practices.views import REPORTS_PER_HOUR
from tests.practices.factories import PublishedPracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

PARALLEL = 20
CACHES = {
    "in-memory": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "database": {"BACKEND": "portal.lib.cache.DatabaseCache", "LOCATION": "portal_cache"},
}


@pytest.fixture(params=list(CACHES))
def shared_cache(request, settings):
    settings.CACHES = {"default": CACHES[request.param]}
    from django.core.cache import cache

    cache.clear()
    yield cache
    cache.clear()
    # Back to the private in-memory cache before the test database goes away (the shared fixture clears it).
    settings.CACHES = {"default": CACHES["in-memory"]}


def test_parallel_reports_from_one_address_store_only_the_hours_limit(shared_cache):
    practice = PublishedPracticeFactory()
    url = f"{practice.get_absolute_url()}report/"
    barrier = threading.Barrier(PARALLEL)
    statuses, errors = [], []

    def post(number):
        try:
            client = Client()
            barrier.wait(timeout=10)
            statuses.append(client.post(url, {"message": f"Zgłoszenie {number}"}).status_code)
        except Exception as error:  # noqa: BLE001 - reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=post, args=(number,)) for number in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert statuses == [302] * PARALLEL  # the refused ones are sent back to the practice with a message too
    assert ProblemReport.objects.count() == REPORTS_PER_HOUR
