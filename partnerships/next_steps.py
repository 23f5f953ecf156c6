"""What waits for the company: the "Waiting for you" list that starts the dashboard.

The company's side of staff's waiting page (partnerships.review.waiting): every item whose next step lies with the
person looking, with that step as a button and staff's reason beside it. Who sees which step follows the acting
rule (partnerships.access): drafts and changes sent back to a verified company wait for any of its members; the
profile and the requests to join wait for the owner alone.

The profile, its changes and the requests to join are found here. The apps built on partnerships register their own
items in their `AppConfig.ready()` (partnerships never imports them): a source is a function of the membership that
returns its `NextStep`s with at most one query, whatever their number.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships import access
from partnerships.review.workflow import Status as ReviewStatus

# The steps, named the same way wherever they appear.
FINISH = _("Finish and send")
RESUBMIT = _("Make the changes and send again")
ANSWER = _("Answer the invitation")
DECIDE = _("Decide")


@dataclass(frozen=True)
class NextStep:
    kind: str  # what the item is: "Application", "Good practice"…
    title: str  # its name
    action: str  # the step, as the button says it
    url: str  # where the step is taken
    reference: str = ""
    reason: str = ""  # staff's reason, when they sent it back
    since: datetime | None = None  # since when it waits for the company


def _oldest_first(step):
    return (step.since is None, step.since.timestamp() if step.since else 0.0)


_sources: list[Callable] = []


def register(source):
    """Add `source(membership, user)`, a function returning the steps it finds for that member of the company (the
    signed-in `user`), with one query at most."""
    if source not in _sources:
        _sources.append(source)
    return source


def may_act(user, membership):
    """Whether the member may change and send what belongs to the company (the acting rule)."""
    return access.may_act_for(user, membership.company_id)


def company_steps(membership, user, revision, join_requests):
    """The steps of the company itself, from what the dashboard already read (no query): the owner resubmits a
    profile staff did not verify, corrects the profile changes they sent back, and decides the requests to join."""
    company = membership.company
    if not membership.is_owner:
        return []
    steps = []
    if company.can("resubmit", user):
        steps.append(
            NextStep(
                kind=_("Company profile"),
                title=company.name,
                action=RESUBMIT,
                url=reverse("partnerships:edit"),
                reference=company.reference(),
                reason=company.decision_reason,
                since=company.decided_at,
            )
        )
    if revision is not None and revision.status == ReviewStatus.CHANGES_REQUESTED:
        steps.append(
            NextStep(
                kind=_("Changes to the public profile"),
                title=company.name,
                action=RESUBMIT,
                url=reverse("partnerships:edit"),
                reference=revision.reference(),
                reason=revision.decision_reason,
                since=revision.decided_at,
            )
        )
    for join_request in join_requests:
        steps.append(
            NextStep(
                kind=_("Request to join"),
                title=join_request.user.email,
                action=DECIDE,
                url=f"#join-request-{join_request.pk}",
                since=join_request.created_at,
            )
        )
    return steps


def for_member(membership, user, revision=None, join_requests=()):
    """Everything waiting for `user`, a member of the company (`membership`), oldest first: one query per
    registered source. `revision` and `join_requests` are what the dashboard read already."""
    steps = company_steps(membership, user, revision, join_requests)
    for source in _sources:
        steps.extend(source(membership, user))
    return sorted(steps, key=_oldest_first)


def invitation_steps(invitations):
    """The invitations a person without a company may answer, oldest first."""
    return sorted([
        NextStep(
            kind=_("Invitation"),
            title=invitation.company.name,
            action=ANSWER,
            url=reverse("partnerships:invitation", args=[invitation.token]),
            since=invitation.created_at,
        )
        for invitation in invitations
    ], key=_oldest_first)
