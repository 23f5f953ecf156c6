"""Invitations cannot be used to send the city's e-mail to arbitrary addresses: only verified companies invite,
within limits, and an invitation expires or can be withdrawn."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from partnerships import services
from partnerships.models import Company, Invitation, Membership
from tests.factories import CompanyFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

INVITE = "/company/members/invite/"


def _english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_owner_of_a_company_not_yet_verified_cannot_invite(client_for, django_capture_on_commit_callbacks):
    company = CompanyFactory(status=Company.Status.PENDING)
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER).user
    client = _english(client_for(owner))

    assert "/company/members/invite/" not in client.get("/company/members/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(INVITE, {"email": "someone@example.com"})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert not mail.outbox


def test_a_colleague_cannot_invite(client_for, colleague):
    assert client_for(colleague).post(INVITE, {"email": "someone@example.com"}).status_code == 403
    assert not Invitation.objects.exists()


def test_one_owner_sends_at_most_the_daily_limit(client_for, owner, settings, django_capture_on_commit_callbacks):
    settings.INVITATIONS_PER_OWNER_PER_DAY = 3
    client = _english(client_for(owner))
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            response = client.post(INVITE, {"email": f"person{n}@example.com"}, follow=True)
    assert Invitation.objects.count() == 3
    assert len(mail.outbox) == 3
    assert "You have sent 3 invitations in the last 24 hours." in response.content.decode()


def test_yesterdays_invitations_do_not_count_against_today(client_for, owner, company, settings):
    settings.INVITATIONS_PER_OWNER_PER_DAY = 1
    old = Invitation.objects.create(company=company, email="old@example.com", invited_by=owner)
    Invitation.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    client_for(owner).post(INVITE, {"email": "new@example.com"})
    assert Invitation.objects.filter(email="new@example.com").exists()


def test_a_company_has_at_most_so_many_open_invitations(client_for, owner, company, settings):
    settings.INVITATIONS_OPEN_PER_COMPANY = 2
    second_owner = MembershipFactory(company=company, role=Membership.Role.OWNER).user
    client_for(owner).post(INVITE, {"email": "a@example.com"})
    client_for(owner).post(INVITE, {"email": "b@example.com"})
    response = _english(client_for(second_owner)).post(INVITE, {"email": "c@example.com"}, follow=True)
    assert "Your company has 2 invitations waiting for an answer." in response.content.decode()
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["a@example.com", "b@example.com"]


def test_the_same_address_is_not_invited_twice_while_the_first_is_open(client_for, owner):
    client = _english(client_for(owner))
    client.post(INVITE, {"email": "a@example.com"})
    response = client.post(INVITE, {"email": "A@example.com"}, follow=True)
    assert "a@example.com has already been invited." in response.content.decode()
    assert Invitation.objects.count() == 1


def test_an_invitation_expires_after_fourteen_days(client_for, owner, company):
    invitation = Invitation.objects.create(company=company, email="late@example.com", invited_by=owner)
    Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now() - timedelta(days=15))
    invitee = UserFactory(email="late@example.com")
    client = _english(client_for(invitee))

    assert "has expired or was withdrawn" in client.get(f"/company/invitations/{invitation.token}/").content.decode()
    response = client.post(f"/company/invitations/{invitation.token}/", follow=True)
    assert "has expired or was withdrawn" in response.content.decode()
    assert not Membership.objects.filter(user=invitee).exists()
    # An expired invitation no longer counts as open on the members page.
    assert "late@example.com" not in client_for(owner).get("/company/members/").content.decode()


def test_the_owner_withdraws_an_invitation_and_its_link_stops_working(client_for, owner, company):
    invitation = Invitation.objects.create(company=company, email="maybe@example.com", invited_by=owner)
    owner_client = _english(client_for(owner))
    assert reverse("partnerships:revoke_invitation", args=[invitation.pk]) in (
        owner_client.get("/company/members/").content.decode()
    )

    response = owner_client.post(reverse("partnerships:revoke_invitation", args=[invitation.pk]), follow=True)

    assert "The invitation to maybe@example.com is withdrawn." in response.content.decode()
    invitee = UserFactory(email="maybe@example.com")
    client_for(invitee).post(f"/company/invitations/{invitation.token}/")
    assert not Membership.objects.filter(user=invitee).exists()


@pytest.mark.parametrize(("who", "status"), [("colleague", 403), ("outsider", 404), ("staff", 404), ("anonymous", 302)])
def test_only_the_owner_withdraws_the_companys_invitations(request, client_for, owner, company, who, status):
    invitation = Invitation.objects.create(company=company, email="maybe@example.com", invited_by=owner)
    person = None if who == "anonymous" else request.getfixturevalue(who)
    response = client_for(person).post(reverse("partnerships:revoke_invitation", args=[invitation.pk]))
    assert response.status_code == status
    if who == "anonymous":
        assert response["Location"].startswith("/accounts/login/")
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


@pytest.mark.django_db(transaction=True)
def test_invitations_sent_at_the_same_moment_cannot_pass_the_limit(settings):
    """Four invitations at once against a limit of two: the company's row lock (the write lock on SQLite) makes
    the requests count one after the other, so exactly two are stored."""
    settings.INVITATIONS_OPEN_PER_COMPANY = 2
    company = CompanyFactory()
    owner = MembershipFactory(company=company, role=Membership.Role.OWNER).user
    barrier = threading.Barrier(4)
    outcomes, errors = [], []

    def send(n):
        try:
            barrier.wait(timeout=10)
            services.invite(company, owner, f"parallel{n}@example.com", "pl")
            outcomes.append("sent")
        except ValidationError:
            outcomes.append("refused")
        except Exception as error:  # noqa: BLE001 - reported below, not swallowed
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == []
    assert sorted(outcomes) == ["refused", "refused", "sent", "sent"]
    assert Invitation.objects.filter(company=company).count() == 2
