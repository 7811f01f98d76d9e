"""An optional learned layer for indicators: TF-IDF features, one logistic regression per code.

Trained with numpy only on labelled sentences the caller passes (the project's set is
tests/data/indicators/train.jsonl, written by us): a fixed number of full-batch
gradient steps from zero weights with class-balanced weights, so the same data always
gives the same model. No download, no extra dependency.

It is NOT used by the pipeline: on the dev set it measured below the pattern layer,
alone and combined (see bench/indicators.py and bench/RESULTS.md), so
`find_indicators` in indicators.py stays the method. It is kept so the comparison can
be rerun when the labelled set grows. `find_indicators_learned` keeps the pattern
layer's filters (denial, negation, law, hypothetical) by refusing any sentence the
pattern layer set aside, and each rationale names the words that weighed most.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from indicia.extract.indicators import (
    find_indicators,
    has_labour_context,
    indicator_codes,
    load_lexicon,
    match_sentence,
)
from indicia.records import CleanDocument, Evidence, IndicatorHit, Span

_TOKEN = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")
_STEPS = 400
_RATE = 2.0
_L2 = 1e-3

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SentenceModel:
    vocabulary: dict[str, int]
    idf: FloatArray
    codes: tuple[str, ...]
    weights: FloatArray  # (features, codes)
    bias: FloatArray  # (codes,)

    def features(self, sentences: Sequence[str]) -> FloatArray:
        x = np.zeros((len(sentences), len(self.vocabulary)))
        for i, sentence in enumerate(sentences):
            for term, count in Counter(_terms(sentence)).items():
                j = self.vocabulary.get(term)
                if j is not None:
                    x[i, j] = (1.0 + math.log(count)) * self.idf[j]
        norms = np.linalg.norm(x, axis=1, keepdims=True)
        return np.asarray(x / np.where(norms == 0, 1.0, norms), dtype=np.float64)

    def probabilities(self, sentences: Sequence[str]) -> FloatArray:
        """(sentences, codes) probabilities that each sentence evidences each code."""
        if not sentences:
            return np.zeros((0, len(self.codes)))
        return _sigmoid(self.features(sentences) @ self.weights + self.bias)

    def top_terms(self, sentence: str, code: str, n: int = 3) -> list[str]:
        """The sentence's terms that pushed hardest toward `code`."""
        k = self.codes.index(code)
        scored = {
            t: float(self.weights[self.vocabulary[t], k])
            for t in set(_terms(sentence))
            if t in self.vocabulary
        }
        return [t for t, w in sorted(scored.items(), key=lambda kv: -kv[1])[:n] if w > 0]


def _terms(sentence: str) -> list[str]:
    words = _TOKEN.findall(sentence.lower())
    return words + [f"{a} {b}" for a, b in itertools.pairwise(words)]


def _sigmoid(z: FloatArray) -> FloatArray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))), dtype=np.float64)


def train(rows: Iterable[tuple[str, Sequence[str]]], codes: Sequence[str]) -> SentenceModel:
    """Fit the model on (sentence, codes) pairs; deterministic."""
    data = list(rows)
    docs = [set(_terms(text)) for text, _ in data]
    df = Counter(t for d in docs for t in d)
    vocab = {t: i for i, t in enumerate(sorted(df))}
    n = len(data)
    idf = np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in vocab])
    empty = SentenceModel(
        vocab, idf, tuple(codes), np.zeros((len(vocab), len(codes))), np.zeros(len(codes))
    )
    x = empty.features([text for text, _ in data])
    # the matrix is almost all zeros: gradient steps over its non-zeros only stay fast
    # on a busy two-core machine, where dense BLAS calls were slowed by thread contention
    rows_nz, cols_nz = np.nonzero(x)  # sorted by row
    vals_nz = x[rows_nz, cols_nz][:, None]
    by_col = np.argsort(cols_nz, kind="stable")
    row_starts = np.searchsorted(rows_nz, np.arange(n))
    col_starts = np.searchsorted(cols_nz[by_col], np.arange(x.shape[1]))
    y = np.array([[1.0 if c in labels else 0.0 for c in codes] for _, labels in data])
    # balance each code's few positives against the many negatives
    pos = y.sum(axis=0)
    sample_weight = np.where(y > 0, (n - pos) / np.maximum(pos, 1.0), 1.0)
    w = np.zeros((x.shape[1], len(codes)))
    b = np.zeros(len(codes))
    for _ in range(_STEPS):
        # every sentence and every term has at least one non-zero, so reduceat is exact
        z = np.add.reduceat(vals_nz * w[cols_nz], row_starts, axis=0)
        grad = (_sigmoid(z + b) - y) * sample_weight
        step = np.add.reduceat((vals_nz * grad[rows_nz])[by_col], col_starts, axis=0)
        w -= _RATE * (step / n + _L2 * w)
        b -= _RATE * grad.mean(axis=0)
    return SentenceModel(vocab, idf, tuple(codes), w, b)


def read_rows(text: str) -> list[tuple[str, list[str]]]:
    rows = []
    for line in text.splitlines():
        if line.strip():
            rec = json.loads(line)
            rows.append((str(rec["text"]), list(rec["labels"])))
    return rows


def train_codes(rows: Iterable[tuple[str, Sequence[str]]]) -> SentenceModel:
    """Fit on (sentence, codes) pairs for the eleven taxonomy codes."""
    return train(rows, indicator_codes())


def find_indicators_learned(
    model: SentenceModel,
    clean: CleanDocument,
    sentences: Sequence[Span],
    threshold: float = 0.5,
) -> tuple[IndicatorHit, ...]:
    """Hits where the classifier says p >= threshold and the pattern filters do not object."""
    lex = load_lexicon()
    labour = has_labour_context(clean.text, lex)
    texts = [clean.text[s.start : s.end] for s in sentences]
    probs = model.probabilities(texts)
    hits: list[IndicatorHit] = []
    for i, (span, text) in enumerate(zip(sentences, texts, strict=True)):
        if not labour:
            continue
        # any filter the pattern layer applied to this sentence vetoes it here too
        vetoed = {
            m.blocked_by
            for m in match_sentence(text, labour, lex)
            if m.blocked_by in ("denial", "legal", "hypothetical", "negation")
        }
        if vetoed:
            continue
        for k, code in enumerate(model.codes):
            p = float(probs[i, k])
            if p >= threshold:
                terms = ", ".join(model.top_terms(text, code)) or "overall wording"
                hits.append(
                    IndicatorHit(
                        code=code,
                        evidence=Evidence(clean.document_id, text, span.start, span.end),
                        confidence=round(p, 3),
                        rationale=f"classifier p={p:.2f} (words: {terms})",
                    )
                )
    return tuple(hits)


def find_indicators_combined(
    model: SentenceModel,
    clean: CleanDocument,
    sentences: Sequence[Span],
    threshold: float = 0.5,
) -> tuple[IndicatorHit, ...]:
    """Pattern hits, plus classifier hits on (sentence, code) pairs the patterns missed."""
    pattern = find_indicators(clean, sentences)
    seen = {(h.evidence.start, h.code) for h in pattern}
    extra = [
        h
        for h in find_indicators_learned(model, clean, sentences, threshold)
        if (h.evidence.start, h.code) not in seen
    ]
    return pattern + tuple(extra)


__all__ = [
    "SentenceModel",
    "find_indicators_combined",
    "find_indicators_learned",
    "read_rows",
    "train",
    "train_codes",
]
