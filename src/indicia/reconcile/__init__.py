"""reconcile: evidence across documents -> findings, claims with consensus and conflicts.

Groups what documents of one story say, counts independent support through the
link stage's origins, and flags where copies disagree.
"""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import DocumentEvidence, LinkResult, Reconciliation, SourceDocument


def reconcile(
    link: LinkResult,
    evidence: Sequence[DocumentEvidence],
    sources: Sequence[SourceDocument] = (),
) -> Reconciliation:
    """Findings per story for indicators, claims and entities."""
    from indicia.reconcile.reconciler import reconcile_corpus

    return reconcile_corpus(link, evidence, sources)


__all__ = ["reconcile"]
