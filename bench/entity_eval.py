"""Scoring entity extraction against the labelled set in tests/data/entities/gold.json.

The unit is the distinct (surface form, type) pair per document: a name counts
once however often it recurs, which suits a dossier that lists who and what a
document names. Surfaces compare after light normalisation (spacing, hyphens,
a possessive "'s", a leading "the" or title such as "Mr"); a gold surface may
list alternatives ("Kursk|Kursk oblast"); optional pairs are neither hits nor
misses. Scores come typed (surface and type must agree) and untyped.

Texts are loaded from the shared benchmark data: the seeds through the
pipeline's own ingest and cleaning, ECB+ from `docs.jsonl`, the article
extraction benchmark from `ground-truth.json`. This module knows nothing of how
entities are found; it scores whatever mentions it is given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from indicia.records import EntityMention

_TITLES = re.compile(r"^(?:the|mr|mrs|ms|dr|prof|professor|president|sen|gen)\.?\s+", re.I)


@dataclass(frozen=True)
class LabelledDocument:
    source: str
    ref: str
    split: str  # seeds | heldout
    text: str
    entities: tuple[tuple[frozenset[str], str], ...]
    optional: tuple[tuple[frozenset[str], str], ...] = ()


@dataclass
class Score:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Score) -> None:
        self.true_positives += other.true_positives
        self.false_positives += other.false_positives
        self.false_negatives += other.false_negatives


def normalise(surface: str) -> str:
    text = re.sub(r"['’]s$|['’]$", "", surface.strip())
    text = re.sub(r"[\s\u00a0\-‐‑]+", " ", text.replace("’", "'")).strip()
    previous = None
    while previous != text:
        previous, text = text, _TITLES.sub("", text)
    return text


def _pairs(raw: Iterable[Sequence[str]]) -> tuple[tuple[frozenset[str], str], ...]:
    return tuple(
        (frozenset(normalise(s) for s in surface.split("|")), kind) for surface, kind in raw
    )


def score_document(
    document: LabelledDocument, mentions: Iterable[EntityMention], typed: bool = True
) -> tuple[Score, list[str], list[str]]:
    """The score for one document, with the false positives and misses, as text."""
    predicted = sorted({(normalise(m.text), m.type) for m in mentions})
    matched: set[int] = set()
    score = Score()
    false_positives: list[str] = []
    for surface, kind in predicted:
        hit = next(
            (
                i
                for i, (alternatives, gold_kind) in enumerate(document.entities)
                if surface in alternatives and (gold_kind == kind or not typed)
            ),
            None,
        )
        if hit is not None:
            if hit not in matched:
                matched.add(hit)
                score.true_positives += 1
            continue
        if any(surface in alternatives for alternatives, _ in document.optional):
            continue
        score.false_positives += 1
        false_positives.append(f"{surface} ({kind})")
    misses = [
        f"{'|'.join(sorted(alternatives))} ({kind})"
        for i, (alternatives, kind) in enumerate(document.entities)
        if i not in matched
    ]
    score.false_negatives = len(misses)
    return score, false_positives, misses


def load_gold(gold_path: Path, shared: Path) -> list[LabelledDocument]:
    """The labelled documents with their texts, read from `shared` (the ../shared folder)."""
    gold = json.loads(gold_path.read_text("utf-8"))
    texts = _texts(gold["documents"], shared)
    return [
        LabelledDocument(
            source=d["source"],
            ref=d["ref"],
            split=d["split"],
            text=texts[(d["source"], d["ref"])],
            entities=_pairs(d["entities"]),
            optional=_pairs(d.get("optional", [])),
        )
        for d in gold["documents"]
    ]


def _texts(documents: Sequence[dict[str, str]], shared: Path) -> dict[tuple[str, str], str]:
    wanted = {(d["source"], d["ref"]) for d in documents}
    texts: dict[tuple[str, str], str] = {}
    seeds = sorted(ref for source, ref in wanted if source == "seeds")
    if seeds:
        from indicia.clean import clean_documents
        from indicia.ingest import iter_documents

        paths = [str(shared / "seeds" / ref) for ref in seeds]
        sources = [d for d in iter_documents(paths) if d.status == "ok"]
        refs = {d.id: Path(d.source_path).name for d in sources}
        for clean in clean_documents(sources):
            texts[("seeds", refs[clean.document_id])] = clean.text
    ecb = {ref for source, ref in wanted if source == "ecbplus"}
    if ecb:
        with (shared / "benchdata" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                if record["doc_id"] in ecb:
                    texts[("ecbplus", record["doc_id"])] = record["text"]
    articles = {ref for source, ref in wanted if source == "article-extraction"}
    if articles:
        truth_path = shared / "benchdata" / "article-extraction" / "ground-truth.json"
        truth = json.loads(truth_path.read_text("utf-8"))
        for ref in articles:
            texts[("article-extraction", ref)] = truth[ref]["articleBody"]
    missing = wanted - set(texts)
    if missing:
        raise FileNotFoundError(f"labelled documents not found in {shared}: {sorted(missing)}")
    return texts


__all__ = ["LabelledDocument", "Score", "load_gold", "normalise", "score_document"]
