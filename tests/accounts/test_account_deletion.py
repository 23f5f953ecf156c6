"""What deleting an account removes or anonymises (the privacy notice's rules): sign-ups and their reminders, the files
of a company deleted with its last member, the history of changes, review records, invitations, sessions, the
admin's log."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import send_mail
from django.core.management import call_command
from django.utils import timezone
from post_office.models import Email
from simple_history.models import HistoricalChanges

from initiatives.models import Participation
from partnerships.cooperation.models import Application
from partnerships.models import Company, CompanyRevision, Invitation, Membership
from partnerships.review.models import ReviewEvent, StaffNote
from practices import catalogue
from practices.models import GoodPractice, ProblemReport
from tests.cooperation.factories import ApplicationFactory
from tests.factories import png_bytes
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory
from tests.practices.factories import PhotoFactory, PracticeFactory, PublishedPracticeFactory

PASSWORD = "correct-horse-battery"


def _delete_account(client_for, user, callbacks):
    with callbacks(execute=True):
        response = client_for(user).post("/accounts/data/delete/", {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302
    return response


def _upcoming_sign_up(company, contact, **extra):
    return ParticipationFactory(
        company=company, contact_name=contact.get_full_name(), contact_email=contact.email, contact_phone="+48 12 345",
        **extra,
    )


# Sign-ups for initiatives -------------------------------------------------------------------------------------------


def test_an_upcoming_sign_up_the_person_is_the_contact_of_passes_to_the_owner(
    client_for, owner, colleague, company, django_capture_on_commit_callbacks
):
    sign_up = _upcoming_sign_up(company, colleague)
    name, email = colleague.get_full_name(), colleague.email
    _delete_account(client_for, colleague, django_capture_on_commit_callbacks)
    sign_up.refresh_from_db()
    assert (sign_up.contact_name, sign_up.contact_email, sign_up.contact_phone) == (
        owner.get_full_name(),
        owner.email,
        "",
    )
    assert name not in sign_up.contact_name and email != sign_up.contact_email


def test_a_past_sign_up_the_person_was_the_contact_of_keeps_no_contact(
    client_for, owner, colleague, company, django_capture_on_commit_callbacks
):
    past = timezone.now() - timedelta(days=30)
    sign_up = _upcoming_sign_up(
        company,
        colleague,
        initiative=InitiativeFactory(start=past, end=past + timedelta(hours=3), registration_deadline=past),
    )
    _delete_account(client_for, colleague, django_capture_on_commit_callbacks)
    sign_up.refresh_from_db()
    assert (sign_up.contact_name, sign_up.contact_email, sign_up.contact_phone) == ("", "", "")


def test_a_company_page_with_a_past_sign_up_without_contact_says_no_empty_name(client_for, owner, company):
    past = timezone.now() - timedelta(days=30)
    initiative = InitiativeFactory(start=past, end=past + timedelta(hours=3), registration_deadline=past)
    ParticipationFactory(initiative=initiative, company=company, contact_name="", contact_email="")
    client = client_for(owner)
    client.cookies["django_language"] = "en"
    html = client.get(initiative.get_absolute_url()).content.decode()
    assert "Your company is signed up with 2 participants." in html
    assert "contact person: ." not in html


def test_a_sign_up_in_a_company_the_person_left_earlier_passes_to_that_companys_owner(
    client_for, newcomer, outsider, other_company, django_capture_on_commit_callbacks
):
    sign_up = _upcoming_sign_up(other_company, newcomer)
    _delete_account(client_for, newcomer, django_capture_on_commit_callbacks)
    sign_up.refresh_from_db()
    assert sign_up.contact_email == outsider.email


def test_no_reminder_goes_to_the_deleted_persons_address(
    client_for, owner, colleague, company, mailoutbox, django_capture_on_commit_callbacks
):
    tomorrow = timezone.now() + timedelta(hours=20)
    _upcoming_sign_up(
        company,
        colleague,
        initiative=InitiativeFactory(
            start=tomorrow, end=tomorrow + timedelta(hours=2), registration_deadline=tomorrow - timedelta(hours=1)
        ),
    )
    address = colleague.email
    _delete_account(client_for, colleague, django_capture_on_commit_callbacks)
    mailoutbox.clear()
    call_command("send_reminders", stdout=io.StringIO())
    recipients = [address for message in mailoutbox for address in message.to]
    assert recipients == [owner.email]
    assert address not in recipients


# Files of a company deleted with its last member ---------------------------------------------------------------------


@pytest.fixture
def company_with_files(company, owner):
    company.logo = SimpleUploadedFile("logo.png", png_bytes(), content_type="image/png")
    company.logo_thumbnail = SimpleUploadedFile("logo-mini.png", png_bytes((20, 20)), content_type="image/png")
    company.save()
    photo = PhotoFactory(practice=PublishedPracticeFactory(company=company))
    photo.thumbnail = SimpleUploadedFile("photo-mini.png", png_bytes((20, 20)), content_type="image/png")
    photo.save()
    files = [Path(f.path) for f in (company.logo, company.logo_thumbnail, photo.image, photo.thumbnail)]
    assert all(path.exists() for path in files)
    return files


def test_the_files_of_a_company_deleted_with_its_last_member_leave_the_media_folder(
    client_for, owner, company_with_files, django_capture_on_commit_callbacks
):
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert [path for path in company_with_files if path.exists()] == []
    assert str(company_with_files[0]).startswith(str(settings.MEDIA_ROOT))


def test_a_logo_proposed_in_a_profile_change_leaves_with_the_company(
    client_for, owner, company, django_capture_on_commit_callbacks
):
    revision = CompanyRevision.objects.create(
        company=company, author=owner, logo=SimpleUploadedFile("new.png", png_bytes(), content_type="image/png")
    )
    proposed = Path(revision.logo.path)
    assert proposed.exists()
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert not proposed.exists()


def test_the_files_stay_until_the_deletion_commits(
    client_for, owner, company_with_files, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client_for(owner).post("/accounts/data/delete/", {"confirm": "on", "password": PASSWORD})
    assert callbacks and all(path.exists() for path in company_with_files)


def test_the_files_of_a_company_that_stays_stay(
    client_for, colleague, company_with_files, django_capture_on_commit_callbacks
):
    _delete_account(client_for, colleague, django_capture_on_commit_callbacks)
    assert all(path.exists() for path in company_with_files)


def test_cached_catalogues_go_with_a_deleted_company(client_for, owner, company, django_capture_on_commit_callbacks):
    PublishedPracticeFactory(company=company, title="Panele słoneczne na dachu")
    assert client_for(None).get("/practices/catalogue.pdf").status_code == 200
    cached = list((Path(settings.MEDIA_ROOT) / "catalogue").rglob("*.pdf"))  # the full one and any filtered one
    assert cached
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert [path for path in cached if path.exists()] == []
    catalogue.forget_cached()  # nothing left to delete is no error


# History of changes ---------------------------------------------------------------------------------------------------


def _history_rows():
    """Every row of every history table, as text."""
    return [
        str(row)
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        for row in model.objects.values()
    ]


def _user_columns():
    """(history model, column) of every user a history row names: who made the change and any user it copied."""
    user_model = apps.get_model(settings.AUTH_USER_MODEL)
    return [
        (model, field.attname)
        for model in apps.get_models()
        if issubclass(model, HistoricalChanges)
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model is user_model
    ]


def _rows_naming(user_id):
    """(history model, column) of every history row that still names the user `user_id`."""
    return [(model.__name__, column) for model, column in _user_columns() if model.objects.filter(**{column: user_id})]


def _touch_everything(company, user):
    """Changes made by `user` to the company, a membership, an application and a practice, each leaving history."""
    company._history_user = user
    company.description = "Zmieniony opis firmy."
    company.save()
    membership = Membership.objects.get(user=user)
    membership._history_user = user
    membership.save()
    ApplicationFactory(company=company, created_by=user, assignee=user)
    practice = PracticeFactory(company=company, author=user)
    practice._history_user = user
    practice.summary = "Zmienione streszczenie."
    practice.save()


def test_no_history_row_keeps_a_company_deleted_with_its_last_member(
    client_for, owner, company, django_capture_on_commit_callbacks
):
    _touch_everything(company, owner)
    name, nip, email, pk = company.name, company.nip, owner.email, company.pk
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    rows = _history_rows()
    assert [row for row in rows if name in row or nip in row or email in row] == []
    assert not Company.history.filter(id=pk).exists()
    assert not Application.history.filter(company_id=pk).exists()
    assert not GoodPractice.history.filter(company_id=pk).exists()
    assert not Membership.history.filter(company_id=pk).exists()


def test_the_history_of_a_company_that_stays_keeps_the_company_but_not_the_person(
    client_for, owner, colleague, company, django_capture_on_commit_callbacks
):
    _touch_everything(company, colleague)
    person = colleague.pk
    _delete_account(client_for, colleague, django_capture_on_commit_callbacks)
    assert Company.history.filter(id=company.pk, description="Zmieniony opis firmy.").exists()
    assert Application.history.filter(company_id=company.pk).exists()
    assert GoodPractice.history.filter(company_id=company.pk).exists()
    assert not Membership.history.filter(user_id=person).exists()
    assert _rows_naming(person) == []


def test_the_migration_applies_the_rule_to_history_left_before_it(owner, colleague, company):
    migration = __import__("partnerships.migrations.0010_forget_history_of_deleted_rows", fromlist=["forget"])
    practices_migration = __import__("practices.migrations.0004_forget_history_of_deleted_rows", fromlist=["forget"])
    _touch_everything(company, colleague)
    person = colleague.pk
    # As deleting did before cascade_delete_history: the rows go, their history stays.
    histories = [Company.history, Membership.history, Application.history, GoodPractice.history]
    kept = [list(history.all()) for history in histories]
    company.delete()
    colleague.delete()
    for history, rows in zip(histories, kept, strict=True):
        history.model.objects.bulk_create(rows, ignore_conflicts=True)
    migration.forget(apps, None)
    practices_migration.forget(apps, None)
    rows = _history_rows()
    assert [row for row in rows if company.name in row or company.nip in row] == []
    assert _rows_naming(person) == []


# Review records, invitations, problem reports, sessions, the admin's log ---------------------------------------------


def _review_records(obj, by):
    content_type = ContentType.objects.get_for_model(obj)
    ReviewEvent.objects.create(
        content_type=content_type, object_id=obj.pk, action="submit", from_status="draft", to_status="submitted", by=by
    )
    StaffNote.objects.create(content_type=content_type, object_id=obj.pk, author=by, text=f"Notatka o {obj}")


def test_review_events_keep_the_decision_but_not_the_person(
    client_for, owner, colleague, company, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(company=company)
    _review_records(application, colleague)
    _delete_account(client_for, colleague, django_capture_on_commit_callbacks)
    event = ReviewEvent.objects.get(object_id=application.pk)
    assert (event.action, event.to_status, event.by) == ("submit", "submitted", None)


def test_the_review_records_of_a_deleted_company_go_with_it(
    client_for, owner, company, staff, django_capture_on_commit_callbacks
):
    practice = PublishedPracticeFactory(company=company)
    for obj in (company, ApplicationFactory(company=company), practice, practice.revisions.create(data={})):
        _review_records(obj, staff)
    unrelated = ApplicationFactory()
    _review_records(unrelated, staff)
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert list(ReviewEvent.objects.values_list("object_id", flat=True)) == [unrelated.pk]
    assert list(StaffNote.objects.values_list("object_id", flat=True)) == [unrelated.pk]


def test_invitations_to_the_persons_addresses_go(
    client_for, newcomer, company, owner, django_capture_on_commit_callbacks
):
    Invitation.objects.create(company=company, email=newcomer.email.upper(), invited_by=owner)
    kept = Invitation.objects.create(company=company, email="someone@example.com", invited_by=owner)
    _delete_account(client_for, newcomer, django_capture_on_commit_callbacks)
    assert list(Invitation.objects.all()) == [kept]


def test_problem_reports_keep_the_message_but_not_the_address(
    client_for, newcomer, django_capture_on_commit_callbacks
):
    practice = PublishedPracticeFactory()
    report = ProblemReport.objects.create(practice=practice, message="Zły adres", email=newcomer.email)
    _delete_account(client_for, newcomer, django_capture_on_commit_callbacks)
    report.refresh_from_db()
    assert (report.message, report.email) == ("Zły adres", "")


def test_the_persons_other_sessions_end(client_for, newcomer, owner, django_capture_on_commit_callbacks):
    other_browser = client_for(newcomer)
    someone_else = client_for(owner)
    _delete_account(client_for, newcomer, django_capture_on_commit_callbacks)
    assert not Session.objects.filter(session_key=other_browser.session.session_key).exists()
    assert Session.objects.filter(session_key=someone_else.session.session_key).exists()


def test_the_admin_log_forgets_the_person_and_their_deleted_company(
    client_for, owner, company, staff, django_capture_on_commit_callbacks
):
    other = ApplicationFactory()
    for obj in (owner, company, other):
        LogEntry.objects.log_actions(user_id=staff.pk, queryset=[obj], action_flag=CHANGE, change_message="…")
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert list(LogEntry.objects.values_list("object_repr", flat=True)) == [str(other)]


def test_a_sign_up_of_a_deleted_company_goes_with_it(client_for, owner, company, django_capture_on_commit_callbacks):
    _upcoming_sign_up(company, owner)
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert not Participation.objects.exists()


# The mail queue -------------------------------------------------------------------------------------------------------


def test_the_e_mails_sent_to_the_person_leave_the_mail_queue(
    client_for, owner, colleague, mail_queue, django_capture_on_commit_callbacks
):
    send_mail("Dla właściciela", "Treść", None, [owner.email])
    send_mail("Dla współpracownika", "Treść", None, [colleague.email])
    assert Email.objects.count() == 2
    _delete_account(client_for, owner, django_capture_on_commit_callbacks)
    assert list(Email.objects.values_list("subject", flat=True)) == ["Dla współpracownika"]
