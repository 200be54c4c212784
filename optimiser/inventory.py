"""Base-year carbon inventory to GB/T 32150-2015: by site, scope, source and gas, with the activity in the unit the
plant keeps, the factor, its unit and its source.

Scope 3 entries follow, counted where `targets.scope3_included` names their category. Fuels, process sources and
F-gases are computed here from the scenario's activity data alone (activity x NCV x
carbon content x oxidation x 44/12; CH4 and N2O x GWP); electricity comes from business as usual in the base year
(imports net of existing on-site generation, which only the hourly model knows). `check_total` then holds the rows
against the base year the plan measures its targets from: they must agree to 0.01 t.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .accounting.gwp import gwp
from .data import ModelData, build_model_data
from .data.emission_factors import FuelEmissions
from .errors import DecarbError
from .run import business_as_usual
from .scenario.schema import Scenario
from .scenario.trajectory import at

COLUMNS = [
    "site", "scope", "source", "gas", "activity", "unit", "factor", "factor_unit", "t_gas", "gwp", "t_co2e",
    "counted", "factor_source",
]  # fmt: skip
TOLERANCE_T = 0.01


@dataclass(frozen=True)
class Inventory:
    year: int
    basis: str
    rows: pd.DataFrame
    plan_base_t: float  # gross emissions of the base year as the plan counts them (business as usual)
    stated_base_t: float | None = None  # targets.base_year_t: what the targets use instead, when the user states it

    @property
    def total_t(self) -> float:
        return float(self.rows.loc[self.rows["counted"], "t_co2e"].sum())


def base_year_inventory(scenario: Scenario) -> Inventory:
    data = build_model_data(scenario)
    bau, _ = business_as_usual(data)
    y = data.base_year
    rows = [row for s in data.sites for row in _fuel_rows(data, s, y) + _direct_rows(data, s, y)]
    rows += _electricity_rows(data, bau.emissions, y) + _scope3_rows(scenario, y)
    frame = pd.DataFrame(rows, columns=COLUMNS)
    basis = scenario.targets.basis
    included = frame["source"].str.split(":").str[0].isin(scenario.targets.scope3_included)
    scope3 = (frame["scope"] == "scope3") & included
    frame["counted"] = frame["scope"].isin(["scope1", f"scope2_{basis}"]) | scope3
    plan = bau.pathway.set_index("year")["gross_t"]
    rows_sorted = frame.sort_values(["site", "scope"], kind="stable", ignore_index=True)
    inv = Inventory(y, basis, rows_sorted, float(plan[y]), scenario.targets.base_year_t)
    check_total(inv)
    return inv


def check_total(inv: Inventory) -> None:
    if abs(inv.total_t - inv.plan_base_t) > TOLERANCE_T:
        raise DecarbError(
            f"inventory: the rows add up to {inv.total_t:,.2f} t CO2e but the plan's base year {inv.year} counts "
            f"{inv.plan_base_t:,.2f} t; this is a bug in decarb, please report it with the scenario"
        )


def _fuel_rows(data: ModelData, site: str, y: int) -> list[tuple]:
    gwp_set = data.scenario.accounting.gwp
    sd = data.sites[site]
    rows = []
    for f, fe in sd.fuels.items():
        fac = fe.factors
        mwh = sd.fuel_mwh[f][y]
        per_unit = fac.mwh_per_unit  # MWh in one activity unit
        activity = mwh / per_unit
        how = _how(fe)
        gases: list[tuple[str, str, float, float]] = [("CO2", _co2_scope(fe), fe.factors.co2_at(y), 1.0)]
        if fac.kind != "purchased_heat":
            gases += [("CH4", "scope1", fac.ch4_t_per_mwh, gwp("CH4", gwp_set))]
            gases += [("N2O", "scope1", fac.n2o_t_per_mwh, gwp("N2O", gwp_set))]
        for gas, scope, t_per_mwh, g in gases:
            if t_per_mwh == 0 and gas != "CO2":
                continue
            t_gas = mwh * t_per_mwh
            factor = t_per_mwh * per_unit
            scopes = ["scope2_location", "scope2_market"] if scope == "scope2" else [scope]
            for sc in scopes:
                source = f"{'heat' if scope == 'scope2' else 'fuel'}:{f}"
                rows.append(
                    (
                        site,
                        sc,
                        source,
                        gas,
                        activity,
                        fac.activity_unit,
                        factor,
                        f"t {gas}/{fac.activity_unit}",
                        t_gas,
                        g,
                        t_gas * g,
                        False,
                        f"{fac.source}; {how}",
                    )
                )
    return rows


def _co2_scope(fe: FuelEmissions) -> str:
    return {"biomass": "biogenic_co2_memo", "purchased_heat": "scope2"}.get(fe.factors.kind, "scope1")


def _how(fe: FuelEmissions) -> str:
    fac = fe.factors
    if fac.activity_unit == "MWh":
        return "activity in MWh (NCV)"
    if fac.ncv_gj_per_unit is None:
        return f"{fac.mwh_per_unit * 3.6:g} GJ per {fac.activity_unit}"
    return f"NCV {fac.ncv_gj_per_unit:g} GJ/{fac.ncv_unit}"


def _direct_rows(data: ModelData, site: str, y: int) -> list[tuple]:
    rows = []
    for src in data.sites[site].direct:
        t_gas = src.t_gas[y]
        if src.source == "process" and t_gas == 0:
            continue
        gas = "CO2" if src.gas == "CO2e" else src.gas
        if src.source.startswith("refrigerant:"):
            activity, unit, factor, fu = t_gas * 1000.0, "kg", src.gwp / 1000.0, f"t CO2e/kg {gas}"
            origin = f"leakage x GWP {data.scenario.accounting.gwp}"
        else:
            activity, unit, factor, fu = t_gas, f"t {src.gas}", src.gwp, f"t CO2e/t {src.gas}"
            origin = "scenario (process_t_per_year, t CO2e)" if src.source == "process" else "scenario, t of gas"
        rows.append(
            (site, "scope1", src.source, gas, activity, unit, factor, fu, t_gas, src.gwp, src.t(y), False, origin)
        )
    return rows


def _scope3_rows(scenario: Scenario, y: int) -> list[tuple]:
    """Scope 3 entries (GHG Protocol categories): counted only where `targets.scope3_included` names them."""
    return [
        (
            site.id,
            "scope3",
            f"{e.category}:{e.id}",
            "CO2e",
            at(e.activity, y),
            e.unit,
            e.factor_t_per_unit,
            f"t CO2e/{e.unit}",
            e.t(y),
            1.0,
            e.t(y),
            False,
            e.source,
        )
        for site in scenario.sites
        for e in site.scope3
    ]


def _electricity_rows(data: ModelData, emissions: pd.DataFrame, y: int) -> list[tuple]:
    em = emissions[(emissions["year"] == y) & emissions["source"].isin(["grid", "export:grid"])]
    grid = data.scenario.grid
    rows = []
    for r in em.itertuples():
        market = r.scope == "scope2_market"
        source = (grid.market_factor if market else grid.location_factor)(y)[1]
        if grid.hourly_shape and not market:
            source += "; hourly shape applied (factor shown is the yearly mean over the imports)"
        rows.append(
            (
                r.site,
                r.scope,
                r.source,
                "CO2",
                r.activity,
                r.activity_unit,
                r.factor_t_per_unit,
                "t CO2/MWh",
                r.t,
                1.0,
                r.t,
                False,
                source,
            )
        )
    return rows
