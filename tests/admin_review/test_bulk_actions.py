"""Changelist actions: one per staff rule, with the same reason form, applied where each object allows it."""

from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from partnerships.models import Company
from partnerships.review.models import ReviewEvent
from tests.admin_review.conftest import make_companies

CHANGELIST = reverse("admin:partnerships_company_changelist")


def _post_action(client, action, companies, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [str(c.pk) for c in companies], **extra}
    return client.post(CHANGELIST, data, follow="apply" in extra)


def test_the_changelist_offers_one_action_per_staff_decision(client_for, staff):
    actions = client_for(staff).get(CHANGELIST).context["action_form"].fields["action"].choices
    names = [name for name, _label in actions]

    assert "decide_verify" in names and "decide_reject" in names
    assert "decide_resubmit" not in names


def test_a_bulk_action_first_asks_for_the_reason(client_for, staff, reason_template):
    companies = make_companies(2)

    response = _post_action(client_for(staff), "decide_reject", companies)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="decision-form"' in html and 'id="id_reason"' in html
    assert "Prosimy o uzupełnienie danych rejestrowych." in html
    assert all(c.name in html for c in companies)
    assert set(Company.objects.values_list("status", flat=True)) == {Company.Status.PENDING}


def test_a_bulk_rejection_without_a_reason_changes_nothing(client_for, staff):
    companies = make_companies(2)

    response = _post_action(client_for(staff), "decide_reject", companies, apply="1", reason="")

    assert response.context["form"].errors["reason"]
    assert set(Company.objects.values_list("status", flat=True)) == {Company.Status.PENDING}
    assert not ReviewEvent.objects.exists()


def test_a_bulk_verification_applies_where_allowed_and_reports_the_skipped(client_for, staff):
    pending = make_companies(3)
    rejected = make_companies(1, status=Company.Status.REJECTED)

    response = _post_action(client_for(staff), "decide_verify", pending + rejected, apply="1", reason="W porządku.")

    assert response.status_code == 200
    statuses = dict(Company.objects.values_list("pk", "status"))
    assert all(statuses[c.pk] == Company.Status.VERIFIED for c in pending)
    assert statuses[rejected[0].pk] == Company.Status.REJECTED
    messages = [str(m) for m in response.context["messages"]]
    assert any("3" in m for m in messages)
    skipped = [m for m in messages if rejected[0].reference() in m]
    assert len(skipped) == 1 and rejected[0].name in skipped[0]
    assert ReviewEvent.objects.filter(action="verify", reason="W porządku.").count() == 3


def test_staff_outside_moderators_cannot_open_the_company_list(client_for, plain_staff):
    response = client_for(plain_staff).get(CHANGELIST)

    assert response.status_code == 403
