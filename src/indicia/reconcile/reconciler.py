"""Reconcile evidence across the documents of each story."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.reconcile.claims import reconcile_claims
from indicia.reconcile.entities import reconcile_entities
from indicia.reconcile.indicators import reconcile_indicators
from indicia.records import DocumentEvidence, LinkResult, Reconciliation, SourceDocument


def reconcile_corpus(
    link: LinkResult, evidence: Sequence[DocumentEvidence], sources: Sequence[SourceDocument]
) -> Reconciliation:
    return Reconciliation(
        indicators=reconcile_indicators(link, evidence),
        claims=reconcile_claims(link, evidence, sources),
        entities=reconcile_entities(evidence),
    )
