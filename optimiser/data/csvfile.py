"""Reading the value column of a data file (CSV) safely: any file a user names is parsed or refused with a
ScenarioError naming the file and the scenario field, never misread, never hung on, never a traceback.

Rules (see docs/modelling.md, "Hourly data files"):
- only a regular file is opened (a FIFO, a device or a directory is refused; opened non-blocking, then checked
  with fstat, so a FIFO never blocks); at most MAX_BYTES, checked before reading;
- an Excel workbook (zip or OLE signature, or .xlsx/.xls name) is refused: save the sheet as CSV;
- text in UTF-8 (with or without BOM), UTF-16 (BOM, or NUL-byte pattern) or GB18030 (GBK); anything else, or text
  with control characters, is binary and refused;
- separator ';' if any line has one, else tab, else ','; the values are the last column;
- decimal commas ('1,25') are read where they cannot be a separator: in a ';' or tab separated file, or in a
  one-column file whose lines are all one number with one comma (no header of two columns, no counter in front);
  a thousands separator, or dots and commas mixed, is refused;
- a first line whose value is a number is data (a headerless series), otherwise it is the header.
"""

from __future__ import annotations

import csv
import itertools
import os
import re
import stat
from pathlib import Path

import numpy as np

from ..errors import ScenarioError

MAX_BYTES = 50 * 1024 * 1024  # a year of quarter-hours with time stamps is under 2 MB
MAX_LINES = 100_000  # more than any accepted length (35,136) with room for a header and blank lines
NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
DECIMAL_COMMA = re.compile(r"[+-]?\d+,\d+")
SPECIAL = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)
EXCEL_HINT = "this is an Excel workbook; save the sheet as CSV (File > Save As > CSV UTF-8) and name the .csv file"


def read_value_column(path: str, field: str) -> tuple[np.ndarray, list[str]]:
    """(values, cells) of the last column, one per data row; a value is NaN where its cell is not a number."""
    text = _decode(_read_bytes(path, field), path, field)
    if text.count("\n") > MAX_LINES:  # before splitting: a file of 50 MB of newlines would take gigabytes
        raise ScenarioError(path, field, f"expected 8760 hourly rows, found {text.count(chr(10)):,} lines")
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()  # blank lines at the end are not rows
    if not lines:
        raise ScenarioError(path, field, "the file is empty; expected a column of 8760 hourly values")
    if len(lines) > MAX_LINES:
        raise ScenarioError(path, field, f"expected 8760 hourly rows, found {len(lines):,} lines")
    rows = _rows(lines, path, field)
    header = _cell(rows[0][-1]) if rows[0] else ""
    if NUMBER.fullmatch(header) is None:
        rows = rows[1:]
        if not rows:
            raise ScenarioError(path, field, f"only a header line ({lines[0].strip()[:60]!r}), no values")
    width = len(rows[0])
    if len(rows) == 1 and width > 24:
        raise ScenarioError(path, field, f"found one row of {width} values; put the values in one column, one a row")
    for i, row in enumerate(rows):
        if len(row) != width and any(c.strip() for c in row):  # a blank line is a gap, reported later
            raise ScenarioError(path, field, f"data row {i + 1} has {len(row)} columns, data row 1 has {width}")
    cells = [_cell(row[-1]) if row else "" for row in rows]
    values = np.array([float(c) if NUMBER.fullmatch(c) else np.nan for c in cells], dtype=float)
    return values, cells


def _read_bytes(path: str, field: str) -> bytes:
    p = Path(path)
    try:  # stat before opening (opening a FIFO blocks, a socket fails), fstat after (it may have been swapped)
        _check_kind(os.stat(p), path, field)
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ScenarioError(path, field, "data file not found") from None
    except IsADirectoryError:
        raise ScenarioError(path, field, "this is a directory, not a CSV file") from None
    except OSError as exc:
        raise ScenarioError(path, field, f"cannot read CSV: {exc.strerror or exc}") from None
    except ValueError:  # a NUL character in the name
        raise ScenarioError(path, field, "not a valid file name") from None
    try:
        _check_kind(os.fstat(fd), path, field)
    except BaseException:
        os.close(fd)
        raise
    with os.fdopen(fd, "rb") as f:
        if os.name == "posix":
            os.set_blocking(fd, True)
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as exc:
            raise ScenarioError(path, field, f"cannot read CSV: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:  # grew while being read
        raise ScenarioError(path, field, f"file too large: more than {MAX_BYTES // 2**20} MB")
    if not data:
        raise ScenarioError(path, field, "the file is empty; expected a column of 8760 hourly values")
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") or p.suffix.lower() in (".xls", ".xlsx", ".xlsm", ".xlsb"):
        raise ScenarioError(path, field, EXCEL_HINT)
    if data.startswith(b"PK\x03\x04"):
        if b"xl/" in data[:65536] or b"[Content_Types]" in data[:65536]:
            raise ScenarioError(path, field, EXCEL_HINT)
        raise ScenarioError(path, field, "this is a zip archive, not a CSV; unpack it and name the CSV file")
    return data


def _check_kind(info: os.stat_result, path: str, field: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ScenarioError(path, field, "this is a directory, not a CSV file")
    if not stat.S_ISREG(info.st_mode):
        kind = next((k for test, k in SPECIAL if test(info.st_mode)), "a special file")
        raise ScenarioError(path, field, f"not a regular file: {kind}; name a CSV file")
    if info.st_size > MAX_BYTES:
        raise ScenarioError(
            path,
            field,
            f"file too large: {info.st_size / 1e6:,.1f} MB, data files are limited to {MAX_BYTES // 2**20} MB "
            "(a year of hourly values takes well under 1 MB)",
        )


def _decode(data: bytes, path: str, field: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        order = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = ["utf-16"]
    else:
        order = ["utf-8", "gb18030"]
        even, odd = data[0:4096:2].count(0), data[1:4096:2].count(0)  # ASCII text in UTF-16: every other byte NUL
        if len(data) % 2 == 0 and max(even, odd) > 0.4 * len(data[:4096]) / 2:
            order = ["utf-16-le" if odd > even else "utf-16-be"]
    for encoding in order:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        bad = next((i for i, ch in enumerate(text) if (ord(ch) < 32 and ch not in "\t\r\n") or ch == "\x7f"), None)
        if bad is None:
            return text.removeprefix("\ufeff")
        line = text.count("\n", 0, bad) + 1
        raise ScenarioError(
            path,
            field,
            f"cannot read CSV: binary data, not text (control character {ord(text[bad]):#04x} on line {line})",
        )
    raise ScenarioError(path, field, "cannot read CSV: not text in UTF-8, UTF-16 or GB18030 (binary data?)")


def _rows(lines: list[str], path: str, field: str) -> list[list[str]]:
    """Split lines into cells; decimal commas become points where they cannot be separators."""
    sample = lines[:200]
    sep = ";" if any(";" in ln for ln in sample) else "\t" if any("\t" in ln for ln in sample) else ","
    if sep == "," and _one_column_of_decimal_commas(lines, path, field):
        return [[ln.strip().replace(",", ".")] if ln.strip() else [] for ln in lines]
    try:
        rows = list(csv.reader(lines, delimiter=sep))
    except csv.Error as exc:
        raise ScenarioError(path, field, f"cannot read CSV: {exc}") from None
    head = _cell(rows[0][-1]) if rows[0] else ""
    start = 0 if NUMBER.fullmatch(head) or DECIMAL_COMMA.fullmatch(head) else 1  # a header may hold commas
    hint = ": decimal commas with ',' as separator? Save with ';' as separator or '.' as decimal mark"
    if start == 1 and len(rows) > 1:
        wide = next((i for i, r in enumerate(rows[1:]) if len(r) > len(rows[0])), None)
        if wide is not None:
            raise ScenarioError(
                path,
                field,
                f"the header has {_columns(len(rows[0]))} but data row {wide + 1} has {len(rows[wide + 1])} "
                f"({lines[wide + 1].strip()[:40]!r}){hint if sep == ',' else ''}",
            )
    elif sep == "," and all(len(r) >= 3 and r[-1].isdigit() and r[-2].strip().isdigit() for r in rows if r):
        raise ScenarioError(  # '2023-01-01 00:00,0,52': a value of 0.52, or two columns of whole numbers?
            path, field, f"ambiguous: rows like {lines[0].strip()[:40]!r} without a header{hint}"
        )
    column = [_cell(r[-1]) for r in rows[start:] if r]
    commas = [c for c in column if "," in c]  # in a ','-separated file only a quoted cell can hold one
    if not commas:
        return rows
    odd = next((c for c in commas if not DECIMAL_COMMA.fullmatch(c)), None)
    if odd is not None:
        raise ScenarioError(path, field, f"found {odd!r}: thousands separators are not read; save numbers without them")
    dotted = next((c for c in column if "." in c), None)
    if dotted is not None:
        raise ScenarioError(
            path, field, f"decimal marks mixed: found {commas[0]!r} and {dotted!r}; use one decimal mark throughout"
        )
    for r in rows[start:]:
        if r:
            r[-1] = r[-1].replace(",", ".")
    return rows


def _one_column_of_decimal_commas(lines: list[str], path: str, field: str) -> bool:
    """A ','-separated file whose every data line is one number with one comma ('1,25'): a one-column series
    with decimal commas, unless a two-column header, a counter in front or three digits after every comma
    (thousands: '1,250') make it ambiguous, which is refused."""
    first = lines[0].strip()
    has_header = "," not in first and NUMBER.fullmatch(first) is None
    data = [ln.strip() for ln in lines[1 if has_header else 0 :] if ln.strip()]
    if not data or not all(DECIMAL_COMMA.fullmatch(c) or NUMBER.fullmatch(c) for c in data):
        return False
    with_comma = [c for c in data if "," in c]
    if not with_comma or any("." in c for c in data):
        return False
    fronts = [int(c.split(",")[0]) for c in with_comma]
    steps = {b - a for a, b in itertools.pairwise(fronts)}
    counter = steps == {1} or (len(steps) > 1 and min(steps) >= 0)  # an hour counter, or a month or a day
    thousands = all(len(c.split(",")[1]) == 3 for c in with_comma)
    if counter or thousands:
        example = with_comma[0]
        raise ScenarioError(
            path,
            field,
            f"ambiguous: every line is like {example!r}, a decimal comma or "
            f"{'a counter and a value' if counter else 'a thousands separator'}; "
            "save with ';' as separator and a header, or with '.' as decimal mark",
        )
    return True


def _columns(n: int) -> str:
    return "one column" if n == 1 else f"{n} columns"


def _cell(text: str) -> str:
    return text.strip().strip('"').strip()
