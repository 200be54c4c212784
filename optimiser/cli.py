"""The `decarb` command line: parse, call the package, print. No modelling here."""

from __future__ import annotations

import json
import math
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .errors import DecarbError, Interrupted, ScenarioError
from .results.write import write_new_csv
from .scenario.load import load_scenario
from .scenario.schema import Scenario
from .signals import handled
from .solve import SolveOptions

if TYPE_CHECKING:
    from .workflow import Hooks

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="decarb: least-cost decarbonisation pathways (carbon peak, neutrality) for factories.",
)


class Validate(StrEnum):
    targets = "targets"
    all = "all"
    none = "none"


class Method(StrEnum):
    auto = "auto"
    whole = "whole"
    by_site = "by-site"


ScenarioArg = Annotated[Path, typer.Argument(help="Scenario YAML file.")]


def _within(name: str, low: float, high: float, low_open: bool = False) -> Callable[[float], float]:
    """A check of a numeric option: finite and in range, else a usage error naming the option (exit 2)."""

    def check(value: float) -> float:
        below = value <= low if low_open else value < low
        if not math.isfinite(value) or below or value > high:
            bracket = "(" if low_open else "["
            raise typer.BadParameter(
                f"expected a finite number in {bracket}{low:g}, {high:g}], found {value}", param_hint=name
            )
        return value

    return check


TimeLimitOpt = Annotated[
    float, typer.Option(help="Time limit per solve, seconds.", callback=_within("--time-limit", 0.0, 1e7, True))
]
GapOpt = Annotated[
    float, typer.Option(help="Relative MIP gap, e.g. 0.01 for 1 %.", callback=_within("--gap", 0.0, 1.0))
]
QuietOpt = Annotated[bool, typer.Option(help="No progress line.")]
MethodOpt = Annotated[
    Method,
    typer.Option(
        help="whole: one HiGHS model; by-site: sites solved apart, priced by the company-wide targets, with a proven "
        "gap (docs/performance.md); auto: by site from 6 sites on."
    ),
]
SetOpt = Annotated[list[str] | None, typer.Option("--set", help="Override a field: path=value (repeatable).")]


def _fail(exc: DecarbError, scenario: Path | None = None) -> None:
    message = f"error: {exc}"
    if isinstance(exc, ScenarioError) and scenario is not None and Path(exc.file).resolve() != scenario.resolve():
        message += f"\n  (a data file named in {scenario})"  # the CSV is at fault; say which scenario points to it
    typer.echo(message, err=True)
    raise typer.Exit(exc.exit_code)


def _write_error(exc: OSError, consequence: str) -> DecarbError:
    """A file system failure (disk full, no permission, read-only) as one line: where, what, and what it left."""
    where = f"{exc.filename}: " if exc.filename else ""
    return DecarbError(f"file system error: {where}{exc.strerror or exc}; {consequence}")


def _interrupted(exc: KeyboardInterrupt) -> None:
    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    typer.echo("interrupted: nothing was written (earlier results are untouched)", err=True)
    raise typer.Exit(128 + int(signum))


@contextmanager
def _stoppable() -> Iterator[None]:
    """SIGTERM and SIGHUP (a scheduler stopping the job, a closed terminal) unwind like Ctrl-C: the temporary
    folder of a half-written result is removed on the way out. Inside HiGHS the solver is asked to stop instead
    (solve.py). A signal the caller ignores stays ignored (`nohup decarb run ...` survives a closed terminal)."""

    def stop(signum: int, _: object) -> None:
        raise Interrupted(signum)

    with handled((signal.SIGTERM, signal.SIGHUP), stop):
        yield


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
        _fail(exc, scenario)
    typer.echo(describe(sc, bau.pathway))
    for warning in sc.warnings():
        typer.echo(f"warning: {warning}", err=True)
    typer.echo("valid")


@app.command()
def run(
    scenario: ScenarioArg,
    set_: SetOpt = None,
    out: Annotated[Path | None, typer.Option(help="Results folder (default results/<name>/<run-id>).")] = None,
    time_limit: TimeLimitOpt = 600.0,
    gap: GapOpt = 1e-4,
    method: MethodOpt = Method.auto,
    force: Annotated[bool, typer.Option(help="Replace --out if it exists.")] = False,
    quiet: QuietOpt = False,
    validate: Annotated[
        Validate,
        typer.Option(
            help="Re-dispatch the plan on all 8,760 hours of: the target and every fifth year, all years, or none."
        ),
    ] = Validate.targets,
) -> None:
    """Solve a scenario (business as usual, economics-only, plan); check the plan on the full year; write results,
    report.html, roadmap.xlsx."""
    from .present import run_summary
    from .workflow import solve_and_write

    options = SolveOptions(time_limit_s=time_limit, mip_rel_gap=gap, method=method.value)
    try:
        with _stoppable(), _ticker(quiet) as hooks:
            result, folder = solve_and_write(scenario, set_, options, out, force, hooks, validate_years=validate.value)
    except DecarbError as exc:
        _fail(exc, scenario)
    except OSError as exc:
        _fail(_write_error(exc, "nothing was written; earlier results are untouched"))
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    typer.echo(run_summary(result.summary, result.tables["roadmap"], str(folder), result.tables["validation"]))


@contextmanager
def _ticker(quiet: bool) -> Iterator[Hooks]:
    from .progress import Ticker
    from .workflow import Hooks

    with Ticker("starting", enabled=not quiet, live=sys.stderr.isatty()) as ticker:
        yield Hooks(progress=ticker.update, on_stage=ticker.set_label)


@app.command()
def report(
    results_dir: Annotated[Path, typer.Argument(help="A results folder written by `decarb run`.")],
    dispatch_year: Annotated[int | None, typer.Option(help="Year of the hourly dispatch chart.")] = None,
) -> None:
    """Rebuild report.html and roadmap.xlsx from a results folder, without solving again."""
    from .report import build_reports, load_run

    try:
        build_reports(load_run(results_dir), dispatch_year)
    except DecarbError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(_write_error(exc, "the earlier reports are kept as they were"))
    typer.echo(f"written: {results_dir / 'report.html'}\nwritten: {results_dir / 'roadmap.xlsx'}")


@app.command()
def compare(
    inputs: Annotated[list[Path], typer.Argument(help="Scenario files or results folders (two or more).")],
    out: Annotated[Path | None, typer.Option(help="Comparison folder (default results/compare/<id>).")] = None,
    time_limit: TimeLimitOpt = 600.0,
    gap: GapOpt = 1e-4,
    method: MethodOpt = Method.auto,
    force: Annotated[bool, typer.Option(help="Replace --out if it exists.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Compare runs side by side; scenario files without results are solved first."""
    from .report import load_run
    from .report.compare import write_comparison
    from .workflow import comparison_inputs

    if len(inputs) < 2:
        _fail(DecarbError("compare needs at least two scenario files or results folders"))
    options = SolveOptions(time_limit_s=time_limit, mip_rel_gap=gap, method=method.value)
    try:
        with _stoppable():
            with _ticker(quiet) as hooks:
                runs = [load_run(p) for p in comparison_inputs(inputs, options, hooks)]
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            target = out or Path("results") / "compare" / f"{stamp}-{'-vs-'.join(r.name for r in runs)}"[:120]
            folder = write_comparison(runs, target, force, numbered=out is None)
    except DecarbError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(_write_error(exc, "nothing was written"))
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    typer.echo(f"compared {len(runs)} runs: {', '.join(r.name for r in runs)}\nwritten: {folder / 'compare.html'}")


@app.command()
def inventory(
    scenario: ScenarioArg,
    set_: SetOpt = None,
    out: Annotated[Path | None, typer.Option(help="CSV file (default results/<name>/inventory-<year>.csv).")] = None,
    force: Annotated[bool, typer.Option(help="Replace --out if it exists.")] = False,
) -> None:
    """Print and write the base-year carbon inventory by site, scope, source and gas (GB/T 32150). An earlier
    inventory is never overwritten: the default name gets -2, -3; an existing --out needs --force."""
    from .inventory import base_year_inventory
    from .present import inventory_text

    try:
        sc = load_scenario(scenario, set_)
        inv = base_year_inventory(sc)
    except DecarbError as exc:
        _fail(exc, scenario)
    target = out or Path("results") / sc.name / f"inventory-{sc.base_year}.csv"
    try:
        target = write_new_csv(inv.rows, target, numbered=out is None, force=force)
    except DecarbError as exc:
        _fail(exc, scenario)
    except OSError as exc:
        _fail(_write_error(exc, "nothing was written"))
    typer.echo(inventory_text(inv))
    typer.echo(f"written: {target}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of scenario files (for editors)."""
    typer.echo(json.dumps(Scenario.model_json_schema(), indent=2))


def main() -> None:
    app()
