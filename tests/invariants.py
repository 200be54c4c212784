"""Invariants recomputed from a run's results tables (not from the model): used on the shipped scenarios
and on generated ones."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from optimiser.claims import claims_table, constrained
from optimiser.claims.quantities import claims_base_t
from optimiser.levers import LEVERS
from optimiser.results.target_check import check_targets, yearly_from_tables
from optimiser.run import RunResult
from optimiser.scenario.trajectory import at

TOL = 1e-5


def check_hourly_energy_balance(run: RunResult) -> None:
    """Imports - exports + every lever's bars in the dispatch chart (its contributions to the bus) = load."""
    d = run.tables["dispatch"]
    supply = d.import_kw - d.export_kw
    for lever in LEVERS:
        for _, column, sign, _ in lever.series:
            supply = supply + sign * d[column]
    assert np.allclose(supply, d.load_kw, atol=1e-3, rtol=1e-7)


def check_pv_output_within_capacity_times_profile(run: RunResult) -> None:
    d = run.tables["dispatch"]
    cap = run.tables["capacity"].query("quantity == 'pv_capacity'").set_index(["site", "year"])["value"]
    for (site, year), hours in d.groupby(["site", "year"]):
        installed = cap.get((site, year), 0.0)
        assert (hours.pv_kw <= installed + TOL).all()  # never above nameplate
        assert (hours.curtail_kw + hours.export_kw <= hours.pv_kw + TOL).all()  # no resale of grid power
        profile = run.data.sites[site].pv_kw_per_kwp.ravel()
        assert (hours.pv_kw.to_numpy() <= installed * profile + 1e-3).all()


def check_state_of_charge_bounds_and_losses(run: RunResult) -> None:
    d = run.tables["dispatch"]
    cap = run.tables["capacity"].query("quantity == 'storage_energy'").set_index(["site", "year"])["value"]
    for (site, year, _day), day in d.groupby(["site", "year", "day"]):
        st = run.data.sites[site].site.storage
        if st is None:
            continue
        assert (day.soc_kwh >= -TOL).all() and (day.soc_kwh <= cap[(site, year)] + 1e-3).all()
        soc = day.soc_kwh.to_numpy()
        expected = (
            np.roll(soc, 1) * (1 - st.self_discharge_per_hour)
            + st.eta_charge * day.charge_kw.to_numpy()
            - day.discharge_kw.to_numpy() / st.eta_discharge
        )
        assert np.allclose(soc, expected, atol=1e-3)
        # a battery loses energy: over a cyclic day it gives back less than it took
        assert day.discharge_kw.sum() <= day.charge_kw.sum() * st.eta_charge * st.eta_discharge + 1e-3


def check_emissions_equal_activity_times_factor(run: RunResult) -> None:
    em = run.tables["emissions"]
    other = (em.scope == "scope2_location") & (em.source != "grid")  # purchased heat, the export deduction
    rows = em[(em.scope.isin(["scope1", "scope2_market"]) | other) & em.activity.notna()]
    assert np.allclose(rows.t, rows.activity * rows.factor_t_per_unit, atol=1e-3)
    assert (em[em.source == "export:grid"].t <= 0).all()  # the export deduction: negative activity x factor
    # the pathway's gross is the sum of the rows on the targets' basis
    basis = "scope2_market" if run.scenario.targets.basis == "market" else "scope2_location"
    counted = em[em.scope.isin(["scope1", basis])].groupby(["case", "year"])["t"].sum()
    path = run.tables["pathway"].set_index(["case", "year"])["gross_t"]
    assert np.allclose(counted.reindex(path.index, fill_value=0.0), path, atol=1e-3)
    loc = em[(em.scope == "scope2_location") & (em.source == "grid")].query("case == 'plan'")
    for _, r in loc.iterrows():  # location-based from the hourly imports in the dispatch table
        d = run.tables["dispatch"].query("site == @r.site and year == @r.year")
        mwh = (d.import_kw * d.day_weight).sum() / 1000
        assert r.t == pytest.approx(mwh * run.data.grid_ef[r.year], rel=1e-6, abs=1e-3)


def check_every_target_met_and_offsets_within_caps(run: RunResult) -> None:
    targets = run.tables["targets"]
    assert (targets.slack >= -1e-4 * np.maximum(1, targets.bound.abs())).all(), targets[targets.slack < 0]
    path = run.tables["pathway"].query("case == 'plan'").set_index("year")
    t = run.scenario.targets
    if t.neutrality:
        assert (path.loc[path.index >= t.neutrality.year, "net_t"] <= 1e-3).all()
    if t.peak:
        assert (path.loc[path.index > t.peak.year, "gross_t"] <= path.loc[t.peak.year, "gross_t"] + 1e-3).all()
    offsets = run.tables["emissions"].query("case == 'plan' and scope == 'offsets'")
    caps = {o.id: o.max_t_per_year for o in run.scenario.offsets}
    for _, r in offsets.iterrows():
        if caps[r.source] is not None:
            assert -r.t <= at(caps[r.source], r.year) + 1e-6
    if t.offsets:
        per_year = offsets.groupby("year").t.sum()
        assert (-per_year <= t.offsets.max_share_of_base * run.base_t + 1e-6).all()


def check_costs_add_up_to_the_objective(run: RunResult) -> None:
    costs = run.tables["costs"]
    for case, result in run.cases.items():
        assert costs[costs["case"] == case].npv.sum() == pytest.approx(result.solve.objective, rel=1e-7, abs=1e-3)


def _both(a: pd.Series, b: pd.Series) -> pd.Series:
    return np.minimum(a.to_numpy(), b.to_numpy())


def check_no_wasted_energy(run: RunResult) -> None:
    """One meter has one net flow, a battery charges or discharges, PV is not spilled while the grid is bought
    from: each pair may run together only within 1e-6 of the site's peak load."""
    d = run.tables["dispatch"]
    for site, hours in d.groupby("site"):
        tol = 1e-6 * max(1.0, float(hours.load_kw.max()))
        for a, b in (("import_kw", "export_kw"), ("charge_kw", "discharge_kw"), ("curtail_kw", "import_kw")):
            both = _both(hours[a], hours[b])
            assert both.max() <= tol, f"{site}: {a} and {b} together in {int((both > tol).sum())} hours"


def check_targets_hold_recomputed_from_csv(run: RunResult) -> None:
    """Every target recomputed from the tables as written to CSV (text round trip), not from the model."""
    tables = {k: pd.read_csv(io.StringIO(v.to_csv(index=False))) for k, v in run.tables.items()}
    found = check_targets(run.scenario, yearly_from_tables(tables, run.summary.base_year_t))
    scale = np.maximum(1.0, found.bound.abs())
    bad = found[found.shortfall > 1e-5 * scale]
    assert bad.empty, bad.to_string()
    assert len(found) == len(run.tables["targets"].drop_duplicates(["target", "index"]))


def check_constrained_claims_hold_recomputed_from_csv(run: RunResult) -> None:
    """Every claim the plan must support holds in every year from its `from_year`, checked on the tables as written
    to CSV (text round trip), not from the model."""
    tables = {k: pd.read_csv(io.StringIO(v.to_csv(index=False))) for k, v in run.tables.items()}
    bau = tables["emissions"].query("case == 'bau'")
    found = claims_table(run.scenario, tables, claims_base_t(run.scenario, bau, run.summary.base_year_t))
    for claim in constrained(run.scenario):
        rows = found[(found.claim == claim.id) & (found.year >= claim.from_year)]
        assert len(rows) > 0 and rows.supported.all(), rows[~rows.supported].to_string()


def _heat(run: RunResult) -> pd.DataFrame:
    """heat_dispatch.csv as read back from its text."""
    return pd.read_csv(io.StringIO(run.tables["heat_dispatch"].to_csv(index=False)))


def check_heat_balance_from_csv(run: RunResult) -> None:
    """Each heat demand's hourly balance from heat_dispatch.csv: boilers plus every column after demand_kw (heat
    into the balance, uses negative) meet the demand; the demand is the scenario's fuel use x share x efficiency;
    stores do not charge and discharge together; nothing else takes heat out."""
    h = _heat(run)
    if h.empty:
        return
    into = h.columns[h.columns.get_loc("demand_kw") + 1 :]
    assert np.allclose(h[into].sum(axis=1), h.demand_kw, atol=1e-3, rtol=1e-7)
    assert (h.drop(columns=["heat_storage_charge_kw"])[into.drop("heat_storage_charge_kw")] >= -TOL).all().all()
    assert (h.heat_storage_charge_kw <= TOL).all()
    assert _both(-h.heat_storage_charge_kw, h.heat_storage_discharge_kw).max() <= 1e-6 * max(1.0, h.demand_kw.max())
    for (site, carrier, year), hours in h.groupby(["site", "carrier", "year"]):
        spec = next(x for x in run.scenario.sites if x.id == site)
        demand = next(d for d in spec.heat if d.id == carrier)
        base = run.data.sites[site].fuel_mwh[demand.fuel][year]  # the activity data in MWh, grown
        yearly = float((hours.demand_kw * hours.day_weight).sum()) / 1000.0
        assert yearly == pytest.approx(base * demand.fuel_share * demand.boiler_efficiency, rel=1e-6)


def _cop(hp: object, temperature_c: float) -> float:
    """COP of a heat pump by the Carnot rule of the docs, written out here independently of the package."""
    if hp.cop is not None:  # type: ignore[attr-defined]
        return float(hp.cop)  # type: ignore[attr-defined]
    lift = max(temperature_c - hp.source_c, 1.0)  # type: ignore[attr-defined]
    return min(hp.carnot_share * (temperature_c + 273.15) / lift, 10.0)  # type: ignore[attr-defined]


def check_heat_plants_link_both_carriers(run: RunResult) -> None:
    """The electricity each heat plant draws or makes (dispatch.csv) is its heat (heat_dispatch.csv) converted at
    its COP or efficiencies; the fuel in emissions.csv is what the boilers and CHP burn for that heat."""
    h = _heat(run)
    if h.empty:
        return
    d = run.tables["dispatch"].set_index(["site", "year", "day", "hour"])
    fuel_used: dict[tuple[str, str, int], float] = {}
    for site, rows in h.groupby("site"):
        spec = next(x for x in run.scenario.sites if x.id == site)
        demands = {x.id: x for x in spec.heat}
        keyed = rows.set_index(["site", "year", "day", "hour"])
        electric = {"heat_pump_kw": 0.0, "electric_boiler_kw": 0.0, "chp_kw": 0.0}
        for carrier, one in keyed.groupby("carrier"):
            t = demands[carrier].temperature_c
            if spec.heat_pump is not None:
                electric["heat_pump_kw"] = electric["heat_pump_kw"] + one.heat_pump_heat_kw / _cop(spec.heat_pump, t)
            if spec.electric_boiler is not None:
                eb = spec.electric_boiler
                electric["electric_boiler_kw"] = (
                    electric["electric_boiler_kw"] + one.electric_boiler_heat_kw / eb.efficiency
                )
            if spec.chp is not None:
                ratio = spec.chp.electric_efficiency / spec.chp.thermal_efficiency
                electric["chp_kw"] = electric["chp_kw"] + one.chp_heat_kw * ratio
            w = one.day_weight / 1000.0
            for year, part in (one.boiler_kw * w / demands[carrier].boiler_efficiency).groupby(level="year"):
                key = (site, demands[carrier].fuel, int(year))
                fuel_used[key] = fuel_used.get(key, 0.0) + float(part.sum())
            if spec.chp is not None:
                for year, part in (one.chp_heat_kw * w / spec.chp.thermal_efficiency).groupby(level="year"):
                    key = (site, spec.chp.fuel, int(year))
                    fuel_used[key] = fuel_used.get(key, 0.0) + float(part.sum())
        for column, expected in electric.items():
            if isinstance(expected, pd.Series):
                found = d.loc[expected.index, column]
                assert np.allclose(found, expected, atol=1e-3, rtol=1e-6), column
    e = run.tables["emissions"].query("case == 'plan' and scope == 'scope1'")
    for (site, fuel, year), mwh in fuel_used.items():
        spec = next(x for x in run.scenario.sites if x.id == site)
        if sum(x.fuel_share for x in spec.heat if x.fuel == fuel) < 1.0 - 1e-9:
            continue  # fuel outside the boilers: its savings are the retrofits' (checked elsewhere)
        source = f"fuel:{fuel}"
        found = e[(e.site == site) & (e.year == year) & (e.source == source)].activity.sum()
        assert found == pytest.approx(mwh, rel=1e-6, abs=1e-3), (site, fuel, year)


CHECKS = (
    check_hourly_energy_balance,
    check_pv_output_within_capacity_times_profile,
    check_state_of_charge_bounds_and_losses,
    check_emissions_equal_activity_times_factor,
    check_every_target_met_and_offsets_within_caps,
    check_costs_add_up_to_the_objective,
    check_no_wasted_energy,
    check_targets_hold_recomputed_from_csv,
    check_constrained_claims_hold_recomputed_from_csv,
    check_heat_balance_from_csv,
    check_heat_plants_link_both_carriers,
)


def check_all(run: RunResult) -> None:
    for check in CHECKS:
        check(run)
