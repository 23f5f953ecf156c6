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
            language = translation.get_language()
            ctx = {**context, "recipient": user, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": language}
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


def send_new_submission(obj, event=None):
    """Something new waits for review: tell the Moderators group.

    Transitions call this after commit; code that creates an object already waiting (a company registering) calls it
    itself, inside `transaction.on_commit`, without an event.
    """
    from django.urls import reverse

    return send(
        "new_submission",
        moderators(),
        {"object": obj, "event": event, "url": settings.SITE_URL + reverse("admin:waiting")},
    )
