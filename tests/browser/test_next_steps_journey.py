"""Each next step on the dashboard, taken in a real browser from the "Waiting for you" list: staff send an
application back and the company makes the changes and sends it again; a draft practice is finished and sent; an
invited person answers the invitation; the owner decides a request to join. axe checks the dashboard with items
waiting and with nothing waiting, in Polish and in English."""

import re

import pytest

from partnerships.cooperation.models import Application
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
