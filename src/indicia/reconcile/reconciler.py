"""Reconcile evidence across documents (minimal: nothing yet)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import DocumentEvidence, LinkResult, Reconciliation, SourceDocument


def reconcile_corpus(
    link: LinkResult, evidence: Sequence[DocumentEvidence], sources: Sequence[SourceDocument]
) -> Reconciliation:
    return Reconciliation()
