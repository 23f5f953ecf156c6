"""The user admin: people are found and created by e-mail address; there is no user name."""

from django.urls import reverse

from portal.models import User
from tests.factories import UserFactory


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
