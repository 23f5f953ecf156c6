"""The public pages of the climate results: /impact/ and how its figures are computed."""

from django.shortcuts import render
from django.utils.translation import gettext as _

from partnerships.climate import charts
from partnerships.climate import impact as figures
from partnerships.climate.models import EmissionFactor
from portal.lib.page_cache import public_page


def _charts(context):
    drawn = {}
    by_year = context["by_year"]
    if by_year:
        drawn["by_year"] = charts.bar_chart(
            "chart-by-year",
            _("Verified emissions by year"),
            _(
                "Scope 1 plus Scope 2 of the companies with a verified report on each year: the first bar of each "
                "year location-based, the second market-based, in t CO2e. The table below gives the figures."
            ),
            [
                (
                    str(row["year"]),
                    [row["scope1_t"] + row["scope2_location_t"], row["scope1_t"] + row["scope2_market_t"]],
                )
                for row in by_year
            ],
            "t",
        )
    like = context["like_for_like"]
    if like["companies"]:
        drawn["like_for_like"] = charts.bar_chart(
            "chart-like-for-like",
            _("Emissions in the base years and the latest years"),
            _(
                "Scope 1 plus location-based Scope 2, in t CO2e, of the same companies in their base years and in "
                "their latest verified years. The table below gives the figures."
            ),
            [(_("Base years"), [like["base_t"]]), (_("Latest years"), [like["latest_t"]])],
            "t",
        )
    if context["campaigns"]:
        drawn["bike"] = charts.bar_chart(
            "chart-bike",
            _("Kilometres ridden in bike campaigns"),
            _("Kilometres logged in each bike campaign. The table below gives the figures."),
            [(row["title"][:22], [row["km"]]) for row in context["campaigns"]],
            "km",
        )
    return drawn


@public_page
def impact(request):
    context = figures.impact_context()
    context["charts"] = _charts(context)
    return render(request, "climate/public/impact.html", context)


@public_page
def method(request):
    factors = EmissionFactor.objects.order_by("activity", "scope", "-year", "-version")
    return render(request, "climate/public/method.html", {"factors": factors, "bike_factor": figures.bike_factor()})
