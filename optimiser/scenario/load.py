"""Read a scenario file: YAML, `extends:` parents, `--set` overrides, data paths, validation.

Merge rule for `extends:`: mappings merge key by key (the child wins); lists of mappings that carry an
`id` merge entry by entry on that id (new ids are appended); any other list is replaced whole.
Data paths (CSV files) are resolved relative to the file that names them, so a parent's data files
keep working when a child in another folder extends it.
"""

from __future__ import annotations

import copy
import difflib
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from ..errors import ScenarioError
from .schema import Scenario

PATH_KEYS = {"load_profile", "csv", "profile", "hourly_shape"}


def load_scenario(path: str | Path, overrides: list[str] | None = None) -> Scenario:
    """Load, merge, override and validate a scenario file; raise ScenarioError on any problem."""
    path = Path(path)
    raw = _load_with_parents(path.resolve(), chain=[])
    for item in overrides or []:
        _apply_override(raw, item, str(path))
    return validate_raw(raw, path)


def validate_raw(raw: dict[str, Any], path: Path) -> Scenario:
    """Validate an already merged scenario mapping; `path` names the file in the ScenarioError raised on a
    problem (with the line of the offending field where the file itself has it)."""
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        raise _to_scenario_error(exc, path) from None


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(str(path), "", f"cannot read file: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(str(path), "", f"invalid YAML: {problem}", line=line) from None
    if not isinstance(data, dict):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ScenarioError(str(path), "", f"expected a mapping of scenario fields at the top level, found {found}")
    return data


def _load_with_parents(path: Path, chain: list[Path]) -> dict[str, Any]:
    if path in chain:
        cycle = " -> ".join(p.name for p in [*chain, path])
        raise ScenarioError(str(chain[0]), "extends", f"extends cycle: {cycle}")
    data = _read_yaml(path)
    _resolve_paths(data, path.parent)
    parent = data.pop("extends", None)
    if parent is None:
        return data
    if not isinstance(parent, str):
        raise ScenarioError(str(path), "extends", f"expected a file name, found {parent!r}")
    parent_path = (path.parent / parent).resolve()
    if not parent_path.exists():
        raise ScenarioError(str(path), "extends", f"parent file {parent_path} not found")
    return deep_merge(_load_with_parents(parent_path, [*chain, path]), data)


def _resolve_paths(node: Any, base: Path) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in PATH_KEYS and isinstance(value, str):
                node[key] = str((base / value).resolve())
            else:
                _resolve_paths(value, base)
    elif isinstance(node, list):
        for item in node:
            _resolve_paths(item, base)


def deep_merge(parent: Any, child: Any) -> Any:
    """`child` merged over `parent` by the `extends:` rule (module docstring); a new object, neither input is
    changed."""
    if isinstance(parent, dict) and isinstance(child, dict):
        out = copy.deepcopy(parent)
        for key, value in child.items():
            out[key] = deep_merge(out[key], value) if key in out else copy.deepcopy(value)
        return out
    if _is_id_list(parent) and _is_id_list(child):
        merged = {item["id"]: copy.deepcopy(item) for item in parent}
        for item in child:
            merged[item["id"]] = deep_merge(merged[item["id"]], item) if item["id"] in merged else item
        return list(merged.values())
    return copy.deepcopy(child)


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(i, dict) and "id" in i for i in value)


def _apply_override(raw: dict[str, Any], item: str, file: str) -> None:
    """`--set a.b[0].c=value` or `--set sites.<id>.roof_area_m2=value`; the value is parsed as YAML."""
    if "=" not in item:
        raise ScenarioError(file, f"--set {item}", "expected path=value, e.g. discount_rate=0.05")
    dotted, text = item.split("=", 1)
    value = yaml.safe_load(text)
    try:
        parts = list(_parse_path(dotted))
    except ValueError:
        raise ScenarioError(file, f"--set {dotted}", "list indices must be numbers, e.g. sites[0]") from None
    node: Any = raw
    for depth, key in enumerate(parts[:-1]):
        node = _step(node, key, parts[: depth + 1], dotted, file)
    last = parts[-1]
    if isinstance(node, list):
        node[_list_index(node, last, dotted, file)] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise ScenarioError(file, f"--set {dotted}", "path does not lead to a mapping or list")


def _step(node: Any, key: str | int, so_far: list[str | int], dotted: str, file: str) -> Any:
    if isinstance(node, list):
        return node[_list_index(node, key, dotted, file)]
    if isinstance(node, dict):
        return node.setdefault(key, {})
    raise ScenarioError(file, f"--set {dotted}", f"{so_far} is not a mapping or list")


def _list_index(node: list[Any], key: str | int, dotted: str, file: str) -> int:
    if isinstance(key, int):
        if not -len(node) <= key < len(node):
            raise ScenarioError(file, f"--set {dotted}", f"index {key} out of range (list has {len(node)})")
        return key
    for i, item in enumerate(node):
        if isinstance(item, dict) and item.get("id") == key:
            return i
    ids = [i.get("id") for i in node if isinstance(i, dict)]
    raise ScenarioError(file, f"--set {dotted}", f"no entry with id '{key}'; ids: {ids}")


INNER_PATH = re.compile(r"^([A-Za-z_][\w-]*(?:\[\d+\])*(?:\.[A-Za-z_][\w-]*(?:\[\d+\])*)*): (.+)$", re.S)


def _parse_path(path: str) -> tuple[str | int, ...]:
    """`sites[0].pv.capex_per_kw` -> ('sites', 0, 'pv', 'capex_per_kw')."""
    parts: list[str | int] = []
    for token in path.split("."):
        name, *indices = token.replace("]", "").split("[")
        parts.append(name)
        parts += [int(i) for i in indices]
    return tuple(parts)


def format_loc(loc: tuple[Any, ...]) -> str:
    """A pydantic error location as a field path, e.g. ('sites', 0, 'pv', 'capex_per_kw') ->
    'sites[0].pv.capex_per_kw' (pydantic's validator steps such as 'function-after[...]' left out)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).startswith(("function-", "constrained-", "union[", "dict[", "float", "int")):
            continue
        else:
            out += f".{part}" if out else str(part)
    return out


def _to_scenario_error(exc: ValidationError, path: Path) -> ScenarioError:
    lines = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        inner = INNER_PATH.match(msg) if err["type"] == "value_error" else None
        if inner:  # a model's own check names the field below it: "retrofits[1].requires: ..."
            loc = loc + _parse_path(inner.group(1))
            msg = inner.group(2)
        field = format_loc(loc)
        if err["type"] == "extra_forbidden":
            msg = f"unknown key{_did_you_mean(loc)}"
        elif "input" in err and err["type"] not in ("missing", "value_error"):  # our own checks say what they found
            msg += f" (found {err['input']!r})" if not isinstance(err["input"], dict | list) else ""
        line = _line_of(path, loc)
        lines.append((field or "<top>", line, msg))
    unique = list(dict.fromkeys(lines))
    if len(unique) == 1:  # one problem: file:line: field: message
        field, line, msg = unique[0]
        return ScenarioError(str(path), field, msg, line=line)
    listed = [f"{f}{f' (line {ln})' if ln else ''}: {m}" for f, ln, m in unique]
    return ScenarioError(str(path), "", "\n  " + "\n  ".join(listed))


def _did_you_mean(loc: tuple[Any, ...]) -> str:
    model: type[BaseModel] | None = Scenario
    for part in loc[:-1]:
        if model is None or isinstance(part, int):
            continue
        field = model.model_fields.get(str(part))
        model = _model_of(field.annotation) if field else None
    if model is None:
        return ""
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else f"; allowed: {', '.join(model.model_fields)}"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_of(arg)
        if found:
            return found
    return None


def _line_of(path: Path, loc: tuple[Any, ...]) -> int | None:
    """Line of the deepest node of `loc` present in the file itself (not in an `extends:` parent)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    line = None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = [(k, v) for k, v in node.value if str(k.value) == str(part)]
            if not match:
                break
            line, node = match[0][0].start_mark.line + 1, match[0][1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    return line
