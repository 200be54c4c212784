"""Key figures of a run, as a plain dict (written to summary.json and printed by the CLI)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from ..data import ModelData
from ..scenario.schema import Scenario
from .notes import plan_notes, storage_summary

if TYPE_CHECKING:
    from ..run import CaseResult


def summarise(
    scenario: Scenario,
    data: ModelData,
    cases: dict[str, CaseResult],
    tables: dict[str, pd.DataFrame],
    base_t: float,
    timings: dict[str, float],
) -> dict[str, Any]:
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
    return {
        "scenario": scenario.name,
        "currency": scenario.currency,
        "status": plan.solve.status,
        "status_label": plan.solve.label,
        "warnings": list(dict.fromkeys(w for c in cases.values() for w in c.solve.warnings)),
        "notes": plan_notes(data, cases, tables),
        "storage": storage_summary(tables["storage"]),
        "gap": plan.solve.gap,
        "highs_status": plan.solve.highs_status,
        "targets_basis": t.basis,
        "years": data.years,
        "net_present_cost": npc["plan"],
        "net_present_cost_economics": npc["economics"],
        "net_present_cost_bau": npc["bau"],
        "cost_of_targets": npc["plan"] - npc["economics"],
        # both solves stop within their gaps: the true cost of the targets lies in this range
        "cost_of_targets_range": [
            min(npc["plan"] - npc["economics"], plan.solve.dual_bound - npc["economics"]),
            npc["plan"] - cases["economics"].solve.dual_bound,
        ],
        "savings_vs_bau": npc["bau"] - npc["plan"],
        "abated_t": abated,
        "cumulative_gross_t": float(sum(data.weight[y] * path.loc[y, "gross_t"] for y in data.years)),
        "cumulative_net_t": float(sum(data.weight[y] * path.loc[y, "net_t"] for y in data.years)),
        "cost_per_t_abated": (npc["plan"] - npc["bau"]) / abated_costed if abated_costed > 1e-6 else None,
        "terminal_years": data.terminal_years,
        "base_year": data.base_year,
        "base_year_t": base_t,
        "peak_year": peak_year,
        "first_net_zero_year": net_zero[0] if net_zero else None,
        "offsets_total_t": offsets_total,
        "emissions_key_years": [
            {
                "year": y,
                "gross_t": float(path.loc[y, "gross_t"]),
                "net_t": float(path.loc[y, "net_t"]),
                "bau_t": float(bau_path.loc[y, "gross_t"]),
                "implied_price_per_t": None if pd.isna(price[y]) else float(price[y]),
            }
            for y in key_years
        ],
        "solves": {
            name: {
                "status": c.solve.status,
                "gap": c.solve.gap,
                "objective": c.solve.objective,
                "rows": c.solve.n_rows,
                "columns": c.solve.n_cols,
                "integers": c.solve.n_integer,
                "exclusive_binaries": c.solve.exclusive_binaries,
                "export_hours": c.solve.export_hours,
                "rounds": c.solve.exclusive_rounds,
                "build_s": c.build_s,
                **{f"{k}_s": v for k, v in c.solve.timings_s.items()},
            }
            for name, c in cases.items()
        },
        "timings_s": timings,
    }
