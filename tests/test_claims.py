"""Claims (optimiser/claims/): each standard on a tiny scenario built to pass it and one built to fail it by a
margin computed by hand, a constraint against a check, and bad claims input.

tests/helpers.py `tiny`: 8,760 MWh of electricity a year at 0.5 t/MWh (4,380 t) and 1,000 MWh of gas at 0.2 t/MWh
(200 t): 4,580 t of gross Scope 1+2 in every year of business as usual, market-based (no certificates: the market
factor is the grid factor), base year 2025. Green certificates at 50 CNY/MWh cost 100 CNY per t avoided (0.5 t/MWh),
more than an avoidance credit at 80 CNY/t, so a plan buys certificates only where a rule asks for them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from helpers import solve_raw, tiny
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.errors import InfeasibleError
from optimiser.run import RunResult

GROSS_T = 4580.0
ELECTRICITY_MWH = 8760.0
CCER = {"id": "ccer", "price_per_t": 80, "scheme": "CCER"}


def scenario(claims: list[dict[str, Any]], **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"targets": {"basis": "market"}, "green_electricity": {"price_per_mwh": 50}}
    return tiny(**{**base, "offsets": [CCER], **changes, "claims": claims})


def rows(result: RunResult, claim: str, condition: str) -> pd.DataFrame:
    t = result.tables["claims"]
    return t[(t.claim == claim) & (t.condition == condition)].set_index("year")


def brief(result: RunResult, claim: str) -> Any:
    return next(b for b in result.summary.claims if b.claim == claim)


def activity(result: RunResult, quantity: str, year: int, item: str | None = None) -> float:
    a = result.tables["activity"].query("case == 'plan' and quantity == @quantity and year == @year")
    return float((a if item is None else a[a["item"] == item]).value.sum())


ZCF = {"id": "zcf", "standard": "cn_zero_carbon_factory", "type": "I", "min_renewable_share": 0.3}


def test_zero_carbon_factory_check_reports_what_is_missing_and_no_year() -> None:
    # no target: the plan is the economics-only plan, which buys neither certificates nor credits. Every year is
    # short by the share 0.3 (renewable 0) and by the whole residual, 4,580 t
    result = solve_raw(scenario([ZCF]))
    assert rows(result, "zcf", "renewable_share").margin.tolist() == pytest.approx([-0.3] * 3)
    assert rows(result, "zcf", "residual").margin.tolist() == pytest.approx([-GROSS_T] * 3)
    b = brief(result, "zcf")
    assert (b.first_year, b.missing_t, b.missing_share) == (None, pytest.approx(GROSS_T), pytest.approx(0.3))


def test_zero_carbon_factory_constraint_holds_from_its_year_type_ii_does_not() -> None:
    # from 2026 the plan needs 0.3 x 8,760 = 2,628 MWh of certificates (1,314 t less) and credits for the residual
    # 4,580 - 1,314 = 3,266 t; certificates beyond the share cost 100 CNY/t against 80 for credits: none bought.
    # 2025 stays business as usual. A Type II claim (removals only) on the same plan lacks the whole residual: the
    # only product is an avoidance credit
    type_ii = {**ZCF, "id": "zcf2", "type": "II"}
    result = solve_raw(scenario([{**ZCF, "mode": "constraint", "from_year": 2026}, type_ii]))
    assert activity(result, "certified_mwh", 2026) == pytest.approx(0.3 * ELECTRICITY_MWH, rel=1e-6)
    assert activity(result, "retired_t", 2026) == pytest.approx(GROSS_T - 0.3 * ELECTRICITY_MWH * 0.5, rel=1e-6)
    assert rows(result, "zcf", "residual").loc[2026].margin == pytest.approx(0.0, abs=1e-3)
    assert rows(result, "zcf", "renewable_share").loc[2026].margin == pytest.approx(0.0, abs=1e-6)
    b = brief(result, "zcf")
    assert (b.first_year, b.holds_after, b.missing_t, b.missing_share) == (2026, True, pytest.approx(GROSS_T), 0.3)
    assert rows(result, "zcf2", "residual").loc[2026].margin == pytest.approx(-3266.0, rel=1e-6)
    assert brief(result, "zcf2").first_year is None


def test_zero_carbon_factory_reduction_first_is_a_condition() -> None:
    # a 10 % cut before credits count: gross at most 4,122 t. Neutrality by credits alone leaves gross at 4,580 t,
    # short by 458 t; the residual is covered (margin 0) and the share 0 meets a share of 0
    claim = {**ZCF, "min_renewable_share": 0.0, "min_reduction_vs_base": 0.1}
    result = solve_raw(scenario([claim], targets={"basis": "market", "neutrality": {"year": 2025}}))
    assert rows(result, "zcf", "reduction").margin.tolist() == pytest.approx([-458.0] * 3)
    assert rows(result, "zcf", "residual").margin.tolist() == pytest.approx([0.0] * 3, abs=1e-3)


SBTI = {"id": "sbti", "standard": "sbti", "near_term_year": 2027}


def test_sbti_credits_count_for_nothing() -> None:
    # neutral by credits from 2025, gross unchanged: the 4.2 % line allows 4,580 x 0.958 = 4,387.64 t in 2026
    # and 4,580 x 0.916 = 4,195.28 t in 2027: short by 192.36 t and 384.72 t. Coverage holds by 1 - 0.95
    result = solve_raw(scenario([SBTI], targets={"basis": "market", "neutrality": {"year": 2025}}))
    assert rows(result, "sbti", "near_term").margin.tolist() == pytest.approx([-192.36, -384.72], rel=1e-9)
    assert rows(result, "sbti", "coverage").margin.tolist() == pytest.approx([0.05] * 3)
    assert brief(result, "sbti").first_year == 2025  # the base year itself is on the line


def test_sbti_constraint_cuts_gross_on_the_linear_path() -> None:
    # certificates are the only cut: 192.36 t / 0.5 = 384.72 MWh in 2026, 769.44 MWh in 2027, none in 2025
    result = solve_raw(scenario([{**SBTI, "mode": "constraint", "from_year": 2026}]))
    assert [activity(result, "certified_mwh", y) for y in (2025, 2026, 2027)] == pytest.approx(
        [0.0, 384.72, 769.44], rel=1e-6, abs=1e-6
    )
    assert rows(result, "sbti", "near_term").margin.tolist() == pytest.approx([0.0, 0.0], abs=1e-3)


def test_sbti_net_zero_needs_permanent_removals() -> None:
    # long term 90 % cut by 2027 (458 t allowed): gross 4,580 is short by 4,122 t. The plan neutralises with the
    # cheaper, non-permanent removal; the neutralised condition lacks the whole 4,580 t. Nothing else retired
    offsets = [
        {"id": "forest", "price_per_t": 60, "kind": "removal"},
        {"id": "dac", "price_per_t": 900, "kind": "removal", "permanent": True},
    ]
    claim = {**SBTI, "near_term_year": 2026, "long_term_year": 2027, "net_zero": True}
    result = solve_raw(scenario([claim], offsets=offsets, targets={"basis": "market", "neutrality": {"year": 2025}}))
    assert rows(result, "sbti", "long_term").loc[2027].margin == pytest.approx(-4122.0, rel=1e-9)
    assert rows(result, "sbti", "residual").loc[2027].margin == pytest.approx(-GROSS_T, rel=1e-9)


ETS = {"id": "ets", "standard": "cn_ets"}
VCS = {"id": "vcs", "price_per_t": 90, "scheme": "VCS"}


def test_national_ets_caps_ccer_at_five_percent_of_the_covered_emissions() -> None:
    # carbon price on Scope 1 (200 t of gas): CCERs at most 10 t. Neutral by CCERs (80 < 90 CNY/t for VCS)
    # in 2025, before the claim's year: 4,580 t, over by 4,570 t. From 2026 the constraint keeps CCERs at 10 t and
    # the rest, 4,570 t, is VCS
    claim = {**ETS, "mode": "constraint", "from_year": 2026}
    raw = scenario(
        [claim],
        offsets=[CCER, VCS],
        carbon_price={"price_per_t": 50},
        targets={"basis": "market", "neutrality": {"year": 2025}},
    )
    result = solve_raw(raw)
    assert rows(result, "ets", "offset_limit").margin.tolist() == pytest.approx([-4570.0, 0.0, 0.0], abs=1e-3)
    assert activity(result, "retired_t", 2026, "ccer") == pytest.approx(10.0, rel=1e-6)
    assert activity(result, "retired_t", 2026, "vcs") == pytest.approx(4570.0, rel=1e-6)
    b = brief(result, "ets")
    assert (b.first_year, b.missing_t) == (2026, pytest.approx(4570.0))


ISO = {"id": "iso", "standard": "iso_14068", "min_reduction_vs_base": 0.1}


def test_iso_14068_reductions_first_then_accepted_credits_with_removals() -> None:
    # 2026 on: gross at most 4,122 t, cut by 916 MWh of certificates (458 t); the residual 4,122 t from VCS only
    # (the cheaper CCER is not an accepted scheme), 10 % of it (412.2 t) removals. One more certificate tonne costs
    # 100 and saves 0.9 x 90 + 0.1 x 150 = 96: no more certificates
    offsets = [CCER, VCS, {"id": "vcs-removal", "price_per_t": 150, "scheme": "VCS", "kind": "removal"}]
    claim = {**ISO, "mode": "constraint", "from_year": 2026, "eligible_schemes": ["VCS"], "min_removal_share": 0.1}
    result = solve_raw(scenario([claim], offsets=offsets))
    assert activity(result, "certified_mwh", 2026) == pytest.approx(916.0, rel=1e-6)
    assert activity(result, "retired_t", 2026, "vcs-removal") == pytest.approx(412.2, rel=1e-6)
    assert activity(result, "retired_t", 2026, "vcs") == pytest.approx(4122.0 - 412.2, rel=1e-6)
    assert activity(result, "retired_t", 2026, "ccer") == pytest.approx(0.0, abs=1e-6)
    assert rows(result, "iso", "removal_share").loc[2026].margin == pytest.approx(0.0, abs=1e-3)
    assert rows(result, "iso", "reduction").loc[2025].margin == pytest.approx(-458.0, rel=1e-9)


def test_iso_14068_vintage_rule_refuses_credits_without_a_vintage() -> None:
    # neutral by CCERs that state no vintage: a claim asking for 2020 or later counts none of them; the reduction
    # (10 %) is missed by 458 t as well
    claim = {**ISO, "min_vintage_year": 2020}
    result = solve_raw(scenario([claim], targets={"basis": "market", "neutrality": {"year": 2025}}))
    assert rows(result, "iso", "residual").margin.tolist() == pytest.approx([-GROSS_T] * 3)


runner = CliRunner()


@pytest.mark.parametrize(
    ("claim", "field"),
    [
        ({"id": "x", "standard": "gold_star"}, "standard: expected one of cn_zero_carbon_factory"),
        ({**ZCF, "mode": "constraint", "from_year": 2031}, "claims[0].from_year: year 2031 is outside the horizon"),
        ({"id": "x", "standard": "cn_zero_carbon_factory", "type": "I"}, "min_renewable_share"),
        ({**ZCF, "mode": "constraint"}, "from_year: a claim with mode 'constraint' needs"),
        (ETS, "claims[0].standard: cn_ets needs carbon_price"),
    ],
)
def test_bad_claims_exit_2_naming_the_field(tmp_path: Path, claim: dict[str, Any], field: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(scenario([claim])))
    out = runner.invoke(app, ["validate", str(path)])
    assert out.exit_code == 2, out.output
    assert field in " ".join(out.output.split()) and "Traceback" not in out.output


def test_duplicate_claim_ids_and_a_permanent_avoidance_are_refused(tmp_path: Path) -> None:
    for raw, field in (
        (scenario([ZCF, ZCF]), "claims[1].id: duplicate id 'zcf'"),
        (scenario([], offsets=[{**CCER, "permanent": True}]), "permanent: only a removal can be permanent"),
    ):
        path = tmp_path / "bad.yaml"
        path.write_text(yaml.safe_dump(raw))
        out = runner.invoke(app, ["validate", str(path)])
        assert out.exit_code == 2 and field in " ".join(out.output.split()), out.output


def test_an_impossible_claim_is_diagnosed_like_a_missed_target() -> None:
    # credits capped at 1,000 t a year and no certificates: from 2026 the residual 4,580 t lacks 3,580 t a year
    raw = tiny(
        targets={"basis": "market"},
        offsets=[{**CCER, "max_t_per_year": 1000}],
        claims=[{**ZCF, "min_renewable_share": 0.0, "mode": "constraint", "from_year": 2026}],
    )
    with pytest.raises(InfeasibleError) as err:
        solve_raw(raw)
    assert "claim 'zcf' (residual) in 2026-2027 is short by 3,580 t a year" in str(err.value)
    assert "offsets 'ccer' are at their yearly availability (1,000 t)" in str(err.value)


def test_claims_count_scope_1_and_2_only_not_the_included_scope3() -> None:
    # Scope 3 business travel of 150 t falls to 0 by 2027 and the targets include it: the targets' gross falls,
    # but an SBTi Scope 1+2 claim must see the same 4,580 t every year, so the same shortfalls as with no Scope 3
    travel = {"id": "flights", "category": "business_travel", "unit": "spend_10k", "factor_t_per_unit": 1.5}
    raw = scenario([SBTI], targets={"basis": "market", "scope3_included": ["business_travel"]})
    raw["sites"][0]["scope3"] = [{**travel, "activity": {2025: 100, 2027: 0}, "source": "A"}]
    result = solve_raw(raw)
    assert rows(result, "sbti", "near_term").margin.tolist() == pytest.approx([-192.36, -384.72], rel=1e-9)


def test_claims_never_credit_exported_electricity() -> None:
    # location basis, GB/T 32150 deducts exports from the targets' gross; existing PV (3 MW on a 1 MW load) exports
    # at midday. An SBTi claim is measured on Scope 1 + 2 without that deduction, base year and later years alike
    pv = {"capex_per_kw": 3000, "existing_kw": 3000, "min_build_kw": 0}
    raw = scenario([SBTI], targets={"basis": "location"})
    raw["sites"][0].update(pv=pv, roof_area_m2=30000)
    raw["sites"][0]["tariff"]["export_price_per_mwh"] = 300
    result = solve_raw(raw)
    em = result.tables["emissions"]
    assert (em.source == "export:grid").any()  # the deduction is there, in the targets' gross
    kept = em[em.scope.isin(["scope1", "scope2_location"]) & (em.source != "export:grid")]
    own = kept.query("case == 'plan'").groupby("year").t.sum()
    base = kept.query("case == 'bau' and year == 2025").t.sum()  # business as usual's base year, no deduction
    bound = {y: base * (1 - 0.042 * (y - 2025)) for y in (2026, 2027)}
    assert rows(result, "sbti", "near_term").margin.to_dict() == pytest.approx({y: bound[y] - own[y] for y in bound})


def test_scheme_matches_without_case_and_ineligible_credits_cover_no_residual() -> None:
    # a Type I claim as a constraint from 2026 with an ETS claim on 'ccer' (the product says 'CCER': matched
    # without regard to case), so at most 5 % of the 200 t of Scope 1 = 10 t of it; certificates clear the grid's
    # 4,380 t; a cheaper product marked not eligible for neutrality may not cover the residual: 190 t stay short
    cheap = {"id": "junk", "price_per_t": 10, "scheme": "VCS", "eligible_for_neutrality": False}
    ets = {"id": "ets", "standard": "cn_ets", "mode": "constraint", "from_year": 2026, "schemes": ["ccer"]}
    zcf = {**ZCF, "min_renewable_share": 0.0, "mode": "constraint", "from_year": 2026}
    raw = scenario([zcf, ets], offsets=[CCER, cheap], carbon_price={"price_per_t": 1})
    with pytest.raises(InfeasibleError, match=r"claim 'zcf' \(residual\) in 2026-2027 is short by 190 t"):
        solve_raw(raw)


def test_sbti_parameters_below_the_criteria_are_not_called_sbti() -> None:
    from optimiser.claims import standard
    from optimiser.scenario.load import validate_raw

    raw = scenario([{**SBTI, "annual_reduction_share": 0.01}])
    claim = validate_raw(raw, Path("tiny.yaml")).claims[0]
    assert standard(claim).describe(claim).startswith("NOT SBTi-valid (annual_reduction_share 0.01 < 0.042)")
