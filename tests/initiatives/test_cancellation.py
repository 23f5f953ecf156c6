from django.core import mail
from django.urls import reverse

from initiatives.models import Initiative
from tests.factories import CompanyFactory, MembershipFactory
from tests.initiatives.conftest import admin_form_data
from tests.initiatives.factories import ParticipationFactory


def _participants(initiative):
    people = []
    for status in ("confirmed", "waiting"):
        member = MembershipFactory(company=CompanyFactory()).user
        ParticipationFactory(
            initiative=initiative, company=member.membership.company, status=status, contact_email=member.email
        )
        people.append(member.email)
    ParticipationFactory(initiative=initiative, status="cancelled", contact_email="gone@example.com")
    return sorted(people)


def _recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_the_admin_action_tells_every_participant_once(
    client_for, staff, initiative, django_capture_on_commit_callbacks
):
    people = _participants(initiative)
    url = reverse("admin:initiatives_initiative_changelist")
    data = {"action": "cancel_initiatives", "_selected_action": [initiative.pk]}
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(url, data)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(staff).post(url, data)
    assert _recipients() == people
    assert Initiative.objects.get(pk=initiative.pk).status == Initiative.Status.CANCELLED


def test_changing_the_status_in_the_admin_tells_every_participant(
    client_for, staff, initiative, django_capture_on_commit_callbacks
):
    people = _participants(initiative)
    data = admin_form_data(initiative, status="cancelled")
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert _recipients() == people


def test_cancelling_the_model_twice_sends_nothing_more(initiative, django_capture_on_commit_callbacks):
    _participants(initiative)
    with django_capture_on_commit_callbacks(execute=True):
        assert initiative.cancel() is True
    sent = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        assert initiative.cancel() is False
    assert len(mail.outbox) == sent == 2
