"""The demo reports, the dashboard panel and the personal data of climate reports."""

import io
import json

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from partnerships.climate import demo
from partnerships.climate.models import Evidence, Report
from portal import personal_data
from tests.climate.conftest import YEAR, make_report, sign_pact
from tests.factories import CompanyFactory, MembershipFactory


def test_the_demo_gives_two_verified_years_and_one_waiting_and_one_sent_back(pact):
    for nip in ("9981045448", "9981067668"):
        company = CompanyFactory(nip=nip)
        MembershipFactory(company=company, role="owner")
        sign_pact(company, pact, commitments=("renewable_energy", "greenery"))
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    assert Report.objects.count() == 6
    assert Report.objects.verified().count() == 4
    assert sorted(Report.objects.exclude(status="approved").values_list("status", flat=True)) == [
        "changes_requested",
        "submitted",
    ]
    verified = Report.objects.verified().first()
    assert verified.scope2_location_t > 0
    assert verified.factors.exists()
    assert [event.action for event in verified.review_history()] == ["submit", "approve"]


def test_the_demo_skips_quietly_without_the_signatories():
    out = io.StringIO()
    demo.seed(out)
    assert "0 created" in out.getvalue()


@pytest.mark.parametrize(
    ("status", "shows"),
    [
        (None, f"/company/climate/{YEAR}/start/"),
        ("draft", "/edit/"),
        ("changes_requested", "/edit/"),
        ("submitted", "/company/climate/reports/"),
    ],
)
def test_the_dashboard_shows_the_years_report_with_the_button_to_act(
    client_for, owner, signatory, company, status, shows
):
    if status:
        make_report(company, status=status)
    html = client_for(owner).get("/company/").content.decode()
    assert 'id="climate-report-panel"' in html
    assert shows in html


def test_the_dashboard_of_a_company_outside_the_pact_has_no_report_panel(client_for, owner):
    assert 'id="climate-report-panel"' not in client_for(owner).get("/company/").content.decode()


def test_the_dashboard_panel_costs_the_same_queries_with_one_or_many_reports(client_for, owner, signatory, company):
    client = client_for(owner)
    make_report(company, status="approved", year=YEAR - 2)
    client.get("/company/")  # fills the per-process caches (content types), which are not per page
    with CaptureQueriesContext(connection) as few:
        client.get("/company/")
    make_report(company, status="approved", year=YEAR - 1)
    make_report(company, status="submitted")
    with CaptureQueriesContext(connection) as many:
        client.get("/company/")
    assert len(many) == len(few)


def test_the_data_download_lists_the_reports_a_person_started_and_declared(owner, colleague, signatory, company):
    report = make_report(company, created_by=owner)
    report.declared_by = colleague
    report.save()
    Evidence.objects.create(
        report=report,
        file=ContentFile(b"%PDF-1.4", name="f.pdf"),
        kind="pdf",
        original_name="faktura.pdf",
        size=8,
        uploaded_by=colleague,
    )
    mine = json.loads(json.dumps(personal_data.collect(owner), default=str))["climate_reports"]
    theirs = personal_data.collect(colleague)["climate_reports"]
    assert [row["reference"] for row in mine["climate_reports"]] == [report.reference()]
    assert mine["climate_reports"][0]["started_by_you"] is True
    assert theirs["climate_evidence_you_uploaded"][0]["file_name"] == "faktura.pdf"
    assert mine["climate_evidence_you_uploaded"] == []


def test_deleting_the_last_member_deletes_the_reports_and_their_files(
    owner, signatory, company, django_capture_on_commit_callbacks
):
    report = make_report(company, created_by=owner)
    evidence = Evidence.objects.create(
        report=report, file=ContentFile(b"%PDF-1.4", name="f.pdf"), kind="pdf", original_name="f.pdf", size=8
    )
    Report.objects.filter(pk=report.pk).update(status="approved")
    storage, name = evidence.file.storage, evidence.file.name
    with django_capture_on_commit_callbacks(execute=True):
        personal_data.delete_account(owner)
    assert not Report.objects.exists()
    assert not storage.exists(name)


def test_a_person_leaving_a_company_is_forgotten_in_its_reports(owner, colleague, signatory, company):
    report = make_report(company, created_by=colleague)
    colleague_id = colleague.pk
    personal_data.delete_account(colleague)
    report.refresh_from_db()
    assert report.created_by is None
    assert report.history.exists()
    assert not report.history.filter(created_by_id=colleague_id).exists()


@pytest.mark.parametrize("reports", [1, 4])
def test_the_dashboard_panel_makes_two_queries(signatory, company, django_assert_num_queries, reports):
    for offset in range(reports):
        make_report(company, status="approved" if offset else "draft", year=YEAR - offset)
    template = Template("{% load climate_tags %}{% climate_report_panel company %}")
    # 1: the company's approved pact application with its form; 2: the open or latest report on the year.
    with django_assert_num_queries(2):
        html = template.render(Context({"company": company}))
    assert "climate-report-panel" in html


@pytest.mark.parametrize("reports", [1, 5])
def test_the_report_list_makes_five_queries_whatever_the_number_of_reports(
    client_for, owner, signatory, company, django_assert_num_queries, reports
):
    for offset in range(reports):
        make_report(company, status="approved", year=YEAR - 1 - offset)
    client = client_for(owner)
    # The session, the user with their membership and company (portal.auth_backends), the pact application, the
    # company's reports.
    with django_assert_num_queries(4):
        response = client.get("/company/climate/")
    assert response.content.decode().count("/company/climate/reports/") == reports
