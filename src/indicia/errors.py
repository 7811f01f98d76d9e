"""The exceptions indicia raises, in one small hierarchy.

`InputError` marks a single input we cannot read: the runner turns it into a
rejected document with the reason and carries on. The others stop the command.
"""

from __future__ import annotations


class IndiciaError(Exception):
    """Base of every error indicia raises on purpose."""


class InputError(IndiciaError):
    """An input that cannot be read; it becomes a rejected document."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class StoreError(IndiciaError):
    """The store cannot be opened, migrated or written."""


class ConfigError(IndiciaError):
    """Options or arguments that make no sense together."""
