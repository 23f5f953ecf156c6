from django import template
from django.utils.safestring import mark_safe

from practices.models import GoodPractice, PracticeRevision, PracticeStatus
from practices.text import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Markdown rendered and sanitised (see practices.text.render_markdown)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has removed everything unsafe


@register.inclusion_tag("practices/includes/_featured.html", takes_context=True)
def featured_practices(context, limit=3):
    """Featured published practices for the home page: three queries whatever their number."""
    practices = GoodPractice.objects.published().filter(featured=True).for_cards().sorted_by("newest")[:limit]
    return {"practices": list(practices), "request": context.get("request")}


@register.inclusion_tag("practices/includes/_company_practices.html", takes_context=True)
def company_practices(context, company):
    """The company's practices with status, the staff's reason and any edit waiting: two queries."""
    from django.db.models import Prefetch

    open_revisions = PracticeRevision.objects.exclude(
        status__in=[PracticeStatus.APPROVED, PracticeStatus.REJECTED, PracticeStatus.WITHDRAWN]
    )
    practices = (
        GoodPractice.objects.filter(company=company)
        .prefetch_related(Prefetch("revisions", queryset=open_revisions, to_attr="open_revisions"))
        .order_by("-updated_at")
    )
    return {"practices": list(practices), "company": company, "request": context.get("request")}
