"""Incremental story clustering with stable story ids.

Documents arrive one at a time, in ingest order. Each becomes a weighted term
vector (sublinear tf x idf over content words, top `DOC_TERMS` terms, unit length)
(names and the lead count double, see `text.story_terms`)
and joins the story whose centroid it is most similar to, when the cosine is at
least `JOIN_COSINE`; otherwise it starts a new story, whose id derives from its
first document's id, so ids never change when documents are added later.

The idf counts only the documents seen before, so a document's vector is the
same whether the corpus was clustered in one batch or grown document by
document over many runs: batch and incremental clustering agree exactly
(tests/link/test_cluster.py checks it). Everything needed to continue is in
`to_state()`, a JSON-ready dict.

Candidate stories come from an inverted index over the centroids' top terms,
skipping terms shared by more than `MAX_POSTING` stories, and only the
`SHORTLIST` stories sharing the most of a document's top terms are scored; no
document is compared with every story, so the cost per document stays bounded as
the store grows.

It does not merge or split stories after the fact; a document that bridges two
stories joins the closer one.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any

DOC_TERMS = 100
CENTROID_TERMS = 200
# Tuned on the ECB+ dev split (bench/link.py): the best ARI there.
JOIN_COSINE = 0.2
MAX_POSTING = 500
SHORTLIST = 50
QUERY_TERMS = 20
# Smooths idf while few documents have been seen, so the first documents of a
# store do not treat every word as equally rare.
IDF_PRIOR_DOCS = 20


def story_id_for(document_id: str) -> str:
    return f"s-{document_id[:12]}"


class StoryIndex:
    """Story centroids, document frequencies and the term -> stories index."""

    def __init__(self, binary: bool = False, idf_power: float = 1.0) -> None:
        # Anchors count once per document and their rarity weighs more: a rare figure
        # says more about the report than a name every story of the topic repeats.
        self.binary = binary
        self.idf_power = idf_power
        self.documents_seen = 0
        self.df: dict[str, int] = {}
        self.centroids: dict[str, dict[str, float]] = {}
        self.sizes: dict[str, int] = {}
        self.order: dict[str, int] = {}  # story id -> creation rank, for stable ties
        self._postings: dict[str, set[str]] = {}
        self._norms: dict[str, float] = {}  # centroid lengths, derived, not in the state
        self._ranks = 0  # the creation rank the next new story gets

    # ----------------------------------------------------------- vectors

    def vector(self, terms: list[str]) -> dict[str, float]:
        """The document's unit-length term vector, weighted with the idf seen so far."""
        counts = Counter(terms)
        n = self.documents_seen + IDF_PRIOR_DOCS
        weights = {
            term: (1.0 if self.binary else 1.0 + math.log(tf))
            * math.log((n + 1) / (self.df.get(term, 0) + 1)) ** self.idf_power
            for term, tf in counts.items()
        }
        top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:DOC_TERMS]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        return {term: w / norm for term, w in top if w > 0}

    def observe(self, terms: list[str]) -> None:
        """Count a document in the document frequencies (after its vector was made)."""
        self.documents_seen += 1
        for term in set(terms):
            self.df[term] = self.df.get(term, 0) + 1

    # ----------------------------------------------------------- stories

    def similarities(self, vector: dict[str, float]) -> list[tuple[str, float]]:
        """Candidate stories and their cosine to `vector`, best first."""
        query = sorted(vector.items(), key=lambda kv: (-kv[1], kv[0]))[:QUERY_TERMS]
        shared: Counter[str] = Counter()
        for term, _ in query:
            posting = self._postings.get(term)
            if posting and len(posting) <= MAX_POSTING:
                shared.update(posting)
        # Only the stories sharing the most query terms get a full cosine, so the cost
        # per document stays flat as stories pile up behind common terms.
        shortlist = sorted(shared, key=lambda s: (-shared[s], self.order[s]))[:SHORTLIST]
        scored = []
        for story in shortlist:
            centroid = self.centroids[story]
            dot = sum(w * centroid.get(term, 0.0) for term, w in vector.items())
            scored.append((story, dot / self._norm(story)))
        scored.sort(key=lambda sw: (-sw[1], self.order[sw[0]]))
        return scored

    def _norm(self, story: str) -> float:
        norm = self._norms.get(story)
        if norm is None:
            centroid = self.centroids[story]
            norm = self._norms[story] = math.sqrt(sum(w * w for w in centroid.values())) or 1.0
        return norm

    def best_story(self, vector: dict[str, float]) -> tuple[str | None, float]:
        scored = self.similarities(vector)
        if scored and scored[0][1] >= JOIN_COSINE:
            return scored[0]
        return None, scored[0][1] if scored else 0.0

    def add(self, story: str, vector: dict[str, float]) -> None:
        """Add a document's vector to `story` (created when new)."""
        if story not in self.centroids:
            self.order[story] = self._ranks
            self._ranks += 1
            self.centroids[story] = {}
            self.sizes[story] = 0
        old_terms = set(self.centroids[story])
        centroid = dict(self.centroids[story])
        for term, w in vector.items():
            centroid[term] = centroid.get(term, 0.0) + w
        top = sorted(centroid.items(), key=lambda kv: (-kv[1], kv[0]))[:CENTROID_TERMS]
        # Rounded so the JSON state reproduces the same floats after a round trip.
        self.centroids[story] = {term: round(w, 6) for term, w in top}
        self.sizes[story] += 1
        self._norms.pop(story, None)
        new_terms = set(self.centroids[story])
        for term in old_terms - new_terms:
            self._postings[term].discard(story)
        for term in new_terms - old_terms:
            self._postings.setdefault(term, set()).add(story)

    def centroid_vector(self, story: str) -> dict[str, float]:
        """The story's centroid scaled to unit length, to compare stories with each other."""
        norm = self._norm(story)
        return {term: w / norm for term, w in self.centroids[story].items()}

    def merge(self, source: str, target: str) -> None:
        """Fold story `source` into story `target` (both known); `source` is gone after."""
        for term in self.centroids.get(source, {}):
            self._postings.get(term, set()).discard(source)
        centroid = self.centroids.pop(source, {})
        size = self.sizes.pop(source, 0)
        self.order.pop(source, None)
        self._norms.pop(source, None)
        self.add(target, centroid)
        self.sizes[target] += size - 1  # add() counted the merged centroid as one document

    # ------------------------------------------------------------- state

    def to_state(self) -> dict[str, Any]:
        stories = sorted(self.order, key=self.order.__getitem__)
        return {
            "documents_seen": self.documents_seen,
            "df": self.df,
            "stories": [[s, self.sizes[s], self.centroids[s]] for s in stories],
        }

    @classmethod
    def from_state(
        cls, state: dict[str, Any] | None, binary: bool = False, idf_power: float = 1.0
    ) -> StoryIndex:
        index = cls(binary, idf_power)
        if not state:
            return index
        index.documents_seen = int(state.get("documents_seen", 0))
        index.df = {str(k): int(v) for k, v in state.get("df", {}).items()}
        for story, size, centroid in state.get("stories", []):
            index.order[story] = index._ranks
            index._ranks += 1
            index.sizes[story] = int(size)
            index.centroids[story] = {str(t): float(w) for t, w in centroid.items()}
            for term in index.centroids[story]:
                index._postings.setdefault(term, set()).add(story)
        return index
