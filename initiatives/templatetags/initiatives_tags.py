from django import template

from initiatives.models import Participation

register = template.Library()


@register.inclusion_tag("initiatives/includes/_company_participations.html")
def company_participations(company):
    """The company's sign-ups for the dashboard: one query, however many there are."""
    participations = (
        Participation.objects.filter(company=company)
        .exclude(status=Participation.Status.CANCELLED)
        .select_related("initiative")
        .order_by("-initiative__start")[:20]
    )
    return {"participations": participations}
