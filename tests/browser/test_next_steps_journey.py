"""Each next step on the dashboard, taken in a real browser from the "Waiting for you" list: staff send an
application back and the company makes the changes and sends it again; a draft practice is finished and sent; an
invited person answers the invitation; the owner decides a request to join; a Climate Pact signatory starts its yearly
report, finishes and sends it, and sends it again after staff ask for a change. axe checks the dashboard with items
waiting and with nothing waiting, in Polish and in English."""

import re

import pytest
from django.utils import timezone

from partnerships.climate.models import Report, current_reporting_year
from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Invitation, JoinRequest, Membership
from practices.models import GoodPractice, PracticeStatus
from tests.browser.conftest import assert_accessible, log_in, signed_in, use_language
from tests.cooperation.factories import ApplicationFactory, CooperationFormFactory
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory, UserFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db(transaction=True)

REASON = "Prosimy dopisać, ilu pracowników weźmie udział."


@pytest.fixture
def company_and_owner():
    company = CompanyFactory(name="Słoneczny Dach sp. z o.o.")
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="wlascicielka@example.com").user
    return company, owner


def _page(browser, live_server, user, language="en"):
    context = browser.new_context(base_url=live_server.url)
    use_language(context, live_server.url, language)
    return signed_in(context, live_server.url, user).new_page()


def _step(page, name):
    """The button of the "Waiting for you" list whose label starts with `name`."""
    return page.locator("#next-steps-list").get_by_role("link", name=re.compile(rf"^{re.escape(name)}"))


def test_staff_send_an_application_back_and_the_company_sends_it_again(browser, live_server, axe, company_and_owner):
    company, owner = company_and_owner
    application = ApplicationFactory(
        company=company, form=CooperationFormFactory(title_en="Articles for the city campaign"), created_by=owner
    )
    application.transition("submit", by=owner)
    staff = StaffFactory(email="urzedniczka@example.com")

    admin = browser.new_context(base_url=live_server.url).new_page()
    log_in(admin, live_server.url, staff.email)
    admin.goto(f"/admin/partnerships/application/{application.pk}/decide/request_changes/")
    admin.fill("#id_reason", REASON)
    admin.locator("#decision-form button[type=submit]").click()
    admin.wait_for_load_state()
    application.refresh_from_db()
    assert application.status == "changes_requested"

    page = _page(browser, live_server, owner)
    page.goto("/company/")
    item = page.locator("#next-steps-list li", has_text="Articles for the city campaign")
    assert REASON in item.inner_text()
    assert_accessible(axe, page)
    _step(page, "Make the changes and send again").click()
    page.wait_for_url(re.compile(rf"/cooperation/applications/{application.pk}/edit/$"))
    page.fill("#id_details", "Trzy artykuły; weźmie udział 40 pracowników.")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(rf"/cooperation/applications/{application.pk}/$"))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED

    page.goto("/company/")
    assert "Nothing waits for you right now." in page.inner_text(".next-steps")
    assert_accessible(axe, page)


def test_a_draft_practice_is_finished_and_sent(browser, live_server, axe, company_and_owner):
    company, owner = company_and_owner
    colleague = MembershipFactory(company=company, user__email="kolega@example.com").user
    practice = PracticeFactory(company=company, author=owner, title="Panele na dachu hali")

    page = _page(browser, live_server, colleague)
    page.goto("/company/")
    _step(page, "Finish and send").click()
    page.wait_for_url(re.compile(rf"/practices/edit/{practice.pk}/$"))
    page.fill("#id_place", "Hala B, Czyżyny")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(rf"/practices/{practice.slug}/$"))
    practice.refresh_from_db()
    assert (practice.status, practice.place) == (PracticeStatus.SUBMITTED, "Hala B, Czyżyny")
    assert GoodPractice.objects.count() == 1


def test_an_invited_person_answers_the_invitation(browser, live_server, axe, company_and_owner):
    company, owner = company_and_owner
    invited = UserFactory(email="zaproszona@example.com")
    Invitation.objects.create(company=company, email=invited.email, invited_by=owner)

    page = browser.new_context(base_url=live_server.url).new_page()
    log_in(page, live_server.url, invited.email)  # signing in leads to the dashboard
    page.wait_for_url(re.compile(r"/company/$"))
    assert_accessible(axe, page)
    _step(page, "Odpowiedz na zaproszenie").click()
    page.wait_for_url(re.compile(r"/company/invitations/[^/]+/$"))
    page.get_by_role("button", name="Przyjmij zaproszenie").click()
    page.wait_for_url(re.compile(r"/company/$"))
    assert Membership.objects.get(user=invited).company == company
    assert page.locator("h1").inner_text() == company.name


def test_the_owner_decides_a_request_to_join(browser, live_server, axe, company_and_owner):
    company, owner = company_and_owner
    asking = UserFactory(email="pyta@example.com")
    join_request = JoinRequest.objects.create(company=company, user=asking, message="Pracuję w dziale zakupów.")

    for language in ("pl", "en"):
        page = _page(browser, live_server, owner, language)
        page.goto("/company/")
        assert_accessible(axe, page)
    _step(page, "Decide").click()
    page.wait_for_url(re.compile(rf"/company/#join-request-{join_request.pk}$"))
    assert page.locator(f"#join-request-{join_request.pk}").is_visible()
    page.get_by_role("button", name=f"Accept {asking.email}").click()
    page.wait_for_url(re.compile(r"/company/members/$"))
    join_request.refresh_from_db()
    assert join_request.status == JoinRequest.Status.ACCEPTED
    page.goto("/company/")
    assert "Nothing waits for you right now." in page.inner_text(".next-steps")



def test_a_signatory_starts_finishes_and_resends_its_yearly_report_from_the_waiting_list(
    browser, live_server, axe, company_and_owner
):
    company, owner = company_and_owner
    year = current_reporting_year()
    Application.objects.create(
        company=company,
        form=CooperationForm.objects.get(slug="pakt-dla-klimatu"),
        answers={"commitments": ["renewable_energy"], "target_year": "2040", "signatory_name": "M",
                 "signatory_role": "P"},
        status=Application.Status.APPROVED,
        decided_at=timezone.now().replace(year=year - 1),
    )
    report_item = f"Climate report on {year}"
    page = _page(browser, live_server, owner)

    # Not started: the step opens the reports page, where the owner starts it and saves a first draft.
    page.goto("/company/")
    assert "Start the report" in page.locator("#next-steps-list li", has_text=report_item).inner_text()
    assert_accessible(axe, page)
    _step(page, "Start the report").click()
    page.wait_for_url(re.compile(r"/company/climate/$"))
    page.get_by_role("button", name=f"Start the report on {year}").click()
    page.wait_for_url(re.compile(r"/company/climate/reports/\d+/edit/$"))
    page.fill("#id_electricity_quantity", "80000")
    page.select_option("#id_electricity_quality", "measured")
    page.fill("#id_employees_quantity", "20")
    page.select_option("#id_employees_quality", "measured")
    page.fill("#id_floor_area_quantity", "800")
    page.select_option("#id_floor_area_quality", "measured")
    page.select_option("#id_commitment_renewable_energy_status", "on_track")
    page.click("button[name=save]")
    page.wait_for_load_state()
    report = Report.objects.get(company=company, year=year)
    assert report.status == "draft"

    # A draft: the step opens the form, where the owner declares the data true and sends it.
    page.goto("/company/")
    _step(page, "Finish and send").click()
    page.wait_for_url(re.compile(rf"/company/climate/reports/{report.pk}/edit/$"))
    page.check("#id_declared")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(rf"/company/climate/reports/{report.pk}/$"))
    report.refresh_from_db()
    assert report.status == "submitted"
    page.goto("/company/")
    assert page.locator("#next-steps-list li", has_text=report_item).count() == 0

    # Sent back: the reason is on the dashboard and the step opens the form to make the change and send it again.
    reason = "Prosimy o korektę powierzchni: 850 m²."
    report.transition("request_changes", by=StaffFactory(email="urzedniczka@example.com"), reason=reason)
    page.goto("/company/")
    item = page.locator("#next-steps-list li", has_text=report_item)
    assert reason in item.inner_text()
    assert_accessible(axe, page)
    _step(page, "Make the changes and send again").click()
    page.wait_for_url(re.compile(rf"/company/climate/reports/{report.pk}/edit/$"))
    page.fill("#id_floor_area_quantity", "850")
    page.click("button[name=submit]")
    page.wait_for_url(re.compile(rf"/company/climate/reports/{report.pk}/$"))
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.lines.get(activity="floor_area").quantity == 850

    page.goto("/company/")
    assert "Nothing waits for you right now." in page.inner_text(".next-steps")
