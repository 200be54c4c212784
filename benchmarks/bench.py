"""Build-and-solve benchmark; prints the time in each stage, the gap reached and peak memory.

    .venv/bin/python benchmarks/bench.py                 # 1x6, 1x36, 5x36
    .venv/bin/python benchmarks/bench.py --sizes 1x6 1x36
    .venv/bin/python benchmarks/bench.py --sizes 1x36 --repeat 3   # each size 3 times (seeds 0-2), then medians
    .venv/bin/python benchmarks/bench.py --sizes 20x36 --gap 0.005 --no-pure   # a 20-plant portfolio
    .venv/bin/python benchmarks/bench.py --sizes 5x36 --method whole           # one HiGHS model, not by site

Sizes are sites x years of the bench's own scenario (12 representative days; sites differ in place, load, roof,
tariff and gas use). Each size runs in a fresh process (peak memory is per size, taken before the reference
solve). The same model is also written as MPS and solved by highspy alone (`pure_highs_s`, skipped with
`--no-pure`): `ratio` is total over that. `outside_s` is build + hand-over + extraction, and `overhead` is that
over the pure solve: the part this package controls (HiGHS's own time varies between runs and with row order;
see docs/performance.md). `method` says how the plan was solved (`--method auto` picks by site from 3 sites).
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = {"1x6": (1, 6), "1x36": (1, 36), "3x36": (3, 36), "5x36": (5, 36), "10x36": (10, 36), "20x36": (20, 36)}
DEFAULT_SIZES = ["1x6", "1x36", "5x36"]


def scenario(n_sites: int, n_years: int, caps_scale: float = 1.0) -> dict:
    retrofits = [
        {
            "id": f"r{i}",
            "capex": 2e5 * (i + 1),
            "electricity_saving_fraction": 0.01 + 0.004 * i,
            "lifetime_years": 10 + i,
            "earliest_year": 2025 + i,
        }
        for i in range(8)
    ] + [
        {
            "id": "hp",
            "capex": 3e6,
            "fuel_saving_fraction": {"natural_gas": 0.6},
            "electricity_added_mwh": 900,
            "lifetime_years": 20,
            "group": "heat",
        },
        {
            "id": "eb",
            "capex": 1e6,
            "fuel_saving_fraction": {"natural_gas": 1.0},
            "electricity_added_mwh": 4500,
            "lifetime_years": 20,
            "group": "heat",
        },
    ]
    end = 2025 + n_years - 1
    sites = [
        {
            "id": f"site{i}",
            # sites differ in place, load, roof and tariff (a portfolio, not 20 copies); site 0 is the 1-site case
            "location": {"latitude": 30 + i % 10, "longitude": 118 + (3 * i) % 8},
            "electricity": {"annual_mwh": 20000 * (1 + 0.2 * (i % 7)), "growth_per_year": 0.01 + 0.002 * (i % 3)},
            "tariff": {
                "period_hours": {"valley": list(range(8)), "peak": [9, 10, 11, 17, 18, 19, 20, 21]},
                "price_per_mwh": {
                    "valley": 300 + 10 * (i % 4),
                    "flat": 650 - 15 * (i % 3),
                    "peak": 1100 - 40 * (i % 5),
                },
                "export_price_per_mwh": 391,
                "demand_charge_per_kw_month": 40 - 2 * (i % 4),
            },
            "fuels": {"natural_gas": {"annual_mwh": 5000 * (1 + 0.25 * (i % 4))}},
            "roof_area_m2": 40000 * (1 - 0.08 * (i % 6)),
            "pv": {"capex_per_kw": {2025: 3000, 2060: 1500}, "min_build_kw": 500},
            "storage": {"capex_per_kwh": {2025: 900, 2060: 400}},
            "retrofits": retrofits,
        }
        for i in range(n_sites)
    ]
    return {
        "name": f"bench-{n_sites}x{n_years}",
        "horizon": {"start": 2025, "end": end},
        "time": {"representative_days": 12},
        "grid": {"ef_t_per_mwh": {2025: 0.53, 2060: 0.05}},
        "fuels": {"natural_gas": {"ef_t_per_mwh": 0.2, "price_per_mwh": 350}},
        "sites": sites,
        "offsets": [{"id": "ccer", "price_per_t": {2025: 80, 2060: 300}, "max_t_per_year": 5000 * n_sites}],
        "green_electricity": {"price_per_mwh": 40, "max_mwh_per_year": 15000 * n_sites},
        "targets": {
            "peak": {"year": 2027},
            "caps_t": {2025: 14000.0 * n_sites * caps_scale, end: 3000.0 * n_sites * caps_scale},
            "neutrality": {"year": end},
        },
    }


def measure(
    size: str, gap: float, seed: int = 0, method: str = "auto", pure: bool = True, caps_scale: float = 1.0
) -> dict:
    import highspy

    from optimiser.data import build_model_data
    from optimiser.model.build import build_model
    from optimiser.model.targets import Reference
    from optimiser.results import extract
    from optimiser.results.emissions import emissions_table
    from optimiser.run import business_as_usual
    from optimiser.scenario.load import validate_raw
    from optimiser.solve import SolveOptions, solve, write_mps

    n_sites, n_years = SIZES[size]
    sc = validate_raw(scenario(n_sites, n_years, caps_scale), Path(f"{size}.yaml"))
    data = build_model_data(sc)
    bau, base_t = business_as_usual(data)  # the peak level's reference (a run takes the higher of this and
    no_target = bau.pathway.set_index("year")["gross_t"].to_dict()  # the economics-only plan)
    t0 = time.perf_counter()
    built = build_model(data, "targets", Reference(base_t, no_target))
    build_s = time.perf_counter() - t0
    result = solve(built, SolveOptions(mip_rel_gap=gap, time_limit_s=900, seed=seed, method=method))  # type: ignore[arg-type]
    t1 = time.perf_counter()
    for table in (
        emissions_table,
        extract.costs_table,
        extract.roadmap_table,
        extract.capacity_table,
        extract.dispatch_table,
    ):
        table(built)
    extract_s = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # before the reference solve below
    pure_s = math.nan
    if pure:  # the same model as MPS, solved by highspy alone: the limit any hand-over could reach
        with tempfile.TemporaryDirectory() as tmp:
            mps = str(Path(tmp) / "model.mps")
            write_mps(built, mps)
            h = highspy.Highs()
            h.setOptionValue("output_flag", False)
            for key, value in (("mip_rel_gap", gap), ("threads", 1), ("random_seed", seed), ("time_limit", 900.0)):
                h.setOptionValue(key, value)
            h.readModel(mps)
            t2 = time.perf_counter()
            h.run()
            pure_s = time.perf_counter() - t2
    t = result.timings_s
    total = build_s + t["compile"] + t["solve"] + t["load"] + extract_s
    return {
        "size": size,
        "rows": result.n_rows,
        "cols": result.n_cols,
        "binaries": result.n_integer,
        "status": result.label,
        "method": "by-site" if result.highs_status.startswith("by site") else "whole",
        "gap_pct": 100 * result.gap,
        "build_s": build_s,
        "handover_s": t["compile"],
        "highs_s": t["solve"],
        "extract_s": t["load"] + extract_s,
        "total_s": total,
        "outside_s": total - t["solve"],
        "pure_highs_s": pure_s,
        "ratio": total / pure_s,
        "overhead": (total - t["solve"]) / pure_s,
        "peak_mb": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", nargs="+", default=DEFAULT_SIZES, choices=list(SIZES))
    parser.add_argument("--gap", type=float, default=1e-3)
    parser.add_argument("--repeat", type=int, default=1, help="runs per size (HiGHS seeds 0..N-1), then medians")
    parser.add_argument("--method", default="auto", choices=["auto", "whole", "by-site"])
    parser.add_argument("--caps-scale", type=float, default=1.0, help="scale the company caps (0.7: they bind)")
    parser.add_argument("--no-pure", action="store_true", help="skip the MPS + highspy reference solve")
    parser.add_argument("--seed", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one, args.gap, args.seed, args.method, not args.no_pure, args.caps_scale)))
        return
    cols = [
        "size",
        "rows",
        "cols",
        "binaries",
        "build_s",
        "handover_s",
        "highs_s",
        "extract_s",
        "total_s",
        "outside_s",
        "pure_highs_s",
        "ratio",
        "overhead",
        "peak_mb",
        "method",
        "gap_pct",
        "status",
    ]
    print(" ".join(f"{c:>12}" for c in cols))
    for size in args.sizes:
        rows = []
        for seed in range(args.repeat):
            out = subprocess.run(
                [sys.executable, __file__, "--one", size, "--gap", str(args.gap), "--seed", str(seed)]
                + ["--method", args.method, "--caps-scale", str(args.caps_scale)]
                + (["--no-pure"] if args.no_pure else []),
                capture_output=True,
                text=True,
            )
            if out.returncode:  # say why (a solver error, the time limit), then go on with the next size
                print(f"{size}: failed (exit {out.returncode}): {out.stderr.strip().splitlines()[-1:]}", flush=True)
                break
            rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
            _print_row(rows[-1], cols)
        if len(rows) > 1:  # HiGHS's time varies with the seed: compare medians, not single runs
            median = {
                c: statistics.median(r[c] for r in rows) if isinstance(rows[0][c], float) else rows[0][c] for c in cols
            }
            _print_row({**median, "size": f"{size} med"}, cols)


def _print_row(row: dict, cols: list[str]) -> None:
    print(" ".join(f"{row[c]:>12.2f}" if isinstance(row[c], float) else f"{row[c]!s:>12}" for c in cols), flush=True)


if __name__ == "__main__":
    main()
