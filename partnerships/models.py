"""The companies of the partnership, their members, requests to join and invitations, and the reviewed changes of a
verified company's profile.

Changing the profile of a verified company: the partner pages must not change until staff accept the change, the way
edits of published practices wait (practices.models). The owner's edit of the fields the public sees is kept as a
`CompanyRevision` holding the proposed values (JSON) and, if a new logo is sent, the re-encoded logo; the revision goes
through its own review (submit → approve / request changes / reject; the company may withdraw it). When staff approve
it, `CompanyRevision.after_transition` copies the values into the company, inside the same transaction as the decision.
A company that is not verified is not public, so its owner's edits apply at once.
"""

import secrets
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from partnerships.choices import CompanySize, District, Sector
from partnerships.review.models import Reviewable
from partnerships.review.workflow import COMPANY, STAFF, Rule, TransitionNotAllowed, Workflow
from partnerships.review.workflow import Status as ReviewStatus
from partnerships.validators import validate_krs, validate_nip, validate_regon
from portal.lib.images import make_thumbnail
from portal.lib.personal import addresses_of, matching
from portal.lib.text import unique_slug

# The profile fields of a verified company that change only when staff accept the change (besides the logo):
# what the public sees on the partner pages (name, website, description, sector, district; the name also on
# practices, initiatives and cooperation forms), and the registry numbers staff verified the company by (REGON, KRS),
# which are not public but on which the verification rests. The NIP never changes once the company is verified.
REVIEWED_FIELDS = ["name", "website", "description", "sector", "district", "regon", "krs"]
# Seen only by the company's members and staff, so saved at once: the size and the postal address.
DIRECT_FIELDS = ["size", "street", "postal_code", "city"]


class CompanyQuerySet(models.QuerySet):
    def verified(self):
        return self.filter(status=Company.Status.VERIFIED)


class Company(Reviewable):
    REFERENCE_PREFIX = "FIR"

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        # A context of its own: in Polish a rejected company ("firma") takes another ending than an application.
        REJECTED = "rejected", pgettext_lazy("company status", "Rejected")

    WORKFLOW = Workflow(
        rules=(
            Rule("verify", _("Verify"), frozenset({Status.PENDING}), Status.VERIFIED, STAFF),
            Rule(
                "reject",
                _("Reject"),
                frozenset({Status.PENDING, Status.VERIFIED}),
                Status.REJECTED,
                STAFF,
                reason_required=True,
            ),
            Rule("resubmit", _("Send for verification again"), frozenset({Status.REJECTED}), Status.PENDING, COMPANY),
        ),
        waiting=frozenset({Status.PENDING}),
    )

    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.PENDING, db_index=True)
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address in the portal"), max_length=220, unique=True)
    nip = models.CharField(
        _("NIP"),
        max_length=10,
        unique=True,
        validators=[validate_nip],
        help_text=_("Tax identification number: 10 digits, without dashes."),
    )
    regon = models.CharField(_("REGON"), max_length=14, blank=True, validators=[validate_regon])
    krs = models.CharField(_("KRS"), max_length=10, blank=True, validators=[validate_krs])
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices)
    size = models.CharField(_("size"), max_length=16, choices=CompanySize.choices)
    street = models.CharField(_("street and number"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=6, help_text=_("For example 31-004."))
    city = models.CharField(_("city"), max_length=100, default="Kraków")
    district = models.CharField(_("Kraków district"), max_length=2, choices=District.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    logo_thumbnail = models.ImageField(_("logo thumbnail"), upload_to="logos/thumbs/", blank=True, editable=False)

    # The history of changes lives as long as the company: deleting the company deletes it (privacy notice).
    history = HistoricalRecords(excluded_fields=["updated_at"], cascade_delete_history=True)
    objects = CompanyQuerySet.as_manager()

    class Meta:
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._unique_slug()
        super().save(*args, **kwargs)

    def _unique_slug(self):
        return unique_slug(self, self.name, "company")

    def get_absolute_url(self):
        return reverse("partnerships:partner_detail", args=[self.slug])

    def get_dashboard_url(self):
        return reverse("partnerships:dashboard")

    @property
    def is_verified(self):
        return self.status == self.Status.VERIFIED

    @property
    def name_for_outsiders(self):
        """How the company is named to someone outside it: a verified company's name is public; one not verified
        is named by the NIP the person typed, so typing a NIP never gives away an unpublished company's name."""
        if self.is_verified:
            return self.name
        # Translators: stands where the sentences put a company's name; the Polish sentences already say "firmy"
        # before it, so the Polish is "o numerze NIP …".
        return gettext("the company with NIP %(nip)s") % {"nip": self.nip}

    @property
    def is_rejected(self):
        return self.status == self.Status.REJECTED

    def is_member(self, user):
        return is_member(user, self.pk)

    def is_owner(self, user):
        return user.is_authenticated and self.memberships.filter(user=user, role=Membership.Role.OWNER).exists()

    def notification_recipients(self):
        return [m.user for m in self.memberships.select_related("user") if m.user.is_active]

    def open_revision(self):
        """The change of the profile waiting for review or sent back to the company, if any."""
        return self.revisions.open().first()


class Membership(models.Model):
    class Role(models.TextChoices):
        OWNER = "owner", _("Owner")
        COLLEAGUE = "colleague", _("Colleague")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="memberships"
    )
    # A person represents one company in the portal.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="membership"
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.COLLEAGUE)
    created_at = models.DateTimeField(_("joined"), auto_now_add=True)

    # A membership's history ends with it: when the person leaves, is removed or deletes the account.
    history = HistoricalRecords(cascade_delete_history=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["company", "-role", "created_at"]

    def __str__(self):
        return f"{self.user} @ {self.company}"

    @property
    def is_owner(self):
        return self.role == self.Role.OWNER


# The reverse side of Membership.user, i.e. `user.membership`, whose cache Django keeps on the user.
_USER_MEMBERSHIP = Membership._meta.get_field("user").remote_field


def membership_of(user):
    """The user's membership with its company, or None for visitors and people without a company.

    One query (the company joined in), remembered on the user the way `user.membership` would remember it.
    """
    if user is None or not user.is_authenticated:
        return None
    if _USER_MEMBERSHIP.is_cached(user):
        return _USER_MEMBERSHIP.get_cached_value(user)
    membership = Membership.objects.select_related("company").filter(user=user).first()
    _USER_MEMBERSHIP.set_cached_value(user, membership)
    return membership


def is_member(user, company_id):
    """Whether `user` is a member of the company `company_id`, verified or not (members read its things)."""
    membership = membership_of(user)
    return membership is not None and membership.company_id == company_id


class CompanyMembersObject:
    """For models with a `company`: its members read it and are the ones told about staff's decisions.
    (`partnerships.access.CompanyObject` adds who may act on it.)"""

    def is_member(self, user):
        return is_member(user, self.company_id)

    def notification_recipients(self):
        return self.company.notification_recipients()


class JoinRequest(models.Model):
    """A person asks to join a company already registered under the NIP they entered; an owner decides."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the owner")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="join_requests"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("message to the owner"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)

    class Meta:
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "user"],
                condition=models.Q(status="pending"),
                name="one_pending_join_request_per_company_and_user",
            )
        ]

    def __str__(self):
        return f"{self.user} → {self.company}"


def _invitation_token():
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet):
    def open(self, now=None):
        """Invitations that can still be accepted: not used, not withdrawn, not expired."""
        oldest = (now or timezone.now()) - timedelta(days=settings.INVITATION_VALID_DAYS)
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, created_at__gte=oldest)


class Invitation(models.Model):
    """An owner invites a colleague by e-mail; the colleague accepts by following the link while signed in.

    An invitation can be accepted for INVITATION_VALID_DAYS days (14 unless configured) and the owner may withdraw it.
    """

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail address"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.company}"

    @property
    def expires_at(self):
        return self.created_at + timedelta(days=settings.INVITATION_VALID_DAYS)

    def is_open(self, now=None):
        return self.accepted_at is None and self.revoked_at is None and (now or timezone.now()) <= self.expires_at


# A revision is open while the company may still change or withdraw it, or staff have not decided.
OPEN_REVISION_STATUSES = (ReviewStatus.DRAFT, ReviewStatus.SUBMITTED, ReviewStatus.CHANGES_REQUESTED)

REVISION_WORKFLOW = Workflow(
    rules=(
        Rule(
            "submit",
            _("Submit for review"),
            frozenset({ReviewStatus.DRAFT, ReviewStatus.CHANGES_REQUESTED}),
            ReviewStatus.SUBMITTED,
            COMPANY,
        ),
        # Unlike the standard workflow, accepted changes cannot be withdrawn: they are the profile now.
        Rule("withdraw", _("Withdraw"), frozenset(OPEN_REVISION_STATUSES), ReviewStatus.WITHDRAWN, COMPANY),
        Rule("approve", _("Accept the changes"), frozenset({ReviewStatus.SUBMITTED}), ReviewStatus.APPROVED, STAFF),
        Rule(
            "request_changes",
            _("Request changes"),
            frozenset({ReviewStatus.SUBMITTED}),
            ReviewStatus.CHANGES_REQUESTED,
            STAFF,
            reason_required=True,
        ),
        Rule(
            "reject",
            _("Reject"),
            frozenset({ReviewStatus.SUBMITTED}),
            ReviewStatus.REJECTED,
            STAFF,
            reason_required=True,
        ),
    ),
    waiting=frozenset({ReviewStatus.SUBMITTED}),
)


class CompanyRevisionQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_REVISION_STATUSES)

    def waiting_for_staff(self):
        """Submitted changes of verified companies. A company that has lost its verification is not public; its owner
        edits the profile directly again, and the changes cannot be accepted (see CompanyRevision.transition)."""
        return self.filter(status=ReviewStatus.SUBMITTED, company__status=Company.Status.VERIFIED)


def _proposed_logo_path(instance, filename):
    # A name nobody can guess: uploads are served from /media/, and a proposed logo is not public until accepted.
    return f"logos/proposed/{secrets.token_urlsafe(16)}{Path(filename).suffix.lower()}"


def _shown(field, value):
    """A value as people read it: a choice by its label, an empty value as a dash."""
    if value in (None, ""):
        return "—"
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


class CompanyRevision(CompanyMembersObject, Reviewable):
    """A change of a verified company's profile, reviewed before the public sees it (see the module docstring).

    `data` holds the proposed value of each field of REVIEWED_FIELDS that differs from the approved profile; `logo` is
    a proposed new logo (re-encoded on upload, like every image), `removes_logo` a proposal to show no logo. Only the
    company's owner edits the profile, so only the owner submits or withdraws its changes; every member reads them.
    """

    REFERENCE_PREFIX = "FIRE"
    WORKFLOW = REVISION_WORKFLOW

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="revisions")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    data = models.JSONField(_("proposed values"), default=dict, blank=True)
    logo = models.ImageField(_("proposed logo"), upload_to=_proposed_logo_path, blank=True)
    removes_logo = models.BooleanField(_("removes the logo"), default=False)

    objects = CompanyRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("change of a company's profile")
        verbose_name_plural = _("changes of company profiles")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One change at a time: a second edit waits for the decision on the first (or edits it when sent back).
            models.UniqueConstraint(
                fields=["company"],
                condition=models.Q(status__in=OPEN_REVISION_STATUSES),
                name="one_open_revision_per_company",
            )
        ]

    def __str__(self):
        return f"{self.company} ({self.created_at:%Y-%m-%d})" if self.created_at else str(self.company)

    def may_act(self, user):
        membership = membership_of(user)
        return membership is not None and membership.company_id == self.company_id and membership.is_owner

    def get_dashboard_url(self):
        return reverse("partnerships:dashboard")

    def get_absolute_url(self):
        return self.company.get_absolute_url()

    @property
    def is_open(self):
        return self.status in OPEN_REVISION_STATUSES

    @property
    def changes_logo(self):
        return bool(self.logo) or self.removes_logo

    def changes(self):
        """(field label, current value, proposed value) for each field the revision proposes, as people read them."""
        rows = []
        for name in REVIEWED_FIELDS:
            if name in self.data:
                field = Company._meta.get_field(name)
                rows.append(
                    (field.verbose_name, _shown(field, getattr(self.company, name)), _shown(field, self.data[name]))
                )
        return rows

    def transition(self, action, by, reason=""):
        if action == "approve" and not Company.objects.verified().filter(pk=self.company_id).exists():
            raise TransitionNotAllowed(
                _("The company is not verified, so it has no public profile to change: its owner edits it directly.")
            )
        return super().transition(action, by, reason)

    def after_transition(self, event):
        if event.action == "approve":
            self.company = self._apply()

    def _apply(self):
        """Copy the proposed values into the company. Its row is locked and only the proposed fields are written, so
        an edit of its other fields at the same moment is not undone."""
        company = Company.objects.select_for_update().get(pk=self.company_id)
        fields = ["updated_at"]
        for name in REVIEWED_FIELDS:
            if name in self.data:
                setattr(company, name, Company._meta.get_field(name).to_python(self.data[name]))
                fields.append(name)
        if self.logo:
            # The company gets a copy of its own; the proposal keeps its file, so the record shows what was accepted.
            with self.logo.open("rb"):
                company.logo.save(Path(self.logo.name).name, File(self.logo), save=False)
                company.logo_thumbnail = make_thumbnail(self.logo)
            fields += ["logo", "logo_thumbnail"]
        elif self.removes_logo:
            company.logo = company.logo_thumbnail = ""
            fields += ["logo", "logo_thumbnail"]
        company.save(update_fields=fields)
        return company
def personal_data(user):
    """What the companies app keeps about `user`, for the personal data download: their membership and role, the
    requests to join they sent or decided, and the invitations they sent or that were sent to one of their addresses.

    Of other people only what `user` entered appears (the address they invited), never what others entered (the
    message of a request they decided) nor who invited them. Tokens are secrets and are never included.
    """
    membership = Membership.objects.select_related("company").filter(user=user).first()
    sent = JoinRequest.objects.filter(user=user).select_related("company").order_by("pk")
    decided = JoinRequest.objects.filter(decided_by=user).select_related("company").order_by("pk")
    invitations = Invitation.objects.select_related("company").order_by("pk")
    return {
        "membership": None
        if membership is None
        else {
            "company": membership.company.name,
            "nip": membership.company.nip,
            "role": membership.role,
            "joined": membership.created_at.isoformat(),
        },
        "join_requests": [
            {
                "company": request.company.name,
                "message": request.message,
                "status": request.status,
                "asked": request.created_at.isoformat(),
                "decided": _isoformat(request.decided_at),
            }
            for request in sent
        ],
        "join_requests_you_decided": [
            {"company": request.company.name, "status": request.status, "decided": _isoformat(request.decided_at)}
            for request in decided
        ],
        "profile_changes_you_proposed": [
            {
                "reference": revision.reference(),
                "company": revision.company.name,
                "status": revision.status,
                "proposed": revision.data,
                "new_logo": bool(revision.logo),
                "created": revision.created_at.isoformat(),
            }
            for revision in CompanyRevision.objects.filter(author=user).select_related("company").order_by("pk")
        ],
        "invitations_sent": [_invitation(i) for i in invitations.filter(invited_by=user)],
        "invitations_received": [_invitation(i) for i in invitations.filter(matching("email", addresses_of(user)))],
    }


def _invitation(invitation):
    return {
        "company": invitation.company.name,
        "email": invitation.email,
        "sent": invitation.created_at.isoformat(),
        "accepted": _isoformat(invitation.accepted_at),
        "withdrawn": _isoformat(invitation.revoked_at),
    }


def _isoformat(moment):
    return moment.isoformat() if moment else None
