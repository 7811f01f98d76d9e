"""A time budget for one document's pass through one stage.

Every bound on input size keeps ordinary costs in check; this one catches what they
miss (a pathological page for some regular expression, a stage bug that loops).
Inside the budget the work is interrupted when the time is up (a real-time timer
signal, on the main thread of a process, where Unix allows it). Elsewhere (a worker
thread, Windows) the work runs to its end and is then judged by the time it took,
so the outcome is the same drop, only later. The error names the bound it hit.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_REPEAT = 0.25  # seconds between alarms once the budget is spent


class BudgetExceeded(Exception):
    """One document took longer than its budget in one stage: it is dropped, the run goes on."""

    def __init__(self, stage: str, seconds: float) -> None:
        super().__init__(
            f"{stage} took longer than {seconds:g} s on this document (document_seconds)"
        )
        self.stage = stage
        self.seconds = seconds


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(stage: str, seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded when the block runs longer than `seconds` (None: no budget)."""
    if seconds is None or seconds <= 0:
        yield
        return
    if not _can_interrupt() or signal.getitimer(signal.ITIMER_REAL)[0] > 0:
        # No timer of our own here (or one already running, which is not ours to take).
        started = time.monotonic()
        yield
        if time.monotonic() - started > seconds:
            raise BudgetExceeded(stage, seconds)
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(stage, seconds)

    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, on_alarm)
    # The alarm repeats: stage code that catches every Exception (a parser wrapper, say)
    # may swallow one, never all of them.
    signal.setitimer(signal.ITIMER_REAL, seconds, _REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    if time.monotonic() - started > seconds:
        raise BudgetExceeded(stage, seconds)  # it ran over, with every alarm swallowed


__all__ = ["BudgetExceeded", "time_budget"]
