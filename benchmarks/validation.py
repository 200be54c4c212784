"""What the full-year check adds to a run's wall time (issue 9: at most 50 % on the flagship).

    .venv/bin/python benchmarks/validation.py                          # the flagship, 3 pairs of runs
    .venv/bin/python benchmarks/validation.py scenarios/chemical-fibre-national.yaml --repeat 1

Runs the scenario without the check and with `--validate targets` alternately (so that a busy machine slows
both alike), each in a fresh process, and prints the wall time of each, the years checked and the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(path: str, which: str) -> dict:
    from optimiser import load_scenario, run_scenario

    t0 = time.perf_counter()
    run = run_scenario(load_scenario(Path(path)), validate_years=which)  # type: ignore[arg-type]
    wall = time.perf_counter() - t0
    checked = run.tables.get("validation")
    years = 0 if checked is None or checked.empty else checked["year"].nunique()
    return {"which": which, "wall_s": wall, "years_checked": years}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "yancheng-zero-carbon.yaml"))
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.scenario, args.one)))
        return
    walls: dict[str, list[float]] = {"none": [], "targets": []}
    print(f"{'validate':>10} {'wall_s':>8} {'years':>6}")
    for _ in range(args.repeat):
        for which in walls:
            cmd = [sys.executable, __file__, args.scenario, "--one", which]
            out = subprocess.run(cmd, capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            walls[which].append(row["wall_s"])
            print(f"{which:>10} {row['wall_s']:>8.2f} {row['years_checked']:>6}", flush=True)
    without, with_check = (statistics.median(walls[w]) for w in ("none", "targets"))
    added = 100 * (with_check / without - 1)
    print(f"median without {without:.2f} s, with the check {with_check:.2f} s: +{added:.0f} %")


if __name__ == "__main__":
    main()
