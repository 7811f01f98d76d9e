"""ILO forced-labour indicators per sentence (placeholder: finds nothing yet)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import CleanDocument, IndicatorHit, Span


def find_indicators(clean: CleanDocument, sentences: Sequence[Span]) -> tuple[IndicatorHit, ...]:
    return ()
