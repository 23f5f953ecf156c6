"""What company representatives do to their company and its members, each step checked and done in one place.

Every function either does the whole change or raises ValidationError with a message for the user and changes
nothing. E-mails are queued in the same transaction as the change (portal.lib.mail), so they exist exactly when
it does.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from partnerships import emails
from partnerships.models import (
    DIRECT_FIELDS,
    REVIEWED_FIELDS,
    Company,
    CompanyRevision,
    Invitation,
    JoinRequest,
    Membership,
)
from partnerships.review.emails import send_new_submission
from partnerships.review.workflow import Status as ReviewStatus
from portal.lib.files import delete_when_committed
from portal.lib.personal import matching

CHANGES_WAITING = gettext_lazy(
    "Your earlier changes to the profile are waiting for review. Withdraw them to edit the profile again, or wait for "
    "city staff's decision."
)


def _ensure_without_company(user):
    if Membership.objects.filter(user=user).exists():
        raise ValidationError(_("You already represent a company in the portal; a person represents one company."))


def register_company(form, user):
    """Save the company from a valid CompanyForm as waiting for verification, with `user` as its owner."""
    _ensure_without_company(user)
    try:
        # The company and its first member go together: a company nobody can manage must not remain.
        with transaction.atomic():
            company = form.save(commit=False)
            company.status = Company.Status.PENDING
            company.submitted_at = timezone.now()
            company.save()
            Membership.objects.create(company=company, user=user, role=Membership.Role.OWNER)
            send_new_submission(company)
    except IntegrityError:
        # Two submissions at the same moment (the same NIP, or the same person twice): the second one loses.
        raise ValidationError(_("This company or this person was registered a moment ago. Please check.")) from None
    return company


def save_profile(form, user):
    """Save the owner's edit of the company's profile, from a valid CompanyForm bound to the company.

    A company that is not verified is not public, so the form is saved as it is (changes still open from when it was
    verified are withdrawn: the saved profile replaces them). For a verified company the size and the address
    (DIRECT_FIELDS) are saved at once, while the fields the public sees (REVIEWED_FIELDS) and the logo go into its
    open CompanyRevision, which is submitted for review; everyone keeps seeing the approved values until staff accept
    them. Returns the submitted revision, or None when nothing waits for review.
    """
    with transaction.atomic():
        # Lock the company: two edits sent at the same moment are handled one after the other, so the second finds
        # the revision the first submitted (one open revision per company is also a database constraint).
        approved = Company.objects.select_for_update().get(pk=form.instance.pk)
        revision = approved.revisions.open().first()
        if not approved.is_verified:
            form.save()
            if revision is not None:
                revision.transition("withdraw", by=user)
            return None
        if revision is not None and revision.status == ReviewStatus.SUBMITTED:
            raise ValidationError(CHANGES_WAITING)
        data = form.cleaned_data
        direct = [name for name in DIRECT_FIELDS if data[name] != getattr(approved, name)]
        if direct:
            for name in direct:
                setattr(approved, name, data[name])
            approved.save(update_fields=[*direct, "updated_at"])
        revision = revision or CompanyRevision(company=approved, author=user)
        revision.data = {name: data[name] for name in REVIEWED_FIELDS if data[name] != getattr(approved, name)}
        if "logo" in form.changed_data:  # a new picture, or the box to remove the logo ticked
            revision.logo = data["logo"] or ""
            revision.removes_logo = not data["logo"] and bool(approved.logo)
        if not revision.data and not revision.changes_logo:
            # Nothing the public sees would change (any longer): there is nothing to review.
            if revision.pk:
                revision.transition("withdraw", by=user)
            return None
        revision.save()
        revision.transition("submit", by=user)
    return revision


def withdraw_profile_changes(company, user):
    """The owner takes back the changes of the profile that are waiting for review or were sent back."""
    revision = company.open_revision()
    if revision is None:
        raise ValidationError(_("No changes of the profile are waiting for review."))
    revision.transition("withdraw", by=user)
    return revision


def request_to_join(company, user, message=""):
    """Ask the owners of `company` to let `user` in. Returns the request and whether it is new."""
    _ensure_without_company(user)
    with transaction.atomic():  # the request and the owners' e-mail together
        join_request, created = JoinRequest.objects.get_or_create(
            company=company, user=user, status=JoinRequest.Status.PENDING, defaults={"message": message.strip()}
        )
        if created:
            emails.send_join_request(join_request)
    return join_request, created


def decide_join_request(join_request, by, accept):
    """An owner accepts (the requester becomes a colleague) or declines a request to join."""
    with transaction.atomic():
        # Lock the request so that two owners deciding at once cannot both act on it.
        join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
        if join_request.status != JoinRequest.Status.PENDING:
            raise ValidationError(_("This request has already been decided."))
        if accept:
            if Membership.objects.filter(user=join_request.user).exists():
                raise ValidationError(_("This person already represents a company in the portal."))
            Membership.objects.create(
                company=join_request.company, user=join_request.user, role=Membership.Role.COLLEAGUE
            )
        join_request.status = JoinRequest.Status.ACCEPTED if accept else JoinRequest.Status.DECLINED
        join_request.decided_by = by
        join_request.decided_at = timezone.now()
        join_request.save(update_fields=["status", "decided_by", "decided_at"])
        emails.send_join_decision(join_request)
    return join_request


def invite(company, by, email, language):
    """Invite `email` to join `company` as a colleague; the link is e-mailed in `language`.

    Only a verified company invites, within a daily limit per owner and a limit of open invitations per company.
    Whether the address belongs to someone in another company is not said: the answer is the same for every
    address outside the company, and such a person simply cannot accept.
    """
    if not company.is_verified:
        raise ValidationError(_("Your company can invite colleagues once city staff have verified it."))
    if company.memberships.filter(user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a member of your company.") % {"email": email})
    now = timezone.now()
    with transaction.atomic():
        # Lock the company's row: two invitations sent at the same moment are counted one after the other, so
        # neither limit can be passed by sending in parallel.
        Company.objects.select_for_update().filter(pk=company.pk).first()
        open_invitations = Invitation.objects.open(now).filter(company=company)
        if open_invitations.filter(email__iexact=email).exists():
            raise ValidationError(
                _("%(email)s has already been invited. You can withdraw that invitation and send a new one.")
                % {"email": email}
            )
        if open_invitations.count() >= settings.INVITATIONS_OPEN_PER_COMPANY:
            raise ValidationError(
                _("Your company has %(count)d invitations waiting for an answer. Withdraw some before sending more.")
                % {"count": settings.INVITATIONS_OPEN_PER_COMPANY}
            )
        sent_today = Invitation.objects.filter(invited_by=by, created_at__gte=now - timedelta(days=1)).count()
        if sent_today >= settings.INVITATIONS_PER_OWNER_PER_DAY:
            raise ValidationError(
                _("You have sent %(count)d invitations in the last 24 hours. Please try again tomorrow.")
                % {"count": settings.INVITATIONS_PER_OWNER_PER_DAY}
            )
        invitation = Invitation.objects.create(company=company, email=email, invited_by=by)
        emails.send_invitation(invitation, language)
    return invitation


def revoke_invitation(owner_membership, invitation):
    """The owner withdraws an invitation not yet accepted; its link stops working."""
    if invitation.company_id != owner_membership.company_id:
        raise ValidationError(_("This invitation is not your company's."))
    updated = Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ValidationError(_("This invitation has already been used or withdrawn."))


def accept_invitation(invitation, user):
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("company").get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise ValidationError(_("This invitation has already been used."))
        if not invitation.is_open():
            raise ValidationError(
                _("This invitation has expired or was withdrawn. Ask the company's owner for a new one.")
            )
        if invitation.email.lower() != user.email.lower():
            raise ValidationError(
                _("This invitation was sent to %(email)s. Please sign in with that address to accept it.")
                % {"email": invitation.email}
            )
        _ensure_without_company(user)
        Membership.objects.create(company=invitation.company, user=user, role=Membership.Role.COLLEAGUE)
        invitation.accepted_at = timezone.now()
        invitation.save(update_fields=["accepted_at"])
        # A pending request to join the same company is settled by the invitation.
        JoinRequest.objects.filter(user=user, status=JoinRequest.Status.PENDING).update(
            status=JoinRequest.Status.ACCEPTED, decided_at=timezone.now()
        )
    return invitation


def remove_member(owner_membership, membership):
    if membership.company_id != owner_membership.company_id:
        raise ValidationError(_("This person is not a member of your company."))
    if membership.pk == owner_membership.pk:
        raise ValidationError(_("You cannot remove yourself. Pass ownership to a colleague first."))
    membership.delete()


def pass_ownership(owner_membership, membership):
    """The owner hands the company to a colleague and becomes a colleague."""
    if membership.company_id != owner_membership.company_id or membership.pk == owner_membership.pk:
        raise ValidationError(_("Ownership can only pass to a colleague in your company."))
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(role=Membership.Role.OWNER)
        Membership.objects.filter(pk=owner_membership.pk).update(role=Membership.Role.COLLEAGUE)


def leave(membership):
    if membership.is_owner:
        raise ValidationError(_("As the owner you cannot leave the company. Pass ownership to a colleague first."))
    membership.delete()


def before_user_deleted(user):
    """Settle the user's company before their account is deleted.

    The sole member takes the company with them; an owner with colleagues hands it to the longest-standing colleague
    (unless another owner remains); anyone else just leaves.
    """
    membership = Membership.objects.select_related("company").filter(user=user).first()
    if membership is None:
        return
    company = membership.company
    others = company.memberships.exclude(pk=membership.pk).order_by("created_at", "pk")
    if not others.exists():
        company.delete()
        return
    if membership.is_owner and not others.filter(role=Membership.Role.OWNER).exists():
        successor = others.first()
        successor.role = Membership.Role.OWNER
        successor.save(update_fields=["role"])
    membership.delete()


def company_leaving_with(user):
    """The company deleting `user`'s account deletes with it (they are its only member), or None."""
    membership = Membership.objects.select_related("company").filter(user=user).first()
    if membership is None or membership.company.memberships.exclude(pk=membership.pk).exists():
        return None
    return membership.company


def forget_company(company):
    """Before `company` is deleted with its last member: its logo and thumbnail leave the storage once the deletion
    commits (Django leaves files behind), with the logos proposed in its profile changes. Its history of changes goes
    with it (`cascade_delete_history`)."""
    proposed = [revision.logo for revision in company.revisions.exclude(logo="")]
    delete_when_committed([company.logo, company.logo_thumbnail, *proposed])


def forget_person(person):
    """After the account of `person` (portal.lib.personal.Person) is deleted: the invitations sent to any of their
    addresses go, used, open or withdrawn, so that no company keeps the address of someone who left the portal."""
    Invitation.objects.filter(matching("email", person.addresses)).delete()


def deletion_consequences(user):
    """What deleting the account does to the user's company, for the account page (none of it blocks)."""
    membership = Membership.objects.select_related("company").filter(user=user).first()
    if membership is None:
        return []
    company = membership.company
    others = company.memberships.exclude(pk=membership.pk).select_related("user").order_by("created_at", "pk")
    if not others.exists():
        message = _("You are the only member of %(company)s: the company and everything it sent will be deleted.")
    elif membership.is_owner and not others.filter(role=Membership.Role.OWNER).exists():
        message = _("Ownership of %(company)s passes to %(successor)s, its longest-standing colleague.")
        return [(message % {"company": company.name, "successor": others.first().user}, False)]
    else:
        message = _("You leave %(company)s; the company stays with its other members.")
    return [(message % {"company": company.name}, False)]
