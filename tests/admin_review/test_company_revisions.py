"""Staff review the changes of a verified company's profile: the waiting page lists them, the change page shows the
profile as it is beside what is proposed, every decision goes through the decide page and is e-mailed to the
company's members; moderators are told of new changes."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from partnerships.choices import Sector
from partnerships.models import Company, CompanyRevision
from tests.factories import CompanyFactory

WAITING = reverse("admin:waiting")
PROPOSED = "Urząd Miasta Krakowa – oficjalny partner"


@pytest.fixture
def revision(company, owner, colleague):
    """The owner of the verified company proposes a new name, website and sector; it waits for staff."""
    revision = CompanyRevision.objects.create(
        company=company,
        author=owner,
        data={"name": PROPOSED, "website": "https://elsewhere.example.com", "sector": "energy"},
    )
    revision.transition("submit", by=owner)
    return revision


def _change_url(revision):
    return reverse("admin:partnerships_companyrevision_change", args=[revision.pk])


def _decide_url(revision, action):
    return reverse("admin:partnerships_companyrevision_decide", args=[revision.pk, action])


def test_the_waiting_page_lists_the_changes_with_their_company_and_reference(client_for, staff, company, revision):
    html = client_for(staff).get(WAITING).content.decode()

    assert revision.reference() in html
    assert _change_url(revision) in html
    assert company.name in html


def test_changes_of_a_company_no_longer_verified_do_not_wait_for_staff(client_for, staff, company, revision):
    company.transition("reject", by=staff, reason="Weryfikacja cofnięta.")

    html = client_for(staff).get(WAITING).content.decode()

    assert revision.reference() not in html


def test_the_change_page_shows_what_changes_from_what_to_what(client_for, staff, company, revision):
    html = client_for(staff).get(_change_url(revision)).content.decode()

    assert PROPOSED in html and company.name in html
    assert "https://elsewhere.example.com" in html
    with translation.override(staff.language):  # choices by their labels, current and proposed
        assert str(Sector.ENERGY.label) in html and str(Sector.TECHNOLOGY.label) in html
    for action in ("approve", "request_changes", "reject"):
        assert _decide_url(revision, action) in html


def test_the_companys_page_links_to_the_waiting_changes(client_for, staff, company, revision):
    html = client_for(staff).get(reverse("admin:partnerships_company_change", args=[company.pk])).content.decode()
    assert _change_url(revision) in html


def test_accepting_applies_the_changes_and_emails_the_members(
    client_for, staff, company, owner, colleague, revision, django_capture_on_commit_callbacks
):
    mail.outbox.clear()  # the moderators' e-mail about the submission, queued and delivered with it
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(_decide_url(revision, "approve"), {"reason": ""})

    assert response.status_code == 302
    company.refresh_from_db()
    revision.refresh_from_db()
    assert (company.name, company.website, company.sector) == (PROPOSED, "https://elsewhere.example.com", "energy")
    assert revision.status == "approved" and revision.decided_at
    assert sorted(address for message in mail.outbox for address in message.to) == [colleague.email, owner.email]
    assert all(revision.reference() in message.subject for message in mail.outbox)
    assert all("/company/" in message.body for message in mail.outbox)


def test_rejecting_needs_a_reason_and_emails_it(
    client_for, staff, company, owner, revision, django_capture_on_commit_callbacks
):
    client = client_for(staff)
    assert client.post(_decide_url(revision, "reject"), {"reason": ""}).status_code == 200
    revision.refresh_from_db()
    assert revision.status == "submitted"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(_decide_url(revision, "reject"), {"reason": "To nie jest urząd miasta."})

    revision.refresh_from_db()
    company.refresh_from_db()
    assert revision.status == "rejected" and company.name == "Zielona Energia sp. z o.o."
    [message] = [m for m in mail.outbox if owner.email in m.to]
    assert "To nie jest urząd miasta." in message.body


def test_submitted_changes_are_announced_to_the_moderators(
    client_for, company, owner, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(
            "/company/edit/",
            {
                "name": PROPOSED, "nip": company.nip, "sector": company.sector, "size": company.size,
                "street": company.street, "postal_code": company.postal_code, "city": company.city,
                "district": company.district, "description": company.description,
            },
        )

    revision = CompanyRevision.objects.get()
    [message] = [m for m in mail.outbox if staff.email in m.to]
    assert revision.reference() in message.subject
    assert _change_url(revision) in message.body and WAITING in message.body


def test_staff_outside_moderators_neither_see_nor_decide_the_changes(client_for, plain_staff, revision):
    client = client_for(plain_staff)

    assert client.get(_change_url(revision)).status_code == 403
    assert client.post(_decide_url(revision, "approve"), {"reason": ""}).status_code == 403
    assert revision.reference() not in client.get(WAITING).content.decode()
    revision.refresh_from_db()
    assert revision.status == "submitted"


def test_moderators_cannot_make_up_changes(client_for, staff):
    assert client_for(staff).get(reverse("admin:partnerships_companyrevision_add")).status_code == 403


def test_the_list_finds_changes_by_company_name(client_for, staff, revision):
    other = CompanyRevision.objects.create(company=CompanyFactory(name="Inna Firma"), data={"name": "X"})
    response = client_for(staff).get(reverse("admin:partnerships_companyrevision_changelist"), {"q": "Zielona"})
    assert [row.pk for row in response.context["cl"].result_list] == [revision.pk]
    assert other.pk != revision.pk


def test_the_waiting_page_still_costs_one_query_per_model(client_for, staff, owner):
    client = client_for(staff)

    def propose(count):
        for _ in range(count):
            company = CompanyFactory()
            CompanyRevision.objects.create(company=company, data={"name": "Nowa"}, status="submitted")

    propose(2)
    client.get(WAITING)
    with CaptureQueriesContext(connection) as few:
        client.get(WAITING)
    propose(20)
    with CaptureQueriesContext(connection) as many:
        html = client.get(WAITING).content.decode()
    assert len(few) == len(many)
    assert html.count("FIRE-") == 22
    assert Company.objects.count() == 23  # the owner's company too
