"""Sending the portal's e-mails: each message rendered in its recipient's language from three templates,
templates/emails/<name>_subject.txt, <name>.txt and <name>.html."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


def absolute_url(name, *args):
    """The full address of the URL named `name`, for links in e-mails."""
    return settings.SITE_URL + reverse(name, args=args)


def send_one(template, address, language, context):
    """Render `template` in `language` (the portal's default when None) and send it to `address`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": translation.get_language()}
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
        text = render_to_string(f"emails/{template}.txt", ctx)
        html = render_to_string(f"emails/{template}.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    message.send()


def send(template, users, context):
    """Render `template` for each user (anything with `email` and `language`) in their own language and send it.
    Returns the number of messages sent."""
    sent = 0
    for user in users:
        if user.email:
            send_one(template, user.email, getattr(user, "language", None), {**context, "recipient": user})
            sent += 1
    return sent
