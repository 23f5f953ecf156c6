"""Staff sign in to the admin through the site's login, open what waits for them and verify a company with a reason
template; axe checks the admin pages this project templates (the waiting page and the decision page), in Polish and
in English."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from partnerships.models import Company
from partnerships.review.models import ReasonTemplate, ReviewEvent
from tests.browser.conftest import PASSWORD, assert_accessible
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)



@pytest.fixture
def waiting_company():
    company = CompanyFactory(
        name="Słoneczny Dach sp. z o.o.",
        status=Company.Status.PENDING,
        submitted_at=timezone.now() - timedelta(days=3),
    )
    MembershipFactory(company=company, role="owner", user__email="wlasciciel@example.com")
    return company


def _sign_in(page, base_url, email):
    page.goto(f"{base_url}/admin/")
    page.fill("#id_login", email)
    page.fill("#id_password", PASSWORD)
    page.locator("form", has=page.locator("#id_password")).locator("[type=submit]").click()
    page.wait_for_url(f"{base_url}/admin/")


def test_staff_verify_a_waiting_company_with_a_reason_template(live_server, page, axe, waiting_company):
    staff = StaffFactory(email="urzednik@example.com")
    ReasonTemplate.objects.create(title="Dane kompletne", text="Dane firmy są kompletne i poprawne.", action="verify")

    _sign_in(page, live_server.url, staff.email)
    assert_accessible(axe, page)  # the index, with the waiting counts
    page.get_by_role("link", name="Zobacz wszystko, co czeka, od najstarszych").click()
    expect(page.locator("#waiting-list")).to_contain_text("Słoneczny Dach sp. z o.o.")
    assert_accessible(axe, page)

    page.get_by_role("link", name="Słoneczny Dach sp. z o.o.").click()
    expect(page.locator(".review-panel")).to_contain_text("Czeka na weryfikację")
    assert_accessible(axe, page)  # the change page with the review panel and the internal notes
    page.get_by_role("link", name="Zweryfikuj", exact=True).click()
    expect(page.locator("#decision-form")).to_be_visible()
    assert_accessible(axe, page)

    page.select_option("#id_reason_template", label="Dane kompletne")
    expect(page.locator("#id_reason")).to_have_value("Dane firmy są kompletne i poprawne.")
    page.locator("#decision-form [type=submit]").click()

    expect(page.locator(".messagelist")).to_contain_text("Zweryfikuj")
    waiting_company.refresh_from_db()
    assert waiting_company.status == Company.Status.VERIFIED
    assert waiting_company.decision_reason == "Dane firmy są kompletne i poprawne."
    assert ReviewEvent.objects.get().by == staff


def test_the_waiting_and_decision_pages_are_accessible_in_english(live_server, page, axe, waiting_company):
    staff = StaffFactory(email="staff-en@example.com")
    ReasonTemplate.objects.create(title="Missing documents", text="Please complete the registration data.")
    _sign_in(page, live_server.url, staff.email)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])

    page.goto(f"{live_server.url}/admin/waiting/")
    expect(page.locator("h1")).to_have_text("Waiting for staff")
    assert_accessible(axe, page)

    page.goto(f"{live_server.url}/admin/partnerships/company/{waiting_company.pk}/change/")
    expect(page.locator(".review-panel")).to_contain_text("Waiting for verification")
    assert_accessible(axe, page)

    page.goto(f"{live_server.url}/admin/partnerships/company/{waiting_company.pk}/decide/reject/")
    page.locator("#decision-form [type=submit]").click()
    expect(page.locator("#id_reason_error")).to_be_visible()
    assert_accessible(axe, page)
    waiting_company.refresh_from_db()
    assert waiting_company.status == Company.Status.PENDING

    # The bulk decision page asks for the same reason.
    page.goto(f"{live_server.url}/admin/partnerships/company/")
    page.locator("#action-toggle").check()
    page.select_option("select[name=action]", "decide_verify")
    page.locator("button[name=index]").click()
    expect(page.locator("#decision-form")).to_be_visible()
    assert_accessible(axe, page)
    page.locator("#decision-form [type=submit]").click()
    expect(page.locator(".messagelist")).to_contain_text("done for 1")
    waiting_company.refresh_from_db()
    assert waiting_company.status == Company.Status.VERIFIED


def test_the_change_pages_with_editable_rows_name_every_input(live_server, page, axe):
    """Tabular inlines label their inputs only by the column heading; each input carries its field's name."""
    from tests.initiatives.factories import InitiativeFactory, ParticipationFactory

    initiative = InitiativeFactory(title="Sadzimy drzewa w Czyżynach", capacity=30)
    ParticipationFactory(initiative=initiative, participants=4)
    staff = StaffFactory(email="urzednik@example.com", is_superuser=True)

    _sign_in(page, live_server.url, staff.email)
    page.goto(f"{live_server.url}/admin/initiatives/initiative/{initiative.pk}/change/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(axe, page)
    page.goto(f"{live_server.url}/admin/partnerships/company/{initiative.participations.get().company.pk}/change/")
    assert_accessible(axe, page)
