"""The "waiting for staff" page and the counts on the admin index."""

from datetime import timedelta

import pytest
from django.db import models
from django.urls import reverse
from django.utils import timezone

from partnerships.models import Company
from partnerships.review import waiting
from partnerships.review.models import StaffNote
from tests.factories import CompanyFactory

WAITING = reverse("admin:waiting")


def test_the_waiting_page_lists_pending_companies_oldest_first(client_for, staff):
    now = timezone.now()
    newer = CompanyFactory(name="Nowsza", status=Company.Status.PENDING, submitted_at=now - timedelta(days=1))
    older = CompanyFactory(
        name="Starsza", status=Company.Status.PENDING, submitted_at=now - timedelta(days=5), assignee=staff
    )
    CompanyFactory(name="Zweryfikowana", status=Company.Status.VERIFIED)

    response = client_for(staff).get(WAITING)

    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("Starsza") < html.index("Nowsza")
    assert "Zweryfikowana" not in html
    assert older.reference() in html and newer.reference() in html
    assert reverse("admin:partnerships_company_change", args=[older.pk]) in html
    assert str(staff) in html


def test_the_waiting_page_hides_models_the_staff_member_cannot_view(client_for, plain_staff):
    CompanyFactory(name="Oczekująca", status=Company.Status.PENDING)

    response = client_for(plain_staff).get(WAITING)

    assert response.status_code == 200
    assert "Oczekująca" not in response.content.decode()


def test_the_waiting_page_is_for_staff_only(client_for, owner):
    response = client_for(owner).get(WAITING)

    assert response.status_code == 302
    assert "/waiting/" not in response["Location"].split("?")[0]


def test_the_waiting_page_costs_one_query_per_model_whatever_the_number(client_for, staff, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff)
    for _ in range(3):
        CompanyFactory(status=Company.Status.PENDING, assignee=staff)
    client.get(WAITING)  # warm the session and content-type caches
    with CaptureQueriesContext(connection) as few:
        client.get(WAITING)
    for _ in range(30):
        CompanyFactory(status=Company.Status.PENDING, assignee=staff)
    with CaptureQueriesContext(connection) as many:
        client.get(WAITING)

    # Session, user, permissions, then one query for the waiting companies with their assignees.
    assert len(few) == len(many)


def test_the_admin_index_shows_counts_and_links_to_the_waiting_page(client_for, staff):
    for _ in range(3):
        CompanyFactory(status=Company.Status.PENDING)

    html = client_for(staff).get(reverse("admin:index")).content.decode()

    assert f'href="{WAITING}"' in html
    assert "<strong>3</strong>" in html


@pytest.fixture
def registered_note_source(monkeypatch):
    """A model without `assignee`, `company` or `submitted_at`, registered the way other apps do (with the
    reference number every registered model has)."""
    monkeypatch.setattr(StaffNote, "reference", lambda self: f"NOTE-{self.pk}", raising=False)
    waiting.register(StaffNote, waiting=lambda: StaffNote.objects.all(), since_field="created_at")
    yield
    waiting._sources[:] = [s for s in waiting._sources if s.model is not StaffNote]


def test_the_registry_copes_with_models_without_assignee_or_company(
    registered_note_source, client_for, staff, pending_company
):
    StaffNote.objects.create(subject=pending_company, author=staff, text="Zgłoszony problem")

    items = waiting.waiting_items(user=staff)
    html = client_for(staff).get(WAITING).content.decode()

    note_item = next(item for item in items if item.model is StaffNote)
    assert note_item.assignee is None and note_item.company is None
    assert note_item.reference.startswith("NOTE-")
    assert "Zgłoszony problem" in html
    assert isinstance(StaffNote._meta.get_field("created_at"), models.DateTimeField)
