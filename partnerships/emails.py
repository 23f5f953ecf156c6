"""One function per e-mail. Each is sent to every recipient in that person's language.

Templates live in templates/emails/<name>_subject.txt, <name>.txt and <name>.html.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

from partnerships.permissions import MODERATORS_GROUP  # noqa: E402,F401


def send(template, users, context):
    """Render `template` for each user in their own language and send it. Returns the number of messages sent."""
    sent = 0
    for user in users:
        if not user.email:
            continue
        with translation.override(getattr(user, "language", None) or settings.LANGUAGE_CODE):
            ctx = {**context, "recipient": user, "SITE_URL": settings.SITE_URL}
            subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
            text = render_to_string(f"emails/{template}.txt", ctx)
            html = render_to_string(f"emails/{template}.html", ctx)
        message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [user.email])
        message.attach_alternative(html, "text/html")
        message.send()
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


def send_new_submission(obj, event):
    """Something new waits for review: tell the Moderators group."""
    from django.urls import reverse

    return send(
        "new_submission",
        moderators(),
        {"object": obj, "event": event, "url": settings.SITE_URL + reverse("admin:waiting")},
    )


def _url(name, *args):
    from django.urls import reverse

    return settings.SITE_URL + reverse(name, args=args)


def send_company_registered(company):
    """A newly registered company waits for verification: tell the Moderators group."""
    return send(
        "new_submission",
        moderators(),
        {"object": company, "event": None, "url": _url("admin:partnerships_company_change", company.pk)},
    )


def owners(company):
    return [m.user for m in company.memberships.filter(role="owner").select_related("user") if m.user.is_active]


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
        {"join_request": join_request, "accepted": join_request.status == "accepted", "url": _url("home")},
    )


def send_invitation(invitation, language):
    """An invitation to join a company, to an address that may not have an account yet, in the inviter's language."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {
            "invitation": invitation,
            "url": _url("partnerships:invitation", invitation.token),
            "SITE_URL": settings.SITE_URL,
        }
        subject = " ".join(render_to_string("emails/invitation_subject.txt", ctx).split())
        text = render_to_string("emails/invitation.txt", ctx)
        html = render_to_string("emails/invitation.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    message.attach_alternative(html, "text/html")
    message.send()
    return 1
