"""A practice's journey in a real browser: a company writes it with a photo, staff publish it, a resident finds it.

Also: axe finds no WCAG 2.1 A/AA violation on the list, the detail and the form, in Polish and in English; and a
markup payload in every text field stays inert.
"""

import io
import re

import pytest
from pypdf import PdfReader

from practices.models import GoodPractice, PracticeStatus
from tests.browser.conftest import assert_accessible, signed_in, use_language
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, png_bytes
from tests.practices.factories import PhotoFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Łąka kwietna zamiast trawnika przy hali"


def _signed_in_context(browser, live_server, user, language="pl"):
    return signed_in(_anonymous_context(browser, live_server, language), live_server.url, user)


def _anonymous_context(browser, live_server, language="pl"):
    context = browser.new_context(base_url=live_server.url)
    return use_language(context, live_server.url, language) if language != "pl" else context


def _fill_practice_form(page, photo_path):
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "Zamiast koszonego trawnika rośnie łąka, która zatrzymuje wodę.")
    page.fill("#id_body", "Wysialiśmy **rodzime gatunki** na 800 m².")
    page.select_option("#id_category", "greenery")
    page.fill("#id_year_started", "2024")
    page.select_option("#id_district", "14")
    page.fill("#id_trees_planted", "12")
    page.fill("#id_co2_tonnes_per_year", "3.5")
    page.set_input_files("#id_photos-0-image", str(photo_path))
    page.fill("#id_photos-0-alt_text", "Kwitnące maki i chabry na łące przy hali")
    page.check("#id_consent")


def test_a_practice_goes_from_the_company_through_staff_to_residents(browser, live_server, axe, tmp_path):
    company = CompanyFactory(name="Hala Zielona sp. z o.o.")
    owner = MembershipFactory(company=company, role="owner").user
    staff = StaffFactory(moderator=False, is_superuser=True)
    photo_path = tmp_path / "laka.png"
    photo_path.write_bytes(png_bytes(size=(800, 600), colour=(200, 60, 60)))

    # The company writes the practice with a photo and submits it.
    page = _signed_in_context(browser, live_server, owner).new_page()
    page.goto("/practices/new/")
    assert_accessible(axe, page)
    _fill_practice_form(page, photo_path)
    page.click("form[enctype] button[type=submit]")
    practice = GoodPractice.objects.get()
    assert practice.photos.count() == 1
    page.goto(practice.get_absolute_url())
    page.click(f"form[action$='/practices/edit/{practice.pk}/submit/'] button")
    page.wait_for_load_state()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED

    # It is not public yet.
    resident = _anonymous_context(browser, live_server).new_page()
    assert resident.goto(practice.get_absolute_url()).status == 404
    resident.goto("/practices/?q=laka")
    assert TITLE not in resident.content()

    # Staff publish it on the decide page.
    admin_page = _signed_in_context(browser, live_server, staff).new_page()
    admin_page.goto(f"/admin/practices/goodpractice/{practice.pk}/decide/publish/")
    assert_accessible(axe, admin_page)
    admin_page.fill("#id_reason", "Dziękujemy, publikujemy.")
    admin_page.click("#decision-form button[type=submit]")
    admin_page.wait_for_load_state()
    assert_accessible(axe, admin_page)  # the practice's change page in the admin
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.APPROVED

    # A resident finds it by searching without Polish letters, opens it, reads the feed and the PDF.
    resident.goto("/practices/")
    assert_accessible(axe, resident)
    resident.fill("#id_q", "laka kwietna")
    resident.click("form[role=search] button[type=submit]")
    resident.get_by_role("link", name=TITLE).click()
    assert resident.locator("h1").inner_text() == TITLE
    assert resident.locator("img[alt='Kwitnące maki i chabry na łące przy hali']").count() == 1
    assert_accessible(axe, resident)
    feed = resident.request.get("/practices/feed/")
    assert TITLE in feed.text()
    pdf = resident.request.get("/practices/catalogue.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert TITLE in re.sub(r"\s+", " ", text)


def test_the_list_detail_and_form_are_accessible_in_english(browser, live_server, axe):
    practice = PublishedPracticeFactory(title="Green roof", trees_planted=3)
    PhotoFactory(practice=practice, alt_text="A roof covered with plants")
    owner = MembershipFactory(company=practice.company, role="owner").user
    page = _signed_in_context(browser, live_server, owner, language="en").new_page()
    for url in ("/practices/", practice.get_absolute_url(), "/practices/new/"):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "en"
        assert_accessible(axe, page)


def test_a_markup_payload_in_every_text_field_stays_inert_in_the_browser(browser, live_server):
    payload = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>[x](javascript:window.pwned=3)'
    practice = PublishedPracticeFactory(
        title=f"T {payload}", summary=f"S {payload}", body=f"B {payload}", place=f"P {payload}",
        what_was_done=f"W {payload}", results=f"R {payload}", challenges=f"C {payload}",
    )
    page = _anonymous_context(browser, live_server).new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url in (practice.get_absolute_url(), "/practices/"):
        page.goto(url)
        for link in page.locator("a[href^='javascript']").all():
            link.click()
        assert page.evaluate("window.pwned") is None
    assert dialogs == []
    assert page.locator("a[href^='javascript']").count() == 0
