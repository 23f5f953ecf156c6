"""The portal's rate-limit counter and the database cache's atomic incr under it."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone

from portal.lib import ratelimit

DATABASE_CACHE = {"default": {"BACKEND": "portal.lib.cache.DatabaseCache", "LOCATION": "portal_cache"}}


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = DATABASE_CACHE
    from django.core.cache import cache

    cache.clear()
    yield cache
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _request(ip="192.0.2.7"):
    return RequestFactory().get("/", REMOTE_ADDR=ip)


def _expires(cache, key):
    with connection.cursor() as cursor:
        cursor.execute("SELECT expires FROM portal_cache WHERE cache_key = %s", [cache.make_key(key)])
        return cursor.fetchone()[0]


def test_it_allows_the_limit_then_refuses():
    assert [ratelimit.hit(_request(), "test", 3, 60) for _ in range(5)] == [True, True, True, False, False]


def test_it_counts_each_client_apart():
    for _ in range(3):
        ratelimit.hit(_request("192.0.2.1"), "test", 3, 60)
    assert ratelimit.hit(_request("192.0.2.1"), "test", 3, 60) is False
    assert ratelimit.hit(_request("192.0.2.2"), "test", 3, 60) is True


def test_it_counts_in_the_database_cache_too(database_cache):
    assert [ratelimit.hit(_request(), "test", 2, 60) for _ in range(3)] == [True, True, False]


def test_database_incr_keeps_the_entrys_expiry(database_cache):
    # Django's own incr sets the value again with the default timeout (300 s), so an hour's window would shrink to
    # five minutes after each hit; this one writes only the value.
    database_cache.add("counter", 0, 3600)
    before = _expires(database_cache, "counter")
    assert database_cache.incr("counter") == 1
    assert database_cache.incr("counter", 5) == 6
    assert _expires(database_cache, "counter") == before
    assert database_cache.get("counter") == 6


def test_database_incr_of_a_missing_or_expired_entry_raises_value_error(database_cache):
    with pytest.raises(ValueError):
        database_cache.incr("nothing")
    database_cache.add("old", 1, 3600)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE portal_cache SET expires = %s WHERE cache_key = %s",
            [timezone.now() - timedelta(minutes=1), database_cache.make_key("old")],
        )
    with pytest.raises(ValueError):
        database_cache.incr("old")
