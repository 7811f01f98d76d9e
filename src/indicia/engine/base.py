"""The engine interface: map a stage function over a batch, or call one step.

A stage function that raises on one item does not stop the batch: the item's
outcome is a `Failed` with the error's type and message, which the pipeline records
as that document's drop, exactly as it would have on one core. A `ConfigError`
(settings that make no sense) or a `StoreError` is no document's fault: it stops the run.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from indicia.errors import ConfigError, StoreError

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class Failed:
    """What a stage function raised on one item, as the reason a drop records."""

    reason: str

    @classmethod
    def of(cls, exc: BaseException) -> Failed:
        return cls(f"{type(exc).__name__}: {exc}")


def guarded(function: Callable[[T], R], item: T) -> R | Failed:
    """`function(item)`, or the failure it raised; runs wherever the engine sends it."""
    try:
        return function(item)
    except (ConfigError, StoreError):
        raise  # senseless settings, a full disk: they stop the run, no document is at fault
    except Exception as exc:  # one document's failure, whatever its type, is its own
        return Failed.of(exc)


def flatten_groups(
    groups: Sequence[Sequence[T]], outcomes: Sequence[list[R | Failed] | Failed]
) -> list[R | Failed]:
    """The outcomes of `map_groups`' groups as one list, one outcome per item."""
    flat: list[R | Failed] = []
    for group, outcome in zip(groups, outcomes, strict=True):
        if isinstance(outcome, Failed):
            flat.extend(outcome for _ in group)
        else:
            if len(outcome) != len(group):
                raise ValueError("a group's function gave a different number of outcomes")
            flat.extend(outcome)
    return flat


class Engine(abc.ABC):
    """Runs stage functions; every engine returns the same outcomes for the same items."""

    name: str = "engine"
    workers: int = 1

    @abc.abstractmethod
    def map(self, function: Callable[[T], R], items: Sequence[T]) -> list[R | Failed]:
        """`function` over each item, outcomes in the items' order."""

    def map_groups(
        self,
        function: Callable[[Sequence[T]], list[R | Failed]],
        groups: Sequence[Sequence[T]],
    ) -> list[R | Failed]:
        """`function` over each group of items, giving one outcome per item of its group
        (it guards each item itself); every group's outcomes, in the items' order. A
        group whose function raised fails each of its items with that reason."""
        return flatten_groups(groups, self.map(function, groups))

    def call(self, function: Callable[..., R], *args: Any) -> R:
        """One corpus-wide step (link, reconcile); in process unless the engine says not."""
        return function(*args)

    def close(self) -> None:
        """Stop the workers this engine started; it is unusable afterwards."""
        return None

    def describe(self) -> str:
        """Where the work ran, in words for the run summary."""
        return f"{self.name}, {self.workers} worker{'s' if self.workers != 1 else ''}"

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
