"""Staff security defaults: two-factor authentication is required unless turned off, and staff are signed out after a
working day without activity while everybody else keeps the session."""

import logging
import time

import pytest
from django.contrib.sessions.models import Session

from portal.middleware import StaffIdleTimeoutMiddleware
from tests.fresh_process import settings_in_fresh_process

LAST_ACTIVITY = StaffIdleTimeoutMiddleware.SESSION_KEY
HOUR = 60 * 60


def test_staff_must_use_two_factor_unless_the_environment_says_otherwise():
    assert settings_in_fresh_process("STAFF_REQUIRE_2FA", DJANGO_DEBUG="1") == ["True"]
    assert settings_in_fresh_process("STAFF_REQUIRE_2FA", DJANGO_DEBUG="1", DJANGO_STAFF_REQUIRE_2FA="0") == ["False"]


def test_the_idle_timeout_is_a_working_day_unless_the_environment_says_otherwise():
    assert settings_in_fresh_process("STAFF_IDLE_TIMEOUT", DJANGO_DEBUG="1") == [str(8 * HOUR)]
    assert settings_in_fresh_process("STAFF_IDLE_TIMEOUT", DJANGO_DEBUG="1", DJANGO_STAFF_IDLE_TIMEOUT="1800") == [
        "1800"
    ]


def _last_active(client, hours_ago):
    session = client.session
    session[LAST_ACTIVITY] = int(time.time() - hours_ago * HOUR)
    session.save()


def _signed_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_staff_idle_for_more_than_a_working_day_are_signed_out(client_for, staff):
    client = client_for(staff)
    _last_active(client, hours_ago=8.1)

    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")  # which sends them to the site's sign-in
    assert _signed_in_user_id(client) is None


def test_staff_signed_out_for_inactivity_are_told_why(client_for, staff):
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    _last_active(client, hours_ago=9)

    response = client.get("/", follow=True)

    assert "You were signed out after a long time without activity." in response.content.decode()


def test_the_idle_sign_out_is_in_the_security_log(client_for, staff, caplog):
    client = client_for(staff)
    _last_active(client, hours_ago=9)

    with caplog.at_level(logging.INFO, logger="portal.security"):
        client.get("/admin/", REMOTE_ADDR="203.0.113.5")

    line = next(r.getMessage() for r in caplog.records if "idle sign-out" in r.getMessage())
    assert "staff@example.com" in line
    assert "203.0.113.5" in line


def test_staff_active_within_the_working_day_stay_signed_in_and_the_clock_restarts(client_for, staff):
    client = client_for(staff)
    _last_active(client, hours_ago=7.9)

    assert client.get("/admin/").status_code == 200

    assert _signed_in_user_id(client) == str(staff.pk)
    assert time.time() - client.session[LAST_ACTIVITY] < 60


def test_the_first_staff_request_starts_the_clock(client_for, staff):
    client = client_for(staff)

    assert client.get("/admin/").status_code == 200

    assert time.time() - client.session[LAST_ACTIVITY] < 60


def test_the_timeout_is_a_setting(client_for, staff, settings):
    settings.STAFF_IDLE_TIMEOUT = 30 * 60
    client = client_for(staff)
    _last_active(client, hours_ago=1)

    client.get("/admin/")

    assert _signed_in_user_id(client) is None


@pytest.mark.parametrize("person", ["owner", "newcomer"])
def test_people_who_are_not_staff_keep_their_sessions(client_for, request, person):
    user = request.getfixturevalue(person)
    client = client_for(user)
    _last_active(client, hours_ago=24 * 13)

    assert client.get("/accounts/settings/").status_code == 200

    assert _signed_in_user_id(client) == str(user.pk)


def test_the_clock_is_kept_to_the_minute_so_a_page_does_not_write_the_session_each_time(client_for, staff):
    client = client_for(staff)
    client.get("/admin/")
    first = client.session[LAST_ACTIVITY]
    session_key = client.session.session_key

    stored = Session.objects.get(session_key=session_key).expire_date
    client.get("/admin/")
    assert client.session[LAST_ACTIVITY] == first
    assert Session.objects.get(session_key=session_key).expire_date == stored  # not written again

    _last_active(client, hours_ago=61 / 3600)  # a minute and a second ago
    client.get("/admin/")
    assert time.time() - client.session[LAST_ACTIVITY] < 60
