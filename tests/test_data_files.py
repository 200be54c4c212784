"""Data files of every kind (optimiser/data/csvfile.py, hourly.py): the ones that are read give exactly the values
written, the others are refused with a ScenarioError naming the file and the field, quickly, never a hang.
Special files (FIFO, device, socket) and huge files cannot live in git, so they are made here in tmp_path;
the rest of the refusals are in the bad-input catalogue (tests/bad_inputs/61-80)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from optimiser.cli import app
from optimiser.data import csvfile
from optimiser.data.hourly import read_hourly_csv
from optimiser.errors import ScenarioError

FIELD = "sites[0].electricity.load_profile"
HOURS = 8760
RNG = np.random.default_rng(11)
VALUES = np.round(RNG.uniform(0, 2000, HOURS), 2)  # two decimals: written and read back exactly
BAD_INPUTS = Path(__file__).parent / "bad_inputs"


def within(seconds: float, fn: Callable[[], object]) -> object:
    """Run fn in a thread; fail (instead of hanging the suite) if it takes longer than `seconds`."""
    out: dict[str, object] = {}

    def target() -> None:
        try:
            out["value"] = fn()
        except BaseException as exc:  # handed back to the test
            out["error"] = exc

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still reading after {seconds} s: it hangs"
    if "error" in out:
        raise out["error"]  # type: ignore[misc]
    return out.get("value")


def refused(path: Path | str, *texts: str, seconds: float = 10.0) -> ScenarioError:
    with pytest.raises(ScenarioError) as info:
        within(seconds, lambda: read_hourly_csv(str(path), FIELD))
    err = info.value
    assert err.file == str(path) and err.field == FIELD
    assert str(path) in str(err) and FIELD in str(err)
    for text in texts:
        assert text in err.message, f"{text!r} not in {err.message!r}"
    return err


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def lines(values: np.ndarray, decimal: str = ".") -> list[str]:
    return [f"{v:.2f}".replace(".", decimal) for v in values]


def read(path: Path) -> np.ndarray:
    return within(10.0, lambda: read_hourly_csv(str(path), FIELD))  # type: ignore[return-value]


# --- special files: refused before opening blocks -------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "load.csv"
    os.mkfifo(fifo)
    start = time.monotonic()
    refused(fifo, "not a regular file: a FIFO (named pipe)")
    assert time.monotonic() - start < 5


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_symlink_to_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    link = tmp_path / "load.csv"
    link.symlink_to(fifo)
    refused(link, "not a regular file: a FIFO")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_through_the_cli_exits_2(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    scenario = (BAD_INPUTS / "47-data-wrong-length.yaml").read_text(encoding="utf-8")
    case = tmp_path / "fifo.yaml"
    case.write_text(scenario.replace("data/short.csv", str(fifo)), encoding="utf-8")
    result = within(20.0, lambda: CliRunner().invoke(app, ["validate", str(case)]))
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    assert "pipe.csv" in result.output and FIELD in result.output and "FIFO" in result.output  # type: ignore[attr-defined]


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_devices_are_refused(device: str) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    refused(device, "not a regular file: a device", seconds=5)


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    if len(str(path)) > 100:
        pytest.skip("socket path too long")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))
        refused(path, "not a regular file")


def test_directory_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "load.csv"
    folder.mkdir()
    refused(folder, "this is a directory, not a CSV file")


# --- huge files: refused from the size, before reading -------------------------------------------------------


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:  # sparse: 60 MB on paper, nothing on disk
        f.truncate(60 * 1024 * 1024)
    start = time.monotonic()
    refused(path, "file too large: 62.9 MB, data files are limited to 50 MB")
    assert time.monotonic() - start < 1


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "limit.csv"
    with open(path, "wb") as f:
        f.truncate(csvfile.MAX_BYTES + 1)
    refused(path, "file too large")


def test_size_limit_applies_to_small_limits(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(csvfile, "MAX_BYTES", 1000)
    path = write(tmp_path, "load.csv", "kw\n" + "\n".join(lines(VALUES)) + "\n")
    refused(path, "data files are limited to")


def test_millions_of_lines_are_refused_by_count(tmp_path: Path) -> None:
    path = write(tmp_path, "lines.csv", "kw\n" + "1\n" * 2_000_000)
    refused(path, "expected 8760 hourly rows, found 2,000,001 lines")


# --- headerless series --------------------------------------------------------------------------------------


def test_headerless_column_keeps_its_first_value(tmp_path: Path) -> None:
    path = write(tmp_path, "load.csv", "\n".join(lines(VALUES)) + "\n")
    np.testing.assert_array_equal(read(path), VALUES)


def test_headerless_index_and_value(tmp_path: Path) -> None:
    text = "".join(f"2023-01-01 {h % 24:02d}:00,{v}\n" for h, v in zip(range(HOURS), lines(VALUES), strict=True))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text)), VALUES)


def test_headerless_integers_and_exponents(tmp_path: Path) -> None:
    values = np.arange(HOURS, dtype=float) % 7
    text = "0\n" + "".join(f"{v:.0e}\n" if h % 2 else f"{int(v)}\n" for h, v in enumerate(values[1:], 1))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text)), values)


def test_header_is_still_a_header(tmp_path: Path) -> None:
    path = write(tmp_path, "load.csv", "kw\n" + "\n".join(lines(VALUES)) + "\n\n\n")  # blank lines at the end
    np.testing.assert_array_equal(read(path), VALUES)


# --- semicolons and decimal commas ----------------------------------------------------------------------------


def test_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    rows = "".join(f"01.01.2023 {h % 24:02d}:00;{v}\n" for h, v in enumerate(lines(VALUES, ",")))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", "Zeit;Last (kW)\n" + rows)), VALUES)


def test_one_column_of_decimal_commas(tmp_path: Path) -> None:
    path = write(tmp_path, "load.csv", "Last\n" + "\n".join(lines(VALUES, ",")) + "\n")
    np.testing.assert_array_equal(read(path), VALUES)


def test_headerless_semicolon_rows(tmp_path: Path) -> None:
    text = "".join(f"{h};{v}\n" for h, v in enumerate(lines(VALUES, ",")))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text)), VALUES)


def test_tabs_and_decimal_commas(tmp_path: Path) -> None:
    text = "Stunde\tLast\n" + "".join(f"{h}\t{v}\n" for h, v in enumerate(lines(VALUES, ",")))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text)), VALUES)


def test_quoted_decimal_commas_in_a_comma_file(tmp_path: Path) -> None:
    text = "time,kw\n" + "".join(f'{h},"{v}"\n' for h, v in enumerate(lines(VALUES, ",")))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text)), VALUES)


# --- encodings ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8-sig", "utf-8"])
def test_chinese_headers(tmp_path: Path, encoding: str) -> None:
    text = "时间,负荷(kW)\n" + "".join(f"{h},{v}\n" for h, v in enumerate(lines(VALUES)))
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text, encoding)), VALUES)


def test_gbk_header_with_decimal_commas(tmp_path: Path) -> None:
    text = "负荷\n" + "\n".join(lines(VALUES, ",")) + "\n"
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text, "gbk")), VALUES)


def test_bom_before_a_headerless_series(tmp_path: Path) -> None:
    path = write(tmp_path, "load.csv", "\n".join(lines(VALUES)) + "\n", "utf-8-sig")
    np.testing.assert_array_equal(read(path), VALUES)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le-bom", "utf-16-be-bom", "utf-16-le"])
def test_utf16(tmp_path: Path, encoding: str) -> None:
    text = "负荷\r\n" + "\r\n".join(lines(VALUES)) + "\r\n"
    if encoding.endswith("-bom"):
        codec = encoding.removesuffix("-bom")
        data = ("\ufeff" + text).encode(codec)
        assert data[:2] in (b"\xff\xfe", b"\xfe\xff")
    else:
        data = text.encode(encoding)  # "utf-16": BOM and native order; "utf-16-le": no BOM at all
    path = tmp_path / "load.csv"
    path.write_bytes(data)
    np.testing.assert_array_equal(read(path), VALUES)


# --- 15-minute and leap-year series ---------------------------------------------------------------------------

QUARTERS = np.round(RNG.uniform(0, 2000, 4 * HOURS), 2)


def test_quarter_hours_are_averaged(tmp_path: Path) -> None:
    path = write(tmp_path, "load.csv", "kw\n" + "\n".join(lines(QUARTERS)) + "\n")
    np.testing.assert_allclose(read(path), QUARTERS.reshape(HOURS, 4).mean(axis=1), rtol=0, atol=1e-9)


def test_quarter_hours_with_time_stamps_and_decimal_commas(tmp_path: Path) -> None:
    rows = "".join(f"{q // 4};{15 * (q % 4)};{v}\n" for q, v in enumerate(lines(QUARTERS, ",")))
    path = write(tmp_path, "load.csv", "Stunde;Minute;Leistung\n" + rows)
    np.testing.assert_allclose(read(path), QUARTERS.reshape(HOURS, 4).mean(axis=1), rtol=0, atol=1e-9)


def test_quarter_hours_of_a_leap_year(tmp_path: Path) -> None:
    leap = np.round(RNG.uniform(0, 2000, 4 * (HOURS + 24)), 2)
    hourly = leap.reshape(-1, 4).mean(axis=1)
    expected = np.concatenate([hourly[: 59 * 24], hourly[60 * 24 :]])
    path = write(tmp_path, "load.csv", "kw\n" + "\n".join(lines(leap)) + "\n")
    np.testing.assert_allclose(read(path), expected, rtol=0, atol=1e-9)


def test_leap_year_drops_29_february(tmp_path: Path) -> None:
    leap = np.arange(HOURS + 24, dtype=float)  # the value is the hour of the leap year
    got = read(write(tmp_path, "load.csv", "kw\n" + "\n".join(f"{v:.0f}" for v in leap) + "\n"))
    assert got.shape == (HOURS,)
    np.testing.assert_array_equal(got[: 59 * 24], leap[: 59 * 24])  # up to 28 February
    assert got[59 * 24] == 60 * 24  # 1 March 00:00 follows 28 February 23:00
    np.testing.assert_array_equal(got[59 * 24 :], leap[60 * 24 :])


def test_leap_year_headerless_with_time_stamps(tmp_path: Path) -> None:
    leap = np.round(RNG.uniform(0, 9, HOURS + 24), 2)
    text = "".join(f"2024-h{h},{v}\n" for h, v in enumerate(lines(leap)))
    expected = np.delete(leap, np.s_[59 * 24 : 60 * 24])
    np.testing.assert_array_equal(read(write(tmp_path, "load.csv", text)), expected)


@pytest.mark.parametrize("count", [8759, 8761, 17520, 35039, 35137])
def test_other_lengths_name_the_count_and_the_accepted_ones(tmp_path: Path, count: int) -> None:
    path = write(tmp_path, "load.csv", "kw\n" + "1\n" * count)
    refused(path, f"found {count}; accepted: 8760 or 8784 hourly", "35040 or 35136")


# --- the rest, beside the catalogue ---------------------------------------------------------------------------


def test_binary_garbage_empty_and_header_only(tmp_path: Path) -> None:
    refused(tmp_path / "missing.csv", "data file not found")
    path = tmp_path / "garbage.csv"
    path.write_bytes(np.random.default_rng(3).bytes(5000))
    refused(path, "cannot read CSV")
    refused(write(tmp_path, "empty.csv", ""), "the file is empty")
    refused(write(tmp_path, "header.csv", "时间,负荷\n", "gbk"), "only a header line ('时间,负荷'), no values")


def test_excel_by_name_or_signature(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.append(["kw"])
    book.save(tmp_path / "load.xlsx")
    refused(tmp_path / "load.xlsx", "this is an Excel workbook; save the sheet as CSV")
    (tmp_path / "load.csv").write_bytes((tmp_path / "load.xlsx").read_bytes())
    refused(tmp_path / "load.csv", "this is an Excel workbook; save the sheet as CSV")
