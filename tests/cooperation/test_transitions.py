"""Every status × every action, for each kind of person: allowed, or refused with a message and nothing changed."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from partnerships.review.models import ReviewEvent
from partnerships.review.workflow import TransitionNotAllowed
from tests.cooperation.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

STATUSES = ["draft", "submitted", "changes_requested", "approved", "rejected", "withdrawn"]
ACTIONS = ["submit", "withdraw", "approve", "request_changes", "reject"]

# What the workflow in design.md allows: (status, action) → the status it leads to.
COMPANY_MOVES = {
    ("draft", "submit"): "submitted",
    ("changes_requested", "submit"): "submitted",
    ("draft", "withdraw"): "withdrawn",
    ("submitted", "withdraw"): "withdrawn",
    ("changes_requested", "withdraw"): "withdrawn",
    ("approved", "withdraw"): "withdrawn",
}
STAFF_MOVES = {
    ("submitted", "approve"): "approved",
    ("submitted", "request_changes"): "changes_requested",
    ("submitted", "reject"): "rejected",
}
EXPECTED = {
    "owner": COMPANY_MOVES,
    "colleague": COMPANY_MOVES,
    "outsider": {},
    "anonymous": {},
    "staff": STAFF_MOVES,
}


@pytest.fixture
def people(owner, colleague, outsider, staff):
    return {"owner": owner, "colleague": colleague, "outsider": outsider, "anonymous": AnonymousUser(), "staff": staff}


@pytest.mark.parametrize("who", list(EXPECTED))
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("status", STATUSES)
def test_the_transition_matrix(people, company, status, action, who):
    application = ApplicationFactory(company=company, status=status)
    user = people[who]
    target = EXPECTED[who].get((status, action))
    if target:
        event = application.transition(action, by=user, reason="Powód decyzji")
        application.refresh_from_db()
        assert application.status == target
        assert (event.from_status, event.to_status, event.action) == (status, target, action)
        assert event.by == user
    else:
        with pytest.raises((TransitionNotAllowed, PermissionDenied)) as refused:
            application.transition(action, by=user, reason="Powód decyzji")
        assert str(refused.value)
        application.refresh_from_db()
        assert application.status == status
        assert not ReviewEvent.objects.for_object(application).exists()


def test_staff_must_give_a_reason_to_ask_for_changes(company, staff):
    application = ApplicationFactory(company=company, status="submitted")
    with pytest.raises(TransitionNotAllowed):
        application.transition("request_changes", by=staff, reason="  ")
    application.refresh_from_db()
    assert application.status == "submitted"


def test_a_staff_decision_records_the_reason_for_the_company(company, staff):
    application = ApplicationFactory(company=company, status="submitted")
    application.transition("reject", by=staff, reason="Brak podpisu zarządu.")
    application.refresh_from_db()
    assert application.decision_reason == "Brak podpisu zarządu."
    assert application.decided_at is not None


def test_submitting_records_when(company, owner):
    application = ApplicationFactory(company=company)
    application.transition("submit", by=owner)
    application.refresh_from_db()
    assert application.submitted_at is not None


def test_staff_without_the_permission_cannot_decide(company):
    from tests.factories import StaffFactory

    application = ApplicationFactory(company=company, status="submitted")
    with pytest.raises(PermissionDenied):
        application.transition("approve", by=StaffFactory(moderator=False))
    application.refresh_from_db()
    assert application.status == "submitted"
