"""Activity data in the units plants keep, converted with pint (not hand-written factors).

Normal cubic metres (Nm3, gas at 0 °C and 101.325 kPa) are their own dimension: a gas meter's m3 at line
pressure is not an Nm3, so the two never convert into each other silently. '10^4 Nm3' (万Nm3, the unit of the
Chinese statistics) and 'tce' (tonne of coal equivalent, 29.3076 GJ, GB/T 2589-2020) are defined here.
"""

from __future__ import annotations

import functools
import re

import pint

DEFINITIONS = """
normal_cubic_metre = [normal_volume] = Nm3
wan_Nm3 = 10000 * Nm3
tonne_coal_equivalent = 29.3076 * GJ = tce
"""
# spellings users type for the same unit -> the registry's name
ALIASES = {
    r"^(10\^4|10\*\*4|1e4|10⁴|万)\s*(Nm3|Nm³|标准立方米|标方)$": "wan_Nm3",
    r"^(Nm³|标准立方米|标方)$": "Nm3",
    r"^(吨|tonne|tonnes)$": "t",
    r"^(t ?ce|吨标准煤|吨标煤)$": "tce",
}
ENERGY_UNITS = ("MWh", "kWh", "GWh", "GJ", "MJ", "TJ", "tce")
# the names accepted: pint alone would read 'ton' as the US short ton (907 kg) where a Chinese plant means 吨
ALLOWED = {"t", "kg", "Nm3", "wan_Nm3", *ENERGY_UNITS}


@functools.cache
def registry() -> pint.UnitRegistry:
    reg: pint.UnitRegistry = pint.UnitRegistry()
    for line in DEFINITIONS.strip().splitlines():
        reg.define(line)
    return reg


def normalise(unit: str) -> str:
    text = unit.strip()
    for pattern, name in ALIASES.items():
        if re.match(pattern, text, flags=re.IGNORECASE):
            return name
    return text


def parse(unit: str) -> pint.Unit:
    """The pint unit of a unit name; ValueError naming what is accepted. Only a single unit name reaches pint:
    its expression parser fails on hostile text in ways no caller expects (ZeroDivisionError, KeyError)."""
    name = normalise(unit)
    if name not in ALLOWED:
        hint = " ('ton' is ambiguous: write t for the metric tonne)" if name.lower().startswith("ton") else ""
        raise ValueError(
            f"unknown unit {unit!r}{hint}; expected a mass (t, kg), normal volume (Nm3, 10^4 Nm3) or energy "
            f"({', '.join(ENERGY_UNITS)})"
        )
    return registry().parse_units(name)


def is_energy(unit: str) -> bool:
    return parse(unit).is_compatible_with(registry().GJ)


def factor(from_unit: str, to_unit: str) -> float:
    """How many `to_unit` one `from_unit` is (t -> kg: 1000); ValueError if they measure different things."""
    a, b = parse(from_unit), parse(to_unit)
    if not a.is_compatible_with(b):
        raise ValueError(f"{from_unit!r} cannot be converted to {to_unit!r} ({_kind(a)} is not {_kind(b)})")
    return float(registry().Quantity(1.0, a).to(b).magnitude)


def _kind(unit: pint.Unit) -> str:
    reg = registry()
    if unit.is_compatible_with(reg.GJ):
        return "an energy"
    if unit.is_compatible_with(reg.Nm3):
        return "a normal volume"
    return "a mass"


GJ_PER_MWH = 3.6
