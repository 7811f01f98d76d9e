"""Entities across documents (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import DocumentEvidence, Entity


def reconcile_entities(evidence: Sequence[DocumentEvidence]) -> tuple[Entity, ...]:
    return ()
