"""A representative signs up, confirms the address from the e-mail, registers the company with a logo and sees it
waiting; staff verify it in the admin; the company appears among the partners. axe checks every company and public
page on the way, in Polish and in English, and the account and staff pages the journey passes through."""

import re

import pytest
from django.core import mail

from partnerships.models import Company
from tests.browser.conftest import assert_accessible
from tests.companies.helpers import valid_nip
from tests.factories import StaffFactory, png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "zielony-krakow-2024"


def _check_in_both_languages(axe, page, url):
    page.context.clear_cookies(name="django_language")
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "pl"
    assert_accessible(axe, page)
    host = re.match(r"https?://([^/:]+)", url).group(1)
    page.context.add_cookies([{"name": "django_language", "value": "en", "domain": host, "path": "/"}])
    page.goto(url)
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(axe, page)
    page.context.clear_cookies(name="django_language")


def test_a_company_signs_up_registers_and_becomes_a_partner(live_server, page, axe, tmp_path):
    base = live_server.url

    # Sign up and confirm the e-mail address from the message.
    _check_in_both_languages(axe, page, f"{base}/accounts/signup/")
    page.context.clear_cookies(name="django_language")
    page.goto(f"{base}/accounts/signup/")
    page.fill("input[name=email]", "anna@zielona.example.pl")
    page.fill("input[name=password1]", PASSWORD)
    page.fill("input[name=password2]", PASSWORD)
    page.check("input[name=privacy_consent]")
    page.click("form[action='/accounts/signup/'] button[type=submit]")
    page.wait_for_load_state()
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    page.goto(link)
    assert_accessible(axe, page)
    page.click("main form button[type=submit], form[action*='confirm-email'] button[type=submit]")
    page.wait_for_url(f"{base}/company/register/")

    # Register the company with a logo.
    _check_in_both_languages(axe, page, f"{base}/company/register/")
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes((300, 200)))
    page.fill("#id_name", "Zielona Przyszłość sp. z o.o.")
    page.fill("#id_nip", valid_nip("777000333"))
    page.select_option("#id_sector", "energy")
    page.select_option("#id_size", "small")
    page.fill("#id_street", "ul. Lipowa 3")
    page.fill("#id_postal_code", "30-702")
    page.fill("#id_city", "Kraków")
    page.select_option("#id_district", "13")
    page.fill("#id_website", "https://zielona.example.pl")
    page.fill("#id_description", "Instalujemy panele słoneczne na dachach firm.")
    page.set_input_files("#id_logo", str(logo))
    page.click("main form[enctype] button[type=submit]")
    page.wait_for_url(f"{base}/company/")
    assert page.locator(".company-status-pending").is_visible()
    company = Company.objects.get(name="Zielona Przyszłość sp. z o.o.")
    assert company.status == Company.Status.PENDING and company.logo_thumbnail
    _check_in_both_languages(axe, page, f"{base}/company/")
    _check_in_both_languages(axe, page, f"{base}/company/edit/")
    _check_in_both_languages(axe, page, f"{base}/company/members/")

    # Not public yet.
    page.goto(f"{base}/partners/")
    assert page.get_by_text("Zielona Przyszłość sp. z o.o.").count() == 0

    # Staff sign in and verify it on the decision page.
    staff = StaffFactory(email="urzednik@example.com")
    staff_page = page.context.browser.new_context().new_page()
    staff_page.goto(f"{base}/accounts/login/")
    staff_page.fill("input[name=login]", staff.email)
    staff_page.fill("input[name=password]", "correct-horse-battery")
    staff_page.click("form[action='/accounts/login/'] button[type=submit]")
    staff_page.wait_for_load_state()
    staff_page.goto(f"{base}/admin/partnerships/company/{company.pk}/decide/verify/")
    assert_accessible(axe, staff_page)
    staff_page.click("#decision-form button[type=submit]")
    staff_page.wait_for_url(re.compile(rf".*/admin/partnerships/company/{company.pk}/change/"))
    assert_accessible(axe, staff_page)
    company.refresh_from_db()
    assert company.status == Company.Status.VERIFIED

    # The company is now among the partners, for anyone.
    visitor = page.context.browser.new_context().new_page()
    _check_in_both_languages(axe, visitor, f"{base}/partners/")
    assert visitor.get_by_role("link", name="Zielona Przyszłość sp. z o.o.").is_visible()
    _check_in_both_languages(axe, visitor, f"{base}/partners/?q=zielona&sector=energy")
    _check_in_both_languages(axe, visitor, f"{base}/partners/{company.slug}/")
    assert visitor.locator("h1").inner_text() == "Zielona Przyszłość sp. z o.o."
