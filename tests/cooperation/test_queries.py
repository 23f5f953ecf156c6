"""List pages cost the same number of queries whatever the number of rows they show."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Company
from partnerships.review.models import ReviewEvent
from tests.cooperation.factories import ApplicationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("rendered_pages")]


def make_forms(n, prefix):
    return CooperationForm.objects.bulk_create(
        CooperationForm(slug=f"{prefix}-{i}", kind="communication", title_pl=f"Forma {prefix} {i}", summary_pl="Opis")
        for i in range(n)
    )


def make_companies(n, prefix):
    return Company.objects.bulk_create(
        Company(
            name=f"Firma {prefix} {i}",
            slug=f"firma-{prefix}-{i}",
            nip=f"{prefix}{i:06d}"[:10].rjust(10, "7"),
            sector="technology",
            size="small",
            street="ul. Długa 1",
            postal_code="31-001",
            district="01",
            status="verified",
        )
        for i in range(n)
    )


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_catalogue_costs_the_same_for_5_and_200_forms_and_applications(client, company):
    # 1 query: the active forms (the session is not touched for an anonymous visitor).
    def grow(n, prefix):
        forms = make_forms(n, prefix)
        Application.objects.bulk_create(Application(company=company, form=form, status="approved") for form in forms)

    grow(5, "a")
    small = count_queries(client, "/cooperation/")
    grow(195, "b")
    assert count_queries(client, "/cooperation/") == small


def test_a_forms_page_costs_the_same_for_5_and_200_partners(client, pact):
    # 2 queries: the form, the verified companies with an approved application for it.
    def grow(n, prefix):
        companies = make_companies(n, prefix)
        Application.objects.bulk_create(Application(company=c, form=pact, status="approved") for c in companies)

    grow(5, "11")
    small = count_queries(client, pact.get_absolute_url())
    html = client.get(pact.get_absolute_url()).content.decode()
    assert html.count("<li><a href=\"/partners/") == 5
    assert "More partners take part" not in html
    grow(195, "22")
    # The first 60 by name, and a sentence sending the visitor to the partner list for the others.
    html = client.get(pact.get_absolute_url()).content.decode()
    assert html.count("<li><a href=\"/partners/") == 60
    assert "Więcej partnerów bierze udział" in html
    assert count_queries(client, pact.get_absolute_url()) == small


def test_the_company_dashboard_costs_the_same_for_5_and_200_applications(client_for, owner, company, staff):
    # session, user, membership, company (the dashboard view), then the panel: the applications with their forms,
    # and all their review events (with who and which model) in one query.
    content_type = ContentType.objects.get_for_model(Application)

    def grow(n, prefix):
        forms = make_forms(n, prefix)
        applications = Application.objects.bulk_create(
            Application(company=company, form=form, status="changes_requested", decision_reason="Popraw")
            for form in forms
        )
        ReviewEvent.objects.bulk_create(
            ReviewEvent(
                content_type=content_type,
                object_id=a.pk,
                action="request_changes",
                from_status="submitted",
                to_status="changes_requested",
                by=staff,
                by_staff=True,
                reason="Popraw",
            )
            for a in applications
        )

    client = client_for(owner)
    grow(5, "a")
    client.get("/company/")  # per-process caches (content types) are filled once, whichever test runs first
    small = count_queries(client, "/company/")
    grow(195, "b")
    assert client.get("/company/").content.decode().count('class="card mb-3"') == 200
    assert count_queries(client, "/company/") == small


def test_the_admin_list_costs_the_same_for_5_and_200_applications(client_for, staff, company):
    # session, user, two for permissions, the filter choices (forms, assignees, companies with applications
    # waiting), one count, and one page of applications joined with company, form and assignee.
    def grow(n, prefix):
        forms = make_forms(n, prefix)
        Application.objects.bulk_create(Application(company=company, form=form, status="submitted") for form in forms)

    client = client_for(staff)
    client.get("/admin/partnerships/application/")  # the session is saved on the first visit (then once a minute)
    grow(5, "a")
    small = count_queries(client, "/admin/partnerships/application/")
    grow(195, "b")
    assert count_queries(client, "/admin/partnerships/application/") == small


def test_the_waiting_page_costs_the_same_whatever_the_number_of_applications(client, staff):
    client.force_login(staff)
    for _ in range(2):
        ApplicationFactory(status=Application.Status.SUBMITTED)
    client.get(reverse("admin:waiting"))  # warm the session and content-type caches
    few = count_queries(client, reverse("admin:waiting"))
    for _ in range(5):
        ApplicationFactory(status=Application.Status.SUBMITTED)

    # Session, user, permissions, then one query per registered model (applications joined with the form whose
    # title names them): none per row.
    assert count_queries(client, reverse("admin:waiting")) == few
