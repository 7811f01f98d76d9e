"""Indicator findings per story: the quotes for each indicator and how many sources give them.

A story's finding for one indicator gathers every sentence of the story's documents
that evidences it. `independent_sources` counts distinct origins, never documents:

1. A document belongs to the story Origin whose `documents` include it.
2. Otherwise it belongs to the origin it derives from: the first `derived_from` edge
   that names a document of an Origin, or an outlet equal to an Origin's outlet.
3. When the link stage gives no origin for it, documents joined by `duplicate_of` or
   by copy/rewrite `derived_from` edges count once (one root per chain), and a
   document citing an outlet it does not link to a document counts as that outlet.
4. A document with none of these is its own source.

Confidence is a noisy-OR over origins of the best hit per origin: a second
independent source raises it, a second copy of the same report does not.
Does not judge whether the story as a whole amounts to forced labour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from indicia.data import load_json
from indicia.records import (
    DocumentEvidence,
    DocumentLink,
    Evidence,
    IndicatorFinding,
    IndicatorHit,
    LinkResult,
    Story,
)


def reconcile_indicators(
    link: LinkResult, evidence: Sequence[DocumentEvidence]
) -> tuple[IndicatorFinding, ...]:
    """One finding per (story, indicator) that any document of the story evidences."""
    story_of = {d.document_id: d.story_id for d in link.documents}
    stories = {s.id: s for s in link.stories}
    origin_of = document_origins(link)
    by_story: dict[str, dict[str, list[IndicatorHit]]] = {}
    for doc in evidence:
        # a document the link stage never saw is its own story
        story = story_of.get(doc.document_id, doc.document_id)
        for hit in doc.indicators:
            by_story.setdefault(story, {}).setdefault(hit.code, []).append(hit)
    order = {code: i for i, code in enumerate(indicator_codes())}
    findings: list[IndicatorFinding] = []
    for story_id in _story_order(by_story, stories):
        for code in sorted(by_story[story_id], key=lambda c: (order.get(c, len(order)), c)):
            hits = by_story[story_id][code]
            findings.append(_finding(story_id, code, hits, origin_of))
    return tuple(findings)


def _taxonomy() -> list[dict[str, str]]:
    # read from data, not from the extract stage, so stages stay independent
    indicators = load_json("ilo_indicators.json")["indicators"]
    return [{"code": i["code"], "label": i["label"]} for i in indicators]


def indicator_codes() -> list[str]:
    return [i["code"] for i in _taxonomy()]


def indicator_label(code: str) -> str:
    labels = {i["code"]: i["label"] for i in _taxonomy()}
    return labels.get(code, code.replace("_", " ").capitalize())


def _story_order(by_story: Mapping[str, object], stories: Mapping[str, Story]) -> list[str]:
    known = [s for s in stories if s in by_story]
    return known + sorted(s for s in by_story if s not in stories)


def _finding(
    story: str, code: str, hits: list[IndicatorHit], origin_of: Mapping[str, str]
) -> IndicatorFinding:
    quotes: dict[tuple[str, int, int], Evidence] = {}
    best: dict[str, float] = {}
    for hit in hits:
        ev = hit.evidence
        quotes.setdefault((ev.document, ev.start, ev.end), ev)
        origin = origin_of.get(ev.document, "document:" + ev.document)
        best[origin] = max(best.get(origin, 0.0), hit.confidence)
    miss = 1.0
    for c in best.values():
        miss *= 1.0 - c
    return IndicatorFinding(
        story=story,
        code=code,
        label=indicator_label(code),
        evidence=tuple(quotes[k] for k in sorted(quotes)),
        independent_sources=len(best),
        confidence=round(1.0 - miss, 3),
        methods=tuple(sorted({m for hit in hits for m in hit.method.split("+") if m})),
    )


def document_origins(link: LinkResult) -> dict[str, str]:
    """Map each linked document to a key naming its origin (see the module docstring)."""
    origin_key: dict[str, str] = {}
    origin_outlets: dict[str, str] = {}
    for story in link.stories:
        for origin in story.origins:
            key = "origin:" + _norm(origin.outlet)
            origin_outlets[_norm(origin.outlet)] = key
            for doc in origin.documents:
                origin_key.setdefault(doc, key)
    links = {d.document_id: d for d in link.documents}
    out: dict[str, str] = {}
    for doc_id in links:
        out[doc_id] = _origin(doc_id, links, origin_key, origin_outlets)
    return out


def _origin(
    doc_id: str,
    links: Mapping[str, DocumentLink],
    origin_key: Mapping[str, str],
    origin_outlets: Mapping[str, str],
) -> str:
    seen: set[str] = set()
    current = doc_id
    cited_outlet: str | None = None
    # walk copy/rewrite edges up to the root, stopping at the first known origin
    while current not in seen:
        seen.add(current)
        if current in origin_key:
            return origin_key[current]
        record = links.get(current)
        if record is None:
            break
        for outlet in _derived_outlets(record):
            if _norm(outlet) in origin_outlets:
                return origin_outlets[_norm(outlet)]
            cited_outlet = cited_outlet or outlet
        parent = record.duplicate_of or next(
            (
                d.document
                for d in record.derived_from
                if d.document and d.relation in ("copy", "rewrite")
            ),
            None,
        )
        if parent is None:
            break
        if parent in seen:
            # a cycle of copies: every member must name the same root
            current = min(seen)
            break
        current = parent
    if cited_outlet is not None:
        return "outlet:" + _norm(cited_outlet)
    return "document:" + current


def _derived_outlets(record: DocumentLink) -> Iterable[str]:
    return (d.outlet for d in record.derived_from if d.outlet)


def _norm(outlet: str) -> str:
    return " ".join(outlet.lower().split())


def indicators_by_document(
    evidence: Sequence[DocumentEvidence],
) -> dict[str, dict[str, tuple[IndicatorHit, ...]]]:
    """The indicator matrix per document: document id -> code -> its hits."""
    out: dict[str, dict[str, tuple[IndicatorHit, ...]]] = {}
    for doc in evidence:
        row: dict[str, list[IndicatorHit]] = {}
        for hit in doc.indicators:
            row.setdefault(hit.code, []).append(hit)
        out[doc.document_id] = {code: tuple(hits) for code, hits in row.items()}
    return out


__all__ = ["document_origins", "indicators_by_document", "reconcile_indicators"]
