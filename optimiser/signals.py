"""Signal handlers installed for a while: a signal the caller ignores stays ignored (`nohup` keeps SIGHUP away,
a background job of a non-interactive shell has SIGINT ignored)."""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def handled(signals: tuple[signal.Signals, ...], handler: Callable[[int, Any], None]) -> Iterator[None]:
    """`handler` for each of `signals` not ignored by the caller; the previous handlers come back afterwards."""
    wanted = [s for s in signals if signal.getsignal(s) is not signal.SIG_IGN]
    previous = {s: signal.signal(s, handler) for s in wanted}
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)
