from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from partnerships.climate import charts
from partnerships.climate.results import partner_results

register = template.Library()


def _tonnes(value):
    return number_format(value, decimal_pos=1, use_l10n=True, force_grouping=True)


def summary(results):
    """One sentence on where the signatory stands, from its verified reports only."""
    name = results.company.name
    target = results.target_year
    if results.latest is None or not results.total_known:
        return _("%(name)s has no verified climate report yet.") % {"name": name}
    if not results.compared:
        text = _("%(name)s reported %(total)s t CO2e in its base year %(year)s.") % {
            "name": name,
            "total": _tonnes(results.latest.total_location_t),
            "year": results.latest.year,
        }
    else:
        values = {
            "name": name,
            "base_year": results.base.year,
            "base": _tonnes(results.base.total_location_t),
            "year": results.latest.year,
            "latest": _tonnes(results.latest.total_location_t),
            "change": number_format(abs(results.change_pct), decimal_pos=1, use_l10n=True),
        }
        if results.change_pct < 0:
            text = (
                _(
                    "%(name)s cut its emissions from %(base)s t CO2e in %(base_year)s to %(latest)s t in %(year)s "
                    "(down %(change)s %%)."
                )
                % values
            )
        elif results.change_pct > 0:
            text = (
                _(
                    "%(name)s’s emissions rose from %(base)s t CO2e in %(base_year)s to %(latest)s t in %(year)s "
                    "(up %(change)s %%)."
                )
                % values
            )
        else:
            text = _("%(name)s’s emissions stayed at %(latest)s t CO2e from %(base_year)s to %(year)s.") % values
    if target:
        text += " " + _("Its target: climate neutrality by %(year)s.") % {"year": target}
    return text


@register.inclusion_tag("climate/public/_partner_results.html")
def partner_climate_results(company):
    """The signatory's verified climate results for its public page; nothing for a company that has not signed."""
    results = partner_results(company)
    if results is None:
        return {"results": None}
    chart = None
    if results.latest is not None and results.total_known:
        right = _("%(year)s: target 0 t") % {"year": results.target_year} if results.target_year else _("0 t")
        chart = charts.progress_bar(
            f"climate-path-{company.pk}",
            _("Emissions from the base year to the target"),
            summary(results),
            results.progress_share(),
            _("%(year)s: %(total)s t") % {"year": results.base.year, "total": _tonnes(results.base.total_location_t)},
            right,
            _("%(year)s: %(total)s t")
            % {"year": results.latest.year, "total": _tonnes(results.latest.total_location_t)}
            if results.compared
            else "",
        )
    return {"results": results, "summary": summary(results), "chart": chart}
