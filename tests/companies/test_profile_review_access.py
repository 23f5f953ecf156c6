"""Who may see, change, withdraw and decide the waiting changes of a verified company's profile: the owner, a
colleague (reads them; only the owner edits the profile), a member of another company (outsider), an anonymous
visitor, a signed-in person without a company (newcomer) and staff; and which actions each status allows whom."""

import pytest
from django.urls import reverse

from partnerships.models import Company, CompanyRevision
from partnerships.review.workflow import Status
from tests.companies.helpers import company_data

PEOPLE = ["owner", "colleague", "outsider", "anonymous", "newcomer", "staff"]
PROPOSED = "Urząd Miasta Krakowa – oficjalny partner"


@pytest.fixture
def world(company, owner, colleague, outsider, newcomer, staff):
    revision = CompanyRevision.objects.create(company=company, author=owner, data={"name": PROPOSED})
    revision.transition("submit", by=owner)
    people = {
        "owner": owner,
        "colleague": colleague,
        "outsider": outsider,
        "anonymous": None,
        "newcomer": newcomer,
        "staff": staff,
    }
    return {"company": company, "revision": revision, "people": people}


def _status(response):
    if response.status_code != 302:
        return str(response.status_code)
    if "login" in response.url:
        return "302 login"
    labels = {"/company/": "dashboard", "/company/register/": "register", "/company/edit/": "edit"}
    return f"302 {labels.get(response.url, 'admin')}"


def _revision(w):
    return CompanyRevision.objects.get(pk=w["revision"].pk)


def _shows_proposal(response):
    return PROPOSED in response.content.decode()


# (description, method, path maker, data maker, expected status per person, who the effect holds for, effect)
# For a GET the effect is read from the response; for a POST from the database.
ACTIONS = [
    (
        "dashboard",
        "get",
        lambda w: "/company/",
        None,
        ["200", "200", "200", "302 login", "302 register", "302 register"],
        {"owner", "colleague"},
        lambda w, response: _shows_proposal(response),
    ),
    (
        "edit page",
        "get",
        lambda w: "/company/edit/",
        None,
        ["200", "403", "200", "302 login", "404", "404"],
        {"owner"},
        lambda w, response: _shows_proposal(response),
    ),
    (
        "edit again while waiting",
        "post",
        lambda w: "/company/edit/",
        lambda w: company_data(name="Druga zmiana", nip=w["company"].nip),
        ["302 edit", "403", "302 dashboard", "302 login", "404", "404"],
        set(),
        lambda w, response: _revision(w).data != {"name": PROPOSED}
        or Company.objects.get(pk=w["company"].pk).name != "Zielona Energia sp. z o.o.",
    ),
    (
        "withdraw",
        "post",
        lambda w: reverse("partnerships:withdraw_changes"),
        lambda w: {},
        ["302 dashboard", "403", "302 dashboard", "302 login", "404", "404"],
        {"owner"},
        lambda w, response: _revision(w).status == Status.WITHDRAWN,
    ),
    (
        "the revision in the admin",
        "get",
        lambda w: reverse("admin:partnerships_companyrevision_change", args=[w["revision"].pk]),
        None,
        ["302 login", "302 login", "302 login", "302 login", "302 login", "200"],
        {"staff"},
        lambda w, response: _shows_proposal(response),
    ),
    (
        "accept in the admin",
        "post",
        lambda w: reverse("admin:partnerships_companyrevision_decide", args=[w["revision"].pk, "approve"]),
        lambda w: {"reason": ""},
        ["302 login", "302 login", "302 login", "302 login", "302 login", "302 admin"],
        {"staff"},
        lambda w, response: Company.objects.get(pk=w["company"].pk).name == PROPOSED,
    ),
    (
        "the public partner page",
        "get",
        lambda w: f"/partners/{w['company'].slug}/",
        None,
        ["200"] * 6,
        set(),
        lambda w, response: _shows_proposal(response),
    ),
    (
        "the partner list",
        "get",
        lambda w: "/partners/",
        None,
        ["200"] * 6,
        set(),
        lambda w, response: _shows_proposal(response),
    ),
]

CASES = [
    pytest.param(action, person, expected, id=f"{action[0]}-{person}")
    for action in ACTIONS
    for person, expected in zip(PEOPLE, action[4], strict=True)
]


@pytest.mark.parametrize("action, person, expected", CASES)
def test_access_matrix(client_for, world, action, person, expected):
    _description, method, path, data, _statuses, allowed, effect = action
    client = client_for(world["people"][person])
    response = client.get(path(world)) if method == "get" else client.post(path(world), data(world))
    assert _status(response) == expected
    assert effect(world, response) == (person in allowed)


def test_withdrawing_refuses_get(client_for, owner):
    assert client_for(owner).get(reverse("partnerships:withdraw_changes")).status_code == 405


# Which actions each status of a revision allows whom (Reviewable.can, which transition() also asks).
COMPANY_ACTIONS = {
    Status.DRAFT: {"submit", "withdraw"},
    Status.SUBMITTED: {"withdraw"},
    Status.CHANGES_REQUESTED: {"submit", "withdraw"},
    Status.APPROVED: set(),
    Status.REJECTED: set(),
    Status.WITHDRAWN: set(),
}
STAFF_ACTIONS = {status: set() for status in Status.values} | {
    Status.SUBMITTED: {"approve", "request_changes", "reject"}
}
EVERY_ACTION = ["submit", "withdraw", "approve", "request_changes", "reject"]
STATE_CASES = [
    pytest.param(status, person, id=f"{status}-{person}")
    for status in Status.values
    for person in ["owner", "colleague", "outsider", "anonymous", "staff"]
]


@pytest.mark.parametrize("status, person", STATE_CASES)
def test_what_each_status_allows_whom(request, company, owner, status, person):
    user = None if person == "anonymous" else request.getfixturevalue(person)
    revision = CompanyRevision.objects.create(company=company, author=owner, status=status, data={"name": PROPOSED})

    allowed = {action for action in EVERY_ACTION if revision.can(action, user)}

    expected = {"owner": COMPANY_ACTIONS[status], "staff": STAFF_ACTIONS[status]}.get(person, set())
    assert allowed == expected
