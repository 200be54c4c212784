"""The `decarb` command line: parse, call the package, print. No modelling here."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from .errors import DecarbError
from .results.write import default_run_dir, write_csv, write_results
from .scenario.load import load_scenario
from .scenario.schema import Scenario
from .solve import SolveOptions

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="decarb: least-cost decarbonisation pathways (carbon peak, neutrality) for factories.",
)

ScenarioArg = Annotated[Path, typer.Argument(help="Scenario YAML file.")]
SetOpt = Annotated[list[str] | None, typer.Option("--set", help="Override a field: path=value (repeatable).")]


def _fail(exc: DecarbError) -> None:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(exc.exit_code)


@app.command()
def validate(scenario: ScenarioArg, set_: SetOpt = None) -> None:
    """Check a scenario and print what it describes, with business-as-usual emissions by year."""
    from .data import build_model_data
    from .present import describe
    from .run import business_as_usual

    try:
        sc = load_scenario(scenario, set_)
        bau, _ = business_as_usual(build_model_data(sc))
    except DecarbError as exc:
        _fail(exc)
    typer.echo(describe(sc, bau.pathway))
    typer.echo("valid")


@app.command()
def run(
    scenario: ScenarioArg,
    set_: SetOpt = None,
    out: Annotated[Path | None, typer.Option(help="Results folder (default results/<name>/<run-id>).")] = None,
    time_limit: Annotated[float, typer.Option(help="Time limit per solve, seconds.")] = 600.0,
    gap: Annotated[float, typer.Option(help="Relative MIP gap, e.g. 0.01 for 1 %.")] = 1e-4,
    force: Annotated[bool, typer.Option(help="Replace --out if it exists.")] = False,
    quiet: Annotated[bool, typer.Option(help="No progress line.")] = False,
) -> None:
    """Solve a scenario (business as usual, economics-only, plan) and write a results folder."""
    from .present import run_summary
    from .progress import Ticker
    from .run import run_scenario

    options = SolveOptions(time_limit_s=time_limit, mip_rel_gap=gap)
    try:
        sc = load_scenario(scenario, set_)
        with Ticker("starting", enabled=not quiet, live=sys.stderr.isatty()) as ticker:
            result = run_scenario(sc, options, progress=ticker.update, on_stage=ticker.set_label)
        target = out or default_run_dir(result, Path("results"))
        folder = write_results(result, target, _options(scenario, set_, options), force=force)
    except DecarbError as exc:
        _fail(exc)
    typer.echo(run_summary(result.summary, result.tables["roadmap"], str(folder)))


def _options(scenario: Path, overrides: list[str] | None, options: SolveOptions) -> dict[str, object]:
    return {
        "scenario_file": str(scenario),
        "set": overrides or [],
        "time_limit_s": options.time_limit_s,
        "mip_rel_gap": options.mip_rel_gap,
        "threads": options.threads,
        "seed": options.seed,
    }


@app.command()
def inventory(
    scenario: ScenarioArg,
    set_: SetOpt = None,
    out: Annotated[Path | None, typer.Option(help="CSV file (default results/<name>/inventory-<year>.csv).")] = None,
) -> None:
    """Print and write the base-year carbon inventory by site, scope and source."""
    from .inventory import base_year_inventory
    from .present import inventory_text

    try:
        sc = load_scenario(scenario, set_)
        inv = base_year_inventory(sc)
    except DecarbError as exc:
        _fail(exc)
    target = out or Path("results") / sc.name / f"inventory-{sc.base_year}.csv"
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    write_csv(inv, tmp)
    tmp.replace(target)
    typer.echo(inventory_text(inv, sc.base_year, sc.targets.basis))
    typer.echo(f"written: {target}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editors)."""
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))


def main() -> None:
    app()
