"""Schema of the claims a company wants to make: one entry per standard under `claims:`, told apart by `standard`.

Each claim is either a constraint (`mode: constraint`: the plan must support it in every modelled year from
`from_year` on) or a check only (`mode: check`: the results say in which year the plan first supports it and what
is missing before then). The rules are in optimiser/claims/ (one module per standard); docs/modelling.md "Claims"
says what each standard requires and what the model simplifies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from .base import ID_PATTERN, Fraction, Strict, Year

if TYPE_CHECKING:
    from .schema import Scenario


class ClaimBase(Strict):
    id: str = Field(pattern=ID_PATTERN, max_length=60, description="Name of the claim in the tables and the report.")
    mode: Literal["constraint", "check"] = Field(
        "check",
        description="constraint: the plan must support the claim from `from_year` on; check: the results only say "
        "in which year the plan first supports it and what is missing before then.",
    )
    from_year: Year | None = Field(
        None,
        description="First year of the claim (a modelled year): required for a constraint; for a check, the year "
        "the company aims at (the report says what is missing then).",
    )

    @model_validator(mode="after")
    def _constraint_has_a_year(self) -> ClaimBase:
        if self.mode == "constraint" and self.from_year is None:
            raise ValueError("from_year: a claim with mode 'constraint' needs the year it holds from")
        return self


class OffsetQuality(Strict):
    """Which offset products may be used for a claim (a product without the attribute asked for never qualifies)."""

    eligible_schemes: list[str] | None = Field(
        None,
        description="Offset schemes accepted (the products' `scheme`, e.g. CCER, VCS, Gold Standard); "
        "null = any scheme.",
    )
    min_vintage_year: Year | None = Field(
        None, description="Earliest vintage accepted (products' `vintage_year`); null = any vintage."
    )


class ZeroCarbonFactory(ClaimBase, OffsetQuality):
    """T/CECA-G 0171-2022 零碳工厂评价规范: after the plant's own reductions, the residual Scope 1+2 (market-based) is
    offset with carbon credits (Type I) or removed by removal projects (Type II), with renewable electricity."""

    standard: Literal["cn_zero_carbon_factory"]
    type: Literal["I", "II"] = Field(
        description="I: renewable electricity + carbon credits for the residual; II: renewable electricity + "
        "removals (offset products of kind 'removal') for the residual."
    )
    min_renewable_share: Fraction = Field(
        description="Renewable share the company sets for the claim. T/CECA-G 0171-2022 gives no number (the star "
        "grade follows an overall score): this is the user's choice, e.g. a certified plant's published rate."
    )
    basis: Literal["electricity", "energy"] = Field(
        "electricity", description="Denominator of the share: electricity consumed, or electricity plus fuels (MWh)."
    )
    min_reduction_vs_base: Fraction | None = Field(
        None, description="Optional cut of gross emissions against the base year before offsets count, share."
    )


class ScienceBased(ClaimBase):
    """SBTi Corporate Net-Zero Standard, Scope 1+2: a near-term linear reduction, a long-term deep cut, credits
    not counted as progress, net zero only with permanent removals neutralising the residual."""

    standard: Literal["sbti"]
    near_term_year: Year = Field(description="Year of the near-term target (5-10 years after submission).")
    annual_reduction_share: Fraction = Field(
        0.042, description="Linear cut per year, share of base-year Scope 1+2 (1.5 deg C: 0.042)."
    )
    long_term_year: Year | None = Field(None, description="Year of the long-term target (at the latest 2050).")
    long_term_cut_share: Fraction = Field(0.90, description="Long-term cut of Scope 1+2 against the base year.")
    min_coverage_share: Fraction = Field(
        0.95, description="Share of Scope 1+2 the target must cover (the model covers all of it)."
    )
    net_zero: bool = Field(
        False,
        description="Also claim net zero from the long-term year: permanent removals retired neutralise the residual.",
    )


class NationalEts(ClaimBase):
    """China national ETS compliance (碳排放权交易管理办法(试行), 2021): CCERs cover at most 5 % of the allowances
    due."""

    standard: Literal["cn_ets"]
    max_offset_share: Fraction = Field(
        0.05, description="Offsets surrendered at most this share of the covered emissions due (national ETS: 0.05)."
    )
    schemes: list[str] = Field(
        default_factory=lambda: ["CCER"],
        description="Schemes whose credits count as surrendered for compliance (products' `scheme`).",
    )


class CarbonNeutrality(ClaimBase, OffsetQuality):
    """ISO 14068-1:2023 carbon neutrality of the organisation (Scope 1+2): reductions first, then offsets of the
    quality the user names for the residual."""

    standard: Literal["iso_14068"]
    min_reduction_vs_base: Fraction = Field(
        description="Cut of gross emissions against the base year the plan must reach before offsets count, share "
        "(ISO 14068-1 sets the reduction hierarchy, not a number)."
    )
    min_removal_share: Fraction = Field(
        0.0, description="Share of the residual that must be offset by removals (offset kind 'removal')."
    )


def _standard(value: Any) -> str | None:
    """The tag of a claim: its `standard` (a callable discriminator, as every field has a before-validator)."""
    found = value.get("standard") if isinstance(value, dict) else getattr(value, "standard", None)
    return found if isinstance(found, str) else None


Claim = Annotated[
    Annotated[ZeroCarbonFactory, Tag("cn_zero_carbon_factory")]
    | Annotated[ScienceBased, Tag("sbti")]
    | Annotated[NationalEts, Tag("cn_ets")]
    | Annotated[CarbonNeutrality, Tag("iso_14068")],
    Discriminator(
        _standard,
        custom_error_type="claim_standard",
        custom_error_message="standard: expected one of cn_zero_carbon_factory, sbti, cn_ets, iso_14068",
    ),
]


class PublishedFigure(Strict):
    """A published figure to compare the plan with (a certificate, a verified inventory)."""

    year: Year
    metric: Literal["reduced_t", "gross_t", "net_t", "renewable_share", "electricity_mwh"] = Field(
        description="reduced_t: emissions reduced in the year (the report counts it against business as usual and "
        "against the base year); gross_t, net_t: Scope 1+2 on the targets' basis; renewable_share: on the "
        "basis of `basis`; electricity_mwh: electricity used (grid + on-site renewable)."
    )
    value: float = Field(description="The published value, in `unit`.")
    unit: str = Field(description="Its unit as published (t, share, MWh).")
    basis: Literal["electricity", "energy"] = Field(
        "electricity", description="For renewable_share: electricity consumed, or electricity plus fuels."
    )
    source: str = Field(description="Where it is published.")


def cross_check(claims: list[Claim], references: list[PublishedFigure], scenario: Scenario) -> None:
    """Claims and published figures against the modelled years and the rest of the scenario (ValueError naming the
    field)."""
    ys = scenario.model_years
    first: dict[str, int] = {}
    for i, claim in enumerate(claims):
        if claim.id in first:
            raise ValueError(f"claims[{i}].id: duplicate id '{claim.id}' (also claims[{first[claim.id]}])")
        first[claim.id] = i
        if claim.from_year is not None:
            _modelled(f"claims[{i}].from_year", claim.from_year, ys)
        _standard_rules(f"claims[{i}]", claim, scenario)
    for i, ref in enumerate(references):
        _modelled(f"references[{i}].year", ref.year, ys)


def _modelled(field: str, year: int, ys: list[int]) -> None:
    if not ys[0] <= year <= ys[-1]:
        raise ValueError(f"{field}: year {year} is outside the horizon {ys[0]}-{ys[-1]}")
    if year not in ys:
        raise ValueError(f"{field}: year {year} is not a modelled year; modelled: {ys}")


def _standard_rules(at: str, claim: Claim, scenario: Scenario) -> None:
    base = scenario.base_year
    if isinstance(claim, ZeroCarbonFactory) and scenario.targets.basis != "market":
        raise ValueError(
            f"{at}.standard: cn_zero_carbon_factory counts market-based Scope 2; set targets.basis: market"
        )
    if isinstance(claim, NationalEts) and scenario.carbon_price is None:
        raise ValueError(f"{at}.standard: cn_ets needs carbon_price (its covered_scopes are the emissions due)")
    if isinstance(claim, ScienceBased):
        if claim.near_term_year <= base:
            raise ValueError(f"{at}.near_term_year: {claim.near_term_year} is not after the base year {base}")
        if claim.long_term_year is not None and claim.long_term_year <= claim.near_term_year:
            raise ValueError(f"{at}.long_term_year: {claim.long_term_year} is not after near_term_year")
        if claim.net_zero and claim.long_term_year is None:
            raise ValueError(f"{at}.long_term_year: net_zero needs the long-term year it holds from")
