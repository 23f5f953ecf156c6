"""Staff write, preview, test and send an announcement in the admin; a sent one is read-only."""

from django.core import mail

from partnerships.announcements.models import Announcement, Recipient
from tests.factories import StaffFactory


def _form(**fields):
    return {
        "audience": "all_partners",
        "cooperation_form": "",
        "initiative": "",
        "subject_pl": "Spotkanie partnerów",
        "body_pl": "Zapraszamy **wszystkich** partnerów.",
        "subject_en": "Partners' meeting",
        "body_en": "All **partners** are welcome.",
        **fields,
    }


def test_a_moderator_writes_one_and_lands_on_its_preview(client_for, staff, owner):
    response = client_for(staff).post("/admin/announcements/announcement/add/", {**_form(), "_preview": "1"})
    announcement = Announcement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/announcements/announcement/{announcement.pk}/preview/"
    assert announcement.created_by == staff
    assert announcement.status == Announcement.Status.DRAFT


def test_the_preview_shows_both_versions_rendered_and_the_number_of_people(client_for, staff, make_announcement,
                                                                          owner, colleague):
    announcement = make_announcement()
    page = client_for(staff).get(f"/admin/announcements/announcement/{announcement.pk}/preview/").content.decode()
    assert "Zapraszamy na <strong>forum wymiany doświadczeń</strong>." in page
    assert "Join us at the <strong>experience-exchange forum</strong>." in page
    assert "<dd>2 (pl: 2, en: 0)</dd>" in page
    assert 'id="send-form"' in page


def test_a_test_goes_to_the_staff_member_only(client_for, staff, make_announcement, owner):
    announcement = make_announcement()
    response = client_for(staff).post(f"/admin/announcements/announcement/{announcement.pk}/test/")
    assert response.status_code == 302
    assert {m.to[0] for m in mail.outbox} == {"staff@example.com"}
    assert Recipient.objects.count() == 0


def test_sending_from_the_admin_sends_and_a_second_click_sends_nothing_more(client_for, staff, make_announcement,
                                                                           owner):
    announcement = make_announcement()
    client = client_for(staff)
    client.post(f"/admin/announcements/announcement/{announcement.pk}/send/")
    second = client.post(f"/admin/announcements/announcement/{announcement.pk}/send/", follow=True)
    assert len(mail.outbox) == 1
    assert "To ogłoszenie zostało już wysłane." in second.content.decode()
    announcement.refresh_from_db()
    assert (announcement.status, announcement.sent_by) == (Announcement.Status.SENT, staff)


def test_sending_needs_a_post(client_for, staff, make_announcement, owner):
    announcement = make_announcement()
    assert client_for(staff).get(f"/admin/announcements/announcement/{announcement.pk}/send/").status_code == 405
    assert mail.outbox == []


def test_staff_without_the_send_permission_may_not_send_or_test(client_for, make_announcement, owner):
    viewer = StaffFactory(email="viewer@example.com", moderator=False)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_announcement"))
    announcement = make_announcement()
    client = client_for(viewer)
    assert client.get(f"/admin/announcements/announcement/{announcement.pk}/preview/").status_code == 200
    assert client.post(f"/admin/announcements/announcement/{announcement.pk}/send/").status_code == 403
    assert client.post(f"/admin/announcements/announcement/{announcement.pk}/test/").status_code == 403
    assert mail.outbox == []


def test_a_sent_announcement_is_read_only_and_lists_its_recipients(client_for, staff, make_announcement, owner):
    announcement = make_announcement()
    client = client_for(staff)
    client.post(f"/admin/announcements/announcement/{announcement.pk}/send/")
    change_url = f"/admin/announcements/announcement/{announcement.pk}/change/"
    page = client.get(change_url).content.decode()
    assert "owner@example.com" in page
    assert 'name="subject_pl"' not in page
    client.post(change_url, _form(subject_pl="Zmieniony temat"))
    announcement.refresh_from_db()
    assert announcement.subject_pl == "Zaproszenie na forum"
    client.post(f"/admin/announcements/announcement/{announcement.pk}/delete/", {"post": "yes"})
    assert Announcement.objects.filter(pk=announcement.pk).exists()


def test_the_form_refuses_a_form_audience_without_a_form(client_for, staff):
    response = client_for(staff).post("/admin/announcements/announcement/add/", _form(audience="form_signatories"))
    assert response.status_code == 200
    assert Announcement.objects.count() == 0


def test_a_text_over_the_limit_is_refused_with_a_message(client_for, staff):
    response = client_for(staff).post("/admin/announcements/announcement/add/", _form(body_pl="x" * 3001))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["body_pl"]
    assert Announcement.objects.count() == 0
