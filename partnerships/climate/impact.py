"""The figures of /impact/: the partnership's verified results, computed with a fixed number of queries however
many companies and reports there are (aggregation in the database; no query per company).

Only published figures count: per company and year the latest verified version of its report. Stated savings of
good practices and trees planted are what companies wrote, never verified, and are kept apart from emissions.
"""

from dataclasses import dataclass
from datetime import datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone

from initiatives.models import Initiative, Ride
from partnerships.climate.models import Activity, ActivityLine, Instrument, due_on
from partnerships.climate.results import change_pct, published_reports
from practices.models import GoodPractice

ZERO = Decimal(0)
TOTAL = ExpressionWrapper(F("scope1_t") + F("scope2_location_t"), output_field=DecimalField())
TOTAL_MARKET = ExpressionWrapper(F("scope1_t") + F("scope2_market_t"), output_field=DecimalField())


@dataclass(frozen=True)
class BikeFactor:
    grams_per_km: Decimal
    source_name: str
    source_url: str


def bike_factor():
    return BikeFactor(
        Decimal(str(settings.BIKE_CO2_GRAMS_PER_KM)), settings.BIKE_CO2_SOURCE_NAME, settings.BIKE_CO2_SOURCE_URL
    )


def emissions_by_year():
    """Per year: Scope 1 and Scope 2 (both methods) summed over the published reports, and the companies. One query."""
    return list(
        published_reports()
        .filter(scope1_t__isnull=False, scope2_location_t__isnull=False)
        .values("year")
        .annotate(
            companies=Count("company", distinct=True),
            scope1_t=Sum("scope1_t"),
            scope2_location_t=Sum("scope2_location_t"),
            scope2_market_t=Sum("scope2_market_t"),
        )
        .order_by("year")
    )


def like_for_like():
    """The companies with a verified base year and a later verified year: their summed totals (Scope 1 + Scope 2
    location-based, and market-based) in their base years and in their latest years. One query: the totals of the
    published reports, three numbers per report."""
    per_company = {}
    rows = (
        published_reports()
        .filter(scope1_t__isnull=False, scope2_location_t__isnull=False)
        .annotate(total=TOTAL, total_market=TOTAL_MARKET)
        .values_list("company_id", "year", "base_year", "total", "total_market")
        .order_by("company_id", "year")
    )
    for company_id, year, base_year, total, total_market in rows:
        per_company.setdefault(company_id, []).append((year, base_year, total, total_market))
    base = latest = base_market = latest_market = ZERO
    companies = 0
    for years in per_company.values():
        last = years[-1]
        chosen_base = last[1] or years[0][0]
        first = next((row for row in years if row[0] == chosen_base), years[0])
        if last[0] <= first[0]:
            continue
        companies += 1
        base += first[2]
        latest += last[2]
        base_market += first[3] or ZERO
        latest_market += last[3] or ZERO
    return {
        "companies": companies,
        "base_t": base,
        "latest_t": latest,
        "change_pct": change_pct(base, latest) if companies else None,
        "base_market_t": base_market,
        "latest_market_t": latest_market,
        "change_market_pct": change_pct(base_market, latest_market) if companies else None,
    }


def energy(year):
    """Energy and the renewable share of electricity over the published reports on `year`. Two queries."""
    reports = published_reports().filter(year=year)
    summed = reports.aggregate(companies=Count("company", distinct=True), energy_mwh=Sum("energy_mwh"))
    lines = ActivityLine.objects.filter(report__in=reports).aggregate(
        bought=Sum("quantity", filter=Q(activity=Activity.ELECTRICITY)),
        solar=Sum("quantity", filter=Q(activity=Activity.SOLAR)),
        backed=Sum(
            "renewable_kwh",
            filter=Q(
                activity=Activity.ELECTRICITY, renewable_instrument__in=[Instrument.GUARANTEE, Instrument.CONTRACT]
            ),
        ),
    )
    bought, solar, backed = (lines[name] or ZERO for name in ("bought", "solar", "backed"))
    backed = min(backed, bought)
    electricity = bought + solar
    share = ((backed + solar) / electricity * 100).quantize(Decimal("0.1")) if electricity else None
    return {
        "year": year,
        "companies": summed["companies"],
        "energy_mwh": summed["energy_mwh"] or ZERO,
        "electricity_mwh": (electricity / 1000).quantize(Decimal("0.001")),
        "renewable_share_pct": share,
    }


def bike_campaigns():
    """Per bike campaign: kilometres, riders, companies and CO2 avoided, only for campaigns at least
    BIKE_SMALLEST_PUBLIC_GROUP people rode in (totals only, never per person). One query."""
    factor = bike_factor()
    smallest = settings.BIKE_SMALLEST_PUBLIC_GROUP
    rows = (
        Ride.objects.filter(
            initiative__kind=Initiative.Kind.BIKE_CAMPAIGN, initiative__status=Initiative.Status.PUBLISHED
        )
        .values("initiative_id", "initiative__title", "initiative__slug", "initiative__start")
        .annotate(km=Sum("km"), riders=Count("user", distinct=True), companies=Count("company", distinct=True))
        .filter(riders__gte=smallest)
        .order_by("initiative__start", "initiative_id")
    )
    campaigns = []
    for row in rows:
        campaigns.append(
            {
                "id": row["initiative_id"],
                "title": row["initiative__title"],
                "slug": row["initiative__slug"],
                "year": timezone.localtime(row["initiative__start"]).year,
                "km": row["km"],
                "riders": row["riders"],
                "companies": row["companies"],
                "co2_t": (row["km"] * factor.grams_per_km / 1_000_000).quantize(
                    Decimal("0.001"), rounding=ROUND_HALF_UP
                ),
            }
        )
    return campaigns


def practices():
    """Published good practices: how many, from how many companies, and the savings and trees they state. One query."""
    return GoodPractice.objects.published().aggregate(
        count=Count("pk"),
        companies=Count("company", distinct=True),
        co2_t=Sum("co2_tonnes_per_year"),
        mwh=Sum("mwh_saved"),
        with_co2=Count("pk", filter=Q(co2_tonnes_per_year__isnull=False)),
        with_mwh=Count("pk", filter=Q(mwh_saved__isnull=False)),
        trees=Sum("trees_planted"),
        with_trees=Count("pk", filter=Q(trees_planted__isnull=False)),
        tree_companies=Count("company", distinct=True, filter=Q(trees_planted__gt=0)),
    )


def punctuality(years):
    """Per year: of the verified first reports (version 1), how many were submitted by the due date. One query."""
    if not years:
        return []
    tz = timezone.get_current_timezone()
    aggregates = {}
    for year in years:
        deadline = timezone.make_aware(datetime.combine(due_on(year), time.max), tz)
        aggregates[f"all_{year}"] = Count("pk", filter=Q(year=year))
        aggregates[f"on_time_{year}"] = Count("pk", filter=Q(year=year, submitted_at__lte=deadline))
    from_db = published_reports().filter(version=1).aggregate(**aggregates)
    return [
        {"year": year, "reports": from_db[f"all_{year}"], "on_time": from_db[f"on_time_{year}"]}
        for year in years
        if from_db[f"all_{year}"]
    ]


def impact_context():
    by_year = emissions_by_year()
    years = [row["year"] for row in by_year]
    latest_year = years[-1] if years else None
    campaigns = bike_campaigns()
    return {
        "by_year": by_year,
        "like_for_like": like_for_like(),
        "energy": energy(latest_year) if latest_year else None,
        "campaigns": campaigns,
        "bike_totals": {
            "km": sum((row["km"] for row in campaigns), ZERO),
            "co2_t": sum((row["co2_t"] for row in campaigns), ZERO),
        },
        "bike_factor": bike_factor(),
        "practices": practices(),
        "punctuality": punctuality(years),
    }
