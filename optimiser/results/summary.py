"""Key figures of a run as typed objects: `RunSummary`, made by `summarise`, written to summary.json
(`model_dump(mode="json")`, the same keys as the field names), read back and validated by `report.load_run`, printed
by the CLI. Money is in the run's `currency` (net present value unless a description says otherwise), emissions
in t CO2e; each field says its unit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from ..claims import STANDARDS
from ..data import ModelData
from ..levers import LEVERS
from ..scenario.claims import Claim
from ..scenario.schema import Scenario
from .notes import plan_notes

if TYPE_CHECKING:
    from ..run import CaseResult
    from ..validation.check import Validation


class Record(BaseModel):
    """Frozen and closed: a summary is made once, and a key this version does not write is refused on reading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class KeyYear(Record):
    """Emissions in one key year: first, base, peak and last modelled years, and the years targets name."""

    year: int = Field(description="Modelled year.")
    gross_t: float = Field(description="Plan's gross emissions (Scope 1 + Scope 2 on the targets' basis), t CO2e.")
    net_t: float = Field(description="Plan's gross emissions minus the offsets retired that year, t CO2e.")
    bau_t: float = Field(description="Business-as-usual gross emissions, t CO2e.")
    implied_price_per_t: float | None = Field(
        description="Implied carbon price, currency per t CO2e (the plan's marginal cost of a tonne); null where "
        "the year has none."
    )


class CaseSolve(Record):
    """How one case (bau, economics or plan) was built and solved."""

    status: Literal["optimal", "feasible"] = Field(description="Optimal, or feasible when the search stopped early.")
    gap: float = Field(description="Relative MIP gap, fraction (0 for an LP).")
    objective: float = Field(description="Net present cost of the case, currency.")
    rows: int = Field(description="Constraint rows handed to HiGHS.")
    columns: int = Field(description="Variable columns handed to HiGHS.")
    integers: int = Field(description="Integer columns among them.")
    exclusive_binaries: int = Field(description="Either-or binaries of flows that may not run together.")
    export_hours: int = Field(description="Hours set to export by the design (anti-backflow).")
    rounds: int = Field(description="Re-solves it took to place the either-or binaries.")
    build_s: float = Field(description="Building the Pyomo model, s.")
    compile_s: float = Field(description="Compiling the model for HiGHS, s (all rounds).")
    solve_s: float = Field(description="HiGHS solving, s (all rounds).")
    load_s: float = Field(description="Loading the solution back into the model, s (all rounds).")
    duals_s: float = Field(description="The fixed-integer LP for the constraint duals, s.")

    @classmethod
    def of(cls, case: CaseResult) -> CaseSolve:
        s = case.solve
        return cls(
            status=s.status,
            gap=s.gap,
            objective=s.objective,
            rows=s.n_rows,
            columns=s.n_cols,
            integers=s.n_integer,
            exclusive_binaries=s.exclusive_binaries,
            export_hours=s.export_hours,
            rounds=s.exclusive_rounds,
            build_s=case.build_s,
            **{f"{k}_s": s.timings_s[k] for k in ("compile", "solve", "load", "duals")},
        )


class Solves(Record):
    """Solve statistics of the three cases."""

    bau: CaseSolve = Field(description="Business as usual.")
    economics: CaseSolve = Field(description="Economics-only plan.")
    plan: CaseSolve = Field(description="Plan with targets (the economics-only plan when there are none).")


class Highlight(Record):
    """One line a lever's own table puts in the run summary (the battery in its largest year)."""

    lever: str = Field(description="Lever key (e.g. storage).")
    site: str = Field(description="Site id.")
    year: int = Field(description="Modelled year the line is about.")
    text: str = Field(description="The line, in words: size, use and why it pays.")


class ValidationSummary(Record):
    """The full-year check in brief (the rows are in validation.csv and validation_targets.csv)."""

    years: list[int] = Field(description="Years re-dispatched on 8,760 hours; empty when not run (--validate none).")
    warnings: list[str] = Field(description="Targets that hold on the representative days but not the full year.")
    seconds: float = Field(description="Wall-clock time of the check, s.")
    largest_shortfall_t: float = Field(description="Largest full-year shortfall of a target in tonnes, t CO2e.")

    @classmethod
    def of(cls, validation: Validation | None) -> ValidationSummary:
        if validation is None:
            return cls(years=[], warnings=[], seconds=0.0, largest_shortfall_t=0.0)
        tonnes = validation.targets.query("unit == 't'")["full_year_shortfall"]
        return cls(
            years=validation.years,
            warnings=validation.warnings,
            seconds=validation.seconds,
            largest_shortfall_t=float(tonnes.max()) if len(tonnes) else 0.0,
        )


class ClaimBrief(Record):
    """One claim in brief (its rows are in claims.csv): when the plan first supports it and what is missing before."""

    claim: str = Field(description="The claim's id.")
    standard: str = Field(description="Its standard (cn_zero_carbon_factory, sbti, cn_ets, iso_14068).")
    mode: Literal["constraint", "check"] = Field(description="A constraint on the plan, or a check only.")
    description: str = Field(description="The claim in words.")
    from_year: int | None = Field(description="The year the claim is wanted from; null if none was given.")
    first_year: int | None = Field(
        description="First modelled year in which every condition of the claim holds; null if none."
    )
    holds_after: bool = Field(description="Whether it holds in every modelled year from first_year on.")
    missing_t: float = Field(
        description="Largest shortfall in tonnes of a condition in a year before first_year (all years if it never "
        "holds), t CO2e; 0 when nothing is missing."
    )
    missing_share: float = Field(
        description="Largest shortfall of the renewable share (or coverage) before first_year, share; 0 if none."
    )

    @classmethod
    def of(cls, claim: Claim, rows: pd.DataFrame) -> ClaimBrief:
        ok = rows.groupby("year")["supported"].all()
        held = [int(y) for y, v in ok.items() if v]
        first = held[0] if held else None
        before = rows if first is None else rows[rows["year"] < first]
        short = before[~before["supported"]]

        def worst(unit: str) -> float:
            margins = short.loc[short["unit"] == unit, "margin"]
            return float(-margins.min()) if len(margins) else 0.0

        return cls(
            claim=claim.id,
            standard=claim.standard,
            mode=claim.mode,
            description=STANDARDS[claim.standard].describe(claim),
            from_year=claim.from_year,
            first_year=first,
            holds_after=first is not None and bool(ok[ok.index >= first].all()),
            missing_t=worst("t"),
            missing_share=worst("share"),
        )


class RunTimings(Record):
    """Wall-clock times of the run, s."""

    data: float = Field(description="Preparing the data (profiles, representative days), s.")
    total: float = Field(description="The whole run: data, three solves, tables and full-year check, s.")


class RunSummary(Record):
    """The key figures of a run (summary.json)."""

    scenario: str = Field(description="Scenario name.")
    currency: str = Field(description="Currency of every amount in the run.")
    status: Literal["optimal", "feasible"] = Field(description="Plan's solver status.")
    status_label: str = Field(description='Status in words: "optimal" or "feasible, gap 1.23 %".')
    warnings: list[str] = Field(description="Numerical or time-limit warnings of any of the three solves.")
    notes: list[str] = Field(description="What the plan does that a reader might not expect (results/notes.py).")
    highlights: list[Highlight] = Field(
        description="Lines from the tables levers own: per site with a battery, the battery in its largest year."
    )
    gap: float = Field(description="Plan's relative MIP gap, fraction.")
    highs_status: str = Field(description="Plan's model status as HiGHS reports it.")
    targets_basis: Literal["location", "market"] = Field(description="Scope 2 basis of the targets.")
    years: list[int] = Field(description="Modelled years.")
    net_present_cost: float = Field(description="Net present cost of the plan, currency.")
    net_present_cost_economics: float = Field(description="Net present cost of the economics-only plan, currency.")
    net_present_cost_bau: float = Field(description="Net present cost of business as usual, currency.")
    cost_of_targets: float = Field(description="Plan minus economics-only net present cost, currency.")
    cost_of_targets_range: tuple[float, float] = Field(
        description="Lowest and highest cost of the targets the two solves' MIP gaps allow, currency."
    )
    savings_vs_bau: float = Field(description="Business-as-usual minus plan net present cost, currency.")
    abated_t: float = Field(description="Business-as-usual gross minus plan net emissions over the horizon, t CO2e.")
    cumulative_gross_t: float = Field(description="Plan's gross emissions over the horizon, t CO2e.")
    cumulative_net_t: float = Field(description="Plan's net emissions over the horizon, t CO2e.")
    cost_per_t_abated: float | None = Field(
        description="Plan minus business-as-usual net present cost per tonne abated (terminal years included), "
        "currency per t CO2e; negative is a saving; null when nothing is abated."
    )
    terminal_years: int = Field(description="Years of steady state after the horizon the last modelled year pays for.")
    base_year: int = Field(description="Base year of the targets.")
    base_year_t: float = Field(description="Base-year emissions relative targets refer to, t CO2e.")
    peak_year: int = Field(description="Year of the plan's highest gross emissions.")
    first_net_zero_year: int | None = Field(description="First modelled year with net emissions <= 0; null if none.")
    offsets_total_t: float = Field(description="Offsets retired over the horizon, t CO2e.")
    emissions_key_years: list[KeyYear] = Field(description="Emissions and implied carbon price in the key years.")
    solves: Solves = Field(description="How each case was built and solved.")
    timings_s: RunTimings = Field(description="Wall-clock times of the run, s.")
    validation: ValidationSummary = Field(description="The full-year check in brief.")
    claims: list[ClaimBrief] = Field(description="Each claim of the scenario in brief (claims.csv has every row).")


# figures `decarb compare` adds to its key-figures table after the report's own (report/keyfigures.py)
COMPARED = (("cumulative_gross_t", "t CO2e"), ("cumulative_net_t", "t CO2e"))


def summarise(
    scenario: Scenario,
    data: ModelData,
    cases: dict[str, CaseResult],
    tables: dict[str, pd.DataFrame],
    base_t: float,
    timings: dict[str, float],
    validation: Validation | None,
) -> RunSummary:
    plan = cases["plan"]
    path = plan.pathway.set_index("year")
    bau_path = cases["bau"].pathway.set_index("year")
    t = scenario.targets
    peak_year = int(path["gross_t"].idxmax())
    npc = {name: c.solve.objective for name, c in cases.items()}
    abated = float(sum(data.weight[y] * (bau_path.loc[y, "gross_t"] - path.loc[y, "net_t"]) for y in data.years))
    last = data.years[-1]
    # the costs include the terminal years the last modelled year stands for; so must the tonnes they buy
    abated_costed = abated + data.terminal_years * float(bau_path.loc[last, "gross_t"] - path.loc[last, "net_t"])
    key_years = sorted(
        {
            data.years[0],
            data.base_year,
            peak_year,
            data.years[-1],
            *([t.peak.year] if t.peak else []),
            *([t.neutrality.year] if t.neutrality else []),
            *[r.year for r in t.reductions],
        }
    )
    net_zero = [y for y in data.years if path.loc[y, "net_t"] <= 1e-6]
    price = tables["carbon_price"].set_index("year")["implied_price_per_t"]
    offsets = tables["emissions"].query("case == 'plan' and scope == 'offsets'")
    retired = sum(data.weight[int(y)] * t for y, t in zip(offsets["year"], offsets["t"], strict=True))
    offsets_total = 0.0 - float(retired)  # offsets are negative emissions rows; 0.0 - keeps -0.0 out
    return RunSummary(
        scenario=scenario.name,
        currency=scenario.currency,
        status=plan.solve.status,
        status_label=plan.solve.label,
        warnings=list(dict.fromkeys(w for c in cases.values() for w in c.solve.warnings)),
        notes=plan_notes(data, cases, tables),
        highlights=highlights(tables),
        gap=plan.solve.gap,
        highs_status=plan.solve.highs_status,
        targets_basis=t.basis,
        years=data.years,
        net_present_cost=npc["plan"],
        net_present_cost_economics=npc["economics"],
        net_present_cost_bau=npc["bau"],
        cost_of_targets=npc["plan"] - npc["economics"],
        # both solves stop within their gaps: the true cost of the targets lies in this range
        cost_of_targets_range=(
            min(npc["plan"] - npc["economics"], plan.solve.dual_bound - npc["economics"]),
            npc["plan"] - cases["economics"].solve.dual_bound,
        ),
        savings_vs_bau=npc["bau"] - npc["plan"],
        abated_t=abated,
        cumulative_gross_t=float(sum(data.weight[y] * path.loc[y, "gross_t"] for y in data.years)),
        cumulative_net_t=float(sum(data.weight[y] * path.loc[y, "net_t"] for y in data.years)),
        cost_per_t_abated=(npc["plan"] - npc["bau"]) / abated_costed if abated_costed > 1e-6 else None,
        terminal_years=data.terminal_years,
        base_year=data.base_year,
        base_year_t=base_t,
        peak_year=peak_year,
        first_net_zero_year=net_zero[0] if net_zero else None,
        offsets_total_t=offsets_total,
        emissions_key_years=[
            KeyYear(
                year=y,
                gross_t=float(path.loc[y, "gross_t"]),
                net_t=float(path.loc[y, "net_t"]),
                bau_t=float(bau_path.loc[y, "gross_t"]),
                implied_price_per_t=None if pd.isna(price[y]) else float(price[y]),
            )
            for y in key_years
        ],
        solves=Solves(**{name: CaseSolve.of(c) for name, c in cases.items()}),
        timings_s=RunTimings(**timings),
        validation=ValidationSummary.of(validation),
        claims=[ClaimBrief.of(c, tables["claims"].query("claim == @c.id")) for c in scenario.claims],
    )


def highlights(tables: dict[str, pd.DataFrame]) -> list[Highlight]:
    """The headline lines of the tables levers own, in registry order."""
    return [
        Highlight(lever=lever.name, site=site, year=year, text=text)
        for lever in LEVERS
        for table in lever.tables
        for site, year, text in table.headline(tables[table.name])
    ]
