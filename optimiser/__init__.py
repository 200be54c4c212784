"""decarb: least-cost decarbonisation pathways for factories and company groups."""

from .run import RunResult, run_scenario
from .scenario import Scenario, load_scenario
from .solve import SolveOptions

__all__ = ["RunResult", "Scenario", "SolveOptions", "load_scenario", "run_scenario"]
__version__ = "0.1.0"
