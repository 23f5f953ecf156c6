"""The portal's e-mails: each message rendered in its recipient's language from three templates,
templates/emails/<name>_subject.txt, <name>.txt and <name>.html, and put into the outgoing queue.

The queue is django-post-office's Email table. A message is stored in the transaction of the change it tells of, so
it exists exactly when that change does (a rolled-back change leaves none), and no request waits for the mail
server. The worker (`manage.py deliver_mail`, see `deliver_queued`) delivers it, retrying with growing waits; a
message that keeps failing stays in the table as failed, where staff see it in the admin.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from post_office.lockfile import FileLock, FileLocked
from post_office.mail import get_queued, send_queued
from post_office.models import PRIORITY, STATUS, Email
from post_office.settings import get_default_priority, get_max_retries, get_retry_timedelta

logger = logging.getLogger("portal.mail")


def absolute_url(name, *args):
    """The full address of the URL named `name`, for links in e-mails."""
    return settings.SITE_URL + reverse(name, args=args)


def send_one(template, address, language, context):
    """Render `template` in `language` (the portal's default when None) and queue it for `address`."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": translation.get_language()}
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
        text = render_to_string(f"emails/{template}.txt", ctx)
        html = render_to_string(f"emails/{template}.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    message.send()  # through EMAIL_BACKEND, the QueueBackend below


def send(template, users, context):
    """Render `template` for each user (anything with `email` and `language`) in their own language and queue it.
    Returns the number of messages queued."""
    sent = 0
    for user in users:
        if user.email:
            send_one(template, user.email, getattr(user, "language", None), {**context, "recipient": user})
            sent += 1
    return sent


def enqueue(message):
    """Store a rendered EmailMessage in the queue, in the caller's transaction, and return its Email row.

    django-post-office's own backend (post_office.EmailBackend) renders subject and body once more as Django
    templates, so a reason or a name with "{{" or "{%" in it would be changed or would fail the whole change; here
    the rendered text is stored as it is. With POST_OFFICE["DEFAULT_PRIORITY"] = "now" (the tests) the message is
    also delivered at once, as post_office's backend does.
    """
    if message.attachments:
        raise ValueError("The portal's mail queue stores no attachments.")
    html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
    text = message.body
    if message.content_subtype == "html" and not html:
        html, text = text, ""
    headers = dict(message.extra_headers)
    if message.reply_to:
        headers.setdefault("Reply-To", ", ".join(message.reply_to))
    at_once = get_default_priority() == "now"
    email = Email.objects.create(
        from_email=message.from_email,
        to=message.to,
        cc=message.cc,
        bcc=message.bcc,
        subject=message.subject,
        message=text,
        html_message=html,
        headers=headers or None,
        priority=PRIORITY.now if at_once else PRIORITY.medium,
        status=STATUS.queued,
    )
    if at_once:
        email.dispatch()
    return email


class QueueBackend(BaseEmailBackend):
    """EMAIL_BACKEND of the portal: Django's send_mail, allauth's e-mails and `send_one` all land in the queue."""

    def send_messages(self, email_messages):
        for message in email_messages:
            enqueue(message)
        return len(email_messages)


def deliver_queued():
    """Deliver what is due in the queue (the worker's one run), then space out the next tries of what failed.

    post_office sends every queued message whose time has come and, when one fails, requeues it RETRY_INTERVAL
    later until MAX_RETRIES is reached, then marks it failed. A lock file keeps a second worker from sending the
    same messages at the same time: that one returns False at once. (post_office's send_queued_mail_until_done does
    the same, but closes the database connection after each batch, which a test's transaction cannot survive.)
    """
    totals = [0, 0, 0]
    try:
        with FileLock(settings.MAIL_QUEUE_LOCK_FILE):
            while True:
                batch = send_queued()  # (sent, failed, requeued) of one batch of POST_OFFICE["BATCH_SIZE"]
                totals = [total + count for total, count in zip(totals, batch, strict=True)]
                if not any(batch) or not get_queued().exists():
                    break
    except FileLocked:
        return False
    back_off()
    if any(totals):
        logger.info("Mail queue: %d sent, %d failed for good, %d to be retried", *totals)
    return True


def back_off():
    """Double the wait before each further try: the n-th retry comes RETRY_INTERVAL × 2^(n-1) after the failure
    (post_office waits RETRY_INTERVAL each time). Idempotent: the wait counts from the time of the last failure."""
    interval = get_retry_timedelta()
    for retries in range(2, get_max_retries() + 1):
        Email.objects.filter(status=STATUS.requeued, number_of_retries=retries).update(
            scheduled_time=F("last_updated") + interval * 2 ** (retries - 1)
        )
