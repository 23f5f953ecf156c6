"""Staff's verification: the same loop as applications, the check list, the waiting page and the factor table."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from partnerships.climate import reminders
from partnerships.climate.models import EmissionFactor, Evidence, Reminder, Report, due_on
from tests.climate.conftest import YEAR, fill, make_report, sign_pact
from tests.factories import CompanyFactory


def _change_url(report):
    return f"/admin/climate/report/{report.pk}/change/"


def test_staff_request_changes_and_the_company_reads_the_reason_in_its_language(
    client_for, submitted, staff, owner, mailoutbox
):
    owner.language = "en"
    owner.save()
    mailoutbox.clear()
    url = f"/admin/climate/report/{submitted.pk}/decide/request_changes/"
    response = client_for(staff).post(url, {"reason": "Brak faktury za gaz."})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "changes_requested"
    message = next(m for m in mailoutbox if owner.email in m.to)
    assert "Changes requested" in message.subject
    assert "Brak faktury za gaz." in message.body
    html = client_for(owner).get("/company/").content.decode()
    assert "Brak faktury za gaz." in html
    assert f"/company/climate/reports/{submitted.pk}/edit/" in html


def test_the_company_resubmits_and_staff_verify(client_for, submitted, staff, owner, mailoutbox):
    submitted.transition("request_changes", by=staff, reason="Popraw proszę.")
    client_for(owner).post(f"/company/climate/reports/{submitted.pk}/submit/")
    client_for(staff).post(f"/admin/climate/report/{submitted.pk}/decide/approve/", {"reason": ""})
    submitted.refresh_from_db()
    assert submitted.status == "approved"
    assert [event.action for event in submitted.review_history()] == ["submit", "request_changes", "submit", "approve"]
    assert "Zweryfikowany" in mailoutbox[-1].subject  # the company reads "verified", in Polish (its language)


def test_a_submitted_report_waits_on_the_staff_page(client_for, submitted, staff):
    html = client_for(staff).get("/admin/waiting/").content.decode()
    assert submitted.reference() in html


def test_the_change_page_shows_the_check_list_and_the_decisions(client_for, submitted, staff):
    html = client_for(staff).get(_change_url(submitted)).content.decode()
    assert 'id="climate-checks"' in html
    assert "/decide/approve/" in html
    assert "/decide/request_changes/" in html


def _checks(client, report):
    html = client.get(_change_url(report)).content.decode()
    start = html.index('id="climate-checks"')
    return html[start : html.index("</table>", start)]


def _row(checks, text):
    return next(row for row in checks.split("<tr") if text in row)


def test_the_check_list_flags_energy_lines_without_evidence(client_for, submitted, staff):
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    checks = _checks(client, submitted)
    assert "climate-check-false" in _row(checks, "Evidence is attached")
    # Mobility is among the commitments: diesel is given, petrol is not.
    assert "climate-check-false" in _row(checks, "Every metric")
    for activity in ("electricity", "natural_gas"):
        Evidence.objects.create(
            report=submitted,
            file=ContentFile(b"%PDF-1.4", name="f.pdf"),
            kind="pdf",
            original_name="f.pdf",
            size=8,
            activity=activity,
        )
    checks = _checks(client, submitted)
    assert "climate-check-true" in _row(checks, "Evidence is attached")


def test_the_check_list_flags_a_change_over_30_per_cent_against_last_year(client_for, signatory, company, staff):
    last = make_report(company, year=YEAR - 1, status="approved")
    Report.objects.filter(pk=last.pk).update(scope1_t=Decimal("5"))  # this year 12.612: +152 %
    report = make_report(company, status="submitted")
    checks = _checks(client_for(staff), report)
    assert "+152.2 %" in checks


def test_the_check_list_flags_an_intensity_far_from_the_other_signatories(client_for, signatory, pact, staff, company):
    for _ in range(3):
        other = CompanyFactory()
        sign_pact(other, pact)
        peer = make_report(other, status="approved")
        Report.objects.filter(pk=peer.pk).update(intensity_per_fte_t=Decimal("0.3"))
    report = make_report(company, status="submitted")  # 1.446 t per FTE: more than 3 × 0.3
    checks = _checks(client_for(staff), report)
    assert "median 0.300 (3)" in checks
    row = next(row for row in checks.split("<tr") if "median" in row)
    assert "climate-check-false" in row


def test_a_factor_in_use_cannot_change_and_the_admin_shows_it_read_only(client_for, complete_draft, staff):
    factor = EmissionFactor.objects.get(activity="natural_gas")
    factor.value = Decimal("1")
    with pytest.raises(ValidationError):
        factor.save()
    html = client_for(staff).get(f"/admin/climate/emissionfactor/{factor.pk}/change/").content.decode()
    assert 'name="value"' not in html


def test_a_factor_nobody_uses_may_be_corrected_and_a_new_one_is_a_new_version(client_for, staff):
    factor = EmissionFactor.objects.get(activity="petrol")
    factor.value = Decimal("2.1")
    factor.save()
    newer = EmissionFactor.objects.create(
        activity="petrol",
        scope="scope_1",
        unit="l",
        value=Decimal("2.2"),
        year=factor.year,
        source_name="Źródło",
        source_url="https://example.org/",
    )
    assert newer.version == factor.version + 1
    assert EmissionFactor.objects.for_year(YEAR)[("petrol", "scope_1")] == newer


# Reminders ---------------------------------------------------------------------------------------------------


def test_each_reminder_goes_once_to_signatories_that_have_not_sent_the_report(signatory, owner, colleague, mailoutbox):
    due = due_on(YEAR)
    assert reminders.send_due(due - timedelta(days=30)) == 1
    assert sorted(address for m in mailoutbox for address in m.to) == sorted([owner.email, colleague.email])
    assert reminders.send_due(due - timedelta(days=29)) == 0  # the same reminder, a day later: not again
    assert reminders.send_due(due - timedelta(days=7)) == 1
    assert reminders.send_due(due) == 0
    assert reminders.send_due(due + timedelta(days=1)) == 1
    assert reminders.send_due(due + timedelta(days=2)) == 0
    assert Reminder.objects.count() == 3
    assert len(mailoutbox) == 6


def test_no_reminder_once_the_report_is_sent(signatory, company, owner, mailoutbox):
    make_report(company, status="submitted")
    assert reminders.send_due(due_on(YEAR) - timedelta(days=7)) == 0
    assert mailoutbox == []


def test_no_reminder_outside_the_reminder_days(signatory, mailoutbox):
    assert reminders.send_due(due_on(YEAR) - timedelta(days=40)) == 0


def test_the_command_reports_how_many_it_queued(signatory, capsys, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: due_on(YEAR) - timedelta(days=7))
    call_command("send_report_reminders")
    assert "Report reminders queued: 1" in capsys.readouterr().out


def test_the_factor_list_shows_which_factors_are_in_use_in_one_query_for_the_rows(client_for, complete_draft, staff):
    client = client_for(staff)
    client.cookies["django_language"] = "en"
    html = client.get("/admin/climate/emissionfactor/").content.decode()
    assert html.count('alt="True"') == 4  # grid, residual mix, gas, diesel
    assert "KOBiZE" in html


def test_a_factor_that_came_into_use_meanwhile_keeps_its_value(client_for, staff, signatory, company):
    factor = EmissionFactor.objects.get(activity="petrol")
    client = client_for(staff)
    page = client.get(f"/admin/climate/emissionfactor/{factor.pk}/change/").content.decode()
    assert 'name="value"' in page
    fill(make_report(company, complete=False), lines={"petrol": ("10", "measured", None, "")}, commitments=())
    data = {
        "activity": "petrol",
        "scope": "scope_1",
        "unit": "l",
        "value": "9",
        "year": factor.year,
        "source_name": factor.source_name,
        "source_url": factor.source_url,
        "note": "",
    }
    # Its value fields are read-only by the time the change arrives, so the admin ignores them.
    client.post(f"/admin/climate/emissionfactor/{factor.pk}/change/", data)
    factor.refresh_from_db()
    assert factor.value == Decimal("2.084")


@pytest.mark.parametrize("reports", [1, 6])
def test_the_admin_list_of_reports_makes_the_same_queries_for_few_and_many(
    client_for, staff, signatory, company, pact, django_assert_num_queries, reports
):
    for _ in range(reports):
        other = CompanyFactory()
        sign_pact(other, pact)
        make_report(other, status="submitted")
    client = client_for(staff)
    client.get("/admin/climate/report/")  # the session is saved on the first visit (then at most once a minute)
    # Session, user, the user's and the groups' permissions, the assignee filter's staff, the year filter, the
    # company filter's companies with reports waiting, one count (of the matches: no full count) and the page of
    # reports with company and assignee.
    with django_assert_num_queries(9):
        response = client.get("/admin/climate/report/")
    assert response.content.decode().count("RKL-") >= reports
