"""Which levers sit at their limits in a year of the solved elastic plan: the reasons a target is missed.

Each check reads the solved model and returns plain phrases ("the roof at plant is full (2,000 m2)") for the
levers that could have helped and could do no more."""

from __future__ import annotations

from ..levers import present
from ..model.build import BuiltModel
from ..targets import component


def levers_at_limits(b: BuiltModel, target: str, year: int) -> list[str]:
    """The reasons that matter for this target, from each lever (levers/): offsets only count toward neutrality,
    certificates toward market-based emissions and the renewable share, retrofits toward emissions."""
    purpose = component(target).purpose
    if purpose is None:
        return []
    return [phrase for lever, block in present(b.model) for phrase in lever.limits(b, block, purpose, year)]
