import re

from django.core import mail

from partnerships.models import Invitation, JoinRequest, Membership
from tests.factories import UserFactory


def _link(message):
    return re.search(r"https?://[^/\s]+(/company/invitations/[^/\s]+/)", message.body).group(1)


def test_the_owner_invites_a_colleague_who_accepts(client_for, owner, company, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post("/company/members/invite/", {"email": "Nowa.Osoba@example.com"}, follow=True)
    assert "The invitation has been sent to nowa.osoba@example.com." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["nowa.osoba@example.com"]]
    invitee = UserFactory(email="nowa.osoba@example.com")
    client = client_for(invitee)
    link = _link(mail.outbox[0])
    assert company.name in client.get(link).content.decode()
    response = client.post(link)
    assert response.status_code == 302
    assert Membership.objects.get(user=invitee).role == Membership.Role.COLLEAGUE
    assert Invitation.objects.get().accepted_at is not None


def test_an_invitation_cannot_be_used_twice(client_for, owner, company):
    invitation = Invitation.objects.create(company=company, email="a@example.com", invited_by=owner)
    first = UserFactory(email="a@example.com")
    client_for(first).post(f"/company/invitations/{invitation.token}/")
    Membership.objects.filter(user=first).delete()
    response = client_for(first).post(f"/company/invitations/{invitation.token}/", follow=True)
    assert "This invitation has already been used." in response.content.decode()
    assert not Membership.objects.filter(user=first).exists()


def test_an_invitation_is_refused_to_another_address(client_for, owner, company, newcomer):
    invitation = Invitation.objects.create(company=company, email="someone.else@example.com", invited_by=owner)
    response = client_for(newcomer).post(f"/company/invitations/{invitation.token}/")
    assert "This invitation was sent to someone.else@example.com." in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_inviting_someone_from_another_company_reveals_nothing_and_they_cannot_accept(
    client_for, owner, outsider, other_company, django_capture_on_commit_callbacks
):
    # The owner is told what they would be told for any address: nobody learns who represents which company.
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(owner).post("/company/members/invite/", {"email": outsider.email}, follow=True)
    html = response.content.decode()
    assert f"The invitation has been sent to {outsider.email}." in html
    assert "another company" not in html
    invitation = Invitation.objects.get()
    response = client_for(outsider).post(f"/company/invitations/{invitation.token}/", follow=True)
    assert "already represent a company" in response.content.decode()
    assert Membership.objects.get(user=outsider).company == other_company


def test_inviting_an_existing_colleague_is_refused(client_for, owner, colleague):
    response = client_for(owner).post("/company/members/invite/", {"email": colleague.email}, follow=True)
    assert "is already a member of your company" in response.content.decode()
    assert not Invitation.objects.exists()


def test_an_invalid_address_is_refused_with_a_message(client_for, owner):
    response = client_for(owner).post("/company/members/invite/", {"email": "not an address"}, follow=True)
    assert "Enter a valid email address." in response.content.decode()
    assert not Invitation.objects.exists()


def test_the_owner_removes_a_colleague(client_for, owner, colleague):
    membership = Membership.objects.get(user=colleague)
    client_for(owner).post(f"/company/members/{membership.pk}/remove/")
    assert not Membership.objects.filter(user=colleague).exists()


def test_the_owner_cannot_remove_themselves(client_for, owner, colleague):
    membership = Membership.objects.get(user=owner)
    response = client_for(owner).post(f"/company/members/{membership.pk}/remove/", follow=True)
    assert "You cannot remove yourself." in response.content.decode()
    assert Membership.objects.filter(user=owner).exists()


def test_passing_ownership_makes_the_old_owner_a_colleague(client_for, owner, colleague):
    client_for(owner).post(f"/company/members/{Membership.objects.get(user=colleague).pk}/make-owner/")
    assert Membership.objects.get(user=colleague).role == Membership.Role.OWNER
    assert Membership.objects.get(user=owner).role == Membership.Role.COLLEAGUE


def test_a_colleague_leaves_the_company(client_for, owner, colleague):
    client_for(colleague).post("/company/members/leave/")
    assert not Membership.objects.filter(user=colleague).exists()


def test_the_owner_cannot_leave_without_passing_ownership(client_for, owner, colleague):
    response = client_for(owner).post("/company/members/leave/", follow=True)
    assert "Pass ownership to a colleague first." in response.content.decode()
    assert Membership.objects.filter(user=owner).exists()


def test_the_owner_sees_and_accepts_a_request_to_join(client_for, owner, company, newcomer,
                                                      django_capture_on_commit_callbacks):
    JoinRequest.objects.create(company=company, user=newcomer, message="Pracuję w dziale ESG")
    client = client_for(owner)
    assert "Pracuję w dziale ESG" in client.get("/company/").content.decode()
    join_request = JoinRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/company/join-requests/{join_request.pk}/accept/")
    assert Membership.objects.get(user=newcomer).role == Membership.Role.COLLEAGUE
    join_request.refresh_from_db()
    assert (join_request.status, join_request.decided_by) == (JoinRequest.Status.ACCEPTED, owner)
    assert [m.to for m in mail.outbox] == [[newcomer.email]]
    assert "przyjął Twoją prośbę" in mail.outbox[0].body  # in the requester's language


def test_the_owner_declines_a_request_to_join(client_for, owner, company, newcomer,
                                              django_capture_on_commit_callbacks):
    newcomer.language = "en"
    newcomer.save()
    join_request = JoinRequest.objects.create(company=company, user=newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post(f"/company/join-requests/{join_request.pk}/decline/")
    assert not Membership.objects.filter(user=newcomer).exists()
    assert JoinRequest.objects.get().status == JoinRequest.Status.DECLINED
    assert "declined" in mail.outbox[0].body


def test_a_request_cannot_be_decided_twice(client_for, owner, company, newcomer):
    join_request = JoinRequest.objects.create(company=company, user=newcomer)
    client = client_for(owner)
    client.post(f"/company/join-requests/{join_request.pk}/decline/")
    response = client.post(f"/company/join-requests/{join_request.pk}/accept/", follow=True)
    assert "already been decided" in response.content.decode()
    assert not Membership.objects.filter(user=newcomer).exists()


def test_a_colleague_sees_the_members_but_no_management(client_for, owner, colleague):
    html = client_for(colleague).get("/company/members/").content.decode()
    assert owner.email in html and colleague.email in html
    assert "/company/members/invite/" not in html
    assert "/remove/" not in html
    assert "/company/members/leave/" in html


def test_a_visitor_with_the_link_is_offered_to_sign_in_or_sign_up(client, owner, company):
    invitation = Invitation.objects.create(company=company, email="a@example.com", invited_by=owner)
    html = client.get(f"/company/invitations/{invitation.token}/").content.decode()
    assert company.name in html
    assert f"/accounts/signup/?next=/company/invitations/{invitation.token}/" in html
    assert f"/accounts/login/?next=/company/invitations/{invitation.token}/" in html


def test_an_unknown_invitation_is_not_found(client_for, newcomer):
    assert client_for(newcomer).get("/company/invitations/nonsense/").status_code == 404


def test_the_invitation_e_mail_shows_the_company_name_unescaped_in_its_text_parts(
    client_for, owner, company, django_capture_on_commit_callbacks
):
    company.name = "Kowalski & Syn \"Zielony\""
    company.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(owner).post("/company/members/invite/", {"email": "nowa.osoba@example.com"})
    message = mail.outbox[0]
    assert 'Kowalski & Syn "Zielony"' in message.subject
    assert 'Kowalski & Syn "Zielony"' in message.body
    assert "Kowalski &amp; Syn" in message.alternatives[0][0]  # the HTML part stays escaped
