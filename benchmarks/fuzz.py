"""Fuzz the scenario loader, the data stage and the hourly-CSV reader with mutated real inputs.

    .venv/bin/python benchmarks/fuzz.py --minutes 15          # prints counts of cases, refusals, crashes, hangs

A case is a shipped scenario (or one of its data files) mutated at random: a value replaced by another type,
a non-finite or huge number, a key deleted, renamed or duplicated, a line of the YAML text deleted, duplicated
or corrupted, a CSV's bytes cut, re-encoded or garbled. The loader (and, for scenarios that load, the data stage:
profiles, representative days) must either accept it or refuse it with a ScenarioError/DecarbError within a few
seconds. Anything else is a crash (the exception type and the mutation are printed); a case over the time budget
is a hang. Not part of CI: tests/test_fuzz.py runs the same mutations a few dozen times per test session.
"""

from __future__ import annotations

import argparse
import copy
import random
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = sorted(p for p in (ROOT / "scenarios").glob("*.yaml"))
CSVS = sorted((ROOT / "scenarios" / "data").glob("*.csv")) + sorted(
    (ROOT / "tests" / "bad_inputs" / "data").glob("*.csv")
)
ODD_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    1e308,
    -1e308,
    float("inf"),
    float("-inf"),
    float("nan"),
    "",
    "x",
    "1e400",
    "nan",
    [],
    {},
    [1, 2],
    {"a": 1},
    2**70,
    1e-320,
    "2025",
    8760,
    24,
    -0.0,
]


class Hang(Exception):
    pass


def _alarm(*_: object) -> None:
    raise Hang


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


def _get(node: Any, path: tuple) -> Any:
    for k in path:
        node = node[k]
    return node


def mutate_tree(raw: dict, rng: random.Random) -> tuple[dict, str]:
    """One structural mutation of a parsed scenario: (mutant, what was done)."""
    out = copy.deepcopy(raw)
    paths = [p for p in _paths(out) if p]
    path = rng.choice(paths)
    parent, key = _get(out, path[:-1]), path[-1]
    kind = rng.choice(["replace", "replace", "scale", "delete", "rename", "duplicate"])
    if kind == "replace":
        parent[key] = rng.choice(ODD_VALUES)
    elif kind == "scale" and isinstance(parent[key], int | float) and not isinstance(parent[key], bool):
        parent[key] = parent[key] * rng.choice([-1, 0, 1e-9, 1e6, 1e12, 1e300])
    elif kind == "delete":
        del parent[key]
    elif kind == "rename" and isinstance(parent, dict):
        parent[f"{key}_"] = parent.pop(key)
    elif kind == "duplicate" and isinstance(parent, list):
        parent.append(copy.deepcopy(parent[key]))
    else:
        parent[key] = rng.choice(ODD_VALUES)
        kind = "replace"
    return out, f"{kind} {'.'.join(map(str, path))}"


def mutate_text(text: str, rng: random.Random) -> tuple[str, str]:
    """One textual mutation of a YAML file."""
    lines = text.splitlines()
    i = rng.randrange(len(lines))
    kind = rng.choice(["delete", "duplicate", "garble", "tab", "alias", "deep"])
    if kind == "delete":
        del lines[i]
    elif kind == "duplicate":
        lines.insert(i, lines[i])
    elif kind == "garble" and lines[i]:
        j = rng.randrange(len(lines[i]))
        lines[i] = (
            lines[i][:j]
            + rng.choice(["\x00", "{", "]", ":", "&a", "*a", "'", "\ufeff", "\t", "!!python/object"])
            + lines[i][j:]
        )
    elif kind == "tab":
        lines[i] = "\t" + lines[i]
    elif kind == "alias":
        lines.append("bomb: &b [" + ", ".join(["x"] * 9) + "]")
        for n in range(rng.randint(1, 8)):
            lines.append(f"b{n}: &b{n} [" + ", ".join([f"*b{n - 1}" if n else "*b"] * 9) + "]")
    else:
        lines.append("deep: " + "[" * rng.randint(50, 5000) + "]" * rng.randint(0, 5000))
    return "\n".join(lines) + "\n", f"text {kind} line {i + 1}"


def mutate_csv(data: bytes, rng: random.Random) -> tuple[bytes, str]:
    kind = rng.choice(["cut", "garble", "utf16", "gbk-header", "semicolon", "double", "empty", "nul"])
    if not data:  # an empty source file: only whole-file mutations apply
        kind = rng.choice(["utf16", "gbk-header", "double"])
    if kind == "cut":
        return data[: rng.randrange(len(data))], kind
    if kind == "garble":
        b = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            b[rng.randrange(len(b))] = rng.randrange(256)
        return bytes(b), kind
    if kind == "utf16":
        return data.decode("utf-8", "replace").encode("utf-16"), kind
    if kind == "gbk-header":
        return "负荷\n".encode("gb18030") + data, kind
    if kind == "semicolon":
        return data.replace(b",", b";").replace(b".", b","), kind
    if kind == "double":
        return data + data, kind
    if kind == "empty":
        return b"", kind
    return data.replace(b"\n", b"\x00\n", 3), kind


def run_case(rng: random.Random, work: Path, stage: Callable[[Path], None], budget_s: float = 10.0) -> tuple[str, str]:
    """('ok' | 'refused' | 'crash' | 'hang', detail) for one random case written under `work`."""
    from optimiser.errors import DecarbError

    if rng.random() < 0.25 and CSVS:
        source = rng.choice(CSVS)
        data, what = mutate_csv(source.read_bytes(), rng)
        target = work / "data" / f"fuzz-{rng.randrange(10**9)}.csv"
        target.write_bytes(data)

        def act() -> None:
            from optimiser.data.hourly import read_hourly_csv

            values = read_hourly_csv(str(target), "fuzz.profile")
            if len(values) != 8760 or not all(map(float.__eq__, values, values)):  # 8760 and no NaN
                raise AssertionError(f"misread: {len(values)} values")

        what = f"{source.name}: {what}"
    else:
        source = rng.choice(SCENARIOS)
        text = source.read_text(encoding="utf-8")
        if rng.random() < 0.5:
            text, what = mutate_text(text, rng)
        else:
            raw = yaml.safe_load(text)
            raw, what = mutate_tree(raw, rng)
            text = yaml.safe_dump(raw, allow_unicode=True)
        target = work / f"fuzz-{rng.randrange(10**9)}.yaml"
        target.write_text(text, encoding="utf-8")
        what = f"{source.name}: {what}"

        def act() -> None:
            stage(target)

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, budget_s)
    try:
        act()
        return "ok", what
    except DecarbError:
        return "refused", what
    except Hang:
        return "hang", what
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        tb = traceback.extract_tb(exc.__traceback__)[-1]
        return "crash", f"{what}: {type(exc).__name__}: {str(exc)[:160]} ({Path(tb.filename).name}:{tb.lineno})"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        target.unlink(missing_ok=True)


def load_and_prepare(path: Path) -> None:
    """What `decarb validate` does before solving: load, validate, read the data files, cluster the days."""
    from optimiser.data import build_model_data
    from optimiser.scenario.load import load_scenario

    build_model_data(load_scenario(path))


def workspace() -> Path:
    """A copy of scenarios/ (extends: and data files resolve relative to the mutant)."""
    work = Path(tempfile.mkdtemp(prefix="decarb-fuzz-"))
    shutil.copytree(ROOT / "scenarios", work, dirs_exist_ok=True)
    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--minutes", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--budget", type=float, default=10.0, help="Seconds a case may take before it is a hang.")
    args = parser.parse_args()
    rng, work = random.Random(args.seed), workspace()
    counts: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    end = time.monotonic() + 60.0 * args.minutes
    try:
        while time.monotonic() < end:
            outcome, detail = run_case(rng, work, load_and_prepare, args.budget)
            counts[outcome] += 1
            if outcome in ("crash", "hang"):
                crashes[f"{outcome}: {detail}"] += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    total = sum(counts.values())
    print(
        f"cases {total} in {args.minutes:g} min (seed {args.seed}): "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    for line, n in crashes.most_common(30):
        print(f"  {n:>4} x {line}")
    sys.exit(1 if counts["crash"] or counts["hang"] else 0)


if __name__ == "__main__":
    main()
