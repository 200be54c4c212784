"""A one-line ticker on stderr while a solve runs: elapsed time, and the gap once HiGHS has one."""

from __future__ import annotations

import sys
import threading
import time


class Ticker:
    def __init__(self, label: str, enabled: bool = True) -> None:
        self.label, self.enabled = label, enabled
        self.gap: float | None = None
        self._start = time.perf_counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> Ticker:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        if self.enabled:
            self._thread.join()
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

    def update(self, _elapsed: float, gap: float | None) -> None:
        if gap is not None:
            self.gap = gap

    def set_label(self, label: str) -> None:
        self.label = label

    def _loop(self) -> None:
        while not self._stop.wait(0.5):
            elapsed = time.perf_counter() - self._start
            gap = f", gap {100 * self.gap:.2f} %" if self.gap is not None else ""
            sys.stderr.write(f"\r\033[K{self.label}: {elapsed:6.1f} s{gap}")
            sys.stderr.flush()
