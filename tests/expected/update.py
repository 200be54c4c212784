"""Regenerate key_figures.json from the shipped scenarios (run after a deliberate model change)."""

import json
from pathlib import Path

from optimiser import load_scenario, run_scenario

ROOT = Path(__file__).resolve().parents[2]
NAMES = ["yancheng-zero-carbon", "hefei-equipment-rooftop", "chemical-fibre-national"]
KEYS = [
    "net_present_cost",
    "net_present_cost_bau",
    "net_present_cost_economics",
    "base_year_t",
    "peak_year",
    "first_net_zero_year",
    "cost_of_targets",
    "offsets_total_t",
]

out = {}
for name in NAMES:
    summary = run_scenario(load_scenario(ROOT / "scenarios" / f"{name}.yaml")).summary
    out[name] = {k: getattr(summary, k) for k in KEYS}
(Path(__file__).parent / "key_figures.json").write_text(json.dumps(out, indent=2) + "\n")
print(json.dumps(out, indent=2))
