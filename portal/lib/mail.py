"""The portal's e-mails: each message rendered in its recipient's language from three templates,
templates/emails/<name>_subject.txt, <name>.txt and <name>.html, and put into the outgoing queue.

The queue is django-post-office's Email table. A message is stored in the transaction of the change it tells of, so
it exists exactly when that change does (a rolled-back change leaves none), and no request waits for the mail
server. The worker (`manage.py deliver_mail`, see `deliver_queued`) delivers it, retrying with growing waits; a
message that keeps failing stays in the table as failed, where staff see it in the admin.
"""

import logging
from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from post_office.connections import connections as mail_connections
from post_office.lockfile import FileLock, FileLocked
from post_office.mail import get_queued
from post_office.models import PRIORITY, STATUS, Email, Log
from post_office.settings import get_default_priority, get_log_level, get_max_retries, get_retry_timedelta

logger = logging.getLogger("portal.mail")


def absolute_url(name, *args):
    """The full address of the URL named `name`, for links in e-mails."""
    return settings.SITE_URL + reverse(name, args=args)


def send_one(template, address, language, context, headers=None):
    """Render `template` in `language` (the portal's default when None) and queue it for `address`, with extra
    `headers` if given (e.g. List-Unsubscribe)."""
    with translation.override(language or settings.LANGUAGE_CODE):
        ctx = {**context, "SITE_URL": settings.SITE_URL, "LANGUAGE_CODE": translation.get_language()}
        subject = " ".join(render_to_string(f"emails/{template}_subject.txt", ctx).split())
        text = render_to_string(f"emails/{template}.txt", ctx)
        html = render_to_string(f"emails/{template}.html", ctx)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address], headers=headers)
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

    The message gets its Message-ID here, once: every try of the worker sends that same one, so a message that went
    out twice (a worker killed mid-delivery, an SMTP answer lost) can be told for one by the receiving side.
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
        message_id=make_msgid(domain=urlsplit(settings.SITE_URL).hostname or None),
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


# How many due messages a worker claims at a time, and how long its claim holds: a worker that dies mid-batch leaves
# its claimed messages to be taken again by any worker once the claim has run out (so a crash can, rarely, send one
# twice; nothing else can).
CLAIM_BATCH = 10
CLAIM_LEASE = timedelta(minutes=15)


def claim_due():
    """Claim up to CLAIM_BATCH due messages for this worker and return them, or [] when none is left.

    In one short transaction the due rows are read with SELECT … FOR UPDATE SKIP LOCKED (PostgreSQL: a second worker
    skips the rows the first is claiming; SQLite: the IMMEDIATE transaction mode of the settings makes writers take
    turns) and their scheduled_time is moved CLAIM_LEASE ahead, so that once it commits no other worker, on this
    machine or another, finds them due until the claim runs out.
    """
    with transaction.atomic():
        emails = list(get_queued().select_for_update(skip_locked=True)[:CLAIM_BATCH])
        if not emails:
            return []
        Email.objects.filter(pk__in=[email.pk for email in emails]).update(scheduled_time=timezone.now() + CLAIM_LEASE)
    return emails  # each keeps in memory the scheduled_time it was due at, put back once it is sent or failed


def deliver_claimed(emails, log_level):
    """Send each claimed message once through post_office's own Email.dispatch, then record the outcome as
    post_office's send_queued does: sent; or, when it fails, requeued RETRY_INTERVAL later (back_off spaces the
    retries out) until MAX_RETRIES, then failed; a Log row for each failure (and each success at LOG_LEVEL 2).
    Returns (sent, failed, requeued)."""
    sent = failed = requeued = 0
    max_retries, retry_in = get_max_retries(), get_retry_timedelta()
    try:
        for email in emails:
            try:
                email.prepare_email_message()
                email.dispatch(log_level=log_level, commit=False, disconnect_after_delivery=False)
            except Exception as error:  # noqa: BLE001 - any failure of one message is that message's, logged with it
                logger.info("Mail queue: e-mail #%s failed: %s: %s", email.pk, type(error).__name__, error)
                retries = email.number_of_retries or 0
                if retries < max_retries:
                    changes = {"status": STATUS.requeued, "number_of_retries": retries + 1,
                               "scheduled_time": timezone.now() + retry_in}
                    requeued += 1
                else:
                    changes = {"status": STATUS.failed, "scheduled_time": email.scheduled_time}
                    failed += 1
                outcome = Log(
                    email=email, status=STATUS.failed, message=str(error), exception_type=type(error).__name__
                )
            else:
                changes, sent = {"status": STATUS.sent, "scheduled_time": email.scheduled_time}, sent + 1
                outcome = Log(email=email, status=STATUS.sent) if log_level == 2 else None
            Email.objects.filter(pk=email.pk).update(**changes, last_updated=timezone.now())
            if outcome is not None and log_level >= 1:
                outcome.save()
    finally:
        mail_connections.close()  # the backends opened for this batch (post_office keeps them per thread)
    return sent, failed, requeued


def deliver_queued(lock_file=None):
    """Deliver what is due in the queue (the worker's one run), then space out the next tries of what failed.

    Any number of workers, on any number of machines sharing the database, may run this at the same time: each
    message is claimed in the database by one of them (`claim_due`) before it is sent, so each is delivered once.
    A message that fails is requeued RETRY_INTERVAL later, then `back_off` doubles the waits, until MAX_RETRIES is
    reached and it is marked failed. The lock file (settings.MAIL_QUEUE_LOCK_FILE, or `lock_file`) only spares a
    second worker on the same machine the trouble: that one returns False at once.
    """
    totals = [0, 0, 0]
    log_level = get_log_level()
    try:
        with FileLock(lock_file or settings.MAIL_QUEUE_LOCK_FILE):
            while emails := claim_due():
                batch = deliver_claimed(emails, log_level)
                totals = [total + count for total, count in zip(totals, batch, strict=True)]
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
