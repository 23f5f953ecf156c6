"""The arithmetic of a yearly climate report, kept free of Django so that each figure can be checked by hand.

Inputs are the report's activity data (quantity per activity, in the activity's unit) and the emission factors in
kg CO2e per unit, keyed by (activity, scope). Results are in tonnes CO2e, MWh, per cent and intensities:

- Scope 1 = natural gas kWh × its factor + diesel l × its factor + petrol l × its factor + Σ refrigerant kg × GWP.
- Scope 2, location-based = electricity bought kWh × the grid factor + district heat GJ × the heat factor.
- Scope 2, market-based = (electricity bought − renewable kWh backed by a guarantee of origin or a contract) × the
  residual-mix factor + district heat GJ × the heat factor (the supplier's; the location factor when no market one).
- Energy (MWh) = electricity bought + own solar + natural gas + district heat (1 GJ = 1/3.6 MWh) + diesel and petrol
  at their net calorific values below, all divided by 1000 from kWh.
- Renewable share (%) = (renewable kWh backed + own solar) / (electricity bought + own solar) × 100.
- Intensity = (Scope 1 + Scope 2 location-based) per FTE (t CO2e/FTE) and per m² of floor area (kg CO2e/m²).

Own solar production emits nothing here; an unbacked renewable claim counts as grid electricity.
"""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

ELECTRICITY = "electricity"
SOLAR = "solar"
NATURAL_GAS = "natural_gas"
DISTRICT_HEAT = "district_heat"
DIESEL = "diesel"
PETROL = "petrol"
REFRIGERANT_R410A = "refrigerant_r410a"
REFRIGERANT_R32 = "refrigerant_r32"
REFRIGERANT_R134A = "refrigerant_r134a"
EMPLOYEES = "employees"
FLOOR_AREA = "floor_area"

REFRIGERANTS = (REFRIGERANT_R410A, REFRIGERANT_R32, REFRIGERANT_R134A)
FUELS = (NATURAL_GAS, DIESEL, PETROL)
ENERGY_ACTIVITIES = (ELECTRICITY, SOLAR, NATURAL_GAS, DISTRICT_HEAT)

SCOPE_1 = "scope_1"
SCOPE_2_LOCATION = "scope_2_location"
SCOPE_2_MARKET = "scope_2_market"

# The activities whose emissions need a factor of the table, and in which scopes.
FACTOR_NEEDS = {
    NATURAL_GAS: (SCOPE_1,),
    DIESEL: (SCOPE_1,),
    PETROL: (SCOPE_1,),
    **{refrigerant: (SCOPE_1,) for refrigerant in REFRIGERANTS},
    ELECTRICITY: (SCOPE_2_LOCATION, SCOPE_2_MARKET),
    DISTRICT_HEAT: (SCOPE_2_LOCATION, SCOPE_2_MARKET),
}

# kWh per unit of each activity that counts as energy. Diesel and petrol: rounded net calorific values per litre
# (about 36 MJ/l and 32.4 MJ/l); district heat: 1 GJ = 1000/3.6 kWh.
KWH_PER_UNIT = {
    ELECTRICITY: Decimal(1),
    SOLAR: Decimal(1),
    NATURAL_GAS: Decimal(1),
    DISTRICT_HEAT: Decimal(1000) / Decimal("3.6"),
    DIESEL: Decimal(10),
    PETROL: Decimal(9),
}

THOUSAND = Decimal(1000)
TONNES = Decimal("0.001")
MWH = Decimal("0.001")
PER_CENT = Decimal("0.1")
INTENSITY = Decimal("0.001")


class MissingFactor(LookupError):
    """No emission factor for an activity the report uses (staff must add one)."""


@dataclass(frozen=True)
class Activity:
    quantity: Decimal
    renewable_backed: Decimal = Decimal(0)  # electricity only: kWh with a guarantee of origin or a contract


@dataclass(frozen=True)
class Results:
    scope1_t: Decimal
    scope2_location_t: Decimal
    scope2_market_t: Decimal
    energy_mwh: Decimal
    renewable_share_pct: Decimal | None
    intensity_per_fte_t: Decimal | None
    intensity_per_m2_kg: Decimal | None
    factors_used: tuple = field(default=())

    @property
    def total_location_t(self):
        return self.scope1_t + self.scope2_location_t

    @property
    def total_market_t(self):
        return self.scope1_t + self.scope2_market_t


def _round(value, step):
    return value.quantize(step, rounding=ROUND_HALF_UP)


def _factor(factors, activity, scope, used):
    key = (activity, scope)
    if key not in factors and scope == SCOPE_2_MARKET:
        key = (activity, SCOPE_2_LOCATION)  # a supplier's own factor serves both methods (district heat)
    if key not in factors:
        raise MissingFactor(key)
    used.add(key)
    return Decimal(factors[key])


def compute(activities, factors):
    """Results of `activities` ({activity: Activity}) with `factors` ({(activity, scope): kg CO2e per unit}).

    A missing activity counts as zero; a needed factor that is missing raises MissingFactor.
    """
    used = set()

    def quantity(activity):
        line = activities.get(activity)
        return Decimal(line.quantity) if line is not None and line.quantity is not None else Decimal(0)

    def emissions(activity, scope):
        amount = quantity(activity)
        return amount * _factor(factors, activity, scope, used) if amount else Decimal(0)

    scope1_kg = sum(
        (emissions(activity, SCOPE_1) for activity in (*FUELS, *REFRIGERANTS)),
        Decimal(0),
    )
    electricity = quantity(ELECTRICITY)
    backed = Decimal(activities[ELECTRICITY].renewable_backed or 0) if ELECTRICITY in activities else Decimal(0)
    backed = min(max(backed, Decimal(0)), electricity)
    heat_location_kg = emissions(DISTRICT_HEAT, SCOPE_2_LOCATION)
    heat_market_kg = emissions(DISTRICT_HEAT, SCOPE_2_MARKET)
    scope2_location_kg = emissions(ELECTRICITY, SCOPE_2_LOCATION) + heat_location_kg
    grey = electricity - backed
    grey_kg = grey * _factor(factors, ELECTRICITY, SCOPE_2_MARKET, used) if grey else Decimal(0)
    scope2_market_kg = grey_kg + heat_market_kg

    energy_kwh = sum((quantity(activity) * per_unit for activity, per_unit in KWH_PER_UNIT.items()), Decimal(0))
    solar = quantity(SOLAR)
    all_electricity = electricity + solar
    share = _round((backed + solar) / all_electricity * 100, PER_CENT) if all_electricity else None

    total_kg = scope1_kg + scope2_location_kg
    fte = quantity(EMPLOYEES)
    area = quantity(FLOOR_AREA)
    return Results(
        scope1_t=_round(scope1_kg / THOUSAND, TONNES),
        scope2_location_t=_round(scope2_location_kg / THOUSAND, TONNES),
        scope2_market_t=_round(scope2_market_kg / THOUSAND, TONNES),
        energy_mwh=_round(energy_kwh / THOUSAND, MWH),
        renewable_share_pct=share,
        intensity_per_fte_t=_round(total_kg / THOUSAND / fte, INTENSITY) if fte else None,
        intensity_per_m2_kg=_round(total_kg / area, INTENSITY) if area else None,
        factors_used=tuple(sorted(used)),
    )


def change_pct(current, previous):
    """The change from `previous` to `current` in per cent (None when there is nothing to compare with)."""
    if current is None or previous is None or not previous:
        return None
    return _round((Decimal(current) - Decimal(previous)) / Decimal(previous) * 100, PER_CENT)


def median(values):
    ordered = sorted(Decimal(value) for value in values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2
