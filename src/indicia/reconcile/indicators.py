"""Indicator findings per story (placeholder)."""

from __future__ import annotations

from collections.abc import Sequence

from indicia.records import DocumentEvidence, IndicatorFinding, LinkResult


def reconcile_indicators(
    link: LinkResult, evidence: Sequence[DocumentEvidence]
) -> tuple[IndicatorFinding, ...]:
    return ()
