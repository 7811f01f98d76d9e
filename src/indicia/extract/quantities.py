"""Quantities per sentence (placeholder: finds nothing yet)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import CleanDocument, Quantity, SourceDocument, Span


def find_quantities(
    source: SourceDocument, clean: CleanDocument, sentences: Sequence[Span]
) -> tuple[Quantity, ...]:
    return ()
