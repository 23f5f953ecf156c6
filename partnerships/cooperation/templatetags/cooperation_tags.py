from collections import defaultdict

from django import template
from django.contrib.contenttypes.models import ContentType

from partnerships.cooperation.models import Application
from partnerships.review.models import ReviewEvent

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
def company_applications(company, may_act=False):
    """Every application of `company` with its history, in two queries whatever their number:
    the applications with their forms, then the review events of all of them (with who and which model).
    With `may_act` (the person may act for the company), each application still editable offers its next step."""
    applications = list(Application.objects.filter(company=company).select_related("form"))
    events = defaultdict(list)
    if applications:
        content_type = ContentType.objects.get_for_model(Application)
        for event in ReviewEvent.objects.filter(
            content_type=content_type, object_id__in=[a.pk for a in applications]
        ).select_related("by", "content_type"):
            events[event.object_id].append(event)
    for application in applications:
        application.events = events[application.pk]
    return {"applications": applications, "may_act": may_act}
