"""Runs started together never take each other's folder: ids cannot collide, the writer never replaces what it
did not mean to, and --force never destroys a concurrent run's results (issue 11)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from helpers import solve_raw, tiny

from optimiser.errors import DecarbError
from optimiser.results.write import atomic_folder, write_results

GAPS = [0.001 * (k + 1) for k in range(8)]  # each run's own option, to find it again in its manifest


@pytest.mark.slow  # eight processes on two cores: ~1 min
def test_eight_runs_of_one_scenario_at_once_give_eight_complete_distinct_folders(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.yaml"
    scenario.write_text(yaml.safe_dump(tiny()))
    procs = []
    for k, gap in enumerate(GAPS):
        validate = "none" if k % 2 else "targets"  # mixed options: half check the full year, half do not
        cmd = [sys.executable, "-m", "optimiser", "run", str(scenario), "--gap", str(gap), "--validate", validate]
        procs.append(subprocess.Popen(cmd, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    folders = {}
    for gap, proc in zip(GAPS, procs, strict=True):
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err
        line = next(ln for ln in out.splitlines() if ln.strip().startswith("results: "))
        folders[gap] = tmp_path / line.split("results: ", 1)[1].strip()
    assert len(set(folders.values())) == 8  # distinct, however many started in the same second
    made = sorted(p for p in (tmp_path / "results" / "tiny").iterdir())
    assert [p.name for p in made] == sorted(p.name for p in folders.values())  # no hidden temporary left
    for gap, folder in folders.items():
        manifest = json.loads((folder / "manifest.json").read_text())
        assert manifest["options"]["mip_rel_gap"] == gap  # each folder holds the run that says it wrote it
        for name in ("summary.json", "roadmap.csv", "dispatch.csv", "report.html", "roadmap.xlsx"):
            assert (folder / name).stat().st_size > 0, (folder, name)


def _fill_with(text: str):
    def fill(tmp: Path) -> None:
        (tmp / "manifest.json").write_text(text)

    return fill


def test_a_name_taken_while_writing_is_numbered_or_kept_beside_it(tmp_path: Path) -> None:
    target = tmp_path / "run"

    def other_run_finishes_first(tmp: Path) -> None:  # another run claims the name while this one writes
        _fill_with('{"who": "this"}')(tmp)
        target.mkdir()
        (target / "manifest.json").write_text('{"who": "other"}')

    # a default run id: the second run takes the next number, both folders intact
    got = atomic_folder(target, other_run_finishes_first, numbered=True)
    assert got == tmp_path / "run-2"
    assert json.loads((target / "manifest.json").read_text()) == {"who": "other"}
    assert json.loads((got / "manifest.json").read_text()) == {"who": "this"}
    # an explicit --out: the solved results are kept beside it, and the run says where (an error: not where asked)
    target2 = tmp_path / "out"

    def other_again(tmp: Path) -> None:
        _fill_with('{"who": "this"}')(tmp)
        target2.mkdir()
        (target2 / "manifest.json").write_text('{"who": "other"}')

    with pytest.raises(DecarbError, match=r"kept in .*out-2"):
        atomic_folder(target2, other_again)
    assert json.loads((tmp_path / "out-2" / "manifest.json").read_text()) == {"who": "this"}
    assert json.loads((target2 / "manifest.json").read_text()) == {"who": "other"}
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_force_replaces_only_earlier_decarb_results(tmp_path: Path) -> None:
    earlier = tmp_path / "earlier"
    earlier.mkdir()
    (earlier / "manifest.json").write_text('{"who": "earlier"}')
    started = time.time() + 1.0  # this run started after the folder was last written: it may replace it
    atomic_folder(earlier, _fill_with('{"who": "new"}'), force=True, started=started)
    assert json.loads((earlier / "manifest.json").read_text()) == {"who": "new"}
    # a folder written after this run started is a concurrent run's: kept
    with pytest.raises(DecarbError, match="after this one started"):
        atomic_folder(earlier, _fill_with('{"who": "late"}'), force=True, started=time.time() - 60)
    assert json.loads((earlier / "manifest.json").read_text()) == {"who": "new"}
    # not a results folder at all (someone's documents): never replaced
    docs = tmp_path / "documents"
    docs.mkdir()
    (docs / "thesis.txt").write_text("years of work")
    with pytest.raises(DecarbError, match="not a decarb results folder"):
        atomic_folder(docs, _fill_with("{}"), force=True, started=time.time() + 1.0)
    assert (docs / "thesis.txt").read_text() == "years of work"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_results_follow_the_user_s_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        folder = write_results(solve_raw(tiny()), tmp_path / "run", {})
    finally:
        os.umask(previous)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o750  # 0o777 & ~0o027 (mkdtemp alone would give 0o700)
    assert stat.S_IMODE((folder / "summary.json").stat().st_mode) == 0o640


def test_a_stop_while_writing_leaves_no_temporary_and_no_folder(tmp_path: Path) -> None:
    from optimiser.errors import Interrupted

    def stopped_halfway(tmp: Path) -> None:  # what SIGTERM raises in the CLI's handler (cli._stoppable)
        (tmp / "emissions.csv").write_text("half a table")
        raise Interrupted(15)

    with pytest.raises(Interrupted):
        atomic_folder(tmp_path / "run", stopped_halfway)
    assert list(tmp_path.iterdir()) == []
