"""The data download holds everything the portal keeps about the person (one case per kind), and nothing of anyone
else: each case is built for the owner and for a member of another company, and each download is read for both."""

import json
from decimal import Decimal

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.utils import timezone

from initiatives.models import Ride
from partnerships.announcements.models import Announcement, OptOut, Recipient
from partnerships.models import CompanyRevision, Invitation, JoinRequest
from partnerships.review.models import ReviewEvent, StaffNote
from practices.models import PracticeRevision, ProblemReport
from tests.cooperation.factories import ApplicationFactory
from tests.factories import CompanyFactory, UserFactory
from tests.initiatives.factories import BikeCampaignFactory, ParticipationFactory
from tests.news.factories import NewsItemFactory
from tests.practices.factories import PublishedPracticeFactory


def _download(client_for, user):
    response = client_for(user).get("/accounts/data/export/")
    assert response.status_code == 200
    return json.loads(response.content), response.content.decode()


# Each case makes one kind of thing for `user` (tag tells the two people apart) and returns where it must appear in
# the download and a text that only it holds.


def membership(user, tag):
    return ("company", "membership"), user.membership.company.nip


def join_request_sent(user, tag):
    company = CompanyFactory(name=f"Firma do dołączenia {tag}")
    JoinRequest.objects.create(company=company, user=user, message=f"Proszę o przyjęcie {tag}", status="declined")
    return ("company", "join_requests"), f"Proszę o przyjęcie {tag}"


def join_request_decided(user, tag):
    company = user.membership.company
    JoinRequest.objects.create(
        company=company, user=UserFactory(), status="accepted", decided_by=user, decided_at=timezone.now()
    )
    return ("company", "join_requests_you_decided"), company.name


def invitation_sent(user, tag):
    Invitation.objects.create(company=user.membership.company, email=f"zaproszony-{tag}@example.com", invited_by=user)
    return ("company", "invitations_sent"), f"zaproszony-{tag}@example.com"


def invitation_received(user, tag):
    Invitation.objects.create(company=CompanyFactory(name=f"Firma zapraszająca {tag}"), email=user.email.upper())
    return ("company", "invitations_received"), f"Firma zapraszająca {tag}"


def profile_change_proposed(user, tag):
    CompanyRevision.objects.create(company=user.membership.company, author=user, data={"name": f"Nowa nazwa {tag}"})
    return ("company", "profile_changes_you_proposed"), f"Nowa nazwa {tag}"


def email_sent_to(user, tag):
    send_mail(f"Wiadomość dla {tag}", "Treść", None, [user.email])
    return ("emails_to_you",), f"Wiadomość dla {tag}"


def application_created(user, tag):
    ApplicationFactory(company=user.membership.company, created_by=user, answers={"goal": f"Cel wniosku {tag}"})
    return ("cooperation_applications",), f"Cel wniosku {tag}"


def practice_written(user, tag):
    PublishedPracticeFactory(company=user.membership.company, author=user, title=f"Praktyka autora {tag}")
    return ("good_practices", "practices"), f"Praktyka autora {tag}"


def practice_edit_written(user, tag):
    practice = PublishedPracticeFactory(company=user.membership.company)
    PracticeRevision.objects.create(practice=practice, author=user, data={"title": f"Poprawiony tytuł {tag}"})
    return ("good_practices", "edits_of_published_practices"), f"Poprawiony tytuł {tag}"


def problem_report_sent(user, tag):
    ProblemReport.objects.create(practice=PublishedPracticeFactory(), message=f"Błąd w opisie {tag}", email=user.email)
    return ("good_practices", "problem_reports"), f"Błąd w opisie {tag}"


def sign_up_as_contact(user, tag):
    ParticipationFactory(
        company=user.membership.company, contact_email=user.email, contact_name=f"Kontakt {tag}", contact_phone="123"
    )
    return ("initiatives", "sign_ups"), f"Kontakt {tag}"


def sign_up_made(user, tag):
    ParticipationFactory(
        company=user.membership.company, signed_up_by=user, initiative__title=f"Sadzenie zapisane {tag}"
    )
    return ("initiatives", "sign_ups"), f"Sadzenie zapisane {tag}"


def ride(user, tag):
    campaign = BikeCampaignFactory(title=f"Rowerem do pracy {tag}")
    Ride.objects.create(
        initiative=campaign, company=user.membership.company, user=user, date=timezone.localdate(), km=Decimal("7.5")
    )
    return ("initiatives", "rides"), f"Rowerem do pracy {tag}"


def review_event_made(user, tag):
    company = user.membership.company
    ReviewEvent.objects.create(
        content_type=ContentType.objects.get_for_model(company),
        object_id=company.pk,
        action="resubmit",
        from_status="rejected",
        to_status="pending",
        by=user,
        reason=f"Poprawiliśmy dane {tag}",
    )
    return ("review", "review_events"), f"Poprawiliśmy dane {tag}"


def staff_note_written(user, tag):
    company = user.membership.company
    StaffNote.objects.create(
        content_type=ContentType.objects.get_for_model(company),
        object_id=company.pk,
        author=user,
        text=f"Notatka wewnętrzna {tag}",
    )
    return ("review", "internal_notes"), f"Notatka wewnętrzna {tag}"


def assigned_for_review(user, tag):
    company = user.membership.company
    company.assignee = user
    company.save()
    return ("review", "assigned_to_you"), company.reference()


def change_made(user, tag):
    company = user.membership.company
    company._history_user = user  # what HistoryRequestMiddleware sets for a signed-in request
    company.description = f"Nowy opis {tag}"
    company.save()
    return ("changes_you_made",), company.reference()


def second_address(user, tag):
    EmailAddress.objects.create(user=user, email=f"drugi-{tag}@example.com", verified=True)
    return ("account", "email_addresses"), f"drugi-{tag}@example.com"


def two_factor(user, tag):
    Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data={"secret": f"SEKRET{tag.upper()}"})
    return ("account", "two_factor_authentication"), "totp"


def announcement_received(user, tag):
    announcement = Announcement.objects.create(
        subject_pl=f"Ogłoszenie dla {tag}", body_pl="Treść.", status=Announcement.Status.SENT, sent_at=timezone.now()
    )
    Recipient.objects.create(announcement=announcement, user=user, email=user.email, language="pl")
    return ("announcements", "announcements_received"), f"Ogłoszenie dla {tag}"


def announcements_turned_off(user, tag):
    OptOut.objects.create(user=user)
    return ("announcements", "announcements_turned_off"), str(timezone.now().year)


def announcement_sent(user, tag):
    Announcement.objects.create(
        subject_pl=f"Wysłane przez {tag}", body_pl="Treść.", status=Announcement.Status.SENT, sent_by=user,
        sent_at=timezone.now(),
    )
    return ("announcements", "announcements_you_sent"), f"Wysłane przez {tag}"


def news_written(user, tag):
    NewsItemFactory(title_pl=f"Wiadomość napisana przez {tag}", created_by=user)
    return ("news_you_wrote",), f"Wiadomość napisana przez {tag}"


KINDS = [
    membership,
    join_request_sent,
    join_request_decided,
    invitation_sent,
    invitation_received,
    profile_change_proposed,
    email_sent_to,
    application_created,
    practice_written,
    practice_edit_written,
    problem_report_sent,
    sign_up_as_contact,
    sign_up_made,
    ride,
    review_event_made,
    staff_note_written,
    assigned_for_review,
    change_made,
    second_address,
    two_factor,
    announcement_received,
    announcements_turned_off,
    announcement_sent,
    news_written,
]


def _section(data, path):
    for key in path:
        data = data[key]
    return json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("kind", KINDS, ids=lambda kind: kind.__name__)
def test_the_download_holds_it(client_for, owner, kind):
    path, text = kind(owner, "mine")
    data, _raw = _download(client_for, owner)
    assert text in _section(data, path)


# What these two leave in a download ("totp", this year) is in anyone's download, so it cannot tell people apart.
@pytest.mark.parametrize(
    "kind", [k for k in KINDS if k not in (two_factor, announcements_turned_off)], ids=lambda kind: kind.__name__
)
def test_the_download_holds_none_of_it_for_another_person(client_for, owner, outsider, kind):
    _path, text = kind(outsider, "theirs")
    _data, raw = _download(client_for, owner)
    assert text not in raw


def test_everything_of_another_person_stays_out_of_the_download(client_for, owner, outsider):
    theirs = [
        kind(outsider, "theirs")[1] for kind in KINDS if kind not in (two_factor, membership, announcements_turned_off)
    ]
    for kind in KINDS:
        kind(owner, "mine")
    _data, raw = _download(client_for, owner)
    assert [text for text in theirs if text in raw] == []
    assert "outsider@example.com" not in raw and "Inna Firma" not in raw


def test_the_download_says_an_authenticator_exists_but_never_its_secret(client_for, owner):
    two_factor(owner, "mine")
    data, raw = _download(client_for, owner)
    [authenticator] = data["account"]["two_factor_authentication"]
    assert authenticator["type"] == "totp"
    assert "SEKRETMINE" not in raw and "secret" not in raw


def test_another_persons_contact_details_on_a_sign_up_they_made_stay_out(client_for, owner):
    ParticipationFactory(
        company=owner.membership.company,
        signed_up_by=owner,
        contact_name="Zofia Kontaktowa",
        contact_email="zofia@example.com",
        contact_phone="+48 600 000 000",
    )
    data, raw = _download(client_for, owner)
    [sign_up] = data["initiatives"]["sign_ups"]
    assert sign_up["signed_up_by_you"] and not sign_up["you_are_the_contact"]
    assert "Zofia" not in raw and "zofia@example.com" not in raw and "600 000 000" not in raw


def test_an_unconfirmed_address_brings_no_one_elses_invitations(client_for, newcomer, company):
    EmailAddress.objects.create(user=newcomer, email="someone.else@example.com", verified=False)
    Invitation.objects.create(company=company, email="someone.else@example.com")
    data, _raw = _download(client_for, newcomer)
    assert data["company"]["invitations_received"] == []


def test_the_download_lists_the_persons_open_sessions_without_their_keys(client_for, owner, outsider):
    client = client_for(owner)
    client_for(outsider)
    data = json.loads(client.get("/accounts/data/export/").content)
    [session] = data["account"]["sessions"]
    assert session["expires"] > timezone.now().isoformat()
    assert client.session.session_key not in json.dumps(data)


def test_the_download_explains_where_the_security_log_is_kept(client_for, newcomer, settings):
    settings.SECURITY_LOG_RETENTION_DAYS = 90
    client = client_for(newcomer)
    client.cookies["django_language"] = "en"
    data = json.loads(client.get("/accounts/data/export/").content)
    assert data["security_log"]["stored_in_the_database"] is False
    assert data["security_log"]["retention_days"] == 90
    assert "kept for 90 days" in data["security_log"]["explanation"]


def test_a_ride_in_the_download_gives_date_and_distance(client_for, owner):
    ride(owner, "mine")
    data, _raw = _download(client_for, owner)
    [logged] = data["initiatives"]["rides"]
    assert logged["date"] == timezone.localdate().isoformat()
    assert logged["km"] == "7.5"
