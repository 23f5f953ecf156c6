"""The dashboard's "Waiting for you" list: each item whose next step lies with the person looking, as a button, with
staff's reason beside it; who sees which step follows the acting rule (owner, colleague, other company, anonymous,
someone invited)."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from partnerships.cooperation.models import Application
from partnerships.models import Company, CompanyRevision, Invitation, JoinRequest
from practices.models import PracticeRevision, PracticeStatus
from tests.cooperation.factories import ApplicationFactory, CooperationFormFactory
from tests.factories import UserFactory
from tests.practices.factories import PracticeFactory, PublishedPracticeFactory
from tests.practices.test_access import VALID

DASHBOARD = "/company/"
REASON = "Please add the number of employees taking part."


def _waiting(client):
    """The "Waiting for you" section of the dashboard, as HTML."""
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    html = response.content.decode()
    match = re.search(r'<section class="mb-4 next-steps".*?</section>', html, re.S)
    assert match, "the dashboard has no Waiting for you section"
    return match.group(0)


def _buttons(section):
    """(label, address) of each button in the section."""
    return [
        (re.sub(r"<span.*?</span>", "", label).strip(), href)
        for href, label in re.findall(r'<a class="btn[^"]*" href="([^"]+)">(.*?)</a>', section, re.S)
    ]


@pytest.fixture
def sent_back(company, staff):
    application = ApplicationFactory(company=company, form=CooperationFormFactory(title_en="Bike to work"))
    application.status = Application.Status.SUBMITTED
    application.save()
    application.transition("request_changes", by=staff, reason=REASON)
    return application


def test_nothing_waiting_shows_an_empty_state(client_for, owner):
    section = _waiting(client_for(owner))
    assert "Nothing waits for you right now." in section
    assert _buttons(section) == []


@pytest.mark.parametrize("who", ["owner", "colleague"])
def test_an_application_sent_back_waits_for_every_member_with_the_reason(request, client_for, who, sent_back):
    section = _waiting(client_for(request.getfixturevalue(who)))
    assert _buttons(section) == [("Make the changes and send again", f"/cooperation/applications/{sent_back.pk}/edit/")]
    assert REASON in section and "Bike to work" in section and sent_back.reference() in section


def test_another_companys_member_does_not_see_it(client_for, outsider, sent_back):
    section = _waiting(client_for(outsider))
    assert "Bike to work" not in section and _buttons(section) == []


def test_an_anonymous_visitor_is_asked_to_sign_in(client, sent_back):
    response = client.get(DASHBOARD)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_staff_without_a_company_are_not_shown_a_companys_steps(client_for, staff, sent_back):
    response = client_for(staff).get(DASHBOARD)
    assert response.status_code == 302 and response.url == reverse("partnerships:register")


def test_the_application_panel_offers_the_same_step(client_for, colleague, sent_back):
    html = client_for(colleague).get(DASHBOARD).content.decode()
    panel = html[html.index('id="applications-heading"') :]
    assert f'href="/cooperation/applications/{sent_back.pk}/edit/">Make the changes and send again' in panel


def test_a_draft_application_is_to_finish_and_send(client_for, colleague, company):
    draft = ApplicationFactory(company=company, form=CooperationFormFactory(title_en="Speaker"))
    assert _buttons(_waiting(client_for(colleague))) == [
        ("Finish and send", f"/cooperation/applications/{draft.pk}/edit/")
    ]


def test_a_draft_of_a_form_now_closed_is_not_offered(client_for, owner, company):
    closed = CooperationFormFactory(applications_open_until=timezone.localdate() - timedelta(days=1))
    ApplicationFactory(company=company, form=closed)
    assert _buttons(_waiting(client_for(owner))) == []


def test_a_company_not_verified_yet_has_no_steps_it_cannot_take(client_for, owner, company):
    ApplicationFactory(company=company)
    PracticeFactory(company=company)
    Company.objects.filter(pk=company.pk).update(status=Company.Status.PENDING)
    section = _waiting(client_for(owner))
    assert _buttons(section) == [] and "Nothing waits for you right now." in section


def test_practices_waiting_for_the_company(client_for, colleague, company, staff):
    draft = PracticeFactory(company=company, title="Panele na dachu")
    sent_back = PracticeFactory(
        company=company, title="Zielony dach", status=PracticeStatus.CHANGES_REQUESTED, decision_reason=REASON
    )
    published = PublishedPracticeFactory(company=company, title="Rowery służbowe")
    edit = PracticeRevision.objects.create(practice=published, data={}, status=PracticeStatus.SUBMITTED)
    edit.transition("request_changes", by=staff, reason="Skróć opis.")

    section = _waiting(client_for(colleague))

    assert sorted(_buttons(section)) == sorted(
        [
            ("Finish and send", f"/practices/edit/{draft.pk}/"),
            ("Make the changes and send again", f"/practices/edit/{sent_back.pk}/"),
            ("Make the changes and send again", f"/practices/edit/{published.pk}/"),
        ]
    )
    assert REASON in section and "Skróć opis." in section


def test_a_rejected_company_profile_waits_for_the_owner_only(client_for, owner, colleague, company, staff):
    company.transition("reject", by=staff, reason="The address is missing.")
    owner_section = _waiting(client_for(owner))
    assert _buttons(owner_section) == [("Make the changes and send again", "/company/edit/")]
    assert "The address is missing." in owner_section
    assert _buttons(_waiting(client_for(colleague))) == []


def test_profile_changes_sent_back_wait_for_the_owner_only(client_for, owner, colleague, company, staff):
    revision = CompanyRevision.objects.create(company=company, author=owner, data={"description": "Nowy opis"})
    revision.transition("submit", by=owner)
    revision.transition("request_changes", by=staff, reason="Opis jest za krótki.")
    owner_section = _waiting(client_for(owner))
    assert _buttons(owner_section) == [("Make the changes and send again", "/company/edit/")]
    assert "Opis jest za krótki." in owner_section
    assert _buttons(_waiting(client_for(colleague))) == []


def test_a_request_to_join_waits_for_the_owner_to_decide(client_for, owner, colleague, company):
    asking = UserFactory(email="asking@example.com")
    join_request = JoinRequest.objects.create(company=company, user=asking, message="I work in sales.")
    client = client_for(owner)
    section = _waiting(client)
    assert _buttons(section) == [("Decide", f"#join-request-{join_request.pk}")]
    assert "asking@example.com" in section
    # The button leads to the request on the same page, with its accept and decline buttons.
    assert f'id="join-request-{join_request.pk}"' in client.get(DASHBOARD).content.decode()
    assert "asking@example.com" not in _waiting(client_for(colleague))


def test_an_invited_person_is_offered_to_answer_the_invitation(client_for, newcomer, company, owner):
    invitation = Invitation.objects.create(company=company, email=newcomer.email.upper(), invited_by=owner)
    response = client_for(newcomer).get(DASHBOARD)
    assert response.status_code == 200
    section = re.search(r'<section class="mb-4 next-steps".*?</section>', response.content.decode(), re.S).group(0)
    assert _buttons(section) == [("Answer the invitation", f"/company/invitations/{invitation.token}/")]
    assert company.name in section


def test_the_register_page_offers_the_invitation_too(client_for, newcomer, company, owner):
    invitation = Invitation.objects.create(company=company, email=newcomer.email, invited_by=owner)
    html = client_for(newcomer).get(reverse("partnerships:register")).content.decode()
    assert f'href="/company/invitations/{invitation.token}/">Answer the invitation' in html


def test_an_expired_or_withdrawn_invitation_is_not_offered(client_for, newcomer, company, owner, settings):
    old = Invitation.objects.create(company=company, email=newcomer.email, invited_by=owner)
    Invitation.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=settings.INVITATION_VALID_DAYS + 1)
    )
    Invitation.objects.create(company=company, email=newcomer.email, invited_by=owner, revoked_at=timezone.now())
    response = client_for(newcomer).get(DASHBOARD)
    assert response.status_code == 302 and response.url == reverse("partnerships:register")


def test_an_invitation_for_someone_else_is_not_offered(client_for, newcomer, company, owner):
    Invitation.objects.create(company=company, email="someone.else@example.com", invited_by=owner)
    assert client_for(newcomer).get(DASHBOARD).url == reverse("partnerships:register")


def _grow(company, staff, n, prefix):
    """n of every kind of item that waits for the owner, each built as the site builds it."""
    for i in range(n):
        ApplicationFactory(company=company, form=CooperationFormFactory(slug=f"{prefix}-draft-{i}"))
        sent_back = ApplicationFactory(
            company=company,
            form=CooperationFormFactory(slug=f"{prefix}-back-{i}"),
            status=Application.Status.CHANGES_REQUESTED,
            decision_reason=REASON,
        )
        assert sent_back.is_editable
        PracticeFactory(company=company, title=f"Szkic {prefix} {i}")
        PracticeFactory(company=company, status=PracticeStatus.CHANGES_REQUESTED, decision_reason=REASON)
        published = PublishedPracticeFactory(company=company)
        PracticeRevision.objects.create(
            practice=published, data={}, status=PracticeStatus.CHANGES_REQUESTED, decision_reason=REASON
        )
        JoinRequest.objects.create(company=company, user=UserFactory(email=f"{prefix}-{i}@example.com"))


def test_the_dashboard_costs_the_same_queries_for_few_and_many_waiting_items(client_for, owner, company, staff):
    client = client_for(owner)
    client.get(DASHBOARD)  # fills the per-process content-type cache, which is not per page
    _grow(company, staff, 2, "a")
    with CaptureQueriesContext(connection) as few:
        section = _waiting(client)
    assert len(_buttons(section)) == 2 * 6
    _grow(company, staff, 8, "b")
    with CaptureQueriesContext(connection) as many:
        section = _waiting(client)
    assert len(_buttons(section)) == 10 * 6
    # 10 queries: the session, the user with their membership and company (portal.auth_backends); the latest profile
    # revision, the review history of the company and its applications, the pending requests to join with their
    # people; the applications with their forms (shared by the waiting items, the panel and the climate panel), the
    # practices with their open edits (shared by the waiting items and the panel), the members with their people,
    # the initiative sign-ups, the announcements the company received.
    assert len(few) == len(many) == 10


def test_following_the_step_of_a_practice_sent_back_saves_and_sends_it_again(client_for, colleague, company):
    practice = PracticeFactory(
        company=company, status=PracticeStatus.CHANGES_REQUESTED, decision_reason=REASON, submitted_at=timezone.now()
    )
    client = client_for(colleague)
    form = client.get(f"/practices/edit/{practice.pk}/").content.decode()
    assert 'name="submit"' in form and "Save and send again" in form
    response = client.post(f"/practices/edit/{practice.pk}/", {**VALID, "title": "Poprawiony tytuł", "submit": ""})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED and practice.title == "Poprawiony tytuł"
    assert _buttons(_waiting(client)) == []


def test_saving_a_draft_practice_without_sending_keeps_it_waiting(client_for, colleague, company):
    practice = PracticeFactory(company=company)
    client = client_for(colleague)
    client.post(f"/practices/edit/{practice.pk}/", {**VALID, "title": "Jeszcze szkic"})
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT
    assert _buttons(_waiting(client)) == [("Finish and send", f"/practices/edit/{practice.pk}/")]
