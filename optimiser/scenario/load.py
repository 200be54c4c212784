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
from yaml.nodes import Node

from ..errors import ScenarioError
from .reader import Parsed, YamlLimit, parse_text, read_limited
from .schema import Scenario

PATH_KEYS = {"load_profile", "csv", "profile", "hourly_shape"}


def load_scenario(path: str | Path, overrides: list[str] | None = None) -> Scenario:
    """Load, merge, override and validate a scenario file; raise ScenarioError on any problem. Each file is
    read and parsed once (reader.py: size, nesting, duplicate-key and alias limits)."""
    path = Path(path)
    raw, node = _load_with_parents(path.resolve(), chain=[])
    set_paths = [(_apply_override(raw, item, str(path)), item) for item in overrides or []]
    return validate_raw(raw, path, node=node, overrides=set_paths)


def validate_raw(
    raw: dict[str, Any],
    path: Path,
    node: Node | None = None,
    overrides: list[tuple[tuple[str | int, ...], str]] | None = None,
) -> Scenario:
    """Validate an already merged scenario mapping; `path` names the file in the ScenarioError raised on a
    problem, with the line of the offending field from `node` (the file's parsed YAML; without it the file is
    parsed for the lines). A problem at or below a path in `overrides` ((path, '--set' text) pairs) is
    reported as that `--set`, not as a line of the file."""
    try:
        return Scenario.model_validate(raw)
    except ValidationError as exc:
        if node is None:
            node = _node_of(path)
        raise _to_scenario_error(exc, path, node, overrides or []) from None


def _read_yaml(path: Path) -> tuple[dict[str, Any], Node]:
    try:
        content = read_limited(path)
        text = content.decode("utf-8")
    except YamlLimit as exc:
        raise ScenarioError(str(path), exc.field, exc.message, exc.line) from None
    except FileNotFoundError:
        raise ScenarioError(str(path), "", "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ScenarioError(str(path), "", f"cannot read file: {exc}") from None
    parsed = _parse(text, str(path), "")
    data = parsed.data
    if not isinstance(data, dict) or parsed.node is None:
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise ScenarioError(str(path), "", f"expected a mapping of scenario fields at the top level, found {found}")
    return data, parsed.node


def _parse(text: str, file: str, field: str) -> Parsed:
    """`text` parsed under the reader's limits; a problem as a ScenarioError on `field` (for `--set`: no line,
    the line would be one of the value, not of the file)."""
    try:
        return parse_text(text)
    except YamlLimit as exc:
        if field:
            inner = f"{exc.field}: " if exc.field else ""
            raise ScenarioError(file, field, f"{inner}{exc.message}") from None
        raise ScenarioError(file, exc.field, exc.message, exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark and not field else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise ScenarioError(file, field, f"invalid YAML: {problem}", line=line) from None


def _node_of(path: Path) -> Node | None:
    try:
        return parse_text(read_limited(path).decode("utf-8")).node
    except (OSError, UnicodeDecodeError, YamlLimit, yaml.YAMLError):
        return None


def _load_with_parents(path: Path, chain: list[Path]) -> tuple[dict[str, Any], Node]:
    """The merged mapping of `path` and its parents, and the parsed YAML of `path` itself (for lines)."""
    if path in chain:
        cycle = " -> ".join(p.name for p in [*chain, path])
        raise ScenarioError(str(chain[0]), "extends", f"extends cycle: {cycle}")
    data, node = _read_yaml(path)
    _resolve_paths(data, path.parent)
    parent = data.pop("extends", None)
    if parent is None:
        return data, node
    if not isinstance(parent, str):
        raise ScenarioError(str(path), "extends", f"expected a file name, found {parent!r}")
    parent_path = (path.parent / parent).resolve()
    if not parent_path.exists():
        raise ScenarioError(str(path), "extends", f"parent file {parent_path} not found")
    return deep_merge(_load_with_parents(parent_path, [*chain, path])[0], data), node


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


SET_PATH = re.compile(r"^[\w-]+(?:\[-?\d+\])*(?:\.[\w-]+(?:\[-?\d+\])*)*$")


def _apply_override(raw: dict[str, Any], item: str, file: str) -> tuple[str | int, ...]:
    """`--set a.b[0].c=value` or `--set sites.<id>.roof_area_m2=value`; the value is parsed as YAML under the
    reader's limits. Returns the path (list entries as indices) of what the override made or replaced: a problem
    at or below it is the override's, reported as `--set path=value: ...`."""
    label = f"--set {item}"
    if "=" not in item:
        raise ScenarioError(file, label, "expected path=value, e.g. discount_rate=0.05")
    dotted, text = item.split("=", 1)
    if not SET_PATH.match(dotted):
        raise ScenarioError(file, label, f"expected a field path such as sites[0].pv.capex_per_kw, found '{dotted}'")
    value = _parse(text, file, label).data
    parts = list(_parse_path(dotted))
    node: Any = raw
    done: list[str | int] = []
    made: int | None = None  # length of the path where the override began to make new mappings
    for key in parts[:-1]:
        node, step, new = _step(node, key, done, label, file)
        done.append(step)
        if new and made is None:
            made = len(done)
    last = parts[-1]
    if isinstance(node, list):
        index = _list_index(node, last, label, file)
        node[index] = value
        done.append(index)
    elif isinstance(node, dict):
        node[last] = value
        done.append(last)
    else:
        raise ScenarioError(file, label, f"{_dotted(done)} is not a mapping or list, found {node!r}")
    return tuple(done[:made] if made else done)


def _step(node: Any, key: str | int, so_far: list[str | int], label: str, file: str) -> tuple[Any, str | int, bool]:
    """One step down a `--set` path: the node below, the step taken (list entries as indices), whether the step
    made a new mapping."""
    if isinstance(node, list):
        index = _list_index(node, key, label, file)
        return node[index], index, False
    if isinstance(node, dict):
        new = key not in node
        return node.setdefault(key, {}), key, new
    raise ScenarioError(file, label, f"{_dotted(so_far)} is not a mapping or list, found {node!r}")


def _list_index(node: list[Any], key: str | int, label: str, file: str) -> int:
    if isinstance(key, int):
        if not -len(node) <= key < len(node):
            raise ScenarioError(file, label, f"index {key} out of range (list has {len(node)})")
        return key % len(node)
    for i, item in enumerate(node):
        if isinstance(item, dict) and item.get("id") == key:
            return i
    ids = [i.get("id") for i in node if isinstance(i, dict)]
    raise ScenarioError(file, label, f"no entry with id '{key}'; ids: {ids}")


def _dotted(parts: list[str | int] | tuple[Any, ...]) -> str:
    return format_loc(tuple(parts)) or "<top>"


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
    for part in _plain(loc):
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _plain(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """`loc` without pydantic's validator steps."""
    steps = ("function-", "constrained-", "union[", "dict[")
    return tuple(p for p in loc if isinstance(p, int) or not (str(p).startswith(steps) or p in ("float", "int")))


def _to_scenario_error(
    exc: ValidationError, path: Path, node: Node | None, overrides: list[tuple[tuple[str | int, ...], str]]
) -> ScenarioError:
    lines: list[tuple[str, int | None, str]] = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        msg = err["msg"].removeprefix("Value error, ")
        inner = INNER_PATH.match(msg) if err["type"] == "value_error" else None
        if inner:  # a model's own check names the field below it: "retrofits[1].requires: ..."
            loc = loc + _parse_path(inner.group(1))
            msg = inner.group(2)
        if err["type"] == "number":  # base.py: a bad number inside the field (a year of a map, a list item)
            loc = loc + tuple(err.get("ctx", {}).get("at", ()))
        field = format_loc(loc)
        if err["type"] == "extra_forbidden":
            msg = f"unknown key{_did_you_mean(loc)}"
        elif "input" in err and err["type"] not in (
            "missing",
            "value_error",
            "number",
        ):  # our own checks say what they found
            msg += f" (found {err['input']!r})" if not isinstance(err["input"], dict | list) else ""
        plain = _plain(loc)
        by_set = [item for prefix, item in overrides if plain[: len(prefix)] == prefix]
        if by_set:  # the value came from the command line: no line of the file has it
            lines.append((f"--set {by_set[-1]}", None, f"{field or '<top>'}: {msg}"))
        else:
            lines.append((field or "<top>", _line_of(node, loc), msg))
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


def _line_of(node: Node | None, loc: tuple[Any, ...]) -> int | None:
    """Line of the deepest node of `loc` present in the file itself (not in an `extends:` parent); `node` is the
    file's parsed YAML."""
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
