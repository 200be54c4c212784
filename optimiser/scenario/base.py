"""Shared pydantic base: unknown keys are rejected, every field documents its unit, and no number that could
hurt the model gets in.

Every field of every scenario model that takes numbers (alone, in a year map, list or mapping) is checked
before pydantic converts it (`Strict._numbers`), so new fields are covered without thinking of it:
- booleans are refused where numbers belong (pydantic would read `true` as 1.0);
- non-finite values are refused: `.inf`, `-.inf`, `.nan`, and strings such as "inf" or "nan" that pydantic
  would convert;
- magnitudes beyond `MAX_MAGNITUDE` are refused (1e308 MWh once crashed HiGHS); no quantity of a factory's
  scenario (MWh, t, currency, kW, m2) comes near it.
"""

from __future__ import annotations

import functools
import math
import types
import typing
from typing import Annotated, Any, Literal, cast

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

MAX_MAGNITUDE = 1e12


# ids become table cells, file names and keys: a letter, digit or underscore first, so that no spreadsheet reads a
# cell as a formula (=, +, -, @) and no name is hidden or relative (., ..)
ID_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_default=True)

    @field_validator("*", mode="before")
    @classmethod
    def _numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        kinds = _kinds(cast(Any, cls.model_fields[info.field_name].annotation))
        if "number" in kinds and "model" not in kinds:  # a nested model checks its own fields
            problem = _number_problem(value, allow_bool="bool" in kinds)
            if problem:  # the loader adds `at` to the field's path
                raise PydanticCustomError("number", "{problem}", {"problem": problem[1], "at": problem[0]})
        return value


@functools.cache
def _kinds(annotation: Any) -> frozenset[str]:
    """What an annotation admits, coarsely: 'number', 'bool', 'model' (a nested scenario model)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _kinds(typing.get_args(annotation)[0])
    if origin is Literal:
        return frozenset()
    if annotation is bool:
        return frozenset({"bool"})
    if annotation in (int, float):
        return frozenset({"number"})
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return frozenset({"model"})
    if origin is not None or isinstance(annotation, types.UnionType):
        return frozenset().union(*(_kinds(a) for a in typing.get_args(annotation)))
    return frozenset()


Problem = tuple[tuple[Any, ...], str]  # (path below the field, message)


def _number_problem(value: Any, allow_bool: bool, where: tuple[Any, ...] = (), text: bool = True) -> Problem | None:
    """Why `value` (or a key or item inside it, at the path returned) is no usable number, or None; `text`: read
    strings as numbers (not for mapping keys, which may be names such as a fuel's)."""
    if isinstance(value, bool):
        if allow_bool:
            return None
        word = str(value).lower()
        return where, f"expected a number, found {word}: a yes/no value (YAML also reads yes, no, on, off as such)"
    if isinstance(value, dict):
        for key, item in value.items():
            at = (*where, str(key))  # a name, never a list index: 'annual_mwh.2030'
            problem = _number_problem(key, allow_bool, at, text=False) or _number_problem(item, allow_bool, at)
            if problem:
                return problem
        return None
    if isinstance(value, list | tuple):
        for i, item in enumerate(value):
            problem = _number_problem(item, allow_bool, (*where, i))
            if problem:
                return problem
        return None
    number: float | int
    if isinstance(value, int | float):
        number = value
    elif isinstance(value, str) and text:
        try:
            number = float(value)
        except ValueError:
            return None  # not a number at all: pydantic says what it expected
    else:
        return None
    if isinstance(number, float) and not math.isfinite(number):
        return where, f"expected a finite number, found {value!r}"
    if abs(number) > MAX_MAGNITUDE:
        return where, (
            f"expected a number between -{MAX_MAGNITUDE:g} and {MAX_MAGNITUDE:g} (the plausible range of any "
            f"quantity in a scenario), found {_show(number)}"
        )
    return None


def _show(number: float | int) -> str:
    try:
        return f"{number:g}"
    except OverflowError:  # an int too large for a float
        return f"a number of {len(str(abs(number)))} digits"


Fraction = Annotated[float, Field(ge=0.0, le=1.0)]
Efficiency = Annotated[float, Field(gt=0.0, le=1.0)]
PositiveFloat = Annotated[float, Field(gt=0.0)]
NonNegFloat = Annotated[float, Field(ge=0.0)]
Year = Annotated[int, Field(ge=1990, le=2100)]
