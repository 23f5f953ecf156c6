"""Who may open each company page and take each action: owner, colleague, a member of another company
(outsider), anonymous visitor, a signed-in person without a company (newcomer) and staff.

For each action the table gives the status code per person and whether the action took effect on *our* company.
"""

import pytest

from partnerships.models import Company, CompanyRevision, Invitation, JoinRequest, Membership
from tests.companies.helpers import company_data
from tests.factories import CompanyFactory, UserFactory

PEOPLE = ["owner", "colleague", "outsider", "anonymous", "newcomer", "staff"]
LOGIN = "/accounts/login/"


@pytest.fixture
def world(company, owner, colleague, outsider, newcomer, staff):
    asker = UserFactory(email="asker@example.com")
    join_request = JoinRequest.objects.create(company=company, user=asker)
    invitation = Invitation.objects.create(company=company, email=newcomer.email, invited_by=owner)
    people = {
        "owner": owner,
        "colleague": colleague,
        "outsider": outsider,
        "anonymous": None,
        "newcomer": newcomer,
        "staff": staff,
    }
    return {
        "company": company,
        "people": people,
        "colleague_membership": Membership.objects.get(user=colleague),
        "join_request": join_request,
        "invitation": invitation,
        "pending": CompanyFactory(name="Czekająca", status=Company.Status.PENDING),
    }


def _renaming_waits_for_review(company):
    """Our company (verified) is to be called "Nowa nazwa" once staff accept it, and is not called so before."""
    proposed = CompanyRevision.objects.filter(company=company, status="submitted", data__name="Nowa nazwa").exists()
    assert not Company.objects.filter(pk=company.pk, name="Nowa nazwa").exists()
    return proposed


def _status(response):
    if response.status_code == 302:
        labels = {
            "/company/": "dashboard",
            "/company/register/": "register",
            "/company/members/": "members",
            "/": "home",
        }
        if response.url.startswith(LOGIN):
            return "302 login"
        return f"302 {labels[response.url]}"
    return str(response.status_code)


# (description, method, path maker, data maker, effect on our company, expected status per person)
ACTIONS = [
    (
        "dashboard",
        "get",
        lambda w: "/company/",
        None,
        None,
        # The newcomer holds an open invitation: the dashboard offers to answer it (tests/companies/test_next_steps.py).
        ["200", "200", "200", "302 login", "200", "302 register"],
    ),
    (
        "register page",
        "get",
        lambda w: "/company/register/",
        None,
        None,
        ["302 dashboard", "302 dashboard", "302 dashboard", "302 login", "200", "200"],
    ),
    (
        "edit page",
        "get",
        lambda w: "/company/edit/",
        None,
        None,
        ["200", "403", "200", "302 login", "404", "404"],
    ),
    (
        "edit",
        "post",
        lambda w: "/company/edit/",
        lambda w: company_data(name="Nowa nazwa", nip=w["company"].nip),
        lambda w: _renaming_waits_for_review(w["company"]),
        ["302 dashboard", "403", "302 dashboard", "302 login", "404", "404"],
    ),
    (
        "resubmit",
        "post",
        lambda w: "/company/resubmit/",
        lambda w: {},
        lambda w: Company.objects.get(pk=w["company"].pk).status == Company.Status.PENDING,
        ["302 dashboard", "403", "302 dashboard", "302 login", "404", "404"],
    ),
    (
        "members page",
        "get",
        lambda w: "/company/members/",
        None,
        None,
        ["200", "200", "200", "302 login", "404", "404"],
    ),
    (
        "invite",
        "post",
        lambda w: "/company/members/invite/",
        lambda w: {"email": "new.person@example.com"},
        lambda w: Invitation.objects.filter(company=w["company"], email="new.person@example.com").exists(),
        ["302 members", "403", "302 members", "302 login", "404", "404"],
    ),
    (
        "remove a member",
        "post",
        lambda w: f"/company/members/{w['colleague_membership'].pk}/remove/",
        lambda w: {},
        lambda w: not Membership.objects.filter(pk=w["colleague_membership"].pk).exists(),
        ["302 members", "403", "404", "302 login", "404", "404"],
    ),
    (
        "pass ownership",
        "post",
        lambda w: f"/company/members/{w['colleague_membership'].pk}/make-owner/",
        lambda w: {},
        lambda w: Membership.objects.get(pk=w["colleague_membership"].pk).is_owner,
        ["302 members", "403", "404", "302 login", "404", "404"],
    ),
    (
        "accept a request to join",
        "post",
        lambda w: f"/company/join-requests/{w['join_request'].pk}/accept/",
        lambda w: {},
        lambda w: Membership.objects.filter(user=w["join_request"].user, company=w["company"]).exists(),
        ["302 members", "403", "404", "302 login", "404", "404"],
    ),
    (
        "decline a request to join",
        "post",
        lambda w: f"/company/join-requests/{w['join_request'].pk}/decline/",
        lambda w: {},
        lambda w: JoinRequest.objects.get(pk=w["join_request"].pk).status == JoinRequest.Status.DECLINED,
        ["302 members", "403", "404", "302 login", "404", "404"],
    ),
    (
        "leave",
        "post",
        lambda w: "/company/members/leave/",
        lambda w: {},
        lambda w: w["company"].memberships.count() < 2,
        ["302 members", "302 home", "302 members", "302 login", "404", "404"],
    ),
    (
        "ask to join",
        "post",
        lambda w: "/company/join/",
        lambda w: {"nip": w["company"].nip},
        lambda w: JoinRequest.objects.filter(company=w["company"]).count() > 1,
        ["302 dashboard", "302 dashboard", "302 dashboard", "302 login", "302 register", "302 register"],
    ),
    (
        "invitation page",
        "get",
        lambda w: f"/company/invitations/{w['invitation'].token}/",
        None,
        None,
        ["200", "200", "200", "200", "200", "200"],
    ),
    (
        "accept an invitation",
        "post",
        lambda w: f"/company/invitations/{w['invitation'].token}/",
        lambda w: {},
        lambda w: w["company"].memberships.count() > 2,
        ["200", "200", "200", "302 login", "302 dashboard", "200"],
    ),
    (
        "partners list",
        "get",
        lambda w: "/partners/",
        None,
        None,
        ["200"] * 6,
    ),
    (
        "a verified partner's page",
        "get",
        lambda w: f"/partners/{w['company'].slug}/",
        None,
        None,
        ["200"] * 6,
    ),
    (
        "a pending company's public page",
        "get",
        lambda w: f"/partners/{w['pending'].slug}/",
        None,
        None,
        ["404"] * 6,
    ),
]

# Who may make each POST action take effect on our company.
ALLOWED = {
    "edit": {"owner"},
    "resubmit": set(),  # the company is verified: resubmission is refused for everyone (tested when rejected)
    "invite": {"owner"},
    "remove a member": {"owner"},
    "pass ownership": {"owner"},
    "accept a request to join": {"owner"},
    "decline a request to join": {"owner"},
    "leave": {"colleague"},
    "ask to join": {"newcomer", "staff"},
    "accept an invitation": {"newcomer"},
}

CASES = [
    pytest.param(action, person, expected, id=f"{action[0]}-{person}")
    for action in ACTIONS
    for person, expected in zip(PEOPLE, action[5], strict=True)
]


@pytest.mark.parametrize("action, person, expected", CASES)
def test_access_matrix(client_for, world, action, person, expected):
    description, method, path, data, effect, _statuses = action
    client = client_for(world["people"][person])
    if method == "get":
        response = client.get(path(world))
    else:
        response = client.post(path(world), data(world))
    assert _status(response) == expected
    if effect is not None:
        assert effect(world) == (person in ALLOWED[description])


@pytest.mark.parametrize(
    "path",
    ["/company/resubmit/", "/company/members/invite/", "/company/members/leave/", "/company/join/"],
)
def test_actions_refuse_get(client_for, owner, path):
    assert client_for(owner).get(path).status_code == 405


def test_the_outsider_sees_their_own_company_not_ours(client_for, world):
    html = client_for(world["people"]["outsider"]).get("/company/").content.decode()
    assert "Inna Firma S.A." in html
    assert world["company"].name not in html


def test_a_colleague_is_refused_editing_with_a_friendly_page(client_for, world):
    response = client_for(world["people"]["colleague"]).get("/company/edit/")
    assert response.status_code == 403
    assert "<h1>Access denied</h1>" in response.content.decode()
