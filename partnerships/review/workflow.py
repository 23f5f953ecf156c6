"""The review workflow shared by companies, applications, practices and anything else staff decide on.

A model that is reviewed inherits `Reviewable` (in `partnerships.review.models`) and names its `WORKFLOW`: which
actions exist, from which statuses each is allowed, the status it leads to, who may take it (the company's members
or staff) and whether a reason is required. Every transition goes through `Reviewable.transition()`, which checks
the rule, records a `ReviewEvent` (who, when, from, to, why) and queues the e-mails in the same transaction (the
mail worker sends them; see portal.lib.mail).
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
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
