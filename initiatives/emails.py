"""The initiatives' e-mails, each sent to every recipient in their own language (portal.lib.mail.send)."""

from django.conf import settings

from portal.lib.mail import send


def _context(participation):
    initiative = participation.initiative
    return {
        "initiative": initiative,
        "participation": participation,
        "url": settings.SITE_URL + initiative.get_absolute_url(),
    }


def send_promoted(participation):
    """A place freed up and the company's waiting-list entry is now confirmed."""
    return send("initiative_promoted", participation.notification_recipients(), _context(participation))


def send_reminder(participation):
    """The day before the initiative starts."""
    return send("initiative_reminder", participation.notification_recipients(), _context(participation))


def send_cancelled(participations):
    """The initiative is cancelled: everyone signed up or waiting hears it."""
    return sum(send("initiative_cancelled", p.notification_recipients(), _context(p)) for p in participations)
