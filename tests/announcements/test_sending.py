"""Sending an announcement: who gets it, in which language, once, with the link and headers to turn it off."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import Email

from initiatives.models import Participation
from partnerships.announcements import sending
from partnerships.announcements.models import Announcement, OptOut, Recipient
from partnerships.climate.models import overdue_year
from partnerships.cooperation.models import Application, CooperationForm
from partnerships.models import Company
from tests.climate.conftest import make_report, sign_pact
from tests.cooperation.factories import ApplicationFactory, CooperationFormFactory
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.factories import InitiativeFactory, ParticipationFactory


def test_all_partners_reach_every_member_of_every_verified_company_in_their_language(
    make_announcement, owner, colleague, outsider, staff
):
    colleague.language = "en"
    colleague.save()
    pending = CompanyFactory(status=Company.Status.PENDING)
    MembershipFactory(company=pending, user__email="pending@example.com")
    announcement = make_announcement()

    assert sending.send(announcement.pk, by=staff) == 3

    subjects = {message.to[0]: message.subject for message in mail.outbox}
    assert subjects == {
        "owner@example.com": "Zaproszenie na forum",
        "colleague@example.com": "Invitation to the forum",
        "outsider@example.com": "Zaproszenie na forum",
    }
    english = next(m for m in mail.outbox if m.to == ["colleague@example.com"])
    assert "Join us at the **experience-exchange forum**." in english.body
    assert "<strong>experience-exchange forum</strong>" in english.alternatives[0][0]


def test_without_an_english_version_english_readers_get_the_polish_one(make_announcement, owner, staff):
    owner.language = "en"
    owner.save()
    announcement = make_announcement(subject_en="", body_en="")
    sending.send(announcement.pk, by=staff)
    assert mail.outbox[0].subject == "Zaproszenie na forum"
    assert "Stop receiving announcements" in mail.outbox[0].alternatives[0][0]  # the footer is in their language


def test_the_signatories_of_a_form_are_the_companies_with_an_approved_application(make_announcement, staff, company,
                                                                                 owner, other_company, outsider):
    form = CooperationFormFactory()
    ApplicationFactory(company=company, form=form, status=Application.Status.APPROVED)
    ApplicationFactory(company=other_company, form=form, status=Application.Status.SUBMITTED)
    ApplicationFactory(company=other_company, status=Application.Status.APPROVED)  # another form
    announcement = make_announcement(audience="form_signatories", cooperation_form=form)
    sending.send(announcement.pk, by=staff)
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


def test_the_participants_of_an_initiative_are_the_companies_with_a_confirmed_sign_up(make_announcement, staff,
                                                                                     company, owner, other_company,
                                                                                     outsider):
    initiative = InitiativeFactory()
    ParticipationFactory(initiative=initiative, company=company)
    ParticipationFactory(initiative=initiative, company=other_company, status=Participation.Status.WAITING)
    announcement = make_announcement(audience="initiative_participants", initiative=initiative)
    sending.send(announcement.pk, by=staff)
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


@pytest.mark.parametrize(
    ("audience", "needs"), [("form_signatories", "cooperation_form"), ("initiative_participants", "initiative")]
)
def test_an_audience_that_needs_a_form_or_an_initiative_is_refused_without_one(make_announcement, audience, needs):
    with pytest.raises(ValidationError) as error:
        make_announcement(audience=audience)
    assert needs in error.value.message_dict


def test_an_english_subject_without_an_english_text_is_refused(make_announcement):
    with pytest.raises(ValidationError) as error:
        make_announcement(body_en="")
    assert "body_en" in error.value.message_dict


def test_people_who_turned_announcements_off_get_nothing(make_announcement, owner, colleague, staff):
    OptOut.objects.create(user=colleague)
    announcement = make_announcement()
    assert sending.send(announcement.pk, by=staff) == 1
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]
    # Their company still received it: its members see it on the dashboard.
    assert list(announcement.companies.all()) == [owner.membership.company]


def test_decisions_about_their_company_still_reach_someone_who_turned_announcements_off(owner, staff, company):
    OptOut.objects.create(user=owner)
    company.status = Company.Status.PENDING
    company.save()
    company.transition("verify", by=staff)
    assert [m.to for m in mail.outbox] == [["owner@example.com"]]


def test_sending_records_who_got_it_at_which_address_in_which_language_and_when(make_announcement, owner, staff):
    announcement = make_announcement()
    sending.send(announcement.pk, by=staff)
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT
    assert announcement.sent_by == staff
    row = Recipient.objects.get()
    company = owner.membership.company
    assert (row.user, row.email, row.language, row.company) == (owner, "owner@example.com", "pl", company)
    assert row.queued_at == announcement.sent_at


def test_sending_twice_sends_once(make_announcement, owner, staff):
    announcement = make_announcement()
    sending.send(announcement.pk, by=staff)
    with pytest.raises(sending.NotSendable, match="zostało już wysłane"):
        sending.send(announcement.pk, by=staff)
    assert len(mail.outbox) == 1
    assert Recipient.objects.count() == 1


def test_an_audience_without_companies_is_not_sent(make_announcement, staff):
    form = CooperationFormFactory()
    announcement = make_announcement(audience="form_signatories", cooperation_form=form)
    with pytest.raises(sending.NotSendable):
        sending.send(announcement.pk, by=staff)
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.DRAFT


def test_a_failure_while_queueing_leaves_nothing_sent(make_announcement, owner, colleague, staff, monkeypatch):
    announcement = make_announcement()
    calls = []

    def fail_on_the_second(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(*args, **kwargs)

    real = sending.send_one
    monkeypatch.setattr(sending, "send_one", fail_on_the_second)
    with pytest.raises(RuntimeError):
        sending.send(announcement.pk, by=staff)
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.DRAFT
    assert Recipient.objects.count() == 0
    assert Email.objects.count() == 0


def test_each_e_mail_has_the_unsubscribe_link_and_the_one_click_headers(make_announcement, owner, staff, mail_queue):
    announcement = make_announcement()
    sending.send(announcement.pk, by=staff)
    email = Email.objects.get()
    link = f"{sending.absolute_url('announcements:unsubscribe', sending.unsubscribe_token(owner))}"
    assert email.headers == {"List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    assert link in email.message and f'href="{link}"' in email.html_message
    mail_queue.deliver()
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_a_test_goes_to_the_staff_member_in_each_written_language_and_records_nothing(make_announcement, owner, staff):
    announcement = make_announcement()
    assert sending.send_test(announcement, staff) == 2
    assert sorted((m.to[0], m.subject) for m in mail.outbox) == [
        ("staff@example.com", "[Próba] Zaproszenie na forum"),
        ("staff@example.com", "[Test] Invitation to the forum"),
    ]
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.DRAFT
    assert Recipient.objects.count() == 0


def test_the_preview_counts_the_people_and_companies_it_reaches(make_announcement, owner, colleague, outsider):
    colleague.language = "en"
    colleague.save()
    OptOut.objects.create(user=outsider)
    preview = sending.preview(make_announcement())
    assert (preview["people"], preview["companies"]) == (2, 2)
    assert preview["by_language"] == {"pl": 1, "en": 1}
    assert [(v["code"], v["subject"]) for v in preview["versions"]] == [
        ("pl", "Zaproszenie na forum"),
        ("en", "Invitation to the forum"),
    ]


def test_the_overdue_reports_audience_reaches_the_signatories_that_have_not_sent_last_years_report(
    make_announcement, staff
):
    pact = CooperationForm.objects.get(kind=CooperationForm.Kind.PACT)
    year = overdue_year()
    assert overdue_year(date(2026, 12, 3)) == 2025 and overdue_year(date(2026, 4, 30)) == 2024
    signed = timezone.now().replace(year=year - 1)
    people = {}
    for name in ("none", "draft", "sent", "verified", "not-signed"):
        company = CompanyFactory()
        MembershipFactory(company=company, user__email=f"{name}@example.com")
        people[name] = company
        if name != "not-signed":
            sign_pact(company, pact, signed=signed)
    make_report(people["draft"], year=year, status="draft")
    make_report(people["sent"], year=year, status="submitted")
    make_report(people["verified"], year=year, status="approved")
    make_report(people["none"], year=year - 1, status="approved")  # an older year does not count
    announcement = make_announcement(audience="overdue_reports")
    sending.send(announcement.pk, by=staff)
    assert sorted(m.to[0] for m in mail.outbox) == ["draft@example.com", "none@example.com"]
