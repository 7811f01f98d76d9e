"""Regrouping: stories that one report's copies in several languages started apart.

The incremental pass (`linker.py`) joins a document to the closest story in its
own words, so a report's copies in each language, or each line of copying, can
start stories of their own before anything bridges them. This pass joins such
stories afterwards by average linkage over document pairs:

- a document is its translation-invariant anchors (`anchors.py`): figures, years,
  days of a month and the sound keys of names (`~spmn` for "Chapman", "Чепмен", "チャップマン").
  Latin-script words and slug words are left out: in Latin-script text they are
  the topic's words ("Uyghurs", "seafood", "workers"), which every report of a
  topic and every slug of its pages repeat. A capitalised word is read as a name,
  so its sound key stays in: a publisher's capitalised template words (an office's
  title, a heading) are shared by every page of its series this way, one reason
  why pages of one series can still be regrouped (tests/link/test_link_series.py);
- anchors weigh by their idf among this call's documents; an anchor found in one
  document links nothing, one found in more than `MAX_SHARE` of them (a common
  year) tells nothing, and so does one in more than `MAX_POSTING` documents, so
  the cost per document stays bounded as the pile grows;
- two documents' similarity is the cosine of their anchor vectors; two stories'
  is the mean over all their document pairs. A pair that shares fewer than
  `MIN_SHARED` anchors, or no strong one (a figure of `STRONG_FIGURE` or more, a
  day of a month), counts 0: names and small numbers are shared by a topic's
  reports (on the labelled rewrite set they joined unrelated articles). A page's
  site template (`templates.py`) is blanked out before its anchors are read.
  The closest two stories merge while that mean reaches `REGROUP_COSINE`.

Average linkage, not single linkage: one document that shares figures with two
reports (a follow-up, an overview touching both) does not chain them together,
because every other pair counts too. The merged story keeps the id of its oldest
part, so ids stay stable as documents are added.

The pass reads only documents, never a previous run's merges: it is recomputed
from the documents present on every call, so linking in one batch or in slices
gives the same stories.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

# Stories merge while the mean anchor cosine of their document pairs reaches this.
# Chosen on news-pile-dev beside the ECB+ dev split (bench/link.py): see RESULTS.md.
REGROUP_COSINE = 0.08
# An anchor in more than this share of the documents, or in more of them than
# MAX_POSTING, is too common to tell reports apart.
MAX_SHARE = 0.3
MAX_POSTING = 500
MIN_DOCUMENTS = 2  # an anchor must be found in at least this many documents
# Two documents that share fewer anchors than this are not similar at all: two small
# figures in common ("12", "19") are chance, however rare each is.
MIN_SHARED = 3
# A figure this large, or a date, names a report; names and small numbers a topic.
STRONG_FIGURE = 100


def story_anchor(key: str) -> bool:
    """Whether an anchor key (`anchors.py`) is one stories are regrouped on."""
    return key.startswith(("#", "y:", "d:", "~"))


@dataclass(frozen=True)
class Merge:
    """One merge: `merged` joined `into`, at mean cosine `cosine`, sharing `shared`."""

    merged: str
    into: str
    cosine: float
    shared: tuple[str, ...]


def _vectors(anchors: Mapping[str, frozenset[str]]) -> dict[str, dict[str, float]]:
    n = len(anchors)
    df: dict[str, int] = {}
    for keys in anchors.values():
        for key in keys:
            df[key] = df.get(key, 0) + 1
    cap = min(MAX_POSTING, max(MIN_DOCUMENTS, int(MAX_SHARE * n)))
    idf = {k: math.log((n + 1) / (d + 1)) for k, d in df.items() if MIN_DOCUMENTS <= d <= cap}
    out = {}
    for doc, keys in anchors.items():
        weights = {k: idf[k] for k in keys if k in idf}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        out[doc] = {k: w / norm for k, w in weights.items()}
    return out


def regroup(
    stories: Mapping[str, Sequence[str]],
    anchors: Mapping[str, frozenset[str]],
    threshold: float = REGROUP_COSINE,
) -> tuple[dict[str, str], list[Merge]]:
    """Which story each story is folded into, and the merges in the order made.

    `stories` maps story ids, oldest first, to their documents; `anchors` holds each
    document's anchor keys (only those `story_anchor` accepts are read). Returns
    {story: the story it ends in} for every story, and the merges.
    """
    order = {s: i for i, s in enumerate(stories)}
    vectors = _vectors({d: frozenset(filter(story_anchor, anchors[d])) for d in anchors})
    story_of = {d: s for s, docs in stories.items() for d in docs if d in vectors}
    postings: dict[str, list[str]] = {}
    strong = {k for v in vectors.values() for k in v if _strong(k)}
    for doc, vector in vectors.items():
        for key in vector:
            postings.setdefault(key, []).append(doc)
    # Sum of document-pair cosines between two stories, sparse.
    pair_sum: dict[str, dict[str, float]] = {s: {} for s in stories}
    for doc, vector in vectors.items():
        mine = story_of.get(doc)
        if mine is None:
            continue
        dots: dict[str, float] = {}
        count: dict[str, int] = {}
        firm: set[str] = set()  # documents sharing a strong anchor with this one
        for key, weight in vector.items():
            for other in postings[key]:
                if other > doc:  # each pair once
                    dots[other] = dots.get(other, 0.0) + weight * vectors[other][key]
                    count[other] = count.get(other, 0) + 1
                    if key in strong:
                        firm.add(other)
        for other, dot in dots.items():
            theirs = story_of.get(other)
            if theirs is None or theirs == mine or count[other] < MIN_SHARED:
                continue
            if other not in firm:
                continue
            pair_sum[mine][theirs] = pair_sum[mine].get(theirs, 0.0) + dot
            pair_sum[theirs][mine] = pair_sum[theirs].get(mine, 0.0) + dot
    size = {s: len(docs) for s, docs in stories.items()}
    members = {s: list(docs) for s, docs in stories.items()}
    heap: list[tuple[float, int, int, str, str]] = []

    def push(a: str, b: str) -> None:
        mean = pair_sum[a][b] / (size[a] * size[b])
        if mean >= threshold:
            first, second = sorted((a, b), key=order.__getitem__)
            heapq.heappush(heap, (-mean, order[first], order[second], first, second))

    for a, row in pair_sum.items():
        for b in row:
            if order[a] < order[b]:
                push(a, b)
    alive = set(stories)
    merges: list[Merge] = []
    while heap:
        negative, _, _, a, b = heapq.heappop(heap)
        if a not in alive or b not in alive:
            continue
        if abs(pair_sum[a].get(b, 0.0) / (size[a] * size[b]) + negative) > 1e-12:
            continue  # stale: the pair's mean changed since it was pushed
        # a is the older story: b folds into it.
        merges.append(Merge(b, a, round(-negative, 3), _shared(members[a], members[b], vectors)))
        alive.discard(b)
        for other, value in pair_sum.pop(b).items():
            pair_sum[other].pop(b, None)
            if other == a:
                continue
            pair_sum[a][other] = pair_sum[a].get(other, 0.0) + value
            pair_sum[other][a] = pair_sum[a][other]
        size[a] += size.pop(b)
        members[a].extend(members.pop(b))
        for other in pair_sum[a]:
            push(a, other)
    final = {s: s for s in stories}
    for merge in merges:
        final[merge.merged] = merge.into
    for story in stories:
        target = story
        while final[target] != target:
            target = final[target]
        final[story] = target
    return final, merges


def firm(shared: Iterable[str], names: bool = False) -> bool:
    """Whether anchors two documents (or stories) share can join them: at least
    `MIN_SHARED` translation-invariant ones, one of them strong (`_strong`). With
    `names`, Latin-script names count too, among the shared and as strong ones."""
    keys = [k for k in shared if names or story_anchor(k)]
    return len(keys) >= MIN_SHARED and any(
        _strong(k) or (names and k.startswith(("@", "~"))) for k in keys
    )


def _strong(key: str) -> bool:
    """Whether an anchor names the report, not only its topic: a figure of 100 or more
    or a day of a month. Names and small numbers recur across a topic's reports."""
    if key.startswith("d:"):
        return True
    return key.startswith("#") and float(key[1:]) >= STRONG_FIGURE


def _shared(
    left: Sequence[str],
    right: Sequence[str],
    vectors: Mapping[str, dict[str, float]],
    limit: int = 8,
) -> tuple[str, ...]:
    """The anchors found on both sides, weighed by how many documents of each hold them."""
    weight: dict[str, float] = {}
    right_keys: dict[str, float] = {}
    for doc in right:
        for key, w in vectors.get(doc, {}).items():
            right_keys[key] = right_keys.get(key, 0.0) + w
    for doc in left:
        for key, w in vectors.get(doc, {}).items():
            if key in right_keys:
                weight[key] = weight.get(key, 0.0) + w * right_keys[key]
    return tuple(sorted(weight, key=lambda k: (-weight[k], k))[:limit])
