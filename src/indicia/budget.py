"""A time budget for one document's pass through one stage.

Every bound on input size keeps ordinary costs in check; this one catches what they
miss (a pathological page for some regular expression, a stage bug that loops).
The budget is CPU time, so whether a document is dropped does not depend on how
loaded the machine is; a wall-clock backstop of `WALL_FACTOR` times the budget ends
work that waits without computing (a stage stuck on a lock or a pipe).

Inside the budget the work is interrupted when the time is up (CPU and real-time
timer signals, on the main thread of a process, where Unix allows it). Elsewhere (a
worker thread, Windows) the work runs to its end and is then judged by the CPU time
its thread took and the time it ran, so the outcome is the same drop, only later.
The error names the bound it hit.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_REPEAT = 0.25  # seconds between alarms once the budget is spent
# Work that has run this many times its CPU budget, however little CPU it used, is
# stuck rather than slow.
WALL_FACTOR = 10


class BudgetExceeded(Exception):
    """One document took longer than its budget in one stage: it is dropped, the run goes on."""

    def __init__(self, stage: str, seconds: float, waited: bool = False) -> None:
        if waited:
            message = (
                f"{stage} ran {seconds * WALL_FACTOR:g} s on this document without finishing "
                f"({WALL_FACTOR} times document_seconds)"
            )
        else:
            message = (
                f"{stage} used more than {seconds:g} s of CPU on this document (document_seconds)"
            )
        super().__init__(message)
        self.stage = stage
        self.seconds = seconds
        self.waited = waited


def _can_interrupt() -> bool:
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_PROF)[0] == 0
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


@contextmanager
def time_budget(stage: str, seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded when the block uses more than `seconds` of CPU, or runs
    `WALL_FACTOR` times that long (None: no budget)."""
    if seconds is None or seconds <= 0:
        yield
        return
    wall = seconds * WALL_FACTOR
    if not _can_interrupt():
        # No timers of our own here (or ones already running, not ours to take).
        cpu, started = time.thread_time(), time.monotonic()
        yield
        if time.thread_time() - cpu > seconds:
            raise BudgetExceeded(stage, seconds)
        if time.monotonic() - started > wall:
            raise BudgetExceeded(stage, seconds, waited=True)
        return

    def on_cpu(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(stage, seconds)

    def on_wall(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(stage, seconds, waited=True)

    cpu, started = time.process_time(), time.monotonic()
    previous_cpu = signal.signal(signal.SIGPROF, on_cpu)
    previous_wall = signal.signal(signal.SIGALRM, on_wall)
    # The alarms repeat: stage code that catches every Exception (a parser wrapper, say)
    # may swallow one, never all of them.
    signal.setitimer(signal.ITIMER_PROF, seconds, _REPEAT)
    signal.setitimer(signal.ITIMER_REAL, wall, _REPEAT)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGPROF, previous_cpu)
        signal.signal(signal.SIGALRM, previous_wall)
    # it ran over, with every alarm swallowed
    if time.process_time() - cpu > seconds:
        raise BudgetExceeded(stage, seconds)
    if time.monotonic() - started > wall:
        raise BudgetExceeded(stage, seconds, waited=True)


__all__ = ["WALL_FACTOR", "BudgetExceeded", "time_budget"]
