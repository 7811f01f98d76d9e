"""The Dask engine: the per-document stages as tasks on a `dask.distributed` cluster.

Needs the `dask` extra (`pip install 'indicia[dask]'`) and a running scheduler whose
workers can import indicia. Each batch is one `Client.map`; the corpus-wide steps
(linking, reconciliation) are one task each over the batch results the driver holds,
the reduction of the map. Only records travel to the workers: the store stays with
the driver, so a SQLite store and a PostgreSQL one work the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from indicia.engine.base import Engine, Failed, guarded
from indicia.errors import ConfigError

T = TypeVar("T")
R = TypeVar("R")


class DaskEngine(Engine):
    """Sends tasks to the scheduler at `address`."""

    name = "dask"

    def __init__(self, address: str) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            raise ConfigError(
                "the dask engine needs the optional extra: pip install 'indicia[dask]'"
            ) from exc
        try:
            self._client = Client(address, timeout="30s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
        self.address = address
        self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))

    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R | Failed]:
        if not items:
            return []
        # pure=False: two equal items are still two documents' tasks, never one cached key.
        futures = self._client.map(partial(guarded, function), list(items), pure=False)
        try:
            results: list[R | Failed] = self._client.gather(futures)
        finally:
            self._client.cancel(futures)
        return results

    def call(self, function: Callable[..., R], *args: Any) -> R:
        future = self._client.submit(function, *args, pure=False)
        try:
            result: R = future.result()
        finally:
            future.cancel()
        return result

    def describe(self) -> str:
        return f"dask at {self.address}, {self.workers} worker{'s' if self.workers != 1 else ''}"

    def close(self) -> None:
        self._client.close()
