"""What ReviewAdmin gives a model of another app without extra work: an export with reference numbers, a history
page even without simple-history, reason templates for its own actions, a waiting list that mixes dates, and review
records that go when their object is deleted."""

from datetime import date, timedelta

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from partnerships.models import Company
from partnerships.review import waiting
from partnerships.review.admin import ReviewAdmin, staff_action_choices
from partnerships.review.models import ReasonTemplate, ReviewEvent, StaffNote
from tests.cooperation.factories import ApplicationFactory
from tests.factories import CompanyFactory


def test_a_review_admin_without_a_resource_still_exports_reference_numbers(rf: RequestFactory, staff):
    class BareCompanyAdmin(ReviewAdmin):
        pass

    company = CompanyFactory(status=Company.Status.PENDING)
    model_admin = BareCompanyAdmin(Company, admin.AdminSite())
    request = rf.get("/")
    request.user = staff

    (resource_class,) = model_admin.get_export_resource_classes(request)
    with translation.override("en"):
        dataset = resource_class().export(queryset=Company.objects.all())

    assert dataset.headers[0] == "reference"
    assert dataset.dict[0]["reference"] == company.reference()
    assert dataset.dict[0]["name"] == company.name
    assert dataset.dict[0]["status"] == "Waiting for verification"


def test_a_review_admin_on_a_model_without_simple_history_shows_djangos_history(rf, superuser):
    template = ReasonTemplate.objects.create(title="Tytuł", text="Tekst")
    model_admin = ReviewAdmin(ReasonTemplate, admin.site)
    request = rf.get("/")
    request.user = superuser

    response = model_admin.history_view(request, str(template.pk))

    assert response.status_code == 200
    assert response.template_name == [
        "admin/partnerships/reasontemplate/object_history.html",
        "admin/partnerships/object_history.html",
        "admin/object_history.html",
    ]


def test_reason_templates_are_written_for_the_staff_actions_of_registered_models():
    actions = [value for value, _label in staff_action_choices()]

    assert actions[0] == ""
    assert {"verify", "reject"} <= set(actions)
    assert "resubmit" not in actions


def test_the_reason_template_form_refuses_an_unknown_action(client_for, staff):
    response = client_for(staff).post(
        reverse("admin:partnerships_reasontemplate_add"), {"title": "T", "text": "Tekst", "action": "no-such-action"}
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["action"]
    assert not ReasonTemplate.objects.exists()


def test_the_waiting_list_orders_dates_and_date_times_together(staff):
    older = CompanyFactory(status=Company.Status.PENDING, submitted_at=timezone.now() - timedelta(days=3))
    newer = CompanyFactory(status=Company.Status.PENDING, submitted_at=timezone.now())
    undated = CompanyFactory(status=Company.Status.PENDING, submitted_at=None)
    items = [
        waiting.WaitingItem(newer.submitted_at, Company, newer),
        waiting.WaitingItem(None, Company, undated),
        waiting.WaitingItem(date.today() - timedelta(days=1), Company, older),
        waiting.WaitingItem(older.submitted_at, Company, older),
    ]

    items.sort(key=waiting._oldest_first)

    assert [item.since for item in items] == [
        older.submitted_at,
        date.today() - timedelta(days=1),
        newer.submitted_at,
        None,
    ]


def test_a_subclass_with_inlines_of_its_own_keeps_the_internal_notes(rf, staff):
    from partnerships.admin import MembershipInline
    from partnerships.review.admin import StaffNoteInline

    class WithInlines(ReviewAdmin):
        inlines = [MembershipInline]

    request = rf.get("/")
    request.user = staff

    assert WithInlines(Company, admin.AdminSite()).get_inlines(request, None) == [MembershipInline, StaffNoteInline]


def _review_records(obj, staff):
    content_type = ContentType.objects.get_for_model(obj)
    ReviewEvent.objects.create(
        content_type=content_type,
        object_id=obj.pk,
        action="verify",
        from_status="pending",
        to_status="verified",
        by=staff,
    )
    StaffNote.objects.create(content_type=content_type, object_id=obj.pk, author=staff, text=f"O firmie {obj}")


def test_deleting_a_company_in_the_admin_deletes_its_review_records_and_those_of_its_things(
    client_for, superuser, staff
):
    company, other = CompanyFactory(), CompanyFactory()
    for obj in (company, ApplicationFactory(company=company), other):
        _review_records(obj, staff)
    response = client_for(superuser).post(
        reverse("admin:partnerships_company_delete", args=[company.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert list(ReviewEvent.objects.values_list("object_id", flat=True)) == [other.pk]
    assert list(StaffNote.objects.values_list("text", flat=True)) == [f"O firmie {other}"]


def test_deleting_companies_by_the_admin_action_deletes_their_review_records(client_for, superuser, staff):
    company = CompanyFactory()
    _review_records(company, staff)
    response = client_for(superuser).post(
        reverse("admin:partnerships_company_changelist"),
        {"action": "delete_selected", "_selected_action": [company.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert not ReviewEvent.objects.exists()
