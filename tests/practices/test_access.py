"""Who may do what with a practice: owner, colleague, another company's member, anonymous visitor, staff."""

import pytest

from practices.models import GoodPractice, PracticeStatus
from tests.factories import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

VALID = {
    "title": "Oświetlenie LED w magazynie",
    "summary": "Wymieniliśmy oświetlenie.",
    "body": "Nowe lampy zużywają mniej prądu.",
    "category": "energy_efficiency",
    "year_started": "2023",
    "place": "Hala B",
    "district": "14",
    "what_was_done": "",
    "results": "",
    "challenges": "",
    "links": "",
    "co2_tonnes_per_year": "12.5",
    "mwh_saved": "",
    "trees_planted": "",
    "people_involved": "",
    "consent": "on",
    "photos-TOTAL_FORMS": "0",
    "photos-INITIAL_FORMS": "0",
    "photos-MIN_NUM_FORMS": "0",
    "photos-MAX_NUM_FORMS": "10",
}


def _person(request, name):
    return None if name == "anonymous" else request.getfixturevalue(name)


@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 200), ("colleague", 200), ("outsider", 200), ("newcomer", 403), ("staff", 403), ("anonymous", 302)],
)
def test_the_new_practice_form_is_for_members_of_verified_companies(request, client_for, who, expected):
    response = client_for(_person(request, who)).get("/practices/new/")
    assert response.status_code == expected


def test_it_tells_a_person_without_a_company_why_they_cannot_write(client_for, newcomer):
    client = client_for(newcomer)
    client.cookies["django_language"] = "en"
    response = client.get("/practices/new/")
    assert "Register your company or join it first" in response.content.decode()


def test_it_tells_a_member_of_an_unverified_company_to_wait(client_for):
    company = CompanyFactory(status="pending")
    user = MembershipFactory(company=company).user
    client = client_for(user)
    client.cookies["django_language"] = "en"
    response = client.get("/practices/new/")
    assert response.status_code == 403
    assert "has not been verified by city staff yet" in response.content.decode()
    assert not GoodPractice.objects.exists()
    response = client.post("/practices/new/", VALID)
    assert response.status_code == 403
    assert not GoodPractice.objects.exists()


def test_a_member_creates_a_draft_for_their_company(client_for, owner, company):
    response = client_for(owner).post("/practices/new/", VALID)
    practice = GoodPractice.objects.get()
    assert response.status_code == 302
    assert (practice.company, practice.author, practice.status) == (company, owner, PracticeStatus.DRAFT)
    assert practice.consent and practice.consent_at


@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 200), ("colleague", 200), ("outsider", 404), ("staff", 404), ("anonymous", 302)],
)
def test_only_the_company_edits_its_practice(request, client_for, draft, who, expected):
    response = client_for(_person(request, who)).get(f"/practices/edit/{draft.pk}/")
    assert response.status_code == expected


@pytest.mark.parametrize(
    ("who", "expected_status"),
    [
        ("owner", PracticeStatus.SUBMITTED),
        ("colleague", PracticeStatus.SUBMITTED),
        ("outsider", PracticeStatus.DRAFT),
        ("staff", PracticeStatus.DRAFT),
        ("anonymous", PracticeStatus.DRAFT),
    ],
)
def test_only_the_company_submits_its_practice(request, client_for, draft, who, expected_status):
    client_for(_person(request, who)).post(f"/practices/edit/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert draft.status == expected_status


@pytest.mark.parametrize(
    ("who", "expected_status"),
    [
        ("owner", PracticeStatus.WITHDRAWN),
        ("colleague", PracticeStatus.WITHDRAWN),
        ("outsider", PracticeStatus.SUBMITTED),
        ("staff", PracticeStatus.SUBMITTED),
        ("anonymous", PracticeStatus.SUBMITTED),
    ],
)
def test_only_the_company_withdraws_its_practice(request, client_for, submitted, who, expected_status):
    client_for(_person(request, who)).post(f"/practices/edit/{submitted.pk}/withdraw/")
    submitted.refresh_from_db()
    assert submitted.status == expected_status


def test_submitting_by_get_changes_nothing(client_for, owner, draft):
    response = client_for(owner).get(f"/practices/edit/{draft.pk}/submit/")
    draft.refresh_from_db()
    assert response.status_code == 405
    assert draft.status == PracticeStatus.DRAFT


@pytest.mark.parametrize(
    ("who", "expected"),
    [("owner", 200), ("colleague", 200), ("outsider", 404), ("staff", 200), ("anonymous", 404)],
)
def test_a_practice_is_not_public_before_staff_publish_it(request, client_for, submitted, who, expected):
    response = client_for(_person(request, who)).get(submitted.get_absolute_url())
    assert response.status_code == expected


@pytest.mark.parametrize("who", ["owner", "colleague", "outsider", "staff", "anonymous"])
def test_everybody_sees_a_published_practice(request, client_for, published, who):
    response = client_for(_person(request, who)).get(published.get_absolute_url())
    assert response.status_code == 200
    assert published.title in response.content.decode()


def test_an_unpublished_practice_is_missing_from_the_list_and_the_feed(client, submitted, draft):
    assert submitted.title not in client.get("/practices/").content.decode()
    assert submitted.title not in client.get("/practices/feed/").content.decode()
    assert draft.title not in client.get("/practices/?q=pompy").content.decode()
