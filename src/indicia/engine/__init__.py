"""engine: how the stages are run, on one core, on every core, or on a Dask cluster.

The pipeline hands an engine a stage function and the items of one batch; the
engine returns one outcome per item, in the items' order, whatever ran where. A
per-document stage is a map (`Engine.map`); a corpus-wide step such as linking or
reconciliation is one call over the batch's results (`Engine.call`). Stage settings
travel inside the function given (a `functools.partial` over the stage's options
object), never through environment variables, so a worker process or a remote Dask
worker runs exactly what the driver would have run.

- `InProcessEngine`: everything in the calling process (`workers=1`).
- `ProcessPoolEngine`: a pool of worker processes, by default one per core.
- `DaskEngine`: the tasks go to a `dask.distributed` scheduler (the `dask` extra).

Every engine gives the same outcomes for the same inputs (tested), so the choice
changes only where the work runs and how long it takes.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from indicia.engine.base import Engine, Failed, guarded
from indicia.engine.local import InProcessEngine, ProcessPoolEngine
from indicia.errors import ConfigError

ENGINES = ("local", "dask")


@dataclass(frozen=True)
class EngineOptions:
    """Where the stages run.

    `kind` "local" uses `workers` processes on this machine (None: one per core the
    process may use; 1: no pool at all); "dask" sends the per-document stages to the
    `dask.distributed` scheduler at `scheduler` (e.g. tcp://10.0.0.5:8786).
    """

    kind: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    # Batches smaller than this run in process: starting workers costs more than it saves.
    min_pool_items: int = 16


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def open_engine(options: EngineOptions | None = None) -> Engine:
    """The engine `options` ask for; close it (or use it as a context manager) when done."""
    options = options or EngineOptions()
    if options.kind not in ENGINES:
        raise ConfigError(f"unknown engine {options.kind!r}; use one of {', '.join(ENGINES)}")
    if options.workers is not None and options.workers < 1:
        raise ConfigError(f"workers must be at least 1, not {options.workers}")
    if options.kind == "dask":
        if not options.scheduler:
            raise ConfigError("the dask engine needs a scheduler address (--scheduler)")
        from indicia.engine.dask import DaskEngine

        return DaskEngine(options.scheduler)
    if options.scheduler:
        raise ConfigError("a scheduler address is for the dask engine (--engine dask)")
    workers = options.workers or available_cores()
    if workers == 1:
        return InProcessEngine()
    return ProcessPoolEngine(workers, min_items=options.min_pool_items)


__all__ = [
    "ENGINES",
    "Engine",
    "EngineOptions",
    "Failed",
    "InProcessEngine",
    "ProcessPoolEngine",
    "available_cores",
    "guarded",
    "open_engine",
]
