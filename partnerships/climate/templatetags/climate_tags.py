from django import template

from partnerships.climate.models import current_report_of

register = template.Library()


@register.inclusion_tag("climate/includes/_dashboard_report.html")
def climate_report_panel(company):
    """The signatory's report on the current reporting year: due, a draft, sent back, waiting or verified, with
    the button to act. current_report_of: shared with the waiting items, one query for a signatory, none for others."""
    current = current_report_of(company)
    if current is None:
        return {"signatory": None}
    return {"signatory": current.signatory, "year": current.year, "due": current.due, "report": current.report}
