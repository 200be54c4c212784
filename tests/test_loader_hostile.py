"""Hostile input that cannot be a static catalogue file (tests/bad_inputs): very large files, `--set` values,
and the facts behind the limits (each file parsed once, the size checked before parsing, no shared blocks,
every scenario model checked for numbers). Each must end in exit code 2 and one clear message, never a
traceback, a crash or a hang."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import tiny
from pydantic import BaseModel
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.errors import ScenarioError
from optimiser.scenario import load, reader
from optimiser.scenario.base import Strict
from optimiser.scenario.load import load_scenario, validate_raw
from optimiser.scenario.schema import Scenario

runner = CliRunner()
SHIPPED = Path(__file__).parent.parent / "scenarios"


@pytest.fixture
def scenario(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(tiny(), sort_keys=False))
    return path


def refused(args: list[str]) -> str:
    """Run `decarb` expecting exit code 2 and a clean one-message error; return the message."""
    result = runner.invoke(app, args)
    message = result.output
    assert result.exit_code == 2, message
    assert "Traceback" not in message and 'File "' not in message
    assert message.startswith("error: ")
    return message


def count_parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = reader.parse_text

    def counting(text: str) -> reader.Parsed:
        calls.append(len(text))
        return real(text)

    monkeypatch.setattr(load, "parse_text", counting)
    return calls


# --- size and nesting -------------------------------------------------------------------------------------------


def test_a_file_over_10_mb_is_refused_before_it_is_parsed(
    scenario: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("w") as out:
        out.write(scenario.read_text())
        out.write(("# padding " + "x" * 89 + "\n") * (reader.MAX_BYTES // 100 + 1))
    assert big.stat().st_size > reader.MAX_BYTES
    calls = count_parses(monkeypatch)
    message = refused(["validate", str(big)])
    assert "big.yaml" in message and "expected a scenario file of at most 10 MB" in message
    assert calls == []  # the size check, not the parser, refused it


def test_a_file_just_under_the_limit_is_read(scenario: Path, tmp_path: Path) -> None:
    near = tmp_path / "near.yaml"
    padding = ("# padding " + "x" * 89 + "\n") * (reader.MAX_BYTES // 100 - 50)
    near.write_text(scenario.read_text() + padding)
    assert reader.MAX_BYTES - 10_000 < near.stat().st_size <= reader.MAX_BYTES
    assert load_scenario(near).name == "tiny"


def test_an_endless_file_is_read_only_up_to_the_limit(tmp_path: Path) -> None:
    """A device or a growing file: never read past the limit (stat would say size 0)."""
    message = refused(["validate", "/dev/zero"])
    assert "at most 10 MB" in message


@pytest.mark.parametrize("depth", [41, 1000, 200_000])
def test_deep_nesting_is_refused_without_a_crash(tmp_path: Path, depth: int) -> None:
    """200,000 levels crash libyaml's own composer (segmentation fault) and PyYAML's (RecursionError)."""
    path = tmp_path / "deep.yaml"
    path.write_text(yaml.safe_dump(tiny()) + "deep: " + "[" * depth + "]" * depth + "\n")
    message = refused(["validate", str(path)])
    assert "expected at most 40 levels of nesting" in message and "deep[0]" in message


def test_forty_levels_are_allowed() -> None:
    data = reader.parse_text("a: " + "[" * 39 + "]" * 39 + "\n").data
    for _ in range(39):
        data = data["a"] if isinstance(data, dict) else data[0] if data else data
    assert data == []


# --- parsed once, lines from that parse ---------------------------------------------------------------------------


def test_each_file_is_parsed_once_even_when_it_has_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = tiny()
    raw["sites"][0]["roof_area_m2"] = -5
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(raw, sort_keys=False))
    calls = count_parses(monkeypatch)
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    assert len(calls) == 1  # the line below comes from the same parse
    line = next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if "roof_area_m2" in ln)
    assert err.value.line == line and err.value.field == "sites[0].roof_area_m2"


def test_a_child_and_its_parent_are_each_parsed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_parses(monkeypatch)
    load_scenario(SHIPPED / "hefei-equipment-rooftop.yaml")
    assert len(calls) == 2  # the scenario and base/east-china.yaml


# --- duplicate keys and aliases -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "field", "lines"),
    [
        ("a: 1\nb: 2\na: 3\n", "a", "lines 1 and 3"),
        ("s:\n  - {id: x, v: 1, v: 2}\n", "s[0].v", "lines 2 and 2"),
        ("m:\n  1: a\n  true: b\n", "m.true", "lines 2 and 3"),  # equal once read: True == 1
    ],
)
def test_duplicate_keys_name_both_lines(text: str, field: str, lines: str) -> None:
    with pytest.raises(reader.YamlLimit) as err:
        reader.parse_text(text)
    assert err.value.field == field and lines in err.value.message


def test_merge_keys_may_be_overridden() -> None:
    """`<<: *base` then a key of the base: YAML's merge rule, not a duplicate."""
    data = reader.parse_text("base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  x: 3\n").data
    assert data["c"] == {"x": 3, "y": 2}


def test_shipped_anchors_still_work_and_are_copies() -> None:
    """chemical-fibre-national.yaml gives both sites one PV block (`&pv`/`*pv`); `--set` on one site must not
    change the other (PyYAML hands out one shared dict for both)."""
    path = SHIPPED / "chemical-fibre-national.yaml"
    plain = load_scenario(path)
    assert plain.sites[0].pv == plain.sites[1].pv
    changed = load_scenario(path, ["sites[0].pv.om_per_kw_year=77"])
    assert changed.sites[0].pv is not None and changed.sites[1].pv is not None
    assert changed.sites[0].pv.om_per_kw_year == 77
    assert changed.sites[1].pv.om_per_kw_year == plain.sites[1].pv.om_per_kw_year


def test_alias_budget() -> None:
    level = "a: &a [" + ", ".join(["x"] * 10) + "]\n"
    within = level + "b: [" + ", ".join(["*a"] * 1000) + "]\n"  # 11,000 nodes added
    assert len(reader.parse_text(within).data["b"]) == 1000
    beyond = level + "b: [" + ", ".join(["*a"] * 10_000) + "]\n"  # 110,000
    with pytest.raises(reader.YamlLimit, match="at most 100,000 nodes"):
        reader.parse_text(beyond)


@pytest.mark.parametrize("text", ["a: &x [1, *x]\n", "a: &x {b: {c: *x}}\n", "a: &x\n  - *x\n"])
def test_self_referring_aliases_are_refused(text: str) -> None:
    with pytest.raises(reader.YamlLimit, match="a loop"):
        reader.parse_text(text)


# --- numbers ------------------------------------------------------------------------------------------------------


def models(root: type[BaseModel]) -> set[type[BaseModel]]:
    """Every model a scenario is made of."""
    found: set[type[BaseModel]] = set()

    def visit(annotation: Any) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in found:
            found.add(annotation)
            for field in annotation.model_fields.values():
                visit(field.annotation)
        for arg in getattr(annotation, "__args__", ()):
            visit(arg)

    visit(root)
    return found


def test_every_scenario_model_checks_its_numbers() -> None:
    """The number checks sit on Strict: a model outside it would let booleans, NaN and 1e308 through."""
    found = models(Scenario)
    assert len(found) > 20
    assert all(issubclass(m, Strict) for m in found), [m for m in found if not issubclass(m, Strict)]


@pytest.mark.parametrize(
    ("where", "value", "field", "text"),
    [
        (("discount_rate",), float("nan"), "discount_rate", "finite"),
        (("discount_rate",), "-inf", "discount_rate", "finite"),
        (("sites", 0, "roof_area_m2"), " INFINITY ", "sites[0].roof_area_m2", "finite"),
        (("grid", "ef_t_per_mwh"), {2025: 0.5, 2030: float("inf")}, "grid.ef_t_per_mwh.2030", "finite"),
        (("sites", 0, "roof_area_m2"), True, "sites[0].roof_area_m2", "found true"),
        (("time", "representative_days"), False, "time.representative_days", "found false"),
        (("years",), [2025, True], "years[1]", "found true"),
        (("sites", 0, "electricity", "annual_mwh"), 1e308, "sites[0].electricity.annual_mwh", "found 1e+308"),
        (("sites", 0, "electricity", "annual_mwh"), 10**400, "sites[0].electricity.annual_mwh", "401 digits"),
        (("sites", 0, "electricity", "annual_mwh"), "2e13", "sites[0].electricity.annual_mwh", "found 2e+13"),
        (("sites", 0, "tariff", "period_hours"), {"valley": [0, float("nan")]}, "period_hours.valley[1]", "finite"),
    ],
)
def test_bad_numbers_are_refused_with_the_field(where: tuple[Any, ...], value: Any, field: str, text: str) -> None:
    raw = tiny()
    node: Any = raw
    for key in where[:-1]:
        node = node[key]
    node[where[-1]] = value
    with pytest.raises(ScenarioError) as err:
        validate_raw(raw, Path("tiny.yaml"))
    assert field in str(err.value) and text in str(err.value), str(err.value)


def test_booleans_stay_allowed_where_they_belong() -> None:
    raw = tiny()
    raw["sites"][0]["green_electricity_allowed"] = False
    assert validate_raw(raw, Path("tiny.yaml")).sites[0].green_electricity_allowed is False


def test_the_largest_plausible_numbers_pass() -> None:
    raw = tiny(targets={"capex_budget": 1e12})
    raw["sites"][0]["electricity"]["annual_mwh"] = "1e9"  # PyYAML reads 1e9 (no dot) as text; still a number
    scenario = validate_raw(raw, Path("tiny.yaml"))
    assert scenario.targets.capex_budget == 1e12 and scenario.sites[0].electricity.annual_mwh == 1e9


# --- --set --------------------------------------------------------------------------------------------------------


def no_file_line(message: str, scenario: Path) -> bool:
    return re.search(re.escape(scenario.name) + r":\d+:", message) is None


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("discount_rate=[0.05", "--set discount_rate=[0.05: invalid YAML"),
        ("time={a: 1, a: 2}", "--set time={a: 1, a: 2}: a: expected each key once"),
        ("name=" + "[" * 100 + "]" * 100, "levels of nesting"),
        ("description=" + "&a [x, x, x, x, x, x, x, x, x, x]", None),  # fine: no alias used
        ("sites[0].pv.capex_per_kww=3000", "sites[0].pv.capex_per_kww: unknown key; did you mean 'capex_per_kw'?"),
        ("sites.plant.roof_area_m3=5", "sites[0].roof_area_m3: unknown key; did you mean 'roof_area_m2'?"),
        ("foo.bar=1", "--set foo.bar=1: foo: unknown key"),
        ("sites[3].roof_area_m2=5", "--set sites[3].roof_area_m2=5: index 3 out of range"),
        ("sites.nowhere.roof_area_m2=5", "no entry with id 'nowhere'"),
        ("sites..roof_area_m2=5", "expected a field path such as"),
        ("discount_rate.x=1", "discount_rate is not a mapping or list"),
        ("discount_rate=.nan", "--set discount_rate=.nan: discount_rate: expected a finite number"),
        ("sites[0].roof_area_m2=-.inf", "sites[0].roof_area_m2: expected a finite number, found -inf"),
        ("sites[0].roof_area_m2=inf", "expected a finite number"),
        ("discount_rate=true", "--set discount_rate=true: discount_rate: expected a number, found true"),
        ("sites[0].electricity.annual_mwh=1.0e308", "between -1e+12 and 1e+12"),
    ],
)
def test_set_problems_are_reported_as_the_set(scenario: Path, item: str, expected: str | None) -> None:
    if expected is None:  # an anchor in a --set value is harmless; the string type then refuses the list
        expected = f"--set {item}: description: Input should be a valid string"
    message = refused(["validate", str(scenario), "--set", item])
    assert expected in message, message
    assert no_file_line(message, scenario), message


def test_set_alias_bomb_is_refused(scenario: Path) -> None:
    value = "[&a [x, x, x, x, x, x, x, x, x, x], " + ", ".join(
        f"&{c} [{', '.join(['*' + p] * 10)}]" for p, c in zip("abcdefg", "bcdefgh", strict=True)
    )
    message = refused(["validate", str(scenario), "--set", f"description={value}]"])
    assert "at most 100,000 nodes" in message and no_file_line(message, scenario)


def test_set_that_makes_an_incomplete_block_is_the_sets_fault(scenario: Path) -> None:
    """A --set that adds a lever block lacking its required fields: the missing fields are the --set's."""
    message = refused(["validate", str(scenario), "--set", "sites[0].wind.max_kw=500"])
    assert "--set sites[0].wind.max_kw=500: sites[0].wind.profile: Field required" in message
    assert no_file_line(message, scenario), message
