"""A verified company applies to the Climate Pact; staff ask for changes, the company resubmits, staff approve."""

import re

import pytest
from django.core import mail

from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Membership
from tests.browser.conftest import assert_accessible, log_in
from tests.factories import CompanyFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True)

@pytest.fixture
def journey():
    pact = CooperationForm.objects.get(slug="pakt-dla-klimatu")
    company = CompanyFactory(name="Słoneczny Dach sp. z o.o.")
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER, user__email="wlascicielka@example.com").user
    staff = StaffFactory(email="urzedniczka@example.com")
    return pact, company, owner, staff


def visit(page, axe, url):
    page.goto(url)
    assert_accessible(axe, page)


def decide(page, base, application, action, reason, axe):
    page.goto(f"{base}/admin/partnerships/application/{application.pk}/decide/{action}/")
    assert_accessible(axe, page)
    page.fill("#id_reason", reason)
    page.locator("#decision-form button[type=submit]").click()
    page.wait_for_load_state()
    assert_accessible(axe, page)  # the application's change page in the admin


def test_a_company_applies_staff_ask_for_changes_the_company_resubmits_and_staff_approve(
    live_server, browser, axe, journey
):
    pact, company, owner, staff = journey
    base = live_server.url
    company_page = browser.new_context().new_page()
    staff_page = browser.new_context().new_page()

    # The company's owner finds the Climate Pact and applies.
    log_in(company_page, base, owner.email)
    visit(company_page, axe, f"{base}/cooperation/")
    visit(company_page, axe, f"{base}{pact.get_absolute_url()}")
    visit(company_page, axe, f"{base}{pact.get_apply_url()}")
    company_page.check("input[name=commitments][value=renewable_energy]")
    company_page.check("input[name=commitments][value=mobility]")
    company_page.fill("#id_target_year", "2055")
    company_page.fill("#id_signatory_name", "Maria Zielińska")
    company_page.fill("#id_signatory_role", "Prezeska zarządu")
    company_page.click("button[name=submit]")
    company_page.wait_for_url(re.compile(r"/cooperation/applications/\d+/$"))
    assert_accessible(axe, company_page)
    application = Application.objects.get(company=company, form=pact)
    assert application.status == "submitted"

    # Staff ask for changes, with a reason.
    log_in(staff_page, base, staff.email)
    decide(staff_page, base, application, "request_changes", "Prosimy o bliższy rok neutralności klimatycznej.", axe)
    application.refresh_from_db()
    assert application.status == "changes_requested"

    # The company reads the reason on its dashboard and on the application, edits and resubmits.
    visit(company_page, axe, f"{base}/company/")
    panel = company_page.inner_text(f"#application-{application.pk}")
    assert "Prosimy o bliższy rok neutralności klimatycznej." in panel
    visit(company_page, axe, f"{base}{application.get_absolute_url()}")
    assert "Prosimy o bliższy rok" in company_page.inner_text("#application-reason")
    company_page.click(f"a[href='/cooperation/applications/{application.pk}/edit/']")
    company_page.wait_for_url(re.compile(r"/edit/$"))
    assert_accessible(axe, company_page)
    company_page.fill("#id_target_year", "2040")
    company_page.click("button[name=submit]")
    company_page.wait_for_url(re.compile(r"/cooperation/applications/\d+/$"))
    application.refresh_from_db()
    assert (application.status, application.answers["target_year"]) == ("submitted", 2040)

    # Staff approve.
    decide(staff_page, base, application, "approve", "", axe)
    application.refresh_from_db()
    assert application.status == "approved"

    # The company sees it approved (in English too) and is listed among the pact's partners.
    company_page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    visit(company_page, axe, f"{base}/company/")
    assert "Approved" in company_page.inner_text(f"#application-{application.pk}")
    visit(company_page, axe, f"{base}{application.get_absolute_url()}")
    assert company_page.inner_text("#application-status") == "Approved"
    visit(company_page, axe, f"{base}{pact.get_absolute_url()}")
    assert "Słoneczny Dach sp. z o.o." in company_page.inner_text(".cooperation-partners")
    visit(company_page, axe, f"{base}/cooperation/")
    visit(company_page, axe, f"{base}{pact.get_apply_url()}")
    assert "already has an active application" in company_page.inner_text("#apply-obstacle")
    visit(company_page, axe, f"{base}/cooperation/kampanie-rowerowe/apply/")
    assert company_page.is_visible("#id_coordinator_name")

    # Two decisions went to the owner, two new submissions to the moderators.
    assert sorted((m.to[0], "decision" if "/company/#application-" in m.body else "new") for m in mail.outbox) == [
        ("urzedniczka@example.com", "new"),
        ("urzedniczka@example.com", "new"),
        ("wlascicielka@example.com", "decision"),
        ("wlascicielka@example.com", "decision"),
    ]
