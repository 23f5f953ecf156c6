"""`manage.py create_staff`: a member of staff who can open the admin at once, with the password never on the command
line."""

import io

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from partnerships.review.permissions import MODERATORS_GROUP
from portal.management.commands import create_staff
from portal.models import User

PASSWORD = "a-long-staff-passphrase-2026"


class Terminal(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def typed(monkeypatch):
    """What the person types at the password prompts, in order."""
    answers = []
    monkeypatch.setattr(create_staff.getpass, "getpass", lambda prompt="": answers.pop(0))
    return answers


def _create(*args, **options):
    out, err = io.StringIO(), io.StringIO()
    call_command("create_staff", *args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def test_it_creates_a_moderator_with_a_confirmed_primary_address_from_the_environment(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)

    out, _err = _create("ewa@krakow.example.org", "--first-name", "Ewa", "--no-input")

    user = User.objects.get(email="ewa@krakow.example.org")
    assert user.is_staff and not user.is_superuser
    assert user.first_name == "Ewa"
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]
    address = EmailAddress.objects.get(user=user)
    assert (address.email, address.verified, address.primary) == ("ewa@krakow.example.org", True, True)
    assert "ewa@krakow.example.org" in out


def test_the_new_member_of_staff_signs_in_and_opens_the_admin(monkeypatch, settings):
    settings.STAFF_REQUIRE_2FA = False
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    _create("ewa@krakow.example.org", "--no-input")
    client = Client()

    response = client.post("/accounts/login/?next=/admin/", {"login": "ewa@krakow.example.org", "password": PASSWORD})

    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_with_two_factor_required_they_are_told_they_will_set_it_up(monkeypatch, settings):
    settings.STAFF_REQUIRE_2FA = True
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    out, _err = _create("ewa@krakow.example.org", "--no-input")
    assert "two-factor authentication" in out


def test_it_asks_for_the_password_twice_in_a_terminal(typed):
    typed.extend([PASSWORD, PASSWORD])

    _create("ewa@krakow.example.org", stdin=Terminal())

    assert User.objects.get(email="ewa@krakow.example.org").check_password(PASSWORD)
    assert typed == []


def test_it_asks_again_after_two_different_passwords_or_a_weak_one(typed):
    typed.extend([PASSWORD, "something-else-entirely", "12345", "12345", PASSWORD, PASSWORD])

    _out, err = _create("ewa@krakow.example.org", stdin=Terminal())

    assert "The two passwords differ." in err
    assert "too short" in err
    assert User.objects.get(email="ewa@krakow.example.org").check_password(PASSWORD)


def test_it_refuses_an_address_that_is_taken_whatever_its_case(monkeypatch, staff):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)

    with pytest.raises(CommandError, match="A user with the e-mail address STAFF@example.com already exists"):
        _create("STAFF@example.com", "--no-input")

    assert User.objects.filter(email__iexact="staff@example.com").count() == 1


def test_it_refuses_an_address_another_user_has_added(monkeypatch, newcomer):
    EmailAddress.objects.create(user=newcomer, email="second@example.com", verified=False, primary=False)
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)

    with pytest.raises(CommandError, match="already exists"):
        _create("second@example.com", "--no-input")


def test_without_a_terminal_or_the_variable_it_creates_nobody(monkeypatch):
    monkeypatch.delenv("DJANGO_STAFF_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="DJANGO_STAFF_PASSWORD"):
        _create("ewa@krakow.example.org", "--no-input")
    with pytest.raises(CommandError, match="--no-input"):
        _create("ewa@krakow.example.org", stdin=io.StringIO())

    assert not User.objects.filter(email="ewa@krakow.example.org").exists()


def test_a_weak_password_from_the_environment_is_refused(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", "password")

    with pytest.raises(CommandError, match="too common"):
        _create("ewa@krakow.example.org", "--no-input")

    assert not User.objects.filter(email="ewa@krakow.example.org").exists()


def test_the_password_is_not_an_argument():
    with pytest.raises(CommandError):
        call_command("create_staff", "ewa@krakow.example.org", "--password", PASSWORD, "--no-input")


def test_it_refuses_what_is_not_an_e_mail_address(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    with pytest.raises(CommandError, match="is not an e-mail address"):
        _create("ewa-at-krakow", "--no-input")


def test_an_administrator_can_be_made_a_superuser(monkeypatch):
    monkeypatch.setenv("DJANGO_STAFF_PASSWORD", PASSWORD)
    _create("it@krakow.example.org", "--superuser", "--no-input")
    assert User.objects.get(email="it@krakow.example.org").is_superuser
