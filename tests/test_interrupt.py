"""Nothing is lost: a run killed while it solves (SIGINT, SIGTERM, SIGHUP, SIGKILL) leaves no results folder, partial or
hidden, and the earlier results beside it stay byte for byte as they were."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from helpers import solve_raw, tiny

sys.path.insert(0, str(ROOT / "benchmarks"))
from bench import scenario as generated


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def start_run(scenario: Path, out: Path, ignored: signal.Signals | None = None) -> tuple[subprocess.Popen, list[str]]:
    """A run in a child process whose signals are as in a terminal (a background job of a non-interactive shell,
    as CI may be, inherits SIGINT ignored); `ignored` is a signal the child starts with ignored (nohup)."""

    def dispositions() -> None:
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(s, signal.SIG_IGN if s == ignored else signal.SIG_DFL)

    proc = subprocess.Popen(
        [sys.executable, "-m", "optimiser", "run", str(scenario), "--out", str(out)],
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        preexec_fn=dispositions,
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(proc.stderr.readline, "")), daemon=True).start()
    return proc, lines


def wait_for(lines: list[str], text: str, timeout_s: float = 120.0) -> None:
    end = time.monotonic() + timeout_s
    while not any(text in ln for ln in lines):
        assert time.monotonic() < end, f"never saw {text!r}: {lines}"
        time.sleep(0.1)


@pytest.fixture()
def workspace(tmp_path: Path, shipped_folders: dict) -> tuple[Path, Path, dict[str, str]]:
    scenario = tmp_path / "slow.yaml"
    scenario.write_text(yaml.safe_dump(generated(1, 36)))
    results = tmp_path / "results"
    earlier = results / "earlier-run"
    shutil.copytree(shipped_folders["hefei-equipment-rooftop"], earlier)
    return scenario, results, digest(earlier)


@pytest.mark.slow  # the earlier results beside it are a shipped scenario's folder (session fixture)
@pytest.mark.parametrize(
    "sig",
    [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGKILL],
    ids=["SIGINT", "SIGTERM", "SIGHUP", "SIGKILL"],
)
def test_killed_while_solving_leaves_nothing_and_keeps_earlier_results(workspace, sig: signal.Signals) -> None:
    scenario, results, before = workspace
    proc, lines = start_run(scenario, results / "new-run")
    wait_for(lines, "solving economics-only plan")
    time.sleep(1.0)  # inside HiGHS by now
    sent = time.monotonic()
    proc.send_signal(sig)
    code = proc.wait(timeout=60)
    stopped_after = time.monotonic() - sent
    if sig != signal.SIGKILL:  # a scheduler's SIGTERM and a closed terminal's SIGHUP stop as cleanly as Ctrl-C
        assert code == 128 + sig, lines
        assert any("interrupted: nothing was written" in ln for ln in lines)
        assert stopped_after < 10.0  # HiGHS is asked to stop; it does not finish the solve first
    else:
        assert code == -signal.SIGKILL
    assert sorted(p.name for p in results.iterdir()) == ["earlier-run"]  # no new folder, no hidden temporary
    assert digest(results / "earlier-run") == before


@pytest.mark.slow  # the earlier results beside it are a shipped scenario's folder (session fixture)
def test_a_run_started_with_sighup_ignored_survives_a_closed_terminal(workspace) -> None:
    scenario, results, before = workspace
    proc, lines = start_run(scenario, results / "new-run", ignored=signal.SIGHUP)  # what `nohup` does
    wait_for(lines, "solving economics-only plan")
    time.sleep(1.0)
    proc.send_signal(signal.SIGHUP)
    assert proc.wait(timeout=600) == 0, lines
    assert (results / "new-run" / "summary.json").exists() and digest(results / "earlier-run") == before


def test_a_killed_writer_s_temporary_folder_is_cleared_by_the_next_run(tmp_path: Path) -> None:
    from optimiser.results.write import write_results

    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".x.tmp-{dead.pid}-abcd"
    stale.mkdir()
    (stale / "emissions.csv").write_text("half a table")
    alive = tmp_path / f".y.tmp-{os.getpid()}-abcd"
    alive.mkdir()
    write_results(solve_raw(tiny()), tmp_path / "fresh", {})  # any run will do: the writer is under test
    assert not stale.exists()
    assert alive.exists()  # this very process is alive: its temporary folder is not touched
    assert (tmp_path / "fresh" / "summary.json").exists()
