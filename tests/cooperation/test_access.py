"""Who may see and do what, on every page and action of the cooperation part: owner, colleague, another company's
member, anonymous visitor, staff."""

import pytest

from tests.cooperation.factories import PACT_ANSWERS, ApplicationFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["owner", "colleague", "outsider", "anonymous", "staff"]


@pytest.fixture
def user_of(request):
    def get(who):
        return None if who == "anonymous" else request.getfixturevalue(who)

    return get


@pytest.mark.parametrize("who", PEOPLE)
def test_everyone_sees_the_catalogue_and_a_forms_page(client_for, user_of, pact, who):
    client = client_for(user_of(who))
    assert client.get("/cooperation/").status_code == 200
    assert client.get(pact.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("who", "shows"),
    [
        ("owner", 'name="commitments"'),
        ("colleague", 'name="commitments"'),
        ("outsider", 'name="commitments"'),  # a member of another verified company may apply for their own
        ("anonymous", "/accounts/login/?next="),
        ("staff", "/company/register/"),  # staff have no company of their own
    ],
)
def test_the_apply_page_shows_the_form_or_says_why_not(client_for, user_of, pact, who, shows):
    response = client_for(user_of(who)).get(pact.get_apply_url())
    assert response.status_code == 200
    assert shows in response.content.decode()


def test_the_apply_page_sends_a_person_without_company_to_register_it(client_for, newcomer, pact):
    html = client_for(newcomer).get(pact.get_apply_url()).content.decode()
    assert "/company/register/" in html
    assert 'name="commitments"' not in html


def test_the_apply_page_asks_a_pending_company_to_wait_for_verification(client_for, pending_member, pact):
    client = client_for(pending_member)
    client.cookies["django_language"] = "en"
    html = client.get(pact.get_apply_url()).content.decode()
    assert "Your company is waiting for verification by city staff." in html
    assert 'name="commitments"' not in html


def test_the_apply_page_points_a_rejected_company_to_its_dashboard(client_for, rejected_member, pact):
    html = client_for(rejected_member).get(pact.get_apply_url()).content.decode()
    assert 'href="/company/"' in html
    assert 'name="commitments"' not in html


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_a_post_to_apply_by_someone_who_may_not_saves_nothing(client_for, user_of, pact, who):
    from partnerships.cooperation.models import Application

    response = client_for(user_of(who)).post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    assert response.status_code == 200
    assert not Application.objects.exists()


# The application's own pages: members of its company only; everyone else learns nothing (404),
# anonymous visitors are asked to sign in.
PAGE_EXPECTATIONS = {"owner": 200, "colleague": 200, "outsider": 404, "staff": 404}


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_application_pages_are_for_the_companys_members(client_for, user_of, company, who, suffix):
    application = ApplicationFactory(company=company)
    response = client_for(user_of(who)).get(f"/cooperation/applications/{application.pk}/{suffix}")
    if who == "anonymous":
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == PAGE_EXPECTATIONS[who]


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize(
    ("action", "start", "end"), [("submit", "draft", "submitted"), ("withdraw", "draft", "withdrawn")]
)
def test_application_actions_are_for_the_companys_members(client_for, user_of, company, who, action, start, end):
    application = ApplicationFactory(company=company, status=start)
    response = client_for(user_of(who)).post(f"/cooperation/applications/{application.pk}/{action}/")
    application.refresh_from_db()
    if who in ("owner", "colleague"):
        assert response.status_code == 302
        assert application.status == end
    else:
        assert response.status_code == (302 if who == "anonymous" else 404)
        assert application.status == start


@pytest.mark.parametrize("action", ["submit", "withdraw"])
def test_actions_refuse_get(client_for, owner, company, action):
    application = ApplicationFactory(company=company)
    response = client_for(owner).get(f"/cooperation/applications/{application.pk}/{action}/")
    assert response.status_code == 405
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_member_of_a_company_no_longer_verified_may_read_but_not_act(client_for, owner, company):
    application = ApplicationFactory(company=company)
    company.status = "rejected"
    company.save()
    client = client_for(owner)
    assert client.get(application.get_absolute_url()).status_code == 200
    assert client.post(f"/cooperation/applications/{application.pk}/submit/").status_code == 403
    application.refresh_from_db()
    assert application.status == "draft"


def test_a_missing_application_is_404(client_for, owner):
    assert client_for(owner).get("/cooperation/applications/999999/").status_code == 404


@pytest.mark.parametrize(
    ("who", "applies_for"),
    [("owner", "company"), ("colleague", "company"), ("outsider", "other_company")],
)
def test_a_member_of_a_verified_company_applies_for_their_own_company(
    client_for, user_of, request, pact, who, applies_for
):
    from partnerships.cooperation.models import Application

    response = client_for(user_of(who)).post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    assert response.status_code == 302
    assert Application.objects.get().company == request.getfixturevalue(applies_for)


@pytest.mark.parametrize("who", ["newcomer", "pending_member", "rejected_member"])
def test_a_post_to_apply_without_a_verified_company_saves_nothing(client_for, request, pact, who):
    from partnerships.cooperation.models import Application

    response = client_for(request.getfixturevalue(who)).post(pact.get_apply_url(), {**PACT_ANSWERS, "submit": ""})
    assert response.status_code == 200
    assert 'id="apply-obstacle"' in response.content.decode()
    assert not Application.objects.exists()
