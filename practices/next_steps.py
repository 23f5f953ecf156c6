"""The practices waiting for the company on its dashboard (see partnerships.next_steps)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships import next_steps
from practices.models import GoodPractice, PracticeRevision, PracticeStatus


def practice_steps(membership, user):
    """Drafts to finish and practices sent back: one query. Any member of a verified company may take them."""
    if not next_steps.may_act(user, membership):
        return []
    practices = GoodPractice.objects.filter(
        company_id=membership.company_id, status__in=[PracticeStatus.DRAFT, PracticeStatus.CHANGES_REQUESTED]
    ).only("pk", "title", "status", "decision_reason", "decided_at", "created_at")
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
    """Edits of published practices that staff sent back: one query (the edits with their practices)."""
    if not next_steps.may_act(user, membership):
        return []
    revisions = PracticeRevision.objects.filter(
        practice__company_id=membership.company_id, status=PracticeStatus.CHANGES_REQUESTED
    ).select_related("practice")
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
