import datetime

import pytest
from django.urls import reverse

from initiatives.models import Ride
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
