"""A Climate Pact signatory files its yearly report; staff ask for a change, the company fixes it, staff verify it.
axe checks every page on the way, in Polish and in English."""

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfWriter

from partnerships.climate.models import Report, current_reporting_year
from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Membership
from tests.browser.conftest import assert_accessible, log_in, use_language
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

YEAR = current_reporting_year()


def _pdf():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


@pytest.fixture
def journey():
    company = CompanyFactory(name="Słoneczny Dach sp. z o.o.")
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="wlascicielka@example.com").user
    Application.objects.create(
        company=company,
        form=CooperationForm.objects.get(slug="pakt-dla-klimatu"),
        answers={
            "commitments": ["renewable_energy"],
            "target_year": "2040",
            "signatory_name": "M",
            "signatory_role": "P",
        },
        status="approved",
        decided_at=timezone.now(),
    )
    staff = StaffFactory(email="urzedniczka@example.com")
    return company, owner, staff


def visit(page, axe, url):
    page.goto(url)
    assert_accessible(axe, page)


def test_a_signatory_files_its_report_staff_ask_for_a_change_and_verify_it(live_server, browser, axe, journey):
    company, owner, staff = journey
    base = live_server.url
    company_page = browser.new_context().new_page()
    staff_page = browser.new_context().new_page()

    # The owner starts the report from the dashboard and saves a first, incomplete draft.
    log_in(company_page, base, owner.email)
    visit(company_page, axe, f"{base}/company/")
    company_page.click(f"#climate-report-panel form[action='/company/climate/{YEAR}/start/'] button")
    company_page.wait_for_url(re.compile(r"/company/climate/reports/\d+/edit/$"))
    assert_accessible(axe, company_page)
    report = Report.objects.get(company=company, year=YEAR)
    company_page.fill("#id_electricity_quantity", "80000")
    company_page.click("button[name=save]")
    company_page.wait_for_load_state()
    assert "Zanim wyślesz" in company_page.inner_text("#report-missing")

    # It completes the form, attaches the electricity bill and submits.
    company_page.select_option("#id_electricity_quality", "measured")
    company_page.fill("#id_renewable_kwh", "20000")
    company_page.select_option("#id_renewable_instrument", "guarantee_of_origin")
    company_page.fill("#id_employees_quantity", "20")
    company_page.select_option("#id_employees_quality", "measured")
    company_page.fill("#id_floor_area_quantity", "800")
    company_page.select_option("#id_floor_area_quality", "measured")
    company_page.select_option("#id_commitment_renewable_energy_status", "on_track")
    company_page.check("#id_declared")
    company_page.click("button[name=save]")
    company_page.wait_for_load_state()
    company_page.set_input_files(
        "#id_file", files=[{"name": "faktura.pdf", "mimeType": "application/pdf", "buffer": _pdf()}]
    )
    company_page.select_option("#id_activity", "electricity")
    company_page.click("#evidence-heading ~ form button[type=submit]")
    company_page.wait_for_load_state()
    assert "faktura.pdf" in company_page.inner_text("#evidence-heading ~ ul")
    company_page.click("button[name=submit]")
    company_page.wait_for_url(re.compile(r"/company/climate/reports/\d+/$"))
    assert_accessible(axe, company_page)
    report.refresh_from_db()
    assert report.status == "submitted"
    # 80 000 kWh × 0.597 = 47 760 kg; market: 60 000 × 0.752 = 45 120 kg
    assert "47.760" in company_page.inner_text("#report-figures") or "47,760" in company_page.inner_text(
        "#report-figures"
    )

    # Staff read the check list and ask for a change.
    log_in(staff_page, base, staff.email)
    visit(staff_page, axe, f"{base}/admin/waiting/")
    visit(staff_page, axe, f"{base}/admin/climate/report/{report.pk}/change/")
    assert staff_page.locator("#climate-checks").is_visible()
    staff_page.goto(f"{base}/admin/climate/report/{report.pk}/decide/request_changes/")
    staff_page.fill("#id_reason", "Prosimy o korektę powierzchni: 850 m².")
    staff_page.locator("#decision-form button[type=submit]").click()
    staff_page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "changes_requested"

    # The company reads the reason on its dashboard, fixes the area and submits again.
    visit(company_page, axe, f"{base}/company/")
    assert "850 m²" in company_page.inner_text("#climate-report-panel")
    company_page.click("#climate-report-panel a.btn")
    company_page.wait_for_url(re.compile(r"/edit/$"))
    company_page.fill("#id_floor_area_quantity", "850")
    company_page.click("button[name=submit]")
    company_page.wait_for_url(re.compile(r"/company/climate/reports/\d+/$"))

    # Staff verify it; the company sees it verified, frozen, with a correction offered.
    staff_page.goto(f"{base}/admin/climate/report/{report.pk}/decide/approve/")
    staff_page.locator("#decision-form button[type=submit]").click()
    staff_page.wait_for_load_state()
    report.refresh_from_db()
    assert report.status == "approved"
    assert report.lines.get(activity="floor_area").quantity == 850
    visit(company_page, axe, f"{base}{report.get_absolute_url()}")
    assert company_page.inner_text("#report-status") == "Zweryfikowany"
    assert company_page.locator(f"form[action='/company/climate/reports/{report.pk}/correct/']").count() == 1


def test_the_report_pages_are_accessible_in_english(live_server, browser, axe, journey):
    company, owner, _staff = journey
    base = live_server.url
    context = use_language(browser.new_context(), base, "en")
    page = context.new_page()
    log_in(page, base, owner.email)
    visit(page, axe, f"{base}/company/climate/")
    page.click(f"form[action='/company/climate/{YEAR}/start/'] button")
    page.wait_for_url(re.compile(r"/edit/$"))
    assert_accessible(axe, page)
    assert "Before you can submit" in page.inner_text("#report-missing")
    report = Report.objects.get(company=company)
    visit(page, axe, f"{base}{report.get_absolute_url()}")
