"""Solving by site (optimiser/decompose/): the same plan as one HiGHS model, and a gap that is a true bound.

Three copies of the tiny site (tests/helpers.py): 8,760 MWh at 0.5 t/MWh and 1,000 MWh of gas at 0.2 t/MWh each,
4,580 t a year per site, 13,740 t for the company. Each site may adopt a heat pump that removes the gas (200 t) and
adds 300 MWh (150 t): 50 t less a year. Its capex differs by site (3, 4 and 5 M CNY over 20 years at 6 %: an annual
charge of 261.5, 348.7 and 435.9 k CNY against 120 k CNY of energy saved), so each tonne it saves costs money, and
the cheapest heat pumps are taken first.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import scipy.sparse as sp

from optimiser import SolveOptions, run_scenario
from optimiser.decompose.partition import COMPANY, partition
from optimiser.errors import InfeasibleError
from optimiser.scenario.load import validate_raw
from tests.helpers import HEAT_PUMP, tiny

CAPEX = {"a": 3e6, "b": 4e6, "c": 5e6}
SITE_T = 8760 * 0.5 + 1000 * 0.2  # 4,580 t a year


def portfolio(**targets: Any) -> dict[str, Any]:
    raw = tiny(targets=targets) if targets else tiny()
    one = raw["sites"][0]
    raw["sites"] = []
    for k, (sid, capex) in enumerate(CAPEX.items()):
        site = copy.deepcopy(one)
        site["id"] = sid
        site["location"] = {"latitude": 30.0 + k, "longitude": 119.0}
        site["retrofits"] = [{**HEAT_PUMP, "capex": capex}]
        raw["sites"].append(site)
    return raw


def solve(raw: dict[str, Any], method: str, gap: float = 1e-6) -> Any:
    options = SolveOptions(mip_rel_gap=gap, time_limit_s=120, method=method)  # type: ignore[arg-type]
    return run_scenario(validate_raw(raw, Path("portfolio.yaml")), options, validate_years="none")


def adopted(result: Any) -> set[str]:
    road = result.tables["roadmap"]
    return set(road.loc[road["lever"].str.startswith("retrofit"), "site"])


@pytest.mark.parametrize(("cap_t", "sites"), [(3 * SITE_T - 50, {"a"}), (3 * SITE_T - 100, {"a", "b"})])
def test_a_company_cap_is_met_by_the_cheapest_heat_pumps_either_way(cap_t: float, sites: set[str]) -> None:
    whole = solve(portfolio(caps_t=cap_t), "whole")
    by_site = solve(portfolio(caps_t=cap_t), "by-site")
    for result in (whole, by_site):
        assert adopted(result) == sites
        gross = result.plan.pathway.set_index("year")["gross_t"]
        assert gross.max() == pytest.approx(3 * SITE_T - 50 * len(sites), abs=1e-3)
    assert by_site.plan.solve.highs_status.startswith("by site (3 sites")
    assert by_site.plan.solve.objective == pytest.approx(whole.plan.solve.objective, rel=1e-7)
    assert by_site.plan.solve.status == "optimal"
    # the bound is proven: never above the optimum the whole model proves
    assert by_site.plan.solve.dual_bound <= whole.plan.solve.objective * (1 + 1e-9)
    for case in ("bau", "economics"):
        assert by_site.cases[case].solve.objective == pytest.approx(whole.cases[case].solve.objective, rel=1e-7)


def test_the_marginal_cost_of_the_cap_is_the_same_either_way() -> None:
    whole = solve(portfolio(caps_t=3 * SITE_T - 50), "whole")
    by_site = solve(portfolio(caps_t=3 * SITE_T - 50), "by-site")
    a = whole.tables["carbon_price"]["implied_price_per_t"].to_numpy()
    b = by_site.tables["carbon_price"]["implied_price_per_t"].to_numpy()
    assert np.allclose(a, b, rtol=1e-6, atol=1e-6)


def test_half_a_heat_pump_shows_as_a_gap_not_as_a_false_optimum() -> None:
    # 75 t below the company's BAU needs one and a half heat pumps: the LP takes half of b's, a plan takes all of b's.
    # Solving by site cannot branch across sites, so it reports the gap it cannot close; whatever it reports is true.
    raw = portfolio(caps_t=3 * SITE_T - 75)
    whole = solve(raw, "whole", gap=1e-9)
    by_site = solve(raw, "by-site", gap=1e-9)
    optimum = whole.plan.solve.objective
    assert adopted(whole) == {"a", "b"}
    got = by_site.plan.solve
    assert got.dual_bound <= optimum * (1 + 1e-9) <= got.objective * (1 + 2e-9)
    assert got.gap == pytest.approx((got.objective - got.dual_bound) / got.objective, rel=1e-6)
    assert got.status == ("optimal" if got.gap <= 1e-9 else "feasible")


def test_an_unreachable_company_cap_is_infeasible_by_site_too() -> None:
    with pytest.raises(InfeasibleError):
        solve(portfolio(caps_t=3 * SITE_T - 151), "by-site")


def test_rows_are_split_into_each_sites_own_and_the_master() -> None:
    # columns: 0, 1 site 0; 2 site 1; 3 company. Rows: site 0 only, site 1 only, both sites, company only, empty.
    A = sp.csr_array(np.array([[1, 1, 0, 0], [0, 0, 1, 0], [1, 0, 1, 0], [0, 0, 0, 1], [0, 0, 0, 0]], dtype=float))
    part = partition(A, np.array([0, 0, 1, COMPANY]), ["x", "y"])
    assert [r.tolist() for r in part.block_rows] == [[0], [1]]
    assert part.master_rows.tolist() == [2, 3, 4]
    assert part.linking.tolist() == [True, False, False]
    assert [c.tolist() for c in part.block_cols] == [[0, 1], [2]]
    assert part.company_cols.tolist() == [3]


@pytest.mark.parametrize(
    ("n_sites", "method", "expected"),
    [(5, "auto", False), (6, "auto", True), (20, "whole", False), (1, "by-site", True)],
)
def test_auto_solves_by_site_from_six_sites(n_sites: int, method: str, expected: bool) -> None:
    from types import SimpleNamespace

    from optimiser.solve import by_sites

    built = SimpleNamespace(data=SimpleNamespace(sites={f"s{i}": None for i in range(n_sites)}))
    assert by_sites(built, SolveOptions(method=method)) is expected  # type: ignore[arg-type]
