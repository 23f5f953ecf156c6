from django import template
from django.db.models import OuterRef, Subquery

from practices.models import GoodPractice, PracticeRevision

register = template.Library()


@register.inclusion_tag("practices/includes/_featured.html")
def featured_practices(limit=3):
    """Featured published practices for the home page: two queries whatever their number (see `for_cards`)."""
    practices = GoodPractice.objects.published().filter(featured=True).for_cards().sorted_by("newest")[:limit]
    return {"practices": list(practices)}


@register.inclusion_tag("practices/includes/_company_practices.html")
def company_practices(company, may_act=False):
    """The company's practices with status, the staff's reason and any edit in progress, in one query: a practice has
    at most one open edit (a database constraint), whose status and reason come as two subqueries. With `may_act`
    (the person may act for the company), each practice offers its next step or an edit."""
    edit = PracticeRevision.objects.open().filter(practice=OuterRef("pk"))
    practices = list(
        GoodPractice.objects.filter(company=company)
        .annotate(
            open_edit_status=Subquery(edit.values("status")[:1]),
            open_edit_reason=Subquery(edit.values("decision_reason")[:1]),
        )
        .order_by("-updated_at")
    )
    for practice in practices:
        practice.open_revisions = (
            [PracticeRevision(practice=practice, status=practice.open_edit_status,
                              decision_reason=practice.open_edit_reason or "")]
            if practice.open_edit_status
            else []
        )
    return {"practices": practices, "may_act": may_act}
