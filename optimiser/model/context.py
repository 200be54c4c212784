"""What a lever needs to know about the model being built besides the data: which case it is, and in a
dispatch check the plan's design to hold fixed.

| mode | levers |
| --- | --- |
| `bau` | existing assets only, no targets |
| `economics` | every lever, no targets |
| `targets` | every lever and the targets: the plan |
| `dispatch` | the plan's yearly design (capacities, active measures) fixed; only the hourly operation is free |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Mode = Literal["bau", "economics", "targets", "dispatch"]
DesignKey = tuple[str, str]  # (lever, site)


@dataclass(frozen=True)
class Design:
    """Yearly decisions of a plan, by (lever, site) and name: e.g. ("pv", "plant") -> {"eff_kw": 900.0}."""

    values: dict[DesignKey, dict[str, float]] = field(default_factory=dict)

    def get(self, lever: str, site: str, name: str, default: float = 0.0) -> float:
        return self.values.get((lever, site), {}).get(name, default)


@dataclass(frozen=True)
class Context:
    mode: Mode = "targets"
    design: Design | None = None  # set in dispatch mode
    carbon_signal_per_t: dict[int, float] = field(default_factory=dict)  # dispatch: the plan's implied prices

    @property
    def allow_new(self) -> bool:
        """May levers build or buy anything new (not in business as usual; fixed in a dispatch check)?"""
        return self.mode in ("economics", "targets")

    @property
    def fixed(self) -> bool:
        return self.design is not None
