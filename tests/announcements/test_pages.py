"""Who reads an announcement on the portal, the unsubscribe link and the account setting."""

import pytest
from django.test import Client

from partnerships.announcements import sending
from partnerships.announcements.models import OptOut, receives_announcements
from tests.factories import CompanyFactory, MembershipFactory


@pytest.fixture
def sent(make_announcement, company, owner, staff):
    """An announcement sent to the company only (the owner's), with the other company left out."""
    announcement = make_announcement(subject_pl="Tylko dla Zielonej Energii")
    announcement.companies.set([company])
    announcement.status = announcement.Status.SENT
    announcement.sent_by = staff
    announcement.sent_at = announcement.created_at
    announcement.save()
    return announcement


@pytest.mark.parametrize(
    ("who", "status"), [("owner", 200), ("colleague", 200), ("outsider", 404), ("staff", 404), (None, 302)]
)
def test_only_members_of_a_company_that_received_it_read_it(request, client_for, sent, who, status):
    user = request.getfixturevalue(who) if who else None
    response = client_for(user).get(f"/company/announcements/{sent.pk}/")
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith("/accounts/login/")
    if status == 200:
        assert "Tylko dla Zielonej Energii" in response.content.decode()


def test_a_draft_is_read_by_nobody_on_the_portal(client_for, make_announcement, owner, company):
    draft = make_announcement()
    draft.companies.set([company])
    assert client_for(owner).get(f"/company/announcements/{draft.pk}/").status_code == 404


def test_the_dashboard_lists_what_the_company_received_and_nothing_else(client_for, sent, owner, outsider):
    page = client_for(owner).get("/company/").content.decode()
    assert f'href="/company/announcements/{sent.pk}/"' in page
    assert f'href="/company/announcements/{sent.pk}/"' not in client_for(outsider).get("/company/").content.decode()


def test_the_dashboard_shows_each_announcement_in_the_reader_s_language(client_for, sent, owner):
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    assert "Invitation to the forum" in client.get("/company/").content.decode()


def test_the_unsubscribe_link_asks_before_it_changes_anything(owner):
    token = sending.unsubscribe_token(owner)
    response = Client().get(f"/announcements/unsubscribe/{token}/")
    assert response.status_code == 200
    assert "owner@example.com" in response.content.decode()
    assert receives_announcements(owner)


def test_confirming_turns_announcements_off_without_signing_in(owner):
    token = sending.unsubscribe_token(owner)
    response = Client(enforce_csrf_checks=True).post(f"/announcements/unsubscribe/{token}/")
    assert response.status_code == 200
    assert not receives_announcements(owner)
    assert Client().post(f"/announcements/unsubscribe/{token}/").status_code == 200  # a second time changes nothing
    assert OptOut.objects.filter(user=owner).count() == 1


def test_a_mail_program_s_one_click_post_turns_them_off(owner):
    token = sending.unsubscribe_token(owner)
    response = Client(enforce_csrf_checks=True).post(
        f"/announcements/unsubscribe/{token}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not receives_announcements(owner)


def test_the_pages_speak_the_person_s_language_whatever_the_browser_says(owner):
    owner.language = "en"
    owner.save()
    token = sending.unsubscribe_token(owner)
    client = Client()
    client.cookies["django_language"] = "pl"
    page = client.get(f"/announcements/unsubscribe/{token}/")
    assert '<html lang="en">' in page.content.decode() and page["Content-Language"] == "en"
    done = client.post(f"/announcements/unsubscribe/{token}/").content.decode()
    assert '<html lang="en">' in done and "Announcements turned off" in done


@pytest.mark.parametrize(
    "token",
    ["nonsense", "x" * 500, "MQ:forged-signature", "%00%ff", "1"],
)
def test_a_link_that_is_not_valid_says_so_and_changes_nothing(owner, token):
    for method in ("get", "post"):
        response = getattr(Client(), method)(f"/announcements/unsubscribe/{token}/")
        assert response.status_code == 404
    assert receives_announcements(owner)


def test_a_token_of_another_purpose_is_refused(owner):
    from django.core import signing

    token = signing.dumps(owner.pk, salt="something.else", compress=True)
    Client().post(f"/announcements/unsubscribe/{token}/")
    assert receives_announcements(owner)


def test_the_account_settings_turn_announcements_off_and_on(client_for, owner):
    client = client_for(owner)
    assert 'value="0"' in client.get("/accounts/settings/").content.decode()
    client.post("/accounts/announcements/", {"receive": "0"})
    assert not receives_announcements(owner)
    assert 'value="1"' in client.get("/accounts/settings/").content.decode()
    client.post("/accounts/announcements/", {"receive": "1"})
    assert receives_announcements(owner)


def test_the_setting_needs_signing_in_and_a_post(client_for, owner):
    assert Client().post("/accounts/announcements/", {"receive": "0"}).status_code == 302
    assert client_for(owner).get("/accounts/announcements/").status_code == 405
    assert receives_announcements(owner)


def test_a_company_that_lost_its_verification_still_reads_what_it_received(client_for, sent, owner, company):
    company.status = company.Status.REJECTED
    company.save()
    assert client_for(owner).get(f"/company/announcements/{sent.pk}/").status_code == 200


def test_someone_who_joins_later_reads_what_the_company_received(client_for, sent, company):
    newcomer = MembershipFactory(company=company, user__email="later@example.com").user
    assert client_for(newcomer).get(f"/company/announcements/{sent.pk}/").status_code == 200
    other = MembershipFactory(company=CompanyFactory(), user__email="elsewhere@example.com").user
    assert client_for(other).get(f"/company/announcements/{sent.pk}/").status_code == 404
