"""Errors a user sees. Each carries enough context to fix the input without reading code."""

from __future__ import annotations


class DecarbError(Exception):
    """Base class: the CLI prints these as one clean message and exits with `exit_code`."""

    exit_code = 1


class ScenarioError(DecarbError):
    """Bad input: names the file, the field path, what was expected and what was found."""

    exit_code = 2

    def __init__(self, file: str, field: str, message: str, line: int | None = None) -> None:
        self.file, self.field, self.message, self.line = file, field, message, line
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {field}: {message}" if field else f"{where}: {message}")


class SolveError(DecarbError):
    """The solver found no usable solution (time limit without incumbent, numerical trouble, unbounded)."""

    exit_code = 4


class Interrupted(KeyboardInterrupt):
    """A stop asked for by a signal (SIGINT, SIGTERM, SIGHUP): unwinds like Ctrl-C, so nothing half-written stays;
    the CLI exits with 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


class InfeasibleError(DecarbError):
    """The targets cannot all be met. `diagnosis` (when the elastic re-solve ran) says which, when, by how much."""

    exit_code = 3

    def __init__(self, message: str, diagnosis: object | None = None) -> None:
        super().__init__(message)
        self.diagnosis = diagnosis
