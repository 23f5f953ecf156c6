"""One function per e-mail. Each is sent to every recipient in that person's language.

Templates live in templates/emails/<name>_subject.txt, <name>.txt and <name>.html.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from partnerships.models import JoinRequest, Membership
from partnerships.permissions import MODERATORS_GROUP


def _send_one(template, address, language, context):
    """Render `template` in `language` and send it to `address`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": translation.get_language()}
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
        text = render_to_string(f"emails/{template}.txt", ctx)
        html = render_to_string(f"emails/{template}.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    message.send()


def send(template, users, context):
    """Render `template` for each user in their own language and send it. Returns the number of messages sent."""
    sent = 0
    for user in users:
        if user.email:
            _send_one(template, user.email, getattr(user, "language", None), {**context, "recipient": user})
            sent += 1
    return sent


def moderators():
    User = get_user_model()
    return list(User.objects.filter(is_active=True, is_staff=True, groups__name=MODERATORS_GROUP).distinct())


def send_decision(obj, event):
    """A staff decision on a company, application, practice…, to the company's members."""
    return send(
        "decision",
        obj.notification_recipients(),
        {"object": obj, "event": event, "url": settings.SITE_URL + obj.get_dashboard_url()},
    )


def _url(name, *args):
    return settings.SITE_URL + reverse(name, args=args)


def send_new_submission(obj, event=None):
    """Something new waits for review (a transition, or a company just registered): tell the Moderators group,
    with a link to everything that waits."""
    opts = obj._meta
    context = {
        "object": obj,
        "event": event,
        "object_url": _url(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk),
        "url": _url("admin:waiting"),
    }
    return send("new_submission", moderators(), context)


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
        {"join_request": join_request, "url": _url("partnerships:members")},
    )


def send_join_decision(join_request):
    """The owner accepted or declined a request to join: tell the person who asked."""
    return send(
        "join_decision",
        [join_request.user],
        {
            "join_request": join_request,
            "accepted": join_request.status == JoinRequest.Status.ACCEPTED,
            "url": _url("home"),
        },
    )


def send_invitation(invitation, language):
    """An invitation to join a company, to an address that may not have an account yet, in the inviter's language."""
    context = {"invitation": invitation, "url": _url("partnerships:invitation", invitation.token)}
    _send_one("invitation", invitation.email, language, context)
    return 1
