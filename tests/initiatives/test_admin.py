import datetime

import pytest
from django.core import mail
from django.urls import reverse

from initiatives.models import Participation, Ride
from tests.factories import MembershipFactory
from tests.initiatives.conftest import admin_form_data
from tests.initiatives.factories import ParticipationFactory


@pytest.mark.parametrize(
    "url",
    [
        "admin:initiatives_initiative_changelist",
        "admin:initiatives_participation_changelist",
        "admin:initiatives_ride_changelist",
        "admin:initiatives_initiative_add",
    ],
)
def test_moderators_reach_the_initiative_admin(client_for, staff, initiative, url):
    ParticipationFactory(initiative=initiative)
    response = client_for(staff).get(reverse(url), {"status__exact": "published"} if "initiative_c" in url else {})
    assert response.status_code == 200


def test_the_initiative_page_lists_participants_for_attendance(client_for, staff, initiative):
    participation = ParticipationFactory(initiative=initiative)
    response = client_for(staff).get(reverse("admin:initiatives_initiative_change", args=[initiative.pk]))
    html = response.content.decode()
    assert participation.contact_email in html
    assert "participations-0-attended" in html


def test_staff_export_the_participants(client_for, staff, initiative):
    ParticipationFactory(initiative=initiative, contact_email="eksport@example.com")
    data = {"action": "export_participants", "_selected_action": [initiative.pk]}
    response = client_for(staff).post(reverse("admin:initiatives_initiative_changelist"), data)
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode()
    assert "eksport@example.com" in body and initiative.title in body


def test_staff_mark_attendance_from_the_list(client_for, staff, initiative):
    participation = ParticipationFactory(initiative=initiative)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(participation.pk),
        "form-0-attended": "true",
        "_save": "Save",
    }
    client_for(staff).post(reverse("admin:initiatives_participation_changelist"), data)
    participation.refresh_from_db()
    assert participation.attended is True


def test_staff_remove_a_ride(client_for, staff, owner, company, campaign):
    ride = Ride.objects.create(initiative=campaign, company=company, user=owner, date=datetime.date.today(), km=5)
    url = reverse("admin:initiatives_ride_delete", args=[ride.pk])
    client_for(staff).post(url, {"post": "yes"})
    assert not Ride.objects.exists()


def test_raising_the_capacity_in_the_admin_moves_the_waiting_list_up(
    client_for, staff, initiative, django_capture_on_commit_callbacks
):
    ParticipationFactory(initiative=initiative, participants=10)
    member = MembershipFactory(user__email="czeka@example.com").user
    waiting = ParticipationFactory(
        initiative=initiative, company=member.membership.company, participants=2, status="waiting"
    )
    url = reverse("admin:initiatives_initiative_change", args=[initiative.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(staff).post(url, admin_form_data(initiative, capacity="12"))
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == Participation.Status.CONFIRMED
    assert any(member.email in message.to for message in mail.outbox)
