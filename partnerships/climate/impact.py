"""The figures of /impact/: the partnership's verified results, computed with a fixed number of queries however
many companies and reports there are (aggregation in the database; no query per company).

Only published figures count: per company and year the latest verified version of its report. Stated savings of
good practices and trees planted are what companies wrote, never verified, and are kept apart from emissions.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
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


def yearly():
    """Per year, over the published reports: Scope 1 and Scope 2 (both methods) summed and the companies they cover;
    the energy of every report and the companies; and of the verified first reports (version 1), how many there are
    and how many were submitted by the due date (the day in the portal's time zone). One query."""
    tz = timezone.get_current_timezone()
    due = due_on(1999)  # the month and day of the due date (in 2000: a leap year, so 02-29 is a valid setting)
    with_scopes = Q(scope1_t__isnull=False, scope2_location_t__isnull=False)
    submitted_in_time = Q(submitted_year__lt=F("year") + 1) | Q(
        submitted_year=F("year") + 1, submitted_day__lte=due.month * 100 + due.day
    )
    rows = (
        published_reports()
        .annotate(
            submitted_year=ExtractYear("submitted_at", tzinfo=tz),
            submitted_day=ExtractMonth("submitted_at", tzinfo=tz) * 100 + ExtractDay("submitted_at", tzinfo=tz),
        )
        .values("year")
        .annotate(
            companies=Count("company", distinct=True, filter=with_scopes),
            # Named apart from the fields: the filter of each sum reads the fields themselves.
            scope1_sum=Sum("scope1_t", filter=with_scopes),
            scope2_location_sum=Sum("scope2_location_t", filter=with_scopes),
            scope2_market_sum=Sum("scope2_market_t", filter=with_scopes),
            energy_companies=Count("company", distinct=True),
            energy_mwh=Sum("energy_mwh"),
            first_reports=Count("pk", filter=Q(version=1)),
            on_time=Count("pk", filter=Q(version=1) & submitted_in_time),
        )
        .order_by("year")
    )
    return list(rows)


def emissions_by_year(rows):
    """The years with emissions, from the rows of `yearly()`, with the sums named as the fields they add up."""
    return [
        row
        | {
            "scope1_t": row["scope1_sum"],
            "scope2_location_t": row["scope2_location_sum"],
            "scope2_market_t": row["scope2_market_sum"],
        }
        for row in rows
        if row["companies"]
    ]


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


def energy(row):
    """Energy and the renewable share of electricity over the published reports on the year of `row` (from
    `yearly()`). One query: the electricity lines of those reports."""
    year = row["year"]
    lines = ActivityLine.objects.filter(report__in=published_reports().filter(year=year)).aggregate(
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
        "companies": row["energy_companies"],
        "energy_mwh": row["energy_mwh"] or ZERO,
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


def punctuality(by_year):
    """Per year with emissions: of the verified first reports (version 1), how many were submitted by the due date."""
    return [
        {"year": row["year"], "reports": row["first_reports"], "on_time": row["on_time"]}
        for row in by_year
        if row["first_reports"]
    ]


def impact_context():
    """Everything /impact/ shows, in five queries however many reports, rides and practices there are."""
    by_year = emissions_by_year(yearly())
    campaigns = bike_campaigns()
    return {
        "by_year": by_year,
        "like_for_like": like_for_like(),
        "energy": energy(by_year[-1]) if by_year else None,
        "campaigns": campaigns,
        "bike_totals": {
            "km": sum((row["km"] for row in campaigns), ZERO),
            "co2_t": sum((row["co2_t"] for row in campaigns), ZERO),
        },
        "bike_factor": bike_factor(),
        "practices": practices(),
        "punctuality": punctuality(by_year),
    }
