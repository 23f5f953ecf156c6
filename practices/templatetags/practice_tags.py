from django import template

from practices.models import GoodPractice, practices_of

register = template.Library()


@register.inclusion_tag("practices/includes/_featured.html")
def featured_practices(limit=3):
    """Featured published practices for the home page: two queries whatever their number (see `for_cards`)."""
    practices = GoodPractice.objects.published().filter(featured=True).for_cards().sorted_by("newest")[:limit]
    return {"practices": list(practices)}


@register.inclusion_tag("practices/includes/_company_practices.html")
def company_practices(company, may_act=False):
    """The company's practices with status, the staff's reason and any edit in progress (practices_of: one query,
    none when the page has read them already). With `may_act` (the person may act for the company), each practice
    offers its next step or an edit."""
    return {"practices": practices_of(company), "may_act": may_act}
