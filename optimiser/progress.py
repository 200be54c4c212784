"""Show that a run is working: on a terminal, a one-line ticker (stage, elapsed time, and the gap once HiGHS
has one); elsewhere (logs, CI), one line per stage with its start time, so nothing is overwritten."""

from __future__ import annotations

import sys
import threading
import time


class Ticker:
    def __init__(self, label: str, enabled: bool = True, live: bool = True) -> None:
        self.label, self.enabled, self.live = label, enabled, live
        self.gap: float | None = None
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Ticker:
        if self.enabled and self.live:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self.enabled and self.live:
            self._thread.join()
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def update(self, _elapsed: float, gap: float | None) -> None:
        if gap is not None:
            self.gap = gap

    def set_label(self, label: str) -> None:
        self.label, self.gap = label, None
        if self.enabled and not self.live:
            sys.stderr.write(f"[{self.elapsed():7.1f} s] {label}\n")
            sys.stderr.flush()

    def elapsed(self) -> float:
        return time.perf_counter() - self._start

    def line(self) -> str:
        gap = f", gap {100 * self.gap:.2f} %" if self.gap is not None else ""
        return f"{self.label}: {self.elapsed():6.1f} s{gap}"

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            sys.stderr.write(f"\r\033[K{self.line()}")
            sys.stderr.flush()
