"""The user admin: people are found and created by e-mail address; there is no user name; deleting a person does what
their own account deletion does."""

from django.urls import reverse

from initiatives.models import Participation
from partnerships.models import Company
from portal.models import User
from tests.factories import UserFactory
from tests.initiatives.factories import ParticipationFactory


def test_staff_with_view_permission_find_a_user_by_email(client_for, staff):
    UserFactory(email="szukana@example.com")

    response = client_for(staff).get(reverse("admin:portal_user_changelist"), {"q": "szukana"})

    assert response.status_code == 200
    assert "szukana@example.com" in response.content.decode()
    assert "username" not in response.content.decode()


def test_a_superuser_adds_a_user_with_email_and_language(client_for, superuser):
    response = client_for(superuser).post(
        reverse("admin:portal_user_add"),
        {
            "email": "nowy@example.com",
            "language": "en",
            "usable_password": "true",
            "password1": "bardzo-dlugie-haslo-42",
            "password2": "bardzo-dlugie-haslo-42",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="nowy@example.com")
    assert user.language == "en" and user.check_password("bardzo-dlugie-haslo-42")


def test_a_moderator_cannot_change_a_user(client_for, staff, owner):
    response = client_for(staff).post(reverse("admin:portal_user_change", args=[owner.pk]), {"is_staff": "on"})

    assert response.status_code == 403
    owner.refresh_from_db()
    assert not owner.is_staff


def test_a_superuser_opens_a_users_page_with_language_and_groups(client_for, superuser, staff):
    response = client_for(superuser).get(reverse("admin:portal_user_change", args=[staff.pk]))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert {"email", "language", "is_staff", "groups"} <= set(form.fields)
    assert "username" not in form.fields


def test_a_superuser_edits_a_users_language(client_for, superuser, owner):
    from tests.admin_review.conftest import form_data

    client = client_for(superuser)
    url = reverse("admin:portal_user_change", args=[owner.pk])
    data = form_data(client.get(url).content.decode(), "user_form")
    data["language"] = ["en"]

    response = client.post(url, data)

    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.language == "en"


def test_a_superuser_deleting_a_person_does_what_their_own_deletion_does(
    client_for, superuser, owner, colleague, company, django_capture_on_commit_callbacks
):
    sign_up = ParticipationFactory(company=company, contact_name="Kolega", contact_email=colleague.email)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(superuser).post(reverse("admin:portal_user_delete", args=[owner.pk]), {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=owner.pk).exists()
    colleague.membership.refresh_from_db()
    assert colleague.membership.is_owner  # the company was handed over, not left without an owner
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(superuser).post(
            reverse("admin:portal_user_changelist"),
            {"action": "delete_selected", "_selected_action": [colleague.pk], "post": "yes"},
        )
    assert response.status_code == 302
    assert not Company.objects.filter(pk=company.pk).exists()  # the last member took it with them
    assert not Participation.objects.filter(pk=sign_up.pk).exists()
