"""Global warming potentials over 100 years: t CO2e per t of gas.

AR5: IPCC AR5 WG1 Table 8.A.1 (without climate-carbon feedbacks), the set China's national inventories and most
current reporting programmes use. AR6: IPCC AR6 WG1 Table 7.SM.7; its CH4 is the fossil value (29.8), which
slightly overstates biogenic CH4 (27.0). Values recalled from the IPCC tables (flag V): check before publishing.
Refrigerant blends are mass-weighted sums of their components (ASHRAE 34 compositions), so they follow the set.
"""

from __future__ import annotations

from typing import Literal

GwpSet = Literal["AR5", "AR6"]

PURE: dict[str, tuple[float, float]] = {  # gas: (AR5, AR6)
    "CO2": (1.0, 1.0),
    "CH4": (28.0, 29.8),
    "N2O": (265.0, 273.0),
    "HFC-23": (12400.0, 14600.0),
    "HFC-32": (677.0, 771.0),
    "HFC-125": (3170.0, 3740.0),
    "HFC-134a": (1300.0, 1530.0),
    "HFC-143a": (4800.0, 5810.0),
    "HFC-227ea": (3350.0, 3600.0),
    "CF4": (6630.0, 7380.0),
    "SF6": (23500.0, 25200.0),
    "NF3": (16100.0, 17400.0),
}
BLENDS: dict[str, dict[str, float]] = {  # mass shares
    "R-410A": {"HFC-32": 0.5, "HFC-125": 0.5},
    "R-407C": {"HFC-32": 0.23, "HFC-125": 0.25, "HFC-134a": 0.52},
    "R-404A": {"HFC-125": 0.44, "HFC-143a": 0.52, "HFC-134a": 0.04},
}
ALIASES = {"R-134a": "HFC-134a", "R-32": "HFC-32", "R-125": "HFC-125", "R-23": "HFC-23", "R-227ea": "HFC-227ea"}
GASES = sorted([*PURE, *BLENDS, *ALIASES])


def gwp(gas: str, gwp_set: GwpSet = "AR5") -> float:
    """t CO2e per t of `gas`; KeyError naming the known gases."""
    name = ALIASES.get(gas, gas)
    column = 0 if gwp_set == "AR5" else 1
    if name in PURE:
        return PURE[name][column]
    if name in BLENDS:
        return sum(share * PURE[part][column] for part, share in BLENDS[name].items())
    raise KeyError(f"unknown gas {gas!r}; known: {', '.join(GASES)}")
