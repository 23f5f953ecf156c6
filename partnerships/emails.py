"""The companies' own e-mails: requests to join, the owner's answer and invitations. Each is sent to every
recipient in that person's language (see portal.lib.mail)."""

from partnerships.models import JoinRequest, Membership
from portal.lib.mail import absolute_url, send, send_one


def owners(company):
    return [
        m.user
        for m in company.memberships.filter(role=Membership.Role.OWNER).select_related("user")
        if m.user.is_active
    ]


def send_join_request(join_request):
    """Someone asks to join a company: tell its owners."""
    return send(
        "join_request",
        owners(join_request.company),
        {"join_request": join_request, "url": absolute_url("partnerships:members")},
    )


def send_join_decision(join_request):
    """The owner accepted or declined a request to join: tell the person who asked."""
    return send(
        "join_decision",
        [join_request.user],
        {
            "join_request": join_request,
            "accepted": join_request.status == JoinRequest.Status.ACCEPTED,
            "url": absolute_url("home"),
        },
    )


def send_invitation(invitation, language):
    """An invitation to join a company, to an address that may not have an account yet, in the inviter's language."""
    context = {"invitation": invitation, "url": absolute_url("partnerships:invitation", invitation.token)}
    send_one("invitation", invitation.email, language, context)
    return 1
