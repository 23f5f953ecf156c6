"""Deleting an account removes the record of the announcements sent to the person and their choice about them."""

from partnerships.announcements import sending
from partnerships.announcements.models import Announcement, OptOut, Recipient

PASSWORD = "correct-horse-battery"


def _delete(client_for, user, callbacks):
    with callbacks(execute=True):
        response = client_for(user).post("/accounts/data/delete/", {"confirm": "on", "password": PASSWORD})
    assert response.status_code == 302


def test_the_person_s_recipient_rows_and_opt_out_go_and_the_colleague_s_stay(
    client_for, make_announcement, owner, colleague, staff, django_capture_on_commit_callbacks
):
    announcement = make_announcement()
    sending.send(announcement.pk, by=staff)
    OptOut.objects.create(user=colleague)
    _delete(client_for, colleague, django_capture_on_commit_callbacks)
    assert list(Recipient.objects.values_list("email", flat=True)) == ["owner@example.com"]
    assert not OptOut.objects.exists()
    assert Announcement.objects.get().companies.count() == 1


def test_an_announcement_stays_without_the_name_of_the_staff_member_who_sent_it(
    client_for, make_announcement, owner, staff, django_capture_on_commit_callbacks
):
    announcement = make_announcement()
    sending.send(announcement.pk, by=staff)
    _delete(client_for, staff, django_capture_on_commit_callbacks)
    announcement.refresh_from_db()
    assert (announcement.sent_by, announcement.created_by, announcement.status) == (None, None, "sent")
    assert Recipient.objects.count() == 1
