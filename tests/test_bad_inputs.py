"""The catalogue of bad input (tests/bad_inputs/NN-*.yaml): each file holds one kind of mistake and, in its
header, what the message must say. Every one must end with exit code 2 and a message naming the file, the
field path and what was expected and found, on the line YAML gives where it gives one; never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from optimiser.cli import app

CATALOGUE = Path(__file__).parent / "bad_inputs"
CASES = sorted(p for p in CATALOGUE.glob("*.yaml") if re.match(r"\d{2,3}-", p.name))  # 01-60, 101-...
runner = CliRunner()


def expectations(case: Path) -> tuple[list[str], list[int]]:
    """`# expect: text` lines, and `# expect-line: text` turned into the line number of that text."""
    lines = case.read_text(encoding="utf-8").splitlines()
    texts = [ln.removeprefix("# expect: ") for ln in lines if ln.startswith("# expect: ")]
    anchors = [ln.removeprefix("# expect-line: ") for ln in lines if ln.startswith("# expect-line: ")]
    numbers = [next(i for i, ln in enumerate(lines, 1) if a in ln and not ln.startswith("#")) for a in anchors]
    return texts, numbers


def test_the_catalogue_is_complete() -> None:
    assert len(CASES) >= 40
    assert all(expectations(c)[0] for c in CASES), "every case says what its message must contain"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_bad_input_gets_a_clear_error(case: Path) -> None:
    result = runner.invoke(app, ["validate", str(case)])
    message = result.output
    assert result.exit_code == 2, message
    assert "Traceback" not in message and 'File "' not in message
    assert message.startswith("error: ")
    texts, lines = expectations(case)
    assert case.name in message, f"the scenario file is not named: {message}"
    for text in texts:
        assert text in message, f"{text!r} not in {message!r}"
    for n in lines:
        assert f"{case.name}:{n}:" in message or f"(line {n})" in message, f"line {n} not given: {message!r}"
