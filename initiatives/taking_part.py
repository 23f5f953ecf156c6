"""Signing a company up for an initiative, changing and cancelling it, and the waiting list.

Every change goes through here so the capacity rule lives in one place. Each function locks the initiative's row
first: sign-ups, changes and cancellations of one initiative then run one after another, and the places are counted
inside the lock, so two companies asking for the last place at the same moment cannot both get it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from initiatives import emails
from initiatives.models import Initiative, Participation


class NoPlaceLeft(ValidationError):
    """The sign-up does not fit; the company may join the waiting list instead."""


def _locked(initiative):
    # SELECT … FOR UPDATE on the initiative: a second request for the same initiative waits here until the first
    # commits, and then counts the places the first one took. (SQLite has no row locks, but it serialises writers.)
    locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
    if not locked.registration_open():
        raise ValidationError(_("Registration for this initiative is closed."))
    return locked


def sign_up(initiative, company, by, *, participants, contact_name, contact_email, contact_phone="", wait=False):
    """Sign `company` up or change its sign-up. Returns the participation.

    Raises NoPlaceLeft when it does not fit and `wait` is false; with `wait` the company joins the waiting list.
    """
    if not company.is_verified:
        raise ValidationError(_("Only verified partner companies can take part."))
    with transaction.atomic():
        locked = _locked(initiative)
        participation = Participation.objects.filter(initiative=locked, company=company).first()
        if participation is None:
            participation = Participation(initiative=locked, company=company, signed_up_by=by)
        wait = wait or participation.status == Participation.Status.WAITING
        held = 0
        if participation.status == Participation.Status.CONFIRMED and participation.pk:
            held = locked.places_needed(participation.participants)
        left = locked.places_left()  # counted now, inside the lock
        fits = left is None or locked.places_needed(participants) <= left + held
        freed = held - locked.places_needed(participants) if fits and held else 0

        participation.participants = participants
        participation.contact_name = contact_name
        participation.contact_email = contact_email
        participation.contact_phone = contact_phone
        if fits:
            participation.status = Participation.Status.CONFIRMED
        elif held:
            # Already confirmed and asking for more than is free: keep what they have.
            raise NoPlaceLeft(_places_left_message(locked, left + held))
        elif wait:
            if participation.status != Participation.Status.WAITING:
                participation.created_at = timezone.now()  # the queue is by the time of joining it
            participation.status = Participation.Status.WAITING
        else:
            raise NoPlaceLeft(_places_left_message(locked, left))
        participation.save()
        if freed > 0:
            promote_waiting(locked)
    return participation


def cancel(initiative, company):
    """Cancel the company's sign-up (or its place on the waiting list); a freed place goes to the waiting list."""
    with transaction.atomic():
        locked = _locked(initiative)
        participation = (
            Participation.objects.filter(initiative=locked, company=company)
            .exclude(status=Participation.Status.CANCELLED)
            .first()
        )
        if participation is None:
            raise ValidationError(_("Your company is not signed up for this initiative."))
        was_confirmed = participation.status == Participation.Status.CONFIRMED
        participation.status = Participation.Status.CANCELLED
        participation.save(update_fields=["status", "updated_at"])
        if was_confirmed:
            promote_waiting(locked)
    return participation


def refill(initiative):
    """Give free places to the waiting list, e.g. after staff raised the capacity or cancelled a sign-up."""
    with transaction.atomic():
        locked = Initiative.objects.select_for_update().get(pk=initiative.pk)
        if locked.status != Initiative.Status.PUBLISHED:
            return []
        return promote_waiting(locked)


def promote_waiting(locked_initiative):
    """Confirm the waiting companies, first come first served, while their sign-up fits; e-mail each one.

    Call it with the initiative's row locked. Promotion is automatic (nobody has to come back and confirm): the
    company is told by e-mail that its place is confirmed and may still cancel it before the deadline.
    """
    promoted = []
    left = locked_initiative.places_left()
    for participation in locked_initiative.participations.waiting().select_related("company").order_by("created_at"):
        needed = locked_initiative.places_needed(participation.participants)
        if left is not None and needed > left:
            break  # strictly in order: a smaller sign-up further back does not jump the queue
        participation.status = Participation.Status.CONFIRMED
        participation.save(update_fields=["status", "updated_at"])
        promoted.append(participation)
        if left is not None:
            left -= needed
    for participation in promoted:
        emails.send_promoted(participation)
    return promoted


def _places_left_message(initiative, left):
    if initiative.capacity_unit == Initiative.CapacityUnit.COMPANIES:
        return _("There is no place left for another company.")
    if left == 0:
        return _("There are no places left.")
    return ngettext(
        "Only %(n)d place is left.",
        "Only %(n)d places are left.",
        left,
    ) % {"n": left}
