"""Schema of what a site makes: one product series and its output value, the denominators of intensity targets
and of the product carbon footprint (optimiser/targets/intensity.py, optimiser/results/footprint.py).

Production does not drive the energy use: the site's electricity and fuels are given on their own, and the user
keeps the two consistent (a growth of production shows as a growth of `electricity.growth_per_year` too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from .base import Strict
from .trajectory import NonNegTrajectory, at

if TYPE_CHECKING:
    from .schema import Scenario
    from .site import Site
    from .targets import Intensity


class Production(Strict):
    product: str = Field(min_length=1, max_length=80, description="What the site makes, e.g. 'polyester filament'.")
    unit: str = Field(
        pattern=r"^[A-Za-z][A-Za-z0-9_. -]*$",
        max_length=20,
        description="Unit of the quantity, e.g. 't', 'pcs', 'MW' (MW of modules). A product target over several "
        "sites needs one unit at all of them.",
    )
    quantity: NonNegTrajectory = Field(description="Quantity made per year, in `unit` (year map ok).")
    output_value_10k: NonNegTrajectory | None = Field(
        None,
        description="Output value per year, in 10,000 of the scenario's currency (万元 for CNY) at constant prices "
        "(year map ok): the denominator of targets per output value.",
    )


def check_intensity(sc: Scenario) -> None:
    """Raise ValueError naming the field when an intensity target cannot mean what it says: unknown sites, sites
    without the production it divides by, a product target over different units, a year not modelled."""
    ys = sc.model_years
    sites = {s.id: (i, s) for i, s in enumerate(sc.sites)}
    for k, target in enumerate(sc.targets.intensity):
        where = f"targets.intensity[{k}]"
        if target.year not in ys:
            raise ValueError(f"{where}.year: {target.year} is not a modelled year; modelled: {ys}")
        chosen = target.sites if target.sites is not None else list(sites)
        unknown = [s for s in chosen if s not in sites]
        if unknown or not chosen or len(set(chosen)) < len(chosen):
            found = f"unknown site(s) {unknown}" if unknown else f"{chosen}"
            raise ValueError(f"{where}.sites: expected distinct ids of sites {sorted(sites)}, found {found}")
        for sid in chosen:
            i, site = sites[sid]
            if site.production is None:
                raise ValueError(f"sites[{i}].production: missing; {where} divides by the production of '{sid}'")
            if target.per == "output_value" and site.production.output_value_10k is None:
                raise ValueError(
                    f"sites[{i}].production.output_value_10k: missing; {where} is per output value of '{sid}'"
                )
        units = {sid: sites[sid][1].production.unit for sid in chosen}  # type: ignore[union-attr]
        if target.per == "product" and len(set(units.values())) > 1:
            listed = ", ".join(f"{s}: {u}" for s, u in units.items())
            raise ValueError(
                f"{where}.per: 'product' adds up production in different units ({listed}); expected one unit at "
                "every site it covers: use per: output_value for a company-level target, or one target per site"
            )
        if target.vs_base is not None and base_denominator(sc, target) <= 0:
            raise ValueError(
                f"{where}.vs_base: the covered sites make nothing in the base year {sc.base_year}, so there is no "
                "base intensity to cut; expected production (or output value) above 0 then, or max_t_per_unit"
            )


def covered(sc: Scenario, target: Intensity) -> list[Site]:
    """The sites an intensity target covers, in scenario order."""
    chosen = set(target.sites) if target.sites is not None else {s.id for s in sc.sites}
    return [s for s in sc.sites if s.id in chosen]


def denominator(site: Site, per: str, year: int) -> float:
    """What a site's intensity divides by in a year: quantity made, or output value (10,000 currency)."""
    p = site.production
    if p is None:
        return 0.0
    value = p.quantity if per == "product" else p.output_value_10k
    return at(value, year) if value is not None else 0.0


def base_denominator(sc: Scenario, target: Intensity) -> float:
    return sum(denominator(s, target.per, sc.base_year) for s in covered(sc, target))
