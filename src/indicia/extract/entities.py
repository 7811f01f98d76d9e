"""Named entities (placeholder: finds nothing yet)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import CleanDocument, EntityMention, Span


def find_entities(clean: CleanDocument, sentences: Sequence[Span]) -> tuple[EntityMention, ...]:
    return ()
