from django import template

from partnerships.announcements.models import visible_to

register = template.Library()

DASHBOARD_LIMIT = 10


@register.inclusion_tag("announcements/_dashboard_panel.html", takes_context=True)
def company_announcements(context, limit=DASHBOARD_LIMIT):
    """The latest announcements the signed-in person's company received, for the dashboard: one query."""
    return {"announcements": list(visible_to(context["request"].user)[:limit])}
