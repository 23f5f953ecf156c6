"""The signatory's report on the current year waits for the company in the dashboard's "Waiting for you" list while
its next step lies with the company: not started, a draft, or sent back with staff's reason."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.climate.models import Report
from tests.climate.conftest import YEAR, make_report
from tests.companies.test_next_steps import _buttons, _waiting


def test_a_report_not_started_waits_with_a_button_to_start_it(client_for, owner, signatory):
    assert ("Rozpocznij raport", reverse("climate:list")) in _buttons(_waiting(client_for(owner)))


def test_a_draft_waits_to_be_finished(client_for, colleague, signatory, company):
    report = make_report(company, year=YEAR, status="draft")
    buttons = _buttons(_waiting(client_for(colleague)))
    assert ("Dokończ i wyślij", reverse("climate:edit", args=[report.pk])) in buttons


def test_a_report_sent_back_waits_with_the_staffs_reason(client_for, owner, signatory, company):
    report = make_report(company, year=YEAR, status="changes_requested")
    Report.objects.filter(pk=report.pk).update(decision_reason="Brak faktury za gaz.")
    section = _waiting(client_for(owner))
    assert ("Wprowadź zmiany i wyślij ponownie", reverse("climate:edit", args=[report.pk])) in _buttons(section)
    assert "Brak faktury za gaz." in section


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_report_with_staff_does_not_wait_for_the_company(client_for, owner, signatory, company, status):
    make_report(company, year=YEAR, status=status)
    assert not [href for _, href in _buttons(_waiting(client_for(owner))) if "/company/climate/" in href]


def test_a_company_that_has_not_signed_has_no_report_waiting(client_for, owner):
    assert not [href for _, href in _buttons(_waiting(client_for(owner))) if "/company/climate/" in href]


def test_the_waiting_report_costs_the_dashboard_no_query_of_its_own(client_for, owner, signatory, company):
    client = client_for(owner)
    client.get("/company/")  # fills the per-process caches (content types)
    make_report(company, year=YEAR, status="draft")
    with CaptureQueriesContext(connection) as queries:
        client.get("/company/")
    reports = [q["sql"] for q in queries.captured_queries if 'FROM "climate_report"' in q["sql"]]
    assert len(reports) == 1  # the panel and the waiting list share it
