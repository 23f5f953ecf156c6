from django import template

from partnerships.climate.models import Report, current_reporting_year, due_on, signatory_of

register = template.Library()


@register.inclusion_tag("climate/includes/_dashboard_report.html")
def climate_report_panel(company):
    """The signatory's report on the current reporting year: due, a draft, sent back, waiting or verified, with
    the button to act. The pact application comes from applications_of (shared with the applications panel), then
    one query for the open or latest report; none for a company that has not signed."""
    signatory = signatory_of(company)
    if signatory is None:
        return {"signatory": None}
    year = current_reporting_year()
    report = (
        Report.objects.filter(company=company, year=year).exclude(status__in=["withdrawn", "rejected"]).first()
        if year >= signatory.first_year()
        else None
    )
    return {"signatory": signatory, "year": year, "due": due_on(year), "report": report}
