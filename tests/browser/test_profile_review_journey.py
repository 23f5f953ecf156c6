"""A verified company renames itself and changes its logo in a real browser: the owner sees the changes waiting on
the dashboard and the edit page, residents keep seeing the approved profile, staff compare and accept the changes in
the admin, and only then the partner pages change. axe checks the new panels, in Polish and in English."""

import re

import pytest

from partnerships.models import CompanyRevision
from tests.browser.conftest import assert_accessible, signed_in, use_language
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

OLD_NAME = "Zielony Dach sp. z o.o."
NEW_NAME = "Zielony Dach Kraków sp. z o.o."


def _context(browser, live_server, user=None, language="pl"):
    context = browser.new_context(base_url=live_server.url)
    if language != "pl":
        use_language(context, live_server.url, language)
    return signed_in(context, live_server.url, user) if user else context


def test_a_verified_companys_new_name_waits_for_staff(browser, live_server, axe, tmp_path):
    company = CompanyFactory(name=OLD_NAME)
    owner = MembershipFactory(company=company, role="owner").user
    staff = StaffFactory()
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes((300, 200)))

    # The owner renames the company and sends a logo.
    page = _context(browser, live_server, owner).new_page()
    page.goto("/company/edit/")
    assert_accessible(axe, page)
    page.fill("#id_name", NEW_NAME)
    page.set_input_files("#id_logo", str(logo))
    page.click("main form[enctype] button[type=submit]:not([name])")
    page.wait_for_url(re.compile(r"/company/$"))
    revision = CompanyRevision.objects.get()
    assert revision.status == "submitted" and revision.logo
    assert page.locator("#profile-changes-heading").is_visible()
    assert_accessible(axe, page)
    page.goto("/company/edit/")
    assert page.locator("main form[enctype]").count() == 0  # the changes wait: no second edit
    assert_accessible(axe, page)

    english = _context(browser, live_server, owner, language="en").new_page()
    for path in ("/company/", "/company/edit/"):
        english.goto(path)
        assert english.locator("html").get_attribute("lang") == "en"
        assert_accessible(axe, english)

    # Residents still see the approved name.
    visitor = _context(browser, live_server).new_page()
    visitor.goto(f"/partners/{company.slug}/")
    assert visitor.locator("h1").inner_text() == OLD_NAME

    # Staff compare and accept.
    admin = _context(browser, live_server, staff).new_page()
    admin.goto(f"/admin/partnerships/companyrevision/{revision.pk}/change/")
    assert admin.get_by_text(NEW_NAME).count() >= 1
    assert_accessible(axe, admin)
    admin.get_by_role("link", name="Zaakceptuj zmiany", exact=True).click()
    admin.locator("#decision-form [type=submit]").click()
    admin.wait_for_url(re.compile(rf".*/companyrevision/{revision.pk}/change/"))

    visitor.goto(f"/partners/{company.slug}/")
    assert visitor.locator("h1").inner_text() == NEW_NAME
    assert visitor.locator("img.partner-detail-logo").count() == 1
    page.goto("/company/")
    assert_accessible(axe, page)
