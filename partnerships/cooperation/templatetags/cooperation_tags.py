from django import template
from django.contrib.contenttypes.models import ContentType

from partnerships.cooperation.models import Application, applications_of
from partnerships.review.models import ReviewEvent, events_by_object

register = template.Library()

STATUS_BADGES = {
    "draft": "text-bg-secondary",
    "submitted": "text-bg-primary",
    "changes_requested": "text-bg-warning",
    "approved": "text-bg-success",
    "rejected": "text-bg-danger",
    "withdrawn": "text-bg-light border",
}


@register.simple_tag
def status_badge_class(status):
    return STATUS_BADGES.get(status, "text-bg-secondary")


@register.inclusion_tag("partnerships/cooperation/includes/_applications.html")
def company_applications(company, may_act=False, object_events=None):
    """Every application of `company` with its history: the applications with their forms (applications_of: none
    when the page has read them already), then the review events
    of all of them (with who and which model) in one query whatever their number; none when the page has read them
    already (`object_events`, see ReviewEvent.objects.for_company, which the dashboard uses). With `may_act` (the
    person may act for the company), each application still editable offers its next step."""
    applications = applications_of(company)
    content_type = ContentType.objects.get_for_model(Application)
    if not isinstance(object_events, dict) and applications:  # a page without them passes nothing (or "")
        object_events = events_by_object(
            ReviewEvent.objects.filter(
                content_type=content_type, object_id__in=[a.pk for a in applications]
            ).select_related("by", "content_type")
        )
    for application in applications:
        application.events = (object_events or {}).get((content_type.pk, application.pk), [])
    return {"applications": applications, "may_act": may_act}
