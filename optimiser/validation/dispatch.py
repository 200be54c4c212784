"""One year of a plan re-dispatched on all 8,760 hours with its design held fixed.

The model is the plan's own (model/), built for that year on 365 days in `dispatch` mode: capacities and active
measures are the plan's, only the hourly operation is free. It minimises the dispatch-dependent costs plus the
plan's implied carbon price on emissions, so it runs the assets as the plan would. Certificates and offsets are
yearly purchases, applied afterwards in the quantities the plan bought.
"""

from __future__ import annotations

import pandas as pd

from ..data import build_model_data
from ..levers import present
from ..model.build import BuiltModel, build_model
from ..model.context import Design
from ..results import extract
from ..results.emissions import emissions_table
from ..scenario.schema import Scenario
from ..solve import SolveOptions, solve
from .metrics import site_metrics


def design_of(plan: BuiltModel, year: int) -> Design:
    """The plan's yearly decisions in `year`, by lever and site."""
    values = {}
    for lever, block in present(plan.model):
        if lever.design is not None and block is not None:
            for s in block:
                values[(lever.name, str(s))] = lever.design(block[s], year)
    return Design(values)


def full_year(
    scenario: Scenario, year: int, design: Design, carbon_price_per_t: float, options: SolveOptions
) -> pd.DataFrame:
    """Per-site metrics of `year` on all 8,760 hours (see metrics.py), with the solve's seconds."""
    data = build_model_data(scenario, check_year=year)
    built = build_model(data, "dispatch", design=design, carbon_signal_per_t={year: carbon_price_per_t})
    result = solve(built, options)
    costs = extract.costs_table(built)
    emissions = emissions_table(built)
    out = site_metrics(extract.dispatch_table(built), costs, emissions)
    return out.assign(seconds=sum(result.timings_s.values()))
