"""Battery storage: its declaration (the model block is model/storage.py, the schema scenario/levers.py
`Storage`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import storage
from ..results.values import hourly, val
from ..scenario.trajectory import at
from .base import Block, Hourly, Lever, RoadmapRow, Shown
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
)
