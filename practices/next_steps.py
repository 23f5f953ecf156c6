"""The practices waiting for the company on its dashboard (see partnerships.next_steps)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships import next_steps
from practices.models import PracticeStatus, practices_of


def practice_steps(membership, user):
    """Drafts to finish and practices sent back (practices_of: one query, shared with the panel).
    Any member of a verified company may take them."""
    if not next_steps.may_act(user, membership):
        return []
    practices = [
        practice
        for practice in practices_of(membership.company)
        if practice.status in (PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED)
    ]
    return [
        next_steps.NextStep(
            kind=_("Good practice"),
            title=practice.title,
            action=next_steps.FINISH if practice.status == PracticeStatus.DRAFT else next_steps.RESUBMIT,
            url=reverse("practices:edit", args=[practice.pk]),
            reference=practice.reference(),
            reason=practice.decision_reason if practice.status == PracticeStatus.CHANGES_REQUESTED else "",
            since=practice.decided_at or practice.created_at,
        )
        for practice in practices
    ]


def revision_steps(membership, user):
    """Edits of published practices that staff sent back (practices_of, as above: no query of its own)."""
    if not next_steps.may_act(user, membership):
        return []
    revisions = [
        revision
        for practice in practices_of(membership.company)
        for revision in practice.open_revisions
        if revision.status == PracticeStatus.CHANGES_REQUESTED
    ]
    return [
        next_steps.NextStep(
            kind=_("Edit of a published practice"),
            title=revision.practice.title,
            action=next_steps.RESUBMIT,
            url=reverse("practices:edit", args=[revision.practice_id]),
            reference=revision.reference(),
            reason=revision.decision_reason,
            since=revision.decided_at,
        )
        for revision in revisions
    ]
