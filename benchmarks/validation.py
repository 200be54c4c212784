"""What the full-year check adds to a run's wall time (issue 9: at most 50 % on the flagship).

    .venv/bin/python benchmarks/validation.py                          # the flagship, 3 pairs of runs
    .venv/bin/python benchmarks/validation.py scenarios/chemical-fibre-national.yaml --repeat 1

Runs `decarb run` end to end (solves, check, tables, report.html, roadmap.xlsx: the wall time a user waits)
without the check and with `--validate targets` alternately, so that a busy machine slows both alike, and prints
the wall time of each, the check's own seconds and the medians.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def measure(path: str, which: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "run"
        cmd = [str(Path(sys.executable).parent / "decarb"), "run", path, "--out", str(out), "--quiet"]
        t0 = time.perf_counter()
        subprocess.run([*cmd, "--validate", which], capture_output=True, text=True, check=True)
        wall = time.perf_counter() - t0
        check = json.loads((out / "summary.json").read_text())["validation"]
    return {"which": which, "wall_s": wall, "years_checked": len(check["years"]), "check_s": check["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("scenario", nargs="?", default=str(ROOT / "scenarios" / "yancheng-zero-carbon.yaml"))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    walls: dict[str, list[float]] = {"none": [], "targets": []}
    print(f"{'validate':>10} {'wall_s':>8} {'years':>6} {'check_s':>8}")
    for _ in range(args.repeat):
        for which in walls:
            row = measure(args.scenario, which)
            walls[which].append(row["wall_s"])
            print(f"{which:>10} {row['wall_s']:>8.2f} {row['years_checked']:>6} {row['check_s']:>8.2f}", flush=True)
    without, with_check = (statistics.median(walls[w]) for w in ("none", "targets"))
    added = 100 * (with_check / without - 1)
    print(f"median without {without:.2f} s, with the check {with_check:.2f} s: +{added:.0f} %")


if __name__ == "__main__":
    main()
