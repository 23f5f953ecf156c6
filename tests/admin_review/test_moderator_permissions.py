"""The Moderators group has what reviewing needs, and no more."""

from django.urls import reverse

from partnerships.models import Company
from partnerships.review.models import ReasonTemplate
from tests.admin_review.conftest import change_url


def test_a_moderator_reviews_companies(client_for, pending_company, staff):
    client = client_for(staff)

    assert client.get(reverse("admin:partnerships_company_changelist")).status_code == 200
    assert client.get(change_url(pending_company)).status_code == 200
    assert client.get(reverse("admin:partnerships_company_history", args=[pending_company.pk])).status_code == 200


def test_a_moderator_neither_adds_nor_deletes_companies(client_for, pending_company, staff):
    client = client_for(staff)

    assert client.get(reverse("admin:partnerships_company_add")).status_code == 403
    response = client.post(reverse("admin:partnerships_company_delete", args=[pending_company.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert Company.objects.filter(pk=pending_company.pk).exists()


def test_a_moderator_writes_a_reason_template(client_for, staff):
    response = client_for(staff).post(
        reverse("admin:partnerships_reasontemplate_add"),
        {"title": "Nieczytelne logo", "text": "Prosimy o przesłanie logo w lepszej jakości.", "action": ""},
    )

    assert response.status_code == 302
    assert ReasonTemplate.objects.get().title == "Nieczytelne logo"


def test_a_moderator_cannot_grant_anyone_staff_rights(client_for, staff, owner):
    assert client_for(staff).get(reverse("admin:auth_group_changelist")).status_code == 403
