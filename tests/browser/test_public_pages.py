"""The public pages and the sign-up journey in a real browser: accessible in Polish and English, nothing loaded
from another host."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.practices.factories import PublishedPracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

PAGES = ["/", "/about/", "/privacy/", "/accessibility/", "/accounts/login/", "/accounts/signup/"]


@pytest.fixture
def requests_seen(page):
    urls = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def _assert_only_own_host(urls, live_server):
    foreign = [url for url in urls if not url.startswith(live_server.url + "/")]
    assert foreign == []


@pytest.mark.parametrize("path", PAGES)
def test_the_page_is_accessible_in_polish(page, live_server, axe, path, requests_seen):
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "pl")
    expect(page.locator("h1")).to_have_count(1)
    assert_accessible(axe, page)
    _assert_only_own_host(requests_seen, live_server)


@pytest.mark.parametrize("path", PAGES)
def test_the_page_is_accessible_in_english(page, live_server, axe, path, requests_seen):
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(axe, page)
    _assert_only_own_host(requests_seen, live_server)


def test_the_language_switch_turns_the_page_english_and_stays_on_it(page, live_server, axe):
    page.goto(live_server.url + "/privacy/")
    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(live_server.url + "/privacy/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    assert_accessible(axe, page)


def test_the_skip_link_is_the_first_thing_a_keyboard_reaches(page, live_server):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Przejdź do treści głównej")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_visitor_signs_up_confirms_from_the_e_mail_and_is_signed_in(
    page, live_server, axe, mailoutbox, requests_seen, language
):
    if language == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + "/accounts/signup/")
    form = page.locator("main form")
    form.locator("input[name=email]").fill("new.partner@example.com")
    form.locator("input[name=password1]").fill("Zielony-Krakow-2030")
    form.locator("input[name=password2]").fill("Zielony-Krakow-2030")

    # Without the consent the browser keeps the form (the server refuses it too: see tests/accounts).
    form.locator("button[type=submit]").click()
    consent = page.locator("input[name=privacy_consent]")
    assert consent.evaluate("box => box.validity.valueMissing")
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))
    assert_accessible(axe, page)

    consent.check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert_accessible(axe, page)

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mailoutbox[0].body).group(0)
    page.goto(live_server.url + link[link.index("/accounts/") :])
    assert_accessible(axe, page)
    page.locator("main form button[type=submit]").click()

    sign_out = "Sign out" if language == "en" else "Wyloguj się"
    expect(page.get_by_role("button", name=sign_out)).to_be_visible()
    _assert_only_own_host(requests_seen, live_server)


ACCOUNT_PAGES = [
    "/accounts/settings/",
    "/accounts/email/",
    "/accounts/password/change/",
    "/accounts/2fa/",
    "/accounts/data/",
]


@pytest.mark.parametrize("language", ["pl", "en"])
def test_a_members_account_pages_are_accessible(page, live_server, axe, requests_seen, language):
    from tests.factories import UserFactory

    UserFactory(email="member@example.com")
    if language == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(live_server.url + "/accounts/login/")
    page.locator("main input[name=login]").fill("member@example.com")
    page.locator("main input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    for path in ACCOUNT_PAGES:
        page.goto(live_server.url + path)
        expect(page).to_have_url(live_server.url + path)  # signed in, not sent back to the login page
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("h1")).to_have_count(1)
        assert_accessible(axe, page)
    _assert_only_own_host(requests_seen, live_server)


def test_a_member_sets_up_the_authenticator_app_on_an_accessible_page(page, live_server, axe):
    import time

    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    from tests.factories import UserFactory

    member = UserFactory(email="member@example.com")
    page.goto(live_server.url + "/accounts/login/?next=/accounts/2fa/totp/activate/")
    page.locator("main input[name=login]").fill("member@example.com")
    page.locator("main input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()
    # allauth asks for the password again before two-factor settings change.
    expect(page).to_have_url(re.compile(r"/accounts/reauthenticate/"))
    assert_accessible(axe, page)
    page.locator("main input[name=password]").fill("correct-horse-battery")
    page.locator("main form button[type=submit]").click()

    expect(page).to_have_url(live_server.url + "/accounts/2fa/totp/activate/")
    assert_accessible(axe, page)
    secret = page.locator("#authenticator_secret").input_value()
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    page.locator("main input[name=code]").fill(code)
    page.get_by_role("button", name="Włącz uwierzytelnianie dwuskładnikowe").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/"))
    assert Authenticator.objects.filter(user=member, type=Authenticator.Type.TOTP).exists()


def test_a_visitor_reports_a_problem_from_the_cached_practice_page(page, live_server, axe, requests_seen):
    practice = PublishedPracticeFactory(title="Panele na dachu hali")
    page.goto(live_server.url + practice.get_absolute_url())
    page.reload()  # the second time from the page cache: still the link to the form
    page.get_by_role("link", name="Zgłoś problem z tą praktyką").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zgłoś problem z tą praktyką")
    assert_accessible(axe, page)
    page.get_by_label("Co jest nie tak z tą praktyką?").fill("Link na stronie firmy nie działa.")
    page.get_by_role("button", name="Wyślij zgłoszenie").click()
    expect(page).to_have_url(live_server.url + practice.get_absolute_url())
    expect(page.get_by_role("status")).to_contain_text("Dziękujemy")
    _assert_only_own_host(requests_seen, live_server)
