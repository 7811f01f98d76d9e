"""Near-duplicate detection: MinHash signatures (rensa) and an LSH index with JSON state.

A document's signature is the MinHash of its set of word 5-grams ("shingles") over
normalised tokens, so case, digit grouping and number words do not hide a copy.
The LSH index splits each signature into bands; two documents that agree on all
rows of any band become a candidate pair, and only candidate pairs are compared,
which keeps the cost linear in the number of documents.

Library choice (measured on the 181 article bodies of benchdata/article-extraction,
each against a random truncation of itself, 128 permutations, one core): rensa
0.5.0 built about 9,000 signatures/s, datasketch 2.0.0 about 490/s, with the same
Jaccard error (mean absolute 0.026 vs 0.030). rensa is used; `bench/link.py`
repeats the measurement.

Thresholds (see bench/RESULTS.md, section link): 32 bands of 4 rows find a pair
with Jaccard 0.5 with probability 0.87 and 0.6 with 0.99. A candidate is a copy
when its estimated Jaccard is at least `COPY_JACCARD` (0.7): on the labelled
rewrite set, copies with added chrome, repeated or reordered paragraphs score 0.8
to 1.0, while light rewrites (synonyms, split and merged sentences) average 0.59
and the seeds' rewrites of one BBC report stay under 0.1. Truncated copies (0.4 to
0.7) are recognised by sentence alignment instead (`align.COPY_COVERAGE`).

The index keeps band keys only, never the signatures, so the state stays small;
the caller recomputes a candidate's signature from its text when it must verify.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from rensa import RMinHash

SHINGLE_WORDS = 5
NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SEED = 20250812
COPY_JACCARD = 0.7
# Below the copy threshold, a candidate this close is aligned sentence by sentence
# (a truncation or a light rewrite), whatever story it is in.
NEIGHBOUR_JACCARD = 0.2
# A bucket that grows beyond this is a flood of copies of one text; its first
# members stand for it, which bounds the cost of ten thousand identical documents.
MAX_BUCKET = 50


def shingles(tokens: Sequence[str], size: int = SHINGLE_WORDS) -> list[str]:
    """Distinct word n-grams of `tokens`, in order; a short text is one shingle."""
    if len(tokens) <= size:
        return [" ".join(tokens)] if tokens else []
    seen: dict[str, None] = {}
    for i in range(len(tokens) - size + 1):
        seen.setdefault(" ".join(tokens[i : i + size]), None)
    return list(seen)


def signature(tokens: Sequence[str]) -> list[int]:
    """The MinHash signature of the shingles of `tokens` (NUM_PERM integers)."""
    minhash = RMinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update(shingles(tokens))
    return [int(v) for v in minhash.digest()]


def jaccard(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def band_keys(sig: Sequence[int]) -> list[str]:
    """One stable key per band (blake2b, so keys survive process restarts)."""
    raw = np.asarray(sig, dtype="<u8").tobytes()
    width = ROWS * 8
    return [
        f"{band:02d}"
        + hashlib.blake2b(raw[band * width : (band + 1) * width], digest_size=6).hexdigest()
        for band in range(BANDS)
    ]


class LSHIndex:
    """Band key -> document ids; serialises to a JSON-ready dict."""

    def __init__(self, buckets: dict[str, list[str]] | None = None) -> None:
        self._buckets: dict[str, list[str]] = buckets or {}

    def add(self, document_id: str, keys: Iterable[str]) -> None:
        for key in keys:
            bucket = self._buckets.setdefault(key, [])
            if len(bucket) < MAX_BUCKET:
                bucket.append(document_id)

    def candidates(self, keys: Iterable[str]) -> list[str]:
        """Ids sharing at least one band, most shared bands first, then oldest first."""
        counts: dict[str, int] = {}
        order: dict[str, int] = {}
        for key in keys:
            for document_id in self._buckets.get(key, ()):
                counts[document_id] = counts.get(document_id, 0) + 1
                order.setdefault(document_id, len(order))
        return sorted(counts, key=lambda d: (-counts[d], order[d]))

    def to_state(self) -> dict[str, Any]:
        return {"buckets": self._buckets}

    @classmethod
    def from_state(cls, state: dict[str, Any] | None) -> LSHIndex:
        if not state:
            return cls()
        return cls({str(k): [str(d) for d in v] for k, v in state.get("buckets", {}).items()})
