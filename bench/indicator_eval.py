"""Score indicator extraction on every real labelled set, with folds grouped by story.

The labelled sets store no text: each record names a document in ../shared and how to
find its evidence there. Four sets are read:

- tests/data/indicators/dev.jsonl: the five seeds (one story) and 16 hard negatives,
  labelled sentence by sentence (start, end, sha256 of the text); every other sentence
  is a labelled negative;
- ../shared/benchdata/indicators-dev/labels.jsonl: 70 English excerpts, document-level
  codes with 1-3 exact quotes each;
- ../shared/benchdata/news-pile-dev/evidence.jsonl: 123 excerpts in 12 languages,
  document-level codes with exact quotes (story and language from labels.jsonl);
- tests/data/indicators/multilingual.jsonl: our own sentence-level additions to the
  two sets above, by file, offsets and hash (docs/annotation/indicators.md).

Sentence-level gold for document-labelled texts is the sentences holding a quote. A
predicted sentence there is a true positive when it overlaps a quote of its code, a
false positive when the document lacks the code, and unknown (not counted) when the
document has the code but no quote lies in that sentence: the quotes are examples, not
every sentence. Document level needs no such care: the code sets are complete.

Groups: one story is one group (the seeds; each news-pile story key; each indicators-dev
file, with the three pairs SOURCE.md names as one story told twice joined), so no
report's copies sit on both sides of a split.
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
Splitter = Callable[[str], list[Span]]
REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "indicators"

# indicators-dev files that SOURCE.md names as one story seen from two outlets
_SAME_STORY = (("018", "020"), ("040", "065"), ("023", "068"))


class DevSetError(ValueError):
    """A labelled document no longer matches the shared file it points to."""


@dataclass(frozen=True)
class LabelledDocument:
    source: str
    doc: str
    text: str
    sentences: tuple[Span, ...]
    gold: dict[int, frozenset[str]]  # sentence start -> codes (sentence-level sets)
    group: str = ""
    language: str = "en"
    # document-level sets: every code the document evidences, and the quotes' spans
    codes: frozenset[str] = frozenset()
    quotes: tuple[tuple[str, int, int], ...] = ()
    sentence_complete: bool = True  # every sentence not in `gold` is a negative

    @property
    def key(self) -> str:
        return f"{self.source}:{self.doc}"

    @property
    def doc_codes(self) -> frozenset[str]:
        if self.sentence_complete:
            return frozenset(c for codes in self.gold.values() for c in codes)
        return self.codes


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

    def count(self, code: str, kind: str) -> None:
        c = self.per_code.setdefault(code, Counts())
        setattr(c, kind, getattr(c, kind) + 1)

    def merge(self, other: Scores) -> None:
        for code, c in other.per_code.items():
            mine = self.per_code.setdefault(code, Counts())
            mine.tp, mine.fp, mine.fn = mine.tp + c.tp, mine.fp + c.fp, mine.fn + c.fn

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
    by_language: dict[str, tuple[Scores, Scores]] = field(default_factory=dict)


def _text(shared: Path, source: str, doc: str) -> str:
    if source == "seeds":
        return (shared / "seeds" / doc).read_text("utf-8")
    if source == "article-extraction":
        return str(_article_bodies(shared)[doc])
    if source == "ecbplus":
        return _ecb_texts(shared)[doc]
    if source in ("indicators-dev", "news-pile-dev"):
        return (shared / "benchdata" / source / doc).read_text("utf-8")
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


def load_labelled(
    path: Path, shared: Path, split: Splitter = split_sentences
) -> list[LabelledDocument]:
    """Read sentence-level labels and the texts they point to; fail loudly if a text changed.

    The labels were made against `split_sentences`; with another splitter a label
    marks every sentence its span overlaps.
    """
    docs = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = _text(shared, rec["source"], rec["doc"])
        if hashlib.sha256(text.encode()).hexdigest() != rec["text_sha256"]:
            raise DevSetError(f"{rec['source']}:{rec['doc']} is not the labelled text")
        sentences = tuple(split(text))
        gold: dict[int, set[str]] = {}
        for s in rec["sentences"]:
            if _sha(text[s["start"] : s["end"]]) != s["sha256"]:
                raise DevSetError(f"{rec['doc']}: no labelled sentence at {s['start']}:{s['end']}")
            for span in sentences:
                if span.start < s["end"] and s["start"] < span.end:
                    gold.setdefault(span.start, set()).update(s["labels"])
        group = "seeds" if rec["source"] == "seeds" else rec["doc"]
        docs.append(
            LabelledDocument(
                rec["source"],
                rec["doc"],
                text,
                sentences,
                {k: frozenset(v) for k, v in gold.items()},
                group=group,
            )
        )
    return docs


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _quoted(
    source: str,
    doc: str,
    text: str,
    indicators: dict[str, list[str]],
    group: str,
    language: str,
    split: Splitter,
) -> LabelledDocument:
    quotes: list[tuple[str, int, int]] = []
    for code, items in indicators.items():
        for quote in items:
            start = text.find(quote)
            if start < 0:
                raise DevSetError(f"{source}:{doc}: quote for {code} not in the text")
            quotes.append((code, start, start + len(quote)))
    sentences = tuple(split(text))
    gold: dict[int, set[str]] = {}
    for code, start, end in quotes:
        for span in sentences:
            if span.start < end and start < span.end:
                gold.setdefault(span.start, set()).add(code)
    return LabelledDocument(
        source,
        doc,
        text,
        sentences,
        {k: frozenset(v) for k, v in gold.items()},
        group=group,
        language=language,
        codes=frozenset(indicators),
        quotes=tuple(quotes),
        sentence_complete=False,
    )


def load_indicators_dev(shared: Path, split: Splitter = split_sentences) -> list[LabelledDocument]:
    folder = shared / "benchdata" / "indicators-dev"
    joined = {b: a for a, b in _SAME_STORY}
    docs = []
    for line in (folder / "labels.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        stem = rec["file"].split(".")[0]
        text = (folder / rec["file"]).read_text("utf-8")
        group = "indicators-dev:" + joined.get(stem, stem)
        docs.append(
            _quoted("indicators-dev", rec["file"], text, rec["indicators"], group, "en", split)
        )
    return docs


def load_news_pile(shared: Path, split: Splitter = split_sentences) -> list[LabelledDocument]:
    folder = shared / "benchdata" / "news-pile-dev"
    meta = {}
    for line in (folder / "labels.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            meta[rec["file"]] = rec
    docs = []
    for line in (folder / "evidence.jsonl").read_text("utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        info = meta[rec["file"]]
        text = (folder / rec["file"]).read_text("utf-8")
        docs.append(
            _quoted(
                "news-pile-dev",
                rec["file"],
                text,
                rec["indicators"],
                "news-pile-dev:" + info["story"],
                info["language"],
                split,
            )
        )
    return docs


def load_all(shared: Path, split: Splitter = split_sentences) -> list[LabelledDocument]:
    """Every real labelled document, seeds first."""
    return [
        *load_labelled(DATA / "dev.jsonl", shared, split),
        *load_indicators_dev(shared, split),
        *load_news_pile(shared, split),
    ]


def evaluate(docs: Iterable[LabelledDocument], predict: Predictor) -> Evaluation:
    """Run `predict` on every labelled document and score it at both levels."""
    sentence, document = Scores(), Scores()
    by_language: dict[str, tuple[Scores, Scores]] = {}
    errors: list[tuple[str, str, str, str]] = []
    n_sent = n_doc = 0
    for doc in docs:
        n_doc += 1
        n_sent += len(doc.sentences)
        clean = CleanDocument(document_id=doc.key, text=doc.text, language=doc.language)
        hits = list(predict(clean, doc.sentences))
        sent_s, doc_s = by_language.setdefault(doc.language, (Scores(), Scores()))
        one_s, one_d = _score_document(doc, hits, errors)
        for total, part in ((sentence, one_s), (sent_s, one_s), (document, one_d), (doc_s, one_d)):
            total.merge(part)
    return Evaluation(sentence, document, n_sent, n_doc, tuple(errors), by_language)


def _score_document(
    doc: LabelledDocument, hits: list[IndicatorHit], errors: list[tuple[str, str, str, str]]
) -> tuple[Scores, Scores]:
    sentence, document = Scores(), Scores()
    gold_codes = doc.doc_codes
    pred_codes = {h.code for h in hits}
    document.add({(doc.key, c) for c in gold_codes}, {(doc.key, c) for c in pred_codes})
    for kind, codes in (("fp", pred_codes - gold_codes), ("fn", gold_codes - pred_codes)):
        for code in sorted(codes):
            quote = next((h.evidence.quote for h in hits if h.code == code), "")
            errors.append((doc.key, "doc-" + kind, code, quote))
    if doc.sentence_complete:
        gold = {(str(start), code) for start, codes in doc.gold.items() for code in codes}
        pred = {(str(_sentence_of(doc, h)), h.code) for h in hits}
        sentence.add(gold, pred)
        return sentence, document
    found: set[tuple[int, str]] = set()
    for h in hits:
        sid = _sentence_of(doc, h)
        if h.code in doc.gold.get(sid, frozenset()):
            if (sid, h.code) not in found:
                sentence.count(h.code, "tp")
            found.add((sid, h.code))
        elif h.code not in gold_codes:
            sentence.count(h.code, "fp")
    for sid, codes in doc.gold.items():
        for code in codes - {c for s, c in found if s == sid}:
            sentence.count(code, "fn")
    return sentence, document


def _sentence_of(doc: LabelledDocument, hit: IndicatorHit) -> int:
    """The start of the sentence a hit's quote lies in (quotes may be a clause of one)."""
    for span in doc.sentences:
        if span.start <= hit.evidence.start < span.end:
            return span.start
    return hit.evidence.start


def grouped_folds(docs: Sequence[LabelledDocument], k: int = 5) -> list[list[int]]:
    """Document indices in k folds; a group never spans two folds (largest groups first)."""
    groups: dict[str, list[int]] = {}
    for i, doc in enumerate(docs):
        groups.setdefault(doc.group or doc.key, []).append(i)
    folds: list[list[int]] = [[] for _ in range(k)]
    for _, members in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0])):
        min(folds, key=len).extend(members)
    return folds


__all__ = [
    "Counts",
    "DevSetError",
    "Evaluation",
    "LabelledDocument",
    "Predictor",
    "Scores",
    "evaluate",
    "grouped_folds",
    "load_all",
    "load_indicators_dev",
    "load_labelled",
    "load_news_pile",
]
