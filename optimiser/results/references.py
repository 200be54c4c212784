"""Published figures (a certificate, a verified inventory) beside what the plan gives for the same quantity.

A reduction has no single count: `reduced_t` is shown against business as usual (what the plan's measures avoid in
that year), against the base year (gross emissions then minus now) and against business as usual with the
offsets retired (gross of business as usual minus the plan's net), so a reader sees which count a published
figure matches. Every number comes from the plan's tables.
"""

from __future__ import annotations

import pandas as pd

from ..scenario.schema import Scenario

COLUMNS = ["year", "metric", "counted", "published", "plan", "difference", "unit", "source"]


def references_table(scenario: Scenario, tables: dict[str, pd.DataFrame], base_t: float) -> pd.DataFrame:
    """references.csv: year, metric, counted (how the plan's figure is counted), published, plan, difference (plan
    minus published), unit, source."""
    path = tables["pathway"].set_index(["case", "year"])
    share = tables["renewable_share"].set_index("year")
    rows = []
    for ref in scenario.references:
        y = ref.year
        gross, net, bau = (
            float(path.loc[(c, y), col]) for c, col in (("plan", "gross_t"), ("plan", "net_t"), ("bau", "gross_t"))
        )
        s = share.loc[y]
        found = {
            "reduced_t": [
                ("vs business as usual, gross", bau - gross),
                (f"vs base year {scenario.base_year}, gross", base_t - gross),
                ("vs business as usual, offsets included", bau - net),
            ],
            "gross_t": [(f"Scope 1+2, {scenario.targets.basis}-based Scope 2", gross)],
            "net_t": [("gross minus offsets retired", net)],
            "renewable_share": [(f"{ref.basis} basis", float(s["renewable_mwh"] / s[f"{ref.basis}_consumption_mwh"]))],
            "electricity_mwh": [
                ("grid imports + on-site renewable used - storage losses", float(s["electricity_consumption_mwh"]))
            ],
        }[ref.metric]
        rows += [(y, ref.metric, counted, ref.value, v, v - ref.value, ref.unit, ref.source) for counted, v in found]
    return pd.DataFrame(rows, columns=COLUMNS)
