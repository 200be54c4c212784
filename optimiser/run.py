"""One run: business-as-usual, economics-only and the plan with targets, solved and tabulated.

This is the Python API behind `decarb run`:

    from optimiser import load_scenario, run_scenario
    result = run_scenario(load_scenario("scenarios/yancheng-zero-carbon.yaml"))
    result.tables["emissions"]      # pandas DataFrames
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pandas as pd

from .claims import claims_table, constrained
from .claims.quantities import claims_base_t
from .data import ModelData, build_model_data
from .diagnosis import diagnose
from .errors import InfeasibleError
from .levers import lever_tables
from .model.build import BuiltModel, Mode, build_model
from .model.targets import Reference
from .results import extract, heat, prices
from .results.abatement import abatement_table
from .results.activity import activity_table
from .results.emissions import emissions_table
from .results.footprint import intensity_table, site_gross
from .results.references import references_table
from .results.scope3 import with_scope3
from .results.summary import RunSummary, summarise
from .scenario.schema import Scenario
from .solve import Progress, SolveOptions, SolveResult, solve
from .targets import active
from .validation import check
from .validation.check import COLUMNS as VALIDATION_COLUMNS
from .validation.check import TARGET_COLUMNS as TARGET_CHECK_COLUMNS
from .validation.check import Which


@dataclass
class CaseResult:
    """One solved case (`mode`: "bau", "economics" or "targets"): the solver's answer, the model build time (s)
    and the case's own tables (yearly pathway, costs, emissions and lever activity, pandas DataFrames)."""

    mode: Mode
    solve: SolveResult
    build_s: float
    pathway: pd.DataFrame
    costs: pd.DataFrame
    emissions: pd.DataFrame
    activity: pd.DataFrame


@dataclass
class RunResult:
    """What `run_scenario` returns: the scenario and its model data, the solved cases by name ("bau",
    "economics", "plan"), the result tables by name (pandas DataFrames, as written to the results folder's CSVs),
    the key figures (`summary`, a `RunSummary`, as in summary.json), the base-year emissions relative targets refer to
    (`base_t`, t CO2e) and wall-clock times (`timings_s`: data preparation and total, s)."""

    scenario: Scenario
    data: ModelData
    cases: dict[str, CaseResult]
    tables: dict[str, pd.DataFrame]
    summary: RunSummary
    base_t: float
    timings_s: dict[str, float] = field(default_factory=dict)

    @property
    def plan(self) -> CaseResult:
        """The plan with targets (the economics-only plan when the scenario has no targets)."""
        return self.cases["plan"]


def has_targets(scenario: Scenario) -> bool:
    """Whether the scenario sets at least one target or a claim the plan must support (else the plan is the
    economics-only plan)."""
    return bool(active(scenario)) or bool(constrained(scenario))


def solve_case(
    data: ModelData, mode: Mode, reference: Reference, options: SolveOptions, progress: Progress | None = None
) -> tuple[BuiltModel, CaseResult]:
    """Build and solve one case (`mode`: "bau", "economics" or "targets"); the built model (with the solution
    loaded) and its CaseResult. Raises InfeasibleError when the case has no solution."""
    t0 = time.perf_counter()
    built = build_model(data, mode, reference)
    build_s = time.perf_counter() - t0
    result = solve(built, options, progress, prices.dual_rows(built) if mode == "targets" else ())
    emissions = with_scope3(emissions_table(built), data.scenario, data.years)
    tables = (extract.pathway_table(built), extract.costs_table(built), emissions)
    return built, CaseResult(mode, result, build_s, *tables, activity_table(built))


def business_as_usual(data: ModelData, options: SolveOptions | None = None) -> tuple[CaseResult, float]:
    """BAU case and the base-year emissions (t) that relative targets refer to."""
    _, bau = solve_case(data, "bau", Reference(), options or SolveOptions())
    override = data.scenario.targets.base_year_t
    gross = bau.pathway.set_index("year")["gross_t"]
    base_t = override if override is not None else float(gross[data.base_year])
    return bau, base_t


def run_scenario(
    scenario: Scenario,
    options: SolveOptions | None = None,
    progress: Progress | None = None,
    on_stage: Callable[[str], None] | None = None,
    validate_years: Which = "targets",
) -> RunResult:
    """Solve business as usual, the economics-only plan and the plan with targets; tabulate them; re-dispatch
    the plan on the full year for the years `validate_years` chooses (see validation/check.py)."""
    options = options or SolveOptions()
    stage = on_stage or (lambda _: None)
    t0 = time.perf_counter()
    stage("preparing data (profiles, representative days)")
    data = build_model_data(scenario)
    t1 = time.perf_counter()
    stage("solving business as usual")
    with _no_targets_to_blame(scenario.name, "business as usual"):
        bau, base_t = business_as_usual(data, options)
    cases = {"bau": bau}
    stage("solving economics-only plan")
    with _no_targets_to_blame(scenario.name, "the economics-only plan"):
        econ_built, cases["economics"] = solve_case(data, "economics", Reference(base_t), options, progress)
    base_site_t = {s: t for (s, _), t in site_gross(bau.emissions, scenario, data.base_year).items()}
    claims_base = claims_base_t(scenario, bau.emissions, base_t)
    reference = Reference(base_t, no_target_emissions(bau, cases["economics"]), base_site_t, claims_base)
    if has_targets(scenario):
        stage("solving plan with targets")
        try:
            plan_built, cases["plan"] = solve_case(data, "targets", reference, options, progress)
        except InfeasibleError:
            stage("the targets cannot all be met: diagnosing (elastic re-solve)")
            diagnosis = diagnose(data, reference, options)
            lines = "\n".join(f"  - {line}" for line in diagnosis.lines)
            raise InfeasibleError(f"{scenario.name}: the targets cannot all be met:\n{lines}", diagnosis) from None
    else:
        plan_built, cases["plan"] = econ_built, cases["economics"]
    if validate_years != "none":
        stage("checking the plan on the full year (8,760 hours)")
    duals = cases["plan"].solve.duals
    carbon_price = prices.carbon_price_table(plan_built, duals)
    implied = carbon_price.set_index("year")["implied_price_per_t"].to_dict()
    started = check.start(data, plan_built, implied, validate_years, options)
    try:  # the full year is dispatched in worker processes while the tables are made
        tables = {**plan_tables(plan_built, duals, cases), "carbon_price": carbon_price}
        for table in lever_tables():  # tables levers own (storage.csv), made from the plan's
            tables[table.name] = table.build(data, tables)
        tables["abatement"] = abatement_table(
            data,
            cases["plan"].activity,
            bau.activity,
            cases["plan"].pathway.set_index("year")["net_t"],
            bau.pathway.set_index("year")["gross_t"],
        )
        tables["claims"] = claims_table(scenario, tables, claims_base)
        tables["references"] = references_table(scenario, tables, base_t)
        validation = check.finish(started, data, tables, base_t)
    finally:
        if started is not None:
            started.close()
    tables["validation"] = validation.table if validation else pd.DataFrame(columns=VALIDATION_COLUMNS)
    tables["validation_targets"] = validation.targets if validation else pd.DataFrame(columns=TARGET_CHECK_COLUMNS)
    timings = {"data": t1 - t0, "total": time.perf_counter() - t0}
    summary = summarise(scenario, data, cases, tables, base_t, timings, validation)
    return RunResult(scenario, data, cases, tables, summary, base_t, timings)


def no_target_emissions(bau: CaseResult, economics: CaseResult) -> dict[int, float]:
    """What each year emits without targets: the higher of business as usual and the economics-only plan."""
    gross = [c.pathway.set_index("year")["gross_t"] for c in (bau, economics)]
    return {int(y): float(max(gross[0][y], gross[1][y])) for y in gross[0].index}


@contextmanager
def _no_targets_to_blame(name: str, case: str) -> Iterator[None]:
    """Infeasible without any target: a hard limit of the site itself cannot be met."""
    try:
        yield
    except InfeasibleError:
        raise InfeasibleError(
            f"{name}: {case} has no solution, with no target involved: a hard limit cannot be met "
            "(tariff.max_import_kw or grid_connection_kw below the load, a forced retrofit or forced PV that cannot "
            "be built)"
        ) from None


def plan_tables(plan: BuiltModel, duals: dict[str, float], cases: dict[str, CaseResult]) -> dict[str, pd.DataFrame]:
    """The result tables by name: the plan's own (roadmap, capacity, dispatch, targets, renewable share, capex)
    and those of every case stacked with a `case` column (emissions, pathway, costs, activity); the carbon price
    table is made once in `run_scenario`, before the full-year check that needs it.
    `duals` are the plan's constraint duals (row name -> d(objective)/d(right-hand side))."""

    def stacked(attr: str) -> pd.DataFrame:
        return pd.concat([getattr(c, attr).assign(case=name) for name, c in cases.items()], ignore_index=True)

    return {
        "roadmap": extract.roadmap_table(plan),
        "emissions": stacked("emissions"),
        "pathway": stacked("pathway"),
        "costs": stacked("costs"),
        "activity": stacked("activity"),
        "capacity": extract.capacity_table(plan),
        "dispatch": extract.dispatch_table(plan),
        "heat_dispatch": heat.heat_dispatch_table(plan),
        "targets": extract.targets_table(plan, prices.target_marginals(plan, duals)),
        "renewable_share": extract.renewable_share_table(plan),
        "capex": extract.capex_table(plan),
        "intensity": intensity_table(plan.data.scenario, stacked("emissions")),
    }
