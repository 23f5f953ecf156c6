"""The review workflow shared by companies, applications, practices and anything else staff decide on.

A model that is reviewed inherits `Reviewable` and names its `WORKFLOW`: which actions exist, from which statuses
each is allowed, the status it leads to, who may take it (the company's members or staff) and whether a reason is
required. Every transition goes through `Reviewable.transition()`, which checks the rule, records a `ReviewEvent`
(who, when, from, to, why) and, once the transaction has committed, sends the e-mails.
"""

from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

COMPANY = "company"
STAFF = "staff"


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class TransitionNotAllowed(ValidationError):
    """Raised, with a message for the user, when an action cannot be taken in the current state."""


@dataclass(frozen=True)
class Rule:
    action: str
    label: str
    sources: frozenset
    target: str
    actor: str
    reason_required: bool = False


@dataclass(frozen=True)
class Workflow:
    rules: tuple
    waiting: frozenset = field(default_factory=frozenset)

    def rule(self, action):
        for rule in self.rules:
            if rule.action == action:
                return rule
        raise KeyError(action)

    def staff_rules(self):
        return [rule for rule in self.rules if rule.actor == STAFF]

    def company_rules(self):
        return [rule for rule in self.rules if rule.actor == COMPANY]


def _rule(action, label, sources, target, actor, reason_required=False):
    return Rule(action, label, frozenset(sources), target, actor, reason_required)


# The standard workflow: draft → submitted → (changes_requested → submitted)* → approved | rejected; withdrawn.
STANDARD_WORKFLOW = Workflow(
    rules=(
        _rule("submit", _("Submit"), {Status.DRAFT, Status.CHANGES_REQUESTED}, Status.SUBMITTED, COMPANY),
        _rule(
            "withdraw",
            _("Withdraw"),
            {Status.DRAFT, Status.SUBMITTED, Status.CHANGES_REQUESTED, Status.APPROVED},
            Status.WITHDRAWN,
            COMPANY,
        ),
        _rule("approve", _("Approve"), {Status.SUBMITTED}, Status.APPROVED, STAFF),
        _rule(
            "request_changes",
            _("Request changes"),
            {Status.SUBMITTED},
            Status.CHANGES_REQUESTED,
            STAFF,
            reason_required=True,
        ),
        _rule("reject", _("Reject"), {Status.SUBMITTED}, Status.REJECTED, STAFF, reason_required=True),
    ),
    waiting=frozenset({Status.SUBMITTED}),
)


class Reviewable(models.Model):
    """Abstract base for everything that passes through staff review."""

    WORKFLOW = STANDARD_WORKFLOW

    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.DRAFT, db_index=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, db_index=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_reason = models.TextField(_("reason given to the company"), blank=True)
    assignee = models.ForeignKey(
        "portal.User",
        verbose_name=_("assigned to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"is_staff": True},
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True

    # What a subclass provides -------------------------------------------------------------------------------

    def is_member(self, user):
        """Whether `user` may act for the company on this object."""
        raise NotImplementedError

    def notification_recipients(self):
        """The users told about a staff decision."""
        raise NotImplementedError

    def get_dashboard_url(self):
        """Where the company follows this object."""
        raise NotImplementedError

    def reference(self):
        """A reference number staff and companies can quote."""
        return f"{self._meta.model_name[:3].upper()}-{self.pk:05d}"

    def after_transition(self, event):
        """A hook for work that belongs to the same transaction as a transition (e.g. publishing a revision)."""

    # The mechanism -----------------------------------------------------------------------------------------

    @property
    def is_waiting(self):
        return self.status in self.WORKFLOW.waiting

    def available_actions(self, user):
        return [rule for rule in self.WORKFLOW.rules if self.status in rule.sources and self._actor_ok(rule, user)]

    def can(self, action, user):
        try:
            rule = self.WORKFLOW.rule(action)
        except KeyError:
            return False
        return self.status in rule.sources and self._actor_ok(rule, user)

    def _actor_ok(self, rule, user):
        if user is None or not user.is_authenticated:
            return False
        if rule.actor == STAFF:
            opts = self._meta
            return user.is_staff and user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        return self.is_member(user)

    def transition(self, action, by, reason=""):
        """Take `action` as user `by`, or raise TransitionNotAllowed / PermissionDenied and change nothing."""
        from partnerships import emails
        from partnerships.models import ReviewEvent

        try:
            rule = self.WORKFLOW.rule(action)
        except KeyError:
            raise TransitionNotAllowed(_("This action does not exist.")) from None
        if not self._actor_ok(rule, by):
            raise PermissionDenied(_("You may not do this."))
        reason = (reason or "").strip()
        if rule.reason_required and not reason:
            raise TransitionNotAllowed(_("Please give a reason: the company will read it."))
        # Lock the row so that two people deciding at the same moment cannot both move it from the same status.
        with transaction.atomic():
            current = type(self).objects.select_for_update().only("status").get(pk=self.pk).status
            if current not in rule.sources:
                raise TransitionNotAllowed(
                    _("“%(action)s” is not possible while the status is “%(status)s”.")
                    % {"action": rule.label, "status": self._status_label(current)}
                )
            now = timezone.now()
            self.status = rule.target
            fields = ["status", "updated_at"]
            if rule.actor == STAFF:
                self.decided_at = now
                self.decision_reason = reason
                fields += ["decided_at", "decision_reason"]
            elif rule.target in self.WORKFLOW.waiting:
                self.submitted_at = now
                fields.append("submitted_at")
            self.save(update_fields=fields)
            event = ReviewEvent.record(self, rule, current, by, reason)
            self.after_transition(event)
            if rule.actor == STAFF:
                transaction.on_commit(partial(emails.send_decision, self, event))
            elif rule.target in self.WORKFLOW.waiting:
                transaction.on_commit(partial(emails.send_new_submission, self, event))
        return event

    def _status_label(self, value):
        return dict(self._meta.get_field("status").choices).get(value, value)

    def review_history(self):
        from partnerships.models import ReviewEvent

        return ReviewEvent.objects.for_object(self)
