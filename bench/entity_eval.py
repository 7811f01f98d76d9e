"""Scoring entity extraction against the labelled sets in tests/data/entities/.

`gold.json` holds English texts (seeds, ECB+, article extraction); `pile_gold.json`
pages of benchdata/news-pile-dev in other languages, with an English key per entity
from which `alias_pairs` scores merges across scripts.

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

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indicia.records import EntityMention

_TITLES = re.compile(r"^(?:the|mr|mrs|ms|dr|prof|professor|president|sen|gen)\.?\s+", re.I)


@dataclass(frozen=True)
class LabelledDocument:
    source: str
    ref: str
    split: str  # seeds | dev | test
    text: str
    entities: tuple[tuple[frozenset[str], str], ...]
    optional: tuple[tuple[frozenset[str], str], ...] = ()
    language: str = "en"


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


# ------------------------------------------------------------- news-pile-dev, other languages


@dataclass(frozen=True)
class PileLabel:
    """One labelled entity of a pile page: its surfaces as written and its English key."""

    surfaces: tuple[str, ...]
    type: str
    entity: str | None
    optional: bool


def load_pile_gold(gold_path: Path, shared: Path) -> list[LabelledDocument]:
    """The labelled pages of tests/data/entities/pile_gold.json, texts read from `shared`.

    Every stored surface is checked against the page (offset, length and hash), so a
    changed page fails loudly instead of scoring against labels that no longer fit.
    """
    gold = json.loads(gold_path.read_text("utf-8"))
    folder = shared / "benchdata" / "news-pile-dev"
    documents = []
    for d in gold["documents"]:
        text = (folder / d["file"]).read_text("utf-8")
        labels = [_pile_label(text, d["file"], e) for e in d["entities"]]
        documents.append(
            LabelledDocument(
                source="news-pile-dev",
                ref=d["file"],
                split=d["split"],
                text=text,
                entities=_pairs(("|".join(x.surfaces), x.type) for x in labels if not x.optional),
                optional=_pairs(("|".join(x.surfaces), x.type) for x in labels if x.optional),
                language=d["language"],
            )
        )
    return documents


def pile_labels(gold_path: Path) -> dict[str, list[PileLabel]]:
    """File name -> its labels, for the cross-script alias score (no texts needed)."""
    gold = json.loads(gold_path.read_text("utf-8"))
    return {d["file"]: [_label(e) for e in d["entities"]] for d in gold["documents"]}


def _pile_label(text: str, file: str, entry: dict[str, Any]) -> PileLabel:
    for s in entry["surfaces"]:
        found = text[s["start"] : s["start"] + s["length"]]
        digest = hashlib.sha256(found.encode("utf-8")).hexdigest()[: len(s["sha256"])]
        if found != s["surface"] or digest != s["sha256"]:
            raise ValueError(f"{file}: label {s['surface']!r} no longer matches the page")
    return _label(entry)


def _label(entry: dict[str, Any]) -> PileLabel:
    return PileLabel(
        tuple(s["surface"] for s in entry["surfaces"]),
        entry["type"],
        entry.get("entity"),
        bool(entry.get("optional", False)),
    )


def alias_pairs(
    labels: dict[str, list[PileLabel]], entity_of: dict[tuple[str, str], str]
) -> tuple[Score, list[str], list[str]]:
    """Score cross-script merges: `entity_of` maps (file, surface) to the reconciled entity.

    A pair is two labelled surfaces written in different scripts (Latin, Hangul, Han,
    kana, Cyrillic, Arabic), each found as a mention: it should be merged when both
    labels carry the same English key, and must not be when the keys differ. Surfaces
    that were not found at all count neither way (that is recall of the recogniser).
    """
    found: list[tuple[str, str, str]] = []  # (script, gold key, predicted entity)
    for file, entries in labels.items():
        for label in entries:
            if label.entity is None or label.optional:
                continue
            for surface in label.surfaces:
                predicted = entity_of.get((file, normalise(surface)))
                if predicted is not None:
                    found.append((_script(surface), label.entity, predicted))
                    break
    unique = sorted(set(found))
    score = Score()  # over pairs: true positives are pairs rightly merged
    wrong: list[str] = []
    missed: list[str] = []
    for i, (script_a, key_a, entity_a) in enumerate(unique):
        for script_b, key_b, entity_b in unique[i + 1 :]:
            if script_a == script_b:
                continue
            same_gold, same_found = key_a == key_b, entity_a == entity_b
            if same_gold and same_found:
                score.true_positives += 1
            elif same_found:
                score.false_positives += 1
                wrong.append(f"{entity_a}: {key_a} / {key_b}")
            elif same_gold:
                score.false_negatives += 1
                missed.append(f"{key_a}: {entity_a} / {entity_b}")
    return score, wrong, missed


def _script(surface: str) -> str:
    for ch in surface:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            for script in ("LATIN", "HANGUL", "CJK", "KATAKANA", "HIRAGANA", "CYRILLIC", "ARABIC"):
                if name.startswith(script):
                    return "kana" if script in ("KATAKANA", "HIRAGANA") else script.lower()
            return "other"
    return "other"


__all__ = [
    "LabelledDocument",
    "PileLabel",
    "Score",
    "alias_pairs",
    "load_gold",
    "load_pile_gold",
    "normalise",
    "pile_labels",
    "score_document",
]
