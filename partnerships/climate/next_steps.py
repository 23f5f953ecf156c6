"""The climate report waiting for the company on its dashboard (see partnerships.next_steps)."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships import next_steps
from partnerships.climate.models import current_report_of
from partnerships.review.workflow import Status

START = _("Start the report")


def report_steps(membership, user):
    """The signatory's report on the current reporting year when its next step lies with the company: not started,
    a draft, or sent back. No query of its own: current_report_of is shared with the dashboard's climate panel."""
    if not next_steps.may_act(user, membership):
        return []
    current = current_report_of(membership.company)
    if current is None or not current.may_report:
        return []
    report, year = current.report, current.year
    title = gettext("Climate report on %(year)s, due on %(due)s") % {
        "year": year,
        "due": formats.date_format(current.due, "DATE_FORMAT"),
    }
    if report is None:
        return [next_steps.NextStep(kind=_("Climate report"), title=title, action=START, url=reverse("climate:list"))]
    if report.status not in (Status.DRAFT, Status.CHANGES_REQUESTED):
        return []
    return [
        next_steps.NextStep(
            kind=_("Climate report"),
            title=title,
            action=next_steps.FINISH if report.status == Status.DRAFT else next_steps.RESUBMIT,
            url=reverse("climate:edit", args=[report.pk]),
            reference=report.reference(),
            reason=report.decision_reason if report.status == Status.CHANGES_REQUESTED else "",
            since=report.decided_at or report.created_at,
        )
    ]
