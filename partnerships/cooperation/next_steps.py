"""The applications waiting for the company on its dashboard (see partnerships.next_steps)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from partnerships import next_steps
from partnerships.cooperation.models import EDITABLE_STATUSES, Status, applications_of


def application_steps(membership, user):
    """Drafts to finish and applications sent back, while their form takes applications: one query (the
    applications with their forms, applications_of, shared with the panel). Any member of a verified company may
    take these steps."""
    if not next_steps.may_act(user, membership):
        return []
    applications = [a for a in applications_of(membership.company) if a.status in EDITABLE_STATUSES]
    return [
        next_steps.NextStep(
            kind=_("Application"),
            title=application.form.title,
            action=next_steps.FINISH if application.status == Status.DRAFT else next_steps.RESUBMIT,
            url=reverse("cooperation:application_edit", args=[application.pk]),
            reference=application.reference(),
            reason=application.decision_reason if application.status == Status.CHANGES_REQUESTED else "",
            since=application.decided_at or application.created_at,
        )
        for application in applications
        if application.is_editable
    ]
