"""The arithmetic of a report, each figure against a value worked out by hand (see the comments)."""

from decimal import Decimal as D

import pytest

from partnerships.climate import computation as calc

FACTORS = {
    (calc.ELECTRICITY, calc.SCOPE_2_LOCATION): D("0.6"),
    (calc.ELECTRICITY, calc.SCOPE_2_MARKET): D("0.8"),
    (calc.NATURAL_GAS, calc.SCOPE_1): D("0.2"),
    (calc.DISTRICT_HEAT, calc.SCOPE_2_LOCATION): D("90"),  # no market factor: the supplier's serves both
    (calc.DIESEL, calc.SCOPE_1): D("2.5"),
    (calc.PETROL, calc.SCOPE_1): D("2.0"),
    (calc.REFRIGERANT_R410A, calc.SCOPE_1): D("2000"),
}


def _activities(**overrides):
    activities = {
        calc.ELECTRICITY: calc.Activity(D(100_000), renewable_backed=D(40_000)),
        calc.SOLAR: calc.Activity(D(10_000)),
        calc.NATURAL_GAS: calc.Activity(D(50_000)),
        calc.DISTRICT_HEAT: calc.Activity(D(200)),
        calc.DIESEL: calc.Activity(D(1000)),
        calc.PETROL: calc.Activity(D(500)),
        calc.REFRIGERANT_R410A: calc.Activity(D(2)),
        calc.EMPLOYEES: calc.Activity(D(50)),
        calc.FLOOR_AREA: calc.Activity(D(2000)),
    }
    activities.update(overrides)
    return activities


def test_scope_1_adds_gas_fleet_fuels_and_refrigerants():
    # 50 000 kWh × 0.2 + 1000 l × 2.5 + 500 l × 2.0 + 2 kg × 2000 = 10 000 + 2500 + 1000 + 4000 kg = 17.5 t
    assert calc.compute(_activities(), FACTORS).scope1_t == D("17.500")


def test_scope_2_location_based_uses_the_grid_factor_for_all_electricity_bought():
    # 100 000 kWh × 0.6 + 200 GJ × 90 = 60 000 + 18 000 kg = 78 t (renewable contracts do not count here)
    assert calc.compute(_activities(), FACTORS).scope2_location_t == D("78.000")


def test_scope_2_market_based_takes_backed_renewables_out_and_uses_the_residual_mix():
    # (100 000 − 40 000) kWh × 0.8 + 200 GJ × 90 = 48 000 + 18 000 kg = 66 t
    assert calc.compute(_activities(), FACTORS).scope2_market_t == D("66.000")


def test_an_unbacked_renewable_claim_counts_as_grid_electricity():
    activities = _activities(**{calc.ELECTRICITY: calc.Activity(D(100_000))})
    # 100 000 × 0.8 + 18 000 = 98 000 kg
    assert calc.compute(activities, FACTORS).scope2_market_t == D("98.000")


def test_backed_renewables_never_exceed_the_electricity_bought():
    activities = _activities(**{calc.ELECTRICITY: calc.Activity(D(1000), renewable_backed=D(5000))})
    results = calc.compute(activities, FACTORS)
    assert results.scope2_market_t == D("18.000")  # only the heat remains
    # (1000 + 10 000 solar) / (1000 + 10 000) = 100 %
    assert results.renewable_share_pct == D("100.0")


def test_energy_counts_every_energy_carrier_in_mwh():
    # 100 000 + 10 000 + 50 000 kWh + 200 GJ × 1000/3.6 (55 555.6) + 1000 l × 10 + 500 l × 9 = 230 055.6 kWh
    assert calc.compute(_activities(), FACTORS).energy_mwh == D("230.056")


def test_renewable_share_is_backed_renewables_and_own_solar_over_all_electricity():
    # (40 000 + 10 000) / (100 000 + 10 000) = 45.45 % → 45.5 %
    assert calc.compute(_activities(), FACTORS).renewable_share_pct == D("45.5")


def test_intensity_per_fte_is_scope_1_and_location_based_scope_2_per_person():
    # (17.5 + 78) t / 50 FTE = 1.91 t
    assert calc.compute(_activities(), FACTORS).intensity_per_fte_t == D("1.910")


def test_intensity_per_m2_is_in_kilograms():
    # 95 500 kg / 2000 m² = 47.75 kg
    assert calc.compute(_activities(), FACTORS).intensity_per_m2_kg == D("47.750")


def test_without_employees_floor_area_or_electricity_those_figures_are_empty():
    activities = {calc.NATURAL_GAS: calc.Activity(D(1000))}
    results = calc.compute(activities, FACTORS)
    assert results.scope1_t == D("0.200")
    assert results.intensity_per_fte_t is None
    assert results.intensity_per_m2_kg is None
    assert results.renewable_share_pct is None


def test_a_missing_factor_for_an_activity_in_use_is_an_error():
    factors = {key: value for key, value in FACTORS.items() if key[0] != calc.DIESEL}
    with pytest.raises(calc.MissingFactor):
        calc.compute(_activities(), factors)


def test_a_missing_factor_for_an_activity_not_in_use_is_no_error():
    factors = {key: value for key, value in FACTORS.items() if key[0] != calc.DIESEL}
    results = calc.compute(_activities(**{calc.DIESEL: calc.Activity(D(0))}), factors)
    assert results.scope1_t == D("15.000")


def test_the_factors_used_are_named():
    used = calc.compute({calc.NATURAL_GAS: calc.Activity(D(1))}, FACTORS).factors_used
    assert used == ((calc.NATURAL_GAS, calc.SCOPE_1),)


def test_change_and_median():
    assert calc.change_pct(D(130), D(100)) == D("30.0")
    assert calc.change_pct(D(1), D(0)) is None
    assert calc.median([D(3), D(1), D(2)]) == D(2)
    assert calc.median([D(1), D(2), D(3), D(10)]) == D("2.5")
