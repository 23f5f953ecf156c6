"""The company transition matrix: every status × verify / reject / resubmit, for each kind of person, through the
model and through the admin's decision page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from partnerships.models import Company
from partnerships.review.models import ReviewEvent
from tests.admin_review.conftest import decide_url, refreshed_status

PENDING, VERIFIED, REJECTED = Company.Status.PENDING, Company.Status.VERIFIED, Company.Status.REJECTED
STATUSES = [PENDING, VERIFIED, REJECTED]
ACTIONS = ["verify", "reject", "resubmit"]
ACTORS = ["owner", "colleague", "outsider", "anonymous", "staff"]

# What the rules allow: (action, status) → (who may, resulting status).
ALLOWED = {
    ("verify", PENDING): ({"staff"}, VERIFIED),
    ("reject", PENDING): ({"staff"}, REJECTED),
    ("reject", VERIFIED): ({"staff"}, REJECTED),
    ("resubmit", REJECTED): ({"owner", "colleague"}, PENDING),
}


def _actor(request, name):
    return AnonymousUser() if name == "anonymous" else request.getfixturevalue(name)


def _company_in(company, status):
    company.status = status
    company.save()
    return company


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("actor", ACTORS)
def test_the_model_allows_exactly_what_the_rules_say(request, company, owner, colleague, actor, action, status):
    user = _actor(request, actor)
    _company_in(company, status)
    who, target = ALLOWED.get((action, status), (set(), None))

    if actor in who:
        company.transition(action, by=user, reason="Powód decyzji")
        assert refreshed_status(company) == target
        assert ReviewEvent.objects.for_object(company).get().by == user
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            company.transition(action, by=user, reason="Powód decyzji")
        assert refreshed_status(company) == status
        assert not ReviewEvent.objects.for_object(company).exists()


@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("action", ["verify", "reject"])
@pytest.mark.parametrize("actor", ACTORS)
def test_the_decision_page_allows_exactly_what_the_rules_say(
    request, client_for, company, owner, colleague, actor, action, status
):
    user = None if actor == "anonymous" else request.getfixturevalue(actor)
    _company_in(company, status)
    who, target = ALLOWED.get((action, status), (set(), None))

    response = client_for(user).post(decide_url(company, action), {"reason": "Powód decyzji"})

    if actor in who:
        assert response.status_code == 302
        assert refreshed_status(company) == target
    elif actor == "staff":
        # Staff may decide, but not from this status: the page says why and nothing changes.
        assert response.status_code == 200
        message = response.context["form"].errors["reason"][0]
        assert message in response.content.decode()
        assert refreshed_status(company) == status
    else:
        # Not staff: the admin sends them to its sign-in page.
        assert response.status_code == 302
        assert "/decide/" not in response["Location"].split("?")[0]
        assert refreshed_status(company) == status


@pytest.mark.parametrize("status", STATUSES)
def test_the_decision_page_refuses_a_company_action_even_to_staff(client_for, company, staff, status):
    _company_in(company, status)

    response = client_for(staff).post(decide_url(company, "resubmit"), {"reason": ""})

    assert response.status_code == 403
    assert refreshed_status(company) == status


def test_the_decision_page_refuses_an_unknown_action(client_for, pending_company, staff):
    response = client_for(staff).get(decide_url(pending_company, "publish"))

    assert response.status_code == 403
