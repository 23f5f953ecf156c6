"""Previewing, testing and sending an announcement, and the signed link that turns announcements off.

Sending queues one e-mail per person into the portal's mail queue (portal.lib.mail), in the person's language, and
records who got it, in one transaction with the announcement's change to "sent": either all of it happens or none.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from partnerships.announcements.models import Announcement, OptOut, Recipient
from partnerships.models import Membership
from portal.lib.mail import absolute_url, send_one

UNSUBSCRIBE_SALT = "announcements.unsubscribe"


class NotSendable(Exception):
    """The announcement cannot be sent (already sent, or nobody to send it to); the message says why."""


def unsubscribe_token(user):
    """A signed token naming the person, for the link that turns announcements off without signing in. It does not
    expire: the link in an old e-mail must still work. It allows nothing else."""
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT, compress=True)


def user_for_token(token):
    """The person a token names, or None for a token that is forged, damaged or of a deleted account."""
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int):
        return None
    return get_user_model().objects.filter(pk=pk, is_active=True).first()


def recipients_of(announcement):
    """The memberships the announcement reaches now: the active members, with an address, of the audience's
    companies, except those who turned announcements off."""
    return (
        Membership.objects.filter(company__in=announcement.audience_companies(), user__is_active=True)
        .exclude(user__email="")
        .exclude(user__in=OptOut.objects.values("user"))
        .select_related("user", "company")
        .order_by("company__name", "user__email")
    )


def preview(announcement):
    """What staff check before sending: each version as it reads, and how many people and companies it reaches."""
    versions = []
    for code, name in settings.LANGUAGES:
        subject, _text, html = announcement.version(code)
        with translation.override(code):
            versions.append({"code": code, "name": str(name), "subject": subject, "html": html,
                             "polish": announcement.shows_polish_in(code)})
    recipients = list(recipients_of(announcement))
    return {
        "versions": versions,
        "people": len(recipients),
        "companies": announcement.audience_companies().count(),
        "by_language": {code: sum(1 for m in recipients if m.user.language == code) for code, _n in settings.LANGUAGES},
    }


def _queue(announcement, user, language, company_name, test=False):
    subject, text, html = announcement.version(language)
    unsubscribe = absolute_url("announcements:unsubscribe", unsubscribe_token(user))
    context = {
        "announcement": announcement,
        "subject": subject,
        "text": text,
        "html": html,
        "company_name": company_name,
        "unsubscribe_url": unsubscribe,
        "settings_url": absolute_url("account_settings"),
        "page_url": absolute_url("announcements:detail", announcement.pk),
        "test": test,
    }
    # RFC 2369 and RFC 8058: mail programs show their own "unsubscribe" button, which POSTs to the link.
    headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    send_one("announcement", user.email, language, context, headers=headers)


def send_test(announcement, to):
    """Queue each written version to the staff member `to` (Polish, and English when written), marked as a test.
    Records nothing and changes nothing. Returns the number of e-mails queued."""
    languages = ["pl", "en"] if announcement.subject_en else ["pl"]
    for language in languages:
        _queue(announcement, to, language, "", test=True)
    return len(languages)


def send(announcement_pk, by):
    """Send the announcement to everyone it reaches and mark it sent. Returns the number of e-mails queued.

    Raises NotSendable when it has been sent already or reaches no company. Idempotent: the announcement's row is
    locked (SELECT … FOR UPDATE) and its status read inside the lock, so a second click, or two members of staff
    sending at the same moment, wait for the first and then find it sent; the e-mails, the recipients' rows and the
    status change commit together or not at all.
    """
    with transaction.atomic():
        announcement = Announcement.objects.select_for_update().get(pk=announcement_pk)
        if announcement.is_sent:
            raise NotSendable(_("This announcement has already been sent."))
        companies = list(announcement.audience_companies())
        if not companies:
            raise NotSendable(_("No company is among these recipients, so there is nobody to send it to."))
        now = timezone.now()
        rows = []
        for membership in recipients_of(announcement):
            user = membership.user
            _queue(announcement, user, user.language, membership.company.name)
            rows.append(
                Recipient(
                    announcement=announcement,
                    user=user,
                    company=membership.company,
                    email=user.email,
                    language=user.language,
                    queued_at=now,
                )
            )
        Recipient.objects.bulk_create(rows)
        announcement.companies.set(companies)
        announcement.status = Announcement.Status.SENT
        announcement.sent_by = by
        announcement.sent_at = now
        announcement.save(update_fields=["status", "sent_by", "sent_at", "updated_at"])
    return len(rows)
