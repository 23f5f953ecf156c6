"""Every account page is in the portal's layout: one h1, labelled fields, Polish by default, no user name."""

import re

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.test import Client

from tests.accounts.conftest import sign_in

ANONYMOUS_PAGES = [
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/accounts/password/reset/done/",
]
SIGNED_IN_PAGES = [
    "/accounts/settings/",
    "/accounts/data/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/accounts/reauthenticate/",
]


def _assert_in_layout(html):
    assert len(re.findall(r"<h1[ >]", html)) == 1, "exactly one h1"
    assert '<main id="main"' in html
    assert "<footer" in html
    assert "username" not in html.lower()
    assert "nazwa użytkownika" not in html.lower()
    assert "style=" not in html
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []
    # Every visible input has a label pointing at it.
    for input_id in re.findall(r'<input(?![^>]*type="(?:hidden|submit)")[^>]*\bid="([^"]+)"', html):
        assert f'for="{input_id}"' in html, input_id


@pytest.mark.django_db
@pytest.mark.parametrize("path", ANONYMOUS_PAGES)
def test_account_pages_for_visitors_use_the_portal_layout(client, path):
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    _assert_in_layout(html)
    assert '<html lang="pl">' in html


@pytest.mark.django_db
@pytest.mark.parametrize("path", SIGNED_IN_PAGES)
def test_account_pages_for_members_use_the_portal_layout(signed_in, path):
    response = signed_in.get(path)
    assert response.status_code == 200
    _assert_in_layout(response.content.decode())


@pytest.mark.django_db
def test_the_password_reset_link_opens_a_form_in_the_layout(client, newcomer):
    key = default_token_generator.make_token(newcomer)
    response = client.get(f"/accounts/password/reset/key/{user_pk_to_url_str(newcomer)}-{key}/", follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    _assert_in_layout(html)
    assert 'name="password1"' in html


@pytest.mark.django_db
def test_the_confirmation_page_and_the_verification_sent_page_use_the_layout(client, newcomer):
    address = EmailAddress.objects.create(user=newcomer, email="second@example.com", verified=False)
    from allauth.account.models import EmailConfirmationHMAC

    key = EmailConfirmationHMAC(address).key
    _assert_in_layout(client.get(f"/accounts/confirm-email/{key}/").content.decode())
    _assert_in_layout(client.get("/accounts/confirm-email/").content.decode())


@pytest.mark.django_db
def test_the_two_factor_set_up_page_uses_the_layout(reauthenticated):
    response = reauthenticated.get("/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    _assert_in_layout(response.content.decode())


@pytest.mark.django_db
def test_the_recovery_codes_page_uses_the_layout_without_inline_script(reauthenticated, newcomer):
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(newcomer, generate_totp_secret())
    RecoveryCodes.activate(newcomer)
    response = reauthenticated.get("/accounts/2fa/recovery-codes/")
    assert response.status_code == 200
    _assert_in_layout(response.content.decode())


@pytest.mark.django_db
def test_the_sign_up_form_asks_for_consent_to_the_privacy_notice(client):
    html = client.get("/accounts/signup/").content.decode()
    assert 'name="privacy_consent"' in html
    assert 'href="/privacy/"' in html


@pytest.mark.django_db
def test_sign_up_without_consent_is_refused_with_a_message_on_the_field(client):
    from portal.models import User

    response = client.post(
        "/accounts/signup/",
        {"email": "new@example.com", "password1": "a-long-Passw0rd!", "password2": "a-long-Passw0rd!"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "privacy_consent" in html
    assert "invalid-feedback" in html or "is-invalid" in html
    assert not User.objects.filter(email="new@example.com").exists()


@pytest.mark.django_db
def test_the_account_menu_links_e_mail_password_two_factor_and_data(signed_in):
    html = signed_in.get("/accounts/settings/").content.decode()
    for href in ("/accounts/email/", "/accounts/password/change/", "/accounts/2fa/", "/accounts/data/"):
        assert f'href="{href}"' in html


@pytest.mark.django_db
def test_the_settings_page_needs_a_signed_in_user():
    response = Client().get("/accounts/settings/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_a_member_can_change_the_password(signed_in, newcomer):
    response = signed_in.post(
        "/accounts/password/change/",
        {
            "oldpassword": "correct-horse-battery",
            "password1": "Another-long-pass-42",
            "password2": "Another-long-pass-42",
        },
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password("Another-long-pass-42")


@pytest.mark.django_db
def test_a_member_changes_the_e_mail_address_once_the_new_one_is_confirmed(signed_in, newcomer, mailoutbox):
    response = signed_in.post("/accounts/email/", {"email": "second@example.com", "action_add": ""})
    assert response.status_code == 302
    html = signed_in.get("/accounts/email/").content.decode()
    assert "second@example.com" in html
    assert "style=" not in html
    newcomer.refresh_from_db()
    assert newcomer.email == "newcomer@example.com"  # not before the new address is confirmed

    link = re.search(r"/accounts/confirm-email/\S+/", mailoutbox[-1].body).group(0)
    signed_in.post(link)
    newcomer.refresh_from_db()
    assert newcomer.email == "second@example.com"


@pytest.mark.django_db
def test_an_invalid_new_address_is_refused_on_the_field(signed_in, newcomer):
    response = signed_in.post("/accounts/email/", {"email": "not-an-address", "action_add": ""})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert not EmailAddress.objects.filter(email="not-an-address").exists()


@pytest.mark.django_db
def test_password_reset_sends_a_link_in_the_users_language(client, newcomer, mailoutbox):
    newcomer.language = "en"
    newcomer.save()
    response = client.post("/accounts/password/reset/", {"email": newcomer.email})
    assert response.status_code == 302
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
    assert "Password Reset" in mailoutbox[0].subject


@pytest.mark.django_db
def test_signing_in_with_the_wrong_password_shows_a_message_and_no_session(client, newcomer):
    response = sign_in(client, newcomer.email, "wrong-password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_sign_up_with_consent_records_it_and_sends_the_confirmation(client, mailoutbox):
    from portal.models import User

    response = client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "privacy_consent": "on",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="new@example.com")
    assert user.privacy_accepted_at is not None
    assert "_auth_user_id" not in client.session  # not before the address is confirmed
    assert mailoutbox[0].to == ["new@example.com"]
    assert "/accounts/confirm-email/" in mailoutbox[0].body


@pytest.mark.django_db
def test_the_consent_comes_after_the_password_on_the_sign_up_form(client):
    html = client.get("/accounts/signup/").content.decode()
    assert html.index('name="password2"') < html.index('name="privacy_consent"')


@pytest.mark.django_db
def test_the_confirmation_e_mail_names_the_portal_not_example_com(client, mailoutbox, settings):
    settings.SITE_URL = "https://klimat.krakow.example.org"
    client.post(
        "/accounts/signup/",
        {
            "email": "new@example.com",
            "password1": "a-long-Passw0rd!",
            "password2": "a-long-Passw0rd!",
            "privacy_consent": "on",
        },
    )
    body = mailoutbox[0].body
    assert "Partnerstwo dla klimatu Krakowa" in body
    assert "klimat.krakow.example.org" in body
    assert "example.com!" not in body
