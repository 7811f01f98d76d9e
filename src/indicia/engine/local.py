"""Engines on this machine: in the calling process, or a pool of worker processes.

The pool starts its workers on first use and keeps them for the whole run. Workers
are forked where the platform allows (they inherit the loaded modules, so no model
or table is loaded twice) and spawned elsewhere. Outcomes come back in the items'
order, so a run on N workers writes the same store as a run on one.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from typing import TypeVar

from indicia.engine.base import Engine, Failed, flatten_groups, guarded

T = TypeVar("T")
R = TypeVar("R")


class InProcessEngine(Engine):
    """Every stage in the calling process, one item after another."""

    name = "in process"
    workers = 1

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R | Failed]:
        return [guarded(function, item) for item in items]


class ProcessPoolEngine(Engine):
    """The per-document stages in `workers` processes on this machine."""

    name = "process pool"

    def __init__(self, workers: int, min_items: int = 16) -> None:
        self.workers = workers
        self.min_items = min_items
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            method = "fork" if sys.platform.startswith("linux") else "spawn"
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context(method),
                initializer=_exit_with_parent,
                initargs=(os.getpid(),),
            )
        return self._pool

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R | Failed]:
        if len(items) < self.min_items:
            # Too few to share out: the outcomes are the same, and no worker is started.
            return [guarded(function, item) for item in items]
        # Several items per task keeps the pickling overhead small against the work.
        chunk = max(1, len(items) // (self.workers * 4))
        return list(self._executor().map(partial(guarded, function), items, chunksize=chunk))

    def map_groups(
        self,
        function: Callable[[Sequence[T]], list[R | Failed]],
        groups: Sequence[Sequence[T]],
    ) -> list[R | Failed]:
        if sum(len(group) for group in groups) < self.min_items:
            outcomes = [guarded(function, group) for group in groups]
        else:  # a group is already several items: one task each
            outcomes = list(self._executor().map(partial(guarded, function), groups, chunksize=1))
        return flatten_groups(groups, outcomes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _exit_with_parent(parent: int) -> None:
    """In each worker: exit when the run that started it is gone (killed, not closed).

    A pool's workers wait on a queue their parent feeds; a parent killed outright
    never tells them to stop, so each watches for it and leaves no orphan behind.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="indicia-parent-watch", daemon=True).start()
