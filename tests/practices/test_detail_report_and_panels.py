"""The detail page, residents' problem reports, the dashboard panel, the home page tag and the demo data."""

import io

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from partnerships.models import Company
from partnerships.review import waiting
from practices import demo
from practices.models import GoodPractice, PracticePhoto, PracticeStatus, ProblemReport
from tests.factories import CompanyFactory
from tests.practices.factories import PhotoFactory, PracticeFactory, PublishedPracticeFactory

pytestmark = pytest.mark.django_db


def test_the_detail_shows_photos_impact_company_link_related_and_share_metadata(client, published):
    PhotoFactory(practice=published, alt_text="Rowery przed biurem", caption="Wiata z 2023 r.")
    published.trees_planted = 12
    published.save()
    related = PublishedPracticeFactory(category=published.category, title="Podobna praktyka")
    client.cookies["django_language"] = "en"
    html = client.get(published.get_absolute_url()).content.decode()
    company_url = published.company.get_absolute_url()
    expected = ['alt="Rowery przed biurem"', "Wiata z 2023 r.", "12 trees planted", company_url, related.title]
    expected += ['property="og:title"', 'property="og:image"', 'content="Rowery przed biurem"']
    for text in expected:
        assert text in html


def test_a_member_sees_a_preview_banner_and_the_submit_button(client_for, owner, draft):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    html = client.get(draft.get_absolute_url()).content.decode()
    assert "Preview: this practice is not public" in html
    assert f"/practices/edit/{draft.pk}/submit/" in html


def test_a_resident_reports_a_problem_and_it_waits_for_staff(client, published):
    response = client.post(f"{published.get_absolute_url()}report/", {"message": "Link nie działa.", "email": ""})
    assert response.status_code == 302
    report = ProblemReport.objects.get()
    source = next(source for source in waiting.sources() if source.model is ProblemReport)
    assert list(source.waiting()) == [report] and source.since_field == "created_at"


def test_a_report_filled_in_by_a_bot_is_dropped(client, published):
    client.post(f"{published.get_absolute_url()}report/", {"message": "spam", "website": "http://spam.example"})
    assert not ProblemReport.objects.exists()


def test_an_empty_report_is_refused_with_a_message(client, published):
    response = client.post(f"{published.get_absolute_url()}report/", {"message": ""})
    assert response.status_code == 400
    assert response.context["report_form"].errors["message"]
    assert not ProblemReport.objects.exists()


def test_reports_are_limited_to_five_an_hour_from_one_address(client, published):
    for i in range(7):
        client.post(f"{published.get_absolute_url()}report/", {"message": f"Uwaga {i}"})
    assert ProblemReport.objects.count() == 5


def test_a_resolved_report_no_longer_waits(client_for, staff, published):
    report = ProblemReport.objects.create(practice=published, message="Błąd")
    client_for(staff).post(
        "/admin/practices/problemreport/",
        {"action": "mark_resolved", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.resolved_at is not None
    assert not ProblemReport.objects.unresolved().exists()


def test_reports_only_reach_published_practices(client, draft):
    response = client.post(f"{draft.get_absolute_url()}report/", {"message": "x"})
    assert response.status_code == 404


def _panel(company):
    return Template("{% load practice_tags %}{% company_practices company %}").render(Context({"company": company}))


def test_the_dashboard_panel_lists_the_companys_practices_with_status_and_reason(staff, submitted, company):
    submitted.transition("request_changes", by=staff, reason="Dodaj wyniki w liczbach.")
    PracticeFactory(company=CompanyFactory(), title="Cudza praktyka")
    html = _panel(company)
    assert submitted.title in html and "Dodaj wyniki w liczbach." in html
    assert "Cudza praktyka" not in html


def test_the_dashboard_panel_makes_the_same_queries_for_few_and_many_practices(company):
    # the practices, their open edits
    PracticeFactory.create_batch(2, company=company)
    with CaptureQueriesContext(connection) as small:
        _panel(Company.objects.get(pk=company.pk))  # a fresh object each time, as for each request
    PracticeFactory.create_batch(30, company=company)
    with CaptureQueriesContext(connection) as large:
        _panel(Company.objects.get(pk=company.pk))
    assert len(small) == len(large) == 2  # the company, then its practices with their open edits (practices_of)


def test_the_dashboard_shows_the_practices_panel(client_for, owner, published):
    html = client_for(owner).get("/company/").content.decode()
    assert published.title in html


def test_featured_practices_for_the_home_page_are_published_and_featured_only():
    shown = PublishedPracticeFactory(featured=True, title="Wyróżniona")
    PublishedPracticeFactory(featured=False, title="Zwykła")
    PracticeFactory(featured=True, status=PracticeStatus.SUBMITTED, title="Niepublikowana")
    html = Template("{% load practice_tags %}{% featured_practices %}").render(Context({}))
    assert shown.title in html and "Zwykła" not in html and "Niepublikowana" not in html


def test_the_demo_data_publishes_practices_with_photos_and_is_idempotent():
    for name in ("Columbus Energy", "Cisco"):
        CompanyFactory(name=name)
    demo.seed(io.StringIO())
    demo.seed(io.StringIO())
    practices = GoodPractice.objects.published()
    assert practices.count() == 2  # one each for the two companies present; the others are skipped
    assert PracticePhoto.objects.count() == 2
    assert all(photo.alt_text and photo.thumbnail for photo in PracticePhoto.objects.all())


def test_the_home_page_shows_the_featured_practices(client):
    PublishedPracticeFactory(featured=True, title="Panele na dachu biurowca")
    PublishedPracticeFactory(featured=False, title="Zwykła praktyka")

    page = client.get("/").content.decode()

    assert "Panele na dachu biurowca" in page
    assert "Zwykła praktyka" not in page
