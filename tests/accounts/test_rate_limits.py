"""Rate limits on signing in hold, and they are counted in the shared database cache, not in one process's memory."""

import pytest
from django.db import connection

from tests.accounts.conftest import sign_in

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "portal_cache"}}


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = DATABASE_CACHE
    from django.core.cache import cache

    cache.clear()
    yield cache
    # Back to the private in-memory cache before the test database goes away (the shared fixture clears it).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def _cache_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM portal_cache")
        return cursor.fetchone()[0]


def test_after_five_failed_sign_ins_even_the_right_password_is_refused(client, newcomer, database_cache):
    for _attempt in range(5):
        assert sign_in(client, newcomer.email, "wrong-password").status_code == 200
    response = sign_in(client, newcomer.email)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Zbyt wiele nieudanych prób logowania" in response.content.decode()


def test_the_failed_sign_in_counter_lives_in_the_shared_database_cache(client, newcomer, database_cache):
    assert _cache_rows() == 0
    sign_in(client, newcomer.email, "wrong-password")
    assert _cache_rows() > 0


def _exhaust_the_sign_in_limit(client):
    # login allows 30 attempts a minute per IP address (settings.ACCOUNT_RATE_LIMITS); the e-mails differ so that
    # the per-address limit on failures is not what stops them, and the IP limit on failures is lifted.
    from django.conf import settings

    limits = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "1000/m/ip,5/5m/key"}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(settings, "ACCOUNT_RATE_LIMITS", limits)
        for attempt in range(30):
            assert sign_in(client, f"nobody{attempt}@example.com", "wrong").status_code == 200
        return sign_in(client, "nobody-else@example.com", "wrong")


def test_too_many_sign_in_attempts_from_one_address_get_the_friendly_429_page(client, database_cache):
    response = _exhaust_the_sign_in_limit(client)
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>Zbyt wiele prób</h1>" in html
    assert 'href="/accounts/password/reset/"' in html


def test_the_429_page_speaks_the_visitors_language(client, database_cache):
    client.cookies["django_language"] = "en"
    response = _exhaust_the_sign_in_limit(client)
    assert response.status_code == 429
    assert "<h1>Too many attempts</h1>" in response.content.decode()


def test_the_admin_login_goes_through_the_sites_login(client, db):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_admin_login_shares_the_sites_failed_sign_in_limit(client, staff, database_cache):
    for _attempt in range(5):
        sign_in(client, staff.email, "wrong-password")
    response = client.post("/accounts/login/?next=/admin/", {"login": staff.email, "password": "correct-horse-battery"})
    assert response.status_code == 200
    assert client.get("/admin/").status_code == 302


def test_too_many_sign_ups_from_one_address_are_refused(client, database_cache):
    # signup allows 20 attempts a minute per IP address (settings.ACCOUNT_RATE_LIMITS).
    for attempt in range(20):
        response = client.post("/accounts/signup/", {"email": f"bad{attempt}", "password1": "x", "password2": "x"})
        assert response.status_code == 200
    response = client.post("/accounts/signup/", {"email": "bad", "password1": "x", "password2": "x"})
    assert response.status_code == 429


def test_too_many_password_resets_for_one_address_are_refused(client, newcomer, database_cache, mailoutbox):
    # reset_password allows 5 a minute for one e-mail address: the sixth is refused and sends nothing.
    for _attempt in range(5):
        client.post("/accounts/password/reset/", {"email": newcomer.email})
    assert len(mailoutbox) == 5
    response = client.post("/accounts/password/reset/", {"email": newcomer.email})
    assert response.status_code == 429
    assert len(mailoutbox) == 5


def test_a_refused_attempt_is_in_the_security_log(client, database_cache, caplog):
    import logging

    with caplog.at_level(logging.WARNING, logger="portal.security"):
        _exhaust_the_sign_in_limit(client)
    assert any("access refused" in r.getMessage() and "rate limit" in r.getMessage() for r in caplog.records)
