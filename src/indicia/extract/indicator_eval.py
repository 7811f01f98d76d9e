"""Score indicator extraction against a labelled set that points into shared files.

The labelled dev set (tests/data/indicators/dev.jsonl) stores no text: each record
names a document in the shared benchmark folders (a seed file, an article-extraction
page id, an ECB+ doc id), the sha256 of that document's text, and the offsets and
labels of the sentences that evidence an indicator. Every other sentence of the
document is a labelled negative. Sentences are those of `split_sentences` over the
document's text as stored there (the seeds are read raw, not through clean, so the
labels do not move when the clean stage changes).

Scores: per-indicator precision, recall and F1, plus micro and macro F1, at sentence
level (one decision per sentence and indicator) and at document level (does the
document evidence the indicator at all). Macro F1 averages over the indicators that
have gold support in the set, and says which those are.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from indicia.extract.sentences import split_sentences
from indicia.records import CleanDocument, IndicatorHit, Span

Predictor = Callable[[CleanDocument, Sequence[Span]], Sequence[IndicatorHit]]


class DevSetError(ValueError):
    """A labelled document no longer matches the shared file it points to."""


@dataclass(frozen=True)
class LabelledDocument:
    source: str
    doc: str
    text: str
    sentences: tuple[Span, ...]
    gold: dict[int, frozenset[str]]  # sentence start -> codes

    @property
    def key(self) -> str:
        return f"{self.source}:{self.doc}"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else 0.0


@dataclass
class Scores:
    per_code: dict[str, Counts] = field(default_factory=dict)

    def add(self, gold: set[tuple[str, str]], pred: set[tuple[str, str]]) -> None:
        """Add (item, code) pairs: item is a sentence or a document key."""
        for _, code in gold | pred:
            self.per_code.setdefault(code, Counts())
        for _, code in gold & pred:
            self.per_code[code].tp += 1
        for _, code in pred - gold:
            self.per_code[code].fp += 1
        for _, code in gold - pred:
            self.per_code[code].fn += 1

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.per_code.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    def supported(self) -> list[str]:
        return sorted(code for code, c in self.per_code.items() if c.tp + c.fn > 0)

    @property
    def macro_f1(self) -> float:
        codes = self.supported()
        return sum(self.per_code[c].f1 for c in codes) / len(codes) if codes else 0.0


@dataclass(frozen=True)
class Evaluation:
    sentence: Scores
    document: Scores
    sentences: int
    documents: int
    errors: tuple[tuple[str, str, str, str], ...]  # (doc, kind fp|fn, code, sentence)


def _text(shared: Path, source: str, doc: str) -> str:
    if source == "seeds":
        return (shared / "seeds" / doc).read_text("utf-8")
    if source == "article-extraction":
        return str(_article_bodies(shared)[doc])
    if source == "ecbplus":
        return _ecb_texts(shared)[doc]
    raise DevSetError(f"unknown source {source!r}")


@cache
def _article_bodies(shared: Path) -> dict[str, str]:
    path = shared / "benchdata" / "article-extraction" / "ground-truth.json"
    data: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return {k: v["articleBody"] for k, v in data.items()}


@cache
def _ecb_texts(shared: Path) -> dict[str, str]:
    path = shared / "benchdata" / "ecbplus" / "docs.jsonl"
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh if line.strip()]
    return {r["doc_id"]: r["text"] for r in rows}


def load_labelled(path: Path, shared: Path) -> list[LabelledDocument]:
    """Read the labels and the texts they point to; fail loudly if a text changed."""
    docs = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = _text(shared, rec["source"], rec["doc"])
        if hashlib.sha256(text.encode()).hexdigest() != rec["text_sha256"]:
            raise DevSetError(f"{rec['source']}:{rec['doc']} is not the labelled text")
        sentences = tuple(split_sentences(text))
        starts = {s.start: s for s in sentences}
        gold: dict[int, frozenset[str]] = {}
        for s in rec["sentences"]:
            span = starts.get(s["start"])
            if span is None or span.end != s["end"]:
                raise DevSetError(f"{rec['doc']}: no sentence at {s['start']}:{s['end']}")
            gold[s["start"]] = frozenset(s["labels"])
        docs.append(LabelledDocument(rec["source"], rec["doc"], text, sentences, gold))
    return docs


def evaluate(docs: Iterable[LabelledDocument], predict: Predictor) -> Evaluation:
    """Run `predict` on every labelled document and score it at both levels."""
    sentence, document = Scores(), Scores()
    errors: list[tuple[str, str, str, str]] = []
    n_sent = n_doc = 0
    for doc in docs:
        n_doc += 1
        n_sent += len(doc.sentences)
        clean = CleanDocument(document_id=doc.key, text=doc.text)
        pred_s = {(str(h.evidence.start), h.code) for h in predict(clean, doc.sentences)}
        gold_s = {(str(start), code) for start, codes in doc.gold.items() for code in codes}
        sentence.add(gold_s, pred_s)
        document.add({(doc.key, c) for _, c in gold_s}, {(doc.key, c) for _, c in pred_s})
        ends = {s.start: s.end for s in doc.sentences}
        for kind, pairs in (("fp", pred_s - gold_s), ("fn", gold_s - pred_s)):
            for start, code in sorted(pairs):
                text = doc.text[int(start) : ends.get(int(start), int(start))]
                errors.append((doc.key, kind, code, text))
    return Evaluation(sentence, document, n_sent, n_doc, tuple(errors))


__all__ = [
    "Counts",
    "DevSetError",
    "Evaluation",
    "LabelledDocument",
    "Predictor",
    "Scores",
    "evaluate",
    "load_labelled",
]
