"""ModelData: everything the model needs as plain numbers, computed once from a validated scenario.

The model never reads files; this is the only stage that does (through `hourly`, `pv` and `days`).
Units: loads in kW, energy in MWh per year, prices in currency per kWh for hourly quantities and per
MWh for yearly ones, emissions in t CO2e.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..errors import ScenarioError
from ..scenario.fuels import Factors, SiteFuel, price_per_mwh
from ..scenario.schema import Scenario
from ..scenario.site import Site
from ..scenario.trajectory import at, scaled
from .days import RepresentativeDays, representative_days
from .emission_factors import DirectSource, FuelEmissions, direct_sources, fuel_emissions
from .heat import HeatData, direct_fuel_mwh, heat_data, heat_profiles, profile_name
from .hourly import HOURS_PER_YEAR, normalise_mean, read_hourly_csv, shift_pattern
from .tariff import hourly_price_per_kwh


@dataclass
class SiteData:
    site: Site
    days: RepresentativeDays
    load_mwh: dict[int, float]  # baseline electricity per year
    fuel_mwh: dict[str, dict[int, float]]  # baseline fuel use per fuel and year
    fuel_price_per_mwh: dict[str, dict[int, float]]
    process_t: dict[int, float]
    price_per_kwh: dict[int, np.ndarray]  # [24] energy price by hour of day
    export_price_per_kwh: dict[int, float]
    demand_charge_per_kw_year: dict[int, float]
    fuels: dict[str, FuelEmissions] = field(default_factory=dict)  # factors of each fuel used, by fuel id
    direct: list[DirectSource] = field(default_factory=list)  # process and F-gas sources making up process_t
    heat: dict[str, HeatData] = field(default_factory=dict)  # heat demands by carrier id
    direct_fuel_mwh: dict[str, dict[int, float]] = field(default_factory=dict)  # fuel not burnt in modelled boilers

    @property
    def id(self) -> str:
        return self.site.id

    @property
    def weights(self) -> np.ndarray:
        return self.days.weights

    def load_kw(self, year: int) -> np.ndarray:
        """Baseline load, kW, [days, 24]."""
        return self.days.series["load"] * self.load_mwh[year] * 1000.0 / HOURS_PER_YEAR

    def shape(self, name: str) -> np.ndarray:
        """A mean-1 shape [days, 24]: MWh per year x 1000 / 8760 x shape = kW."""
        return self.days.series[name]

    def heat_kw(self, carrier: str, year: int) -> np.ndarray:
        """Baseline heat demand of a carrier, kW heat [days, 24]."""
        series = self.days.series
        profile = self.heat[carrier].demand.profile
        shape = series["load"] if profile == "load" else series.get(profile_name(carrier), np.ones_like(series["load"]))
        return shape * self.heat[carrier].mwh[year] * 1000.0 / HOURS_PER_YEAR

    @property
    def pv_kw_per_kwp(self) -> np.ndarray:
        """PV output per kWp [days, 24]; zeros at a site without PV."""
        series = self.days.series
        return series["pv"] if "pv" in series else np.zeros_like(series["load"])


@dataclass
class ModelData:
    scenario: Scenario
    years: list[int]
    weight: dict[int, int]  # calendar years of the horizon a modelled year stands for (emission totals)
    df_once: dict[int, float]  # discount factor at the start of a modelled year (cash flows)
    df_annual: dict[int, float]  # sum of discount factors over the years a modelled year stands for in the
    # costs: its weight, and for the last modelled year also the terminal years after the horizon
    last_calendar_year: int
    terminal_years: int
    cost_weight: dict[int, int]  # calendar years a modelled year stands for in the costs (terminal included)
    sites: dict[str, SiteData]
    grid_ef: dict[int, float]
    grid_market_ef: dict[int, float]
    base_year: int
    notes: list[str] = field(default_factory=list)

    def active(self, built: int, year: int, lifetime: int) -> bool:
        return built <= year <= built + lifetime - 1

    def discount(self, year: int) -> float:
        """Discount factor of a calendar year (1 in the first modelled year)."""
        return (1.0 + self.scenario.discount_rate) ** -(year - self.years[0])

    def calendar_years(self, year: int) -> range:
        """The calendar years a modelled year stands for in the costs."""
        return range(year, year + self.cost_weight[year])

    def annuity_factor(self, lifetime: int) -> float:
        """Capital recovery factor: the yearly payment, per unit of capex, that repays it over its lifetime."""
        r = self.scenario.discount_rate
        return 1.0 / lifetime if abs(r) < 1e-12 else r / (1.0 - (1.0 + r) ** -lifetime)


def build_model_data(scenario: Scenario, check_year: int | None = None) -> ModelData:
    """The model's numbers for a scenario; with `check_year`, for that one modelled year on all 365 days, as one
    undiscounted calendar year (a full-year dispatch check of a plan: see validation/)."""
    years = scenario.model_years
    first = years[0]  # growth and escalation count from here, whatever years are built
    if check_year is None:
        weight = {y: (years[i + 1] - y if i + 1 < len(years) else 1) for i, y in enumerate(years)}
        cost_weight = {**weight, years[-1]: weight[years[-1]] + scenario.terminal_years}
        n_days = scenario.time.representative_days
    else:
        years, weight, cost_weight, n_days = [check_year], {check_year: 1}, {check_year: 1}, 365
    r, y0 = scenario.discount_rate, years[0]
    df = {t: (1.0 + r) ** -(t - y0) for t in range(y0, years[-1] + cost_weight[years[-1]] + 1)}
    last = years[-1] + weight[years[-1]] - 1
    grid_shape = (
        normalise_mean(
            nonzero(
                read_hourly_csv(scenario.grid.hourly_shape, "grid.hourly_shape"),
                scenario.grid.hourly_shape,
                "grid.hourly_shape",
                "multipliers of grid.ef_t_per_mwh (mean 1; all zeros would make every hour carbon-free)",
            )
        )
        if scenario.grid.hourly_shape
        else None
    )
    return ModelData(
        scenario=scenario,
        years=years,
        weight=weight,
        df_once={y: df[y] for y in years},
        df_annual={y: sum(df[y + k] for k in range(cost_weight[y])) for y in years},
        last_calendar_year=last,
        terminal_years=scenario.terminal_years,
        cost_weight=cost_weight,
        sites={
            s.id: _site_data(scenario, i, s, years, first, n_days, grid_shape) for i, s in enumerate(scenario.sites)
        },
        grid_ef={y: scenario.grid.location_factor(y)[0] for y in years},
        grid_market_ef={y: scenario.grid.market_factor(y)[0] for y in years},
        base_year=scenario.base_year,
    )


def nonzero(series: np.ndarray, file: str, field: str, expected: str) -> np.ndarray:
    """`series` unchanged; a ScenarioError naming the file and field if it holds only zeros."""
    if series.max() <= 0:
        raise ScenarioError(file, field, f"expected {expected}, found only zeros in all {series.size} rows")
    return series


def annual_mwh(use: SiteFuel, factors: Factors) -> float | dict[int, float]:
    """A site's yearly fuel use in MWh (NCV) from its activity data."""
    if use.annual is None:
        return use.annual_mwh or 0.0
    return scaled(use.annual, factors.mwh_per_unit)


def _grown(value: float | dict[int, float], growth: float, years: list[int], first: int) -> dict[int, float]:
    return {y: at(value, y) * (1.0 + growth) ** (y - first) for y in years}


def _site_data(
    scenario: Scenario,
    index: int,
    site: Site,
    years: list[int],
    first: int,
    n_days: int,
    grid_shape: np.ndarray | None,
) -> SiteData:
    field_prefix = f"sites[{index}]"
    profile = site.electricity.load_profile
    where = f"{field_prefix}.electricity.load_profile"
    load = (
        normalise_mean(
            nonzero(
                read_hourly_csv(profile, where),
                profile,
                where,
                f"an hourly load shape to spread {field_prefix}.electricity.annual_mwh over the year",
            )
        )
        if isinstance(profile, str)
        else shift_pattern(profile)
    )
    columns: dict[str, np.ndarray] = {"load": load}
    caps: dict[str, float] = {}
    columns["grid"] = grid_shape if grid_shape is not None else np.ones(HOURS_PER_YEAR)
    from ..levers import LEVERS  # here, not at the top: the levers import the model, which imports this package

    for lever in LEVERS:  # each lever's hourly series (PV output, a measure's shape) is clustered with the load
        for name, (series, cap) in lever.profiles(site, field_prefix).items():
            if name in columns:
                raise RuntimeError(f"lever {lever.name!r} declares the profile {name!r}, which is already taken")
            columns[name] = series
            if cap is not None:
                caps[name] = cap
    for name, series in heat_profiles(site, field_prefix).items():
        columns[name] = series
    days = representative_days(columns, n_days, caps)
    fuel_price = {
        f: {
            y: at(sf.price_per_mwh if sf.price_per_mwh is not None else price_per_mwh(scenario.fuels[f]), y)
            for y in years
        }
        for f, sf in site.fuels.items()
    }
    t = site.tariff
    fuels = fuel_emissions(scenario, site, years)
    fuel_mwh = {
        f: _grown(annual_mwh(sf, fuels[f].factors), sf.growth_per_year, years, first) for f, sf in site.fuels.items()
    }
    direct = direct_sources(scenario, site, years)
    return SiteData(
        site=site,
        days=days,
        load_mwh=_grown(site.electricity.baseline_mwh, site.electricity.growth_per_year, years, first),
        fuel_mwh=fuel_mwh,
        fuel_price_per_mwh=fuel_price,
        process_t={y: sum(d.t(y) for d in direct) for y in years},
        price_per_kwh={y: hourly_price_per_kwh(t, y, first) for y in years},
        export_price_per_kwh={y: at(t.export_price_per_mwh, y) / 1000.0 for y in years},
        demand_charge_per_kw_year={y: 12.0 * at(t.demand_charge_per_kw_month, y) for y in years},
        fuels=fuels,
        direct=direct,
        heat=heat_data(site, fuel_mwh),
        direct_fuel_mwh=direct_fuel_mwh(site, fuel_mwh),
    )
