"""Schema of Scope 3 basics per site: each entry is one activity of one GHG Protocol category x its factor.

They are constants (activity trajectory x factor, t CO2e a year): nothing in the plan changes them. Reported by
category in the emissions table (scope `scope3`, source `<category>:<id>`); `targets.scope3_included` adds
the chosen categories to the company gross emissions that the targets are set on (model/emissions.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from pydantic import Field, model_validator

from .base import ID_PATTERN, NonNegFloat, Strict
from .trajectory import NonNegTrajectory, at

if TYPE_CHECKING:
    from .schema import Scenario

Scope3Category = Literal[
    "purchased_goods", "upstream_transport", "business_travel", "employee_commuting", "downstream_transport"
]
Scope3Unit = Literal["t", "spend_10k", "t_km", "person_km"]

CATEGORY_NUMBER: dict[str, int] = {  # GHG Protocol Corporate Value Chain (Scope 3) Standard, 2011
    "purchased_goods": 1,
    "upstream_transport": 4,
    "business_travel": 6,
    "employee_commuting": 7,
    "downstream_transport": 9,
}
# cradle-to-gate of a product: materials and their transport in, as product-footprint rules count them (ISO 14067,
# WBCSD PACT); travel, commuting and downstream transport belong to the company, not to the product at the gate
CRADLE_TO_GATE = ("purchased_goods", "upstream_transport")

UNITS: dict[str, tuple[str, ...]] = {
    "purchased_goods": ("t", "spend_10k"),
    "upstream_transport": ("t_km",),
    "downstream_transport": ("t_km",),
    "business_travel": ("person_km", "spend_10k"),
    "employee_commuting": ("person_km", "spend_10k"),
}
# the largest plausible factor per unit, t CO2e: above it the factor is most likely in kg
MAX_FACTOR = {"t": 100.0, "spend_10k": 100.0, "t_km": 0.01, "person_km": 0.01}


class Scope3Entry(Strict):
    id: str = Field(pattern=ID_PATTERN, description="Unique within the site, e.g. 'pta-meg'.")
    category: Scope3Category = Field(description="GHG Protocol Scope 3 category.")
    activity: NonNegTrajectory = Field(description="Activity per year, in `unit` (year map ok).")
    unit: Scope3Unit = Field(
        description="Unit of the activity: 't' (mass-based purchases), 'spend_10k' (10,000 of the scenario's "
        "currency, spend-based), 't_km' (tonne-kilometres), 'person_km'."
    )
    factor_t_per_unit: NonNegFloat = Field(description="Emission factor, t CO2e per unit of activity.")
    source: str = Field(min_length=1, description="Where the factor comes from (database, supplier, estimate).")

    @model_validator(mode="after")
    def _unit_fits(self) -> Scope3Entry:
        allowed = UNITS[self.category]
        if self.unit not in allowed:
            raise ValueError(f"unit: '{self.unit}' does not fit category {self.category}; expected one of {allowed}")
        top = MAX_FACTOR[self.unit]
        if self.factor_t_per_unit > top:
            raise ValueError(
                f"factor_t_per_unit: {self.factor_t_per_unit:g} t CO2e per {self.unit} is above the plausible "
                f"{top:g}; expected t, not kg ({self.factor_t_per_unit / 1000:g} t if the value is in kg)"
            )
        return self

    def t(self, year: int) -> float:
        """Emissions in a year, t CO2e."""
        return at(self.activity, year) * self.factor_t_per_unit


def check_ids(entries: list[Scope3Entry]) -> None:
    first: dict[str, int] = {}
    for j, e in enumerate(entries):
        if e.id in first:
            raise ValueError(f"scope3[{j}].id: duplicate id '{e.id}' (also scope3[{first[e.id]}])")
        first[e.id] = j


def included_t(scenario: Scenario, site_id: str, year: int) -> float:
    """The site's Scope 3 of the categories `targets.scope3_included` adds to the targets' emissions, t CO2e."""
    chosen = set(scenario.targets.scope3_included)
    if not chosen:
        return 0.0
    site = next(s for s in scenario.sites if s.id == site_id)
    return sum(e.t(year) for e in site.scope3 if e.category in chosen)
