"""Behind the one reverse proxy (DJANGO_BEHIND_PROXY=1) every request comes from the proxy's address, so the client is
the last address in X-Forwarded-For, the one the proxy appended. The rate limits and the security log go by it; an
address the client put in front of it counts for nothing; without the setting the header is ignored."""

import logging

import pytest

from tests.accounts.conftest import sign_in
from tests.fresh_process import settings_in_fresh_process
from tests.practices.factories import PublishedPracticeFactory

PROXY = "10.0.0.2"
ALICE = "198.51.100.1"
BOB = "198.51.100.2"
WRONG = "wrong-password"


def _via_proxy(client_address, spoofed=None):
    """The request's META as the proxy passes it on: it appends the address it saw to what the client sent."""
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.fixture
def behind_proxy(settings):
    # What portal/settings.py derives from DJANGO_BEHIND_PROXY=1 (tested below in a fresh process).
    settings.BEHIND_PROXY = True
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")


def _fail_ten_sign_ins(client, **meta):
    # login_failed allows 10 a minute from one address (settings.ACCOUNT_RATE_LIMITS); a different e-mail address
    # each time, so that the limit on one address's failures (5) is not what stops them.
    for attempt in range(10):
        response = sign_in(client, f"nobody{attempt}@example.com", WRONG, **meta)
        assert response.status_code == 200


def _refused_as_too_many(response):
    return "Zbyt wiele nieudanych prób logowania" in response.content.decode()


def test_the_setting_trusts_one_proxy_hop_and_nothing_without_it():
    assert settings_in_fresh_process(
        "ALLAUTH_TRUSTED_PROXY_COUNT", "SECURE_PROXY_SSL_HEADER", DJANGO_DEBUG="1", DJANGO_BEHIND_PROXY="1"
    ) == ["1", "('HTTP_X_FORWARDED_PROTO', 'https')"]
    assert settings_in_fresh_process("ALLAUTH_TRUSTED_PROXY_COUNT", DJANGO_DEBUG="1") == ["0"]


def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(behind_proxy, client, newcomer):
    _fail_ten_sign_ins(client, **_via_proxy(ALICE))
    assert _refused_as_too_many(sign_in(client, "nobody-else@example.com", WRONG, **_via_proxy(ALICE)))

    response = sign_in(client, newcomer.email, **_via_proxy(BOB))

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(newcomer.pk)


def test_an_address_the_client_puts_in_front_does_not_lift_the_limit(behind_proxy, client, newcomer):
    for attempt in range(10):
        meta = _via_proxy(ALICE, spoofed=f"203.0.113.{attempt}")
        assert sign_in(client, f"nobody{attempt}@example.com", WRONG, **meta).status_code == 200

    response = sign_in(client, newcomer.email, **_via_proxy(ALICE, spoofed="203.0.113.99"))

    assert _refused_as_too_many(response)
    assert "_auth_user_id" not in client.session


def test_without_the_setting_the_forwarded_address_is_ignored(client, newcomer):
    _fail_ten_sign_ins(client, **_via_proxy(ALICE))

    response = sign_in(client, newcomer.email, **_via_proxy(BOB))

    assert _refused_as_too_many(response)
    assert "_auth_user_id" not in client.session


def _report(client, practice, **meta):
    return client.post(f"{practice.get_absolute_url()}report/", {"message": "Link nie działa."}, follow=True, **meta)


def _refused_report(response):
    return "several reports in a short time" in response.content.decode()


@pytest.fixture
def practice(company):
    return PublishedPracticeFactory(company=company)


def test_behind_the_proxy_the_portals_own_limit_counts_each_client(behind_proxy, client, practice):
    client.cookies["django_language"] = "en"
    for _report_number in range(5):  # REPORTS_PER_HOUR
        assert not _refused_report(_report(client, practice, **_via_proxy(ALICE, spoofed="203.0.113.7")))
    assert _refused_report(_report(client, practice, **_via_proxy(ALICE, spoofed="203.0.113.8")))

    assert not _refused_report(_report(client, practice, **_via_proxy(BOB)))


def test_without_the_setting_the_portals_own_limit_ignores_the_header(client, practice):
    client.cookies["django_language"] = "en"
    for _report_number in range(5):
        _report(client, practice, **_via_proxy(ALICE))

    assert _refused_report(_report(client, practice, **_via_proxy(BOB)))


def _logged_ip(caplog, client, newcomer, **meta):
    with caplog.at_level(logging.INFO, logger="portal.security"):
        sign_in(client, newcomer.email, WRONG, **meta)
    line = next(r.getMessage() for r in caplog.records if "failed sign-in" in r.getMessage())
    return line.rsplit("ip=", 1)[1]


def test_behind_the_proxy_the_security_log_names_the_client(behind_proxy, client, newcomer, caplog):
    assert _logged_ip(caplog, client, newcomer, **_via_proxy(ALICE, spoofed="203.0.113.7")) == ALICE


def test_without_the_setting_the_security_log_names_the_connecting_address(client, newcomer, caplog):
    assert _logged_ip(caplog, client, newcomer, **_via_proxy(ALICE)) == PROXY
