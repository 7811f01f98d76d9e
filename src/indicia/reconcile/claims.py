"""Claims per story (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import Claim, DocumentEvidence, LinkResult, SourceDocument


def reconcile_claims(
    link: LinkResult, evidence: Sequence[DocumentEvidence], sources: Sequence[SourceDocument]
) -> tuple[Claim, ...]:
    return ()
