"""Battery storage: its declaration (the model block is model/storage.py, the schema scenario/levers.py
`Storage`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pandas as pd

from ..model import storage
from ..results import storage as storage_results
from ..results.values import hourly, val
from ..scenario.trajectory import at
from .base import Block, Hourly, Lever, LeverTable, RoadmapRow, Shown
from .util import mwh, per_site_year

if TYPE_CHECKING:
    from ..model.build import BuiltModel
    from ..scenario.schema import Scenario
    from ..scenario.site import Site

NAME = "storage"


def _roadmap(b: BuiltModel, block: Block) -> list[RoadmapRow]:
    rows = []
    for s in block or []:
        st = b.data.sites[s].site.storage
        assert st is not None  # a storage block exists only for sites with storage
        for y in b.data.years:
            kwh, kw = val(block[s].build_kwh[y]), val(block[s].build_kw[y])
            if kwh > 1e-6 or (kw > 1e-6 and at(st.capex_per_kw, y) > 0):
                capex = kwh * at(st.capex_per_kwh, y) + kw * at(st.capex_per_kw, y)
                rows.append(RoadmapRow(y, s, NAME, "build storage", kwh, "kWh", capex, 0.0, kw))
    return rows


def _capacity(b: BuiltModel, block: Block, y: int) -> list[tuple[str, str, str, float]]:
    rows = []
    for s in block or []:
        rows += [
            (s, "storage_energy", "kWh", val(block[s].cap_kwh[y])),
            (s, "storage_power", "kW", val(block[s].cap_kw[y])),
        ]
    return rows


def _dispatch(b: BuiltModel, site_block: Block, s: str, y: int) -> Hourly:
    sd = b.data.sites[s]
    n = sd.days.n_days
    cols = {name: hourly(getattr(site_block, name), y, n) for name in ("charge_kw", "discharge_kw", "soc_kwh")}
    # the model stores energy above the window's floor; the table shows the state of charge
    assert sd.site.storage is not None
    cols["soc_kwh"] = cols["soc_kwh"] + sd.site.storage.soc_min_share * val(site_block.cap_kwh[y])
    return cols


def _activity(b: BuiltModel, block: Block) -> list[tuple]:
    def one_year(s: str, y: int) -> dict[str, float]:
        sd = b.data.sites[s]
        cols = _dispatch(b, block[s], s, y)
        charged, discharged = mwh(cols["charge_kw"], sd.weights), mwh(cols["discharge_kw"], sd.weights)
        return {"charged_mwh": charged, "discharged_mwh": discharged, "losses_mwh": charged - discharged}

    return per_site_year(b, block, NAME, "battery", one_year)


SECTION_COLUMNS = {
    "year": "year",
    "site": "site",
    "energy_kwh": "energy, kWh",
    "power_kw": "power, kW",
    "cycles": "full cycles a year",
    "charged_from_pv_mwh": "charged from PV, MWh",
    "charged_from_grid_mwh": "charged from the grid, MWh",
    "peak_import_kw": "grid peak, kW",
    "peak_import_without_storage_kw": "grid peak with the battery idle, kW",
    "arbitrage_value": "arbitrage, {cur}/yr",
    "self_consumption_value": "self-consumption, {cur}/yr",
    "demand_charge_value": "demand charge, {cur}/yr",
    "wear_cost": "wear, {cur}/yr",
    "reason": "pays through",
}
SHEET = {
    "energy_kwh": ("Energy (kWh)", "integer"),
    "power_kw": ("Power (kW)", "integer"),
    "cycles": ("Full cycles a year", "decimal"),
    "charged_from_pv_mwh": ("Charged from PV (MWh/yr)", "decimal"),
    "charged_from_grid_mwh": ("Charged from the grid (MWh/yr)", "decimal"),
    "discharged_mwh": ("Discharged (MWh/yr)", "decimal"),
    "losses_mwh": ("Losses (MWh/yr)", "decimal"),
    "peak_import_kw": ("Grid peak (kW)", "integer"),
    "peak_import_without_storage_kw": ("Grid peak, battery idle (kW)", "integer"),
    "arbitrage_value": ("Arbitrage ({cur}/yr)", "integer"),
    "self_consumption_value": ("Self-consumption ({cur}/yr)", "integer"),
    "demand_charge_value": ("Demand charge ({cur}/yr)", "integer"),
    "wear_cost": ("Wear ({cur}/yr)", "integer"),
    "reason": ("Pays through", ""),
}


def _section(st: pd.DataFrame, currency: str, table_html: Callable[..., str]) -> list[str]:
    """The report's battery section: the first, middle and last years with a battery."""
    if st.empty:
        return []
    years = sorted(set(st["year"]))
    shown = st[st["year"].isin({years[0], years[len(years) // 2], years[-1]})]
    cols = {k: v.format(cur=currency) for k, v in SECTION_COLUMNS.items()}
    return [
        "<h2>Battery storage: size, use and why it pays</h2>",
        '<p class="note">Full cycles count the energy taken from the cells over the usable window; the values '
        "split what the battery earns by where its energy came from (grid power bought cheap, or PV surplus "
        "kept for later) and what a lower peak saves in demand charges.</p>",
        table_html(shown[list(cols)].rename(columns=cols)),
    ]


TABLE = LeverTable(
    name="storage",
    columns=tuple(storage_results.COLUMNS),
    build=storage_results.from_tables,
    headline=storage_results.headline,
    why_more=storage_results.why_more,
    section=_section,
    sheet=("Storage", SHEET),
)


def _offered(scenario: Scenario, site: Site | None) -> list[str]:
    return ["storage"] if site is not None and site.storage else []


LEVER = Lever(
    order=20,
    name=NAME,
    add=storage.add,
    design=storage.design,
    shown={NAME: Shown("Storage (losses)", "储能（损耗）", "#B279A2", "kWh")},
    costs={"capital_storage": "Capital (annualised)", "om_storage": "O&M", "storage_wear": "Battery wear"},
    operating_costs=("storage_wear",),
    roadmap=_roadmap,
    capacity=_capacity,
    panels=(("storage_energy", "Storage energy, kWh"), ("storage_power", "Storage power, kW")),
    activity=_activity,
    dispatch_columns=("charge_kw", "discharge_kw", "soc_kwh"),
    dispatch=_dispatch,
    storage_columns=("charge_kw", "discharge_kw"),
    series=(("Battery discharge", "discharge_kw", 1.0, "#B279A2"), ("Battery charge", "charge_kw", -1.0, "#D6A5C9")),
    offered=_offered,
    tables=(TABLE,),
)
