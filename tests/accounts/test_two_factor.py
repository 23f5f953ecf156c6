"""Two-factor authentication (TOTP with recovery codes) for everyone, and required of staff when the setting says."""

import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from django.test import Client

from tests.accounts.conftest import PASSWORD, sign_in


def _current_code(secret):
    # What the person's authenticator app shows now (allauth accepts the neighbouring time steps too).
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _activate_totp(client):
    response = client.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post("/accounts/2fa/totp/activate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    return secret


@pytest.mark.django_db
def test_a_member_can_turn_on_an_authenticator_app(reauthenticated, newcomer):
    _activate_totp(reauthenticated)
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.TOTP).exists()


@pytest.mark.django_db
def test_a_wrong_code_does_not_turn_it_on(reauthenticated, newcomer):
    reauthenticated.get("/accounts/2fa/totp/activate/")
    response = reauthenticated.post("/accounts/2fa/totp/activate/", {"code": "000000x"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Authenticator.objects.filter(user=newcomer).exists()


@pytest.mark.django_db
def test_turning_it_on_gives_recovery_codes_to_see(reauthenticated, newcomer):
    _activate_totp(reauthenticated)
    assert Authenticator.objects.filter(user=newcomer, type=Authenticator.Type.RECOVERY_CODES).exists()
    html = reauthenticated.get("/accounts/2fa/recovery-codes/").content.decode()
    assert 'id="recovery_codes"' in html


@pytest.mark.django_db
def test_after_turning_it_on_signing_in_asks_for_a_code(reauthenticated, newcomer):
    client = Client()  # a second browser, signed out
    secret = _activate_totp(reauthenticated)
    response = sign_in(client, newcomer.email)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    response = client.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(newcomer.pk)


@pytest.mark.django_db
def test_a_recovery_code_signs_in_instead_of_the_app(reauthenticated, newcomer):
    client = Client()  # a second browser, signed out
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    _activate_totp(reauthenticated)
    codes = RecoveryCodes(Authenticator.objects.get(user=newcomer, type=Authenticator.Type.RECOVERY_CODES))
    sign_in(client, newcomer.email)
    response = client.post("/accounts/2fa/authenticate/", {"code": codes.get_unused_codes()[0]})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(newcomer.pk)


@pytest.mark.django_db
def test_the_code_page_is_in_the_layout(reauthenticated, newcomer):
    client = Client()  # a second browser, signed out
    _activate_totp(reauthenticated)
    sign_in(client, newcomer.email)
    html = client.get("/accounts/2fa/authenticate/").content.decode()
    assert html.count("<h1") == 1
    assert 'href="#main"' in html


@pytest.mark.django_db
def test_with_the_setting_on_staff_without_two_factor_are_sent_to_set_it_up(client, staff, settings):
    settings.STAFF_REQUIRE_2FA = True
    sign_in(client, staff.email)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_with_the_setting_on_staff_with_two_factor_reach_the_admin(client, staff, settings):
    settings.STAFF_REQUIRE_2FA = True
    sign_in(client, staff.email)
    client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    secret = _activate_totp(client)
    client.post("/accounts/logout/")
    sign_in(client, staff.email)
    client.post("/accounts/2fa/authenticate/", {"code": _current_code(secret)})
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_with_the_setting_off_staff_reach_the_admin_without_two_factor(client, staff, settings):
    settings.STAFF_REQUIRE_2FA = False
    sign_in(client, staff.email)
    assert client.get("/admin/").status_code == 200


@pytest.mark.django_db
def test_the_settings_page_says_whether_it_is_on(reauthenticated):
    reauthenticated.cookies["django_language"] = "en"
    html = reauthenticated.get("/accounts/settings/").content.decode()
    assert "Off: protect your account" in html
    assert "Set up two-factor authentication" in html
    _activate_totp(reauthenticated)
    html = reauthenticated.get("/accounts/settings/").content.decode()
    assert "On: signing in also asks for a code" in html
    assert "Manage two-factor authentication" in html
