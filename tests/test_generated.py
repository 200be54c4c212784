"""Generated inputs (Hypothesis): valid small scenarios (random prices, storage, netting and targets) either solve
with every invariant holding (no wasted energy, every target recomputed from the CSV tables) or are
reported infeasible with a diagnosis; broken ones always get a clean ScenarioError. Never a crash."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from helpers import solve_raw, tiny
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from invariants import check_all

from optimiser.errors import InfeasibleError, ScenarioError
from optimiser.scenario.load import validate_raw

CI = settings(max_examples=30, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def valid_scenarios(draw: st.DrawFn) -> dict[str, Any]:
    site: dict[str, Any] = {
        "electricity": {
            "annual_mwh": draw(st.floats(100, 20000)),
            "load_profile": {"shifts": draw(st.sampled_from([1, 2, 3])), "idle_share": draw(st.floats(0.1, 1.0))},
        },
        "tariff": {
            "period_hours": {"valley": list(range(6)), "peak": [18, 19, 20]},
            "price_per_mwh": {"valley": draw(st.floats(150, 400)), "flat": 600, "peak": draw(st.floats(700, 1400))},
            "export_limit_kw": draw(st.sampled_from([None, 0.0])),
            # often above the valley price: selling PV while buying would pay unless the model forbids it
            "export_price_per_mwh": draw(st.sampled_from([0.0, 300.0, draw(st.floats(0, 500))])),
            "netting": draw(st.sampled_from(["conservative", "exact"])),
        },
        "fuels": {"natural_gas": {"annual_mwh": draw(st.floats(0, 5000))}},
        "roof_area_m2": draw(st.floats(0, 30000)),
    }
    if draw(st.booleans()):
        site["pv"] = {"capex_per_kw": draw(st.floats(1500, 5000)), "min_build_kw": draw(st.sampled_from([0, 100]))}
    if draw(st.booleans()):
        site["storage"] = {
            "capex_per_kwh": draw(st.floats(50, 1500)),  # cheap storage is where cheating would pay
            "round_trip_efficiency": draw(st.floats(0.6, 0.95)),
            "cycle_life": draw(st.sampled_from([6000, 2000])),
        }
    site["retrofits"] = [
        {
            "id": f"r{i}",
            "capex": draw(st.floats(1e4, 1e7)),
            "electricity_saving_fraction": draw(st.floats(0, 0.2)),
            "lifetime_years": draw(st.integers(3, 20)),
            "group": draw(st.sampled_from([None, "g"])),
        }
        for i in range(draw(st.integers(0, 2)))
    ]
    extra: dict[str, Any] = {"targets": {"basis": draw(st.sampled_from(["market", "location"]))}}
    if draw(st.booleans()):
        extra["offsets"] = [
            {
                "id": "o",
                "price_per_t": draw(st.floats(20, 300)),
                "max_t_per_year": draw(st.sampled_from([None, 500.0, 5000.0])),
            }
        ]
    if draw(st.booleans()):
        extra["green_electricity"] = {"price_per_mwh": draw(st.floats(5, 100))}
    kind = draw(st.sampled_from(["none", "neutrality", "cap", "share", "cut", "offsets-policy", "peak", "budget"]))
    targets = extra["targets"]
    if kind == "neutrality":
        targets["neutrality"] = {"year": draw(st.sampled_from([2025, 2026]))}
    elif kind == "cap":
        targets["caps_t"] = draw(st.floats(0, 10000))
    elif kind == "share":
        targets["renewable_share"] = {"min_share": draw(st.floats(0, 1))}
    elif kind == "cut":
        targets["reductions"] = [{"year": 2026, "vs_base": draw(st.floats(0, 1))}]
    elif kind == "peak":  # load grows: emissions would rise without the target
        targets["peak"] = {"year": 2025, "non_increasing_after": draw(st.booleans())}
        site["electricity"]["growth_per_year"] = draw(st.floats(0, 0.3))
    elif kind == "budget":
        targets["budget"] = {"max_t": draw(st.floats(0, 30000))}
    elif kind == "offsets-policy":
        targets["neutrality"] = {"year": 2026}
        targets["offsets"] = {"max_share_of_base": draw(st.floats(0, 0.5))}
    raw = tiny(horizon={"start": 2025, "end": draw(st.sampled_from([2026, 2027]))}, **extra)
    raw["sites"][0].update(site)
    return raw


@settings(CI, max_examples=50)  # 400 random examples pass too (one-off, 66 s)
@given(valid_scenarios())
def test_valid_scenarios_solve_with_invariants_or_are_diagnosed(raw: dict[str, Any]) -> None:
    try:
        run = solve_raw(raw)
    except InfeasibleError as exc:
        event("infeasible, diagnosed")
        assert exc.diagnosis is not None and exc.diagnosis.lines, str(exc)
        assert all(s.amount > 0 for s in exc.diagnosis.shortfalls)
        return
    event("solved")
    check_all(run)


NON_NEGATIVE = [
    ("sites", 0, "electricity", "annual_mwh"),
    ("sites", 0, "roof_area_m2"),
    ("sites", 0, "fuels", "natural_gas", "annual_mwh"),
    ("fuels", "natural_gas", "price_per_mwh"),
    ("grid", "ef_t_per_mwh"),
    ("discount_rate",),
]


def _set(raw: dict[str, Any], path: tuple, value: Any) -> None:
    node: Any = raw
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value


def _mappings(node: Any, path: tuple = ()) -> list[tuple]:
    """Paths of every mapping that is a schema object (not a free-form map such as fuels or prices)."""
    out = []
    if isinstance(node, dict):
        if not any(isinstance(k, int) for k in node) and path[-1:] not in (("fuels",), ("price_per_mwh",)):
            out.append(path)
        for k, v in node.items():
            out += _mappings(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _mappings(v, (*path, i))
    return out


@st.composite
def broken_scenarios(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    raw = copy.deepcopy(tiny())
    kind = draw(st.sampled_from(["negative", "text", "unknown-key", "missing", "nan"]))
    if kind in ("negative", "text", "nan"):
        path = draw(st.sampled_from(NON_NEGATIVE))
        value = {"negative": -draw(st.floats(1, 1e6)), "text": "lots", "nan": float("nan")}[kind]
        if kind == "negative" and path == ("discount_rate",):
            value = -0.5
        _set(raw, path, value)
        field = ".".join(str(p) for p in path if not isinstance(p, int)).split(".")[-1]
    elif kind == "unknown-key":
        path = draw(st.sampled_from(_mappings(raw)))
        _set(raw, (*path, "zz_not_a_field"), 1)
        field = "zz_not_a_field"
    else:
        path = draw(st.sampled_from([("grid",), ("sites",), ("name",), ("sites", 0, "id"), ("sites", 0, "tariff")]))
        node: Any = raw
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
        field = str(path[-1])
    return raw, field


@settings(max_examples=60, deadline=None, derandomize=True)
@given(broken_scenarios())
def test_broken_scenarios_get_a_clean_error_naming_the_field(case: tuple[dict[str, Any], str]) -> None:
    raw, field = case
    try:
        validate_raw(raw, Path("generated.yaml"))
    except ScenarioError as exc:
        assert str(exc).startswith("generated.yaml")
        assert field in str(exc), str(exc)
        return
    raise AssertionError(f"accepted a broken scenario (field {field})")
