"""Cross-document site chrome: short lines that recur across articles of one site.

Documents are grouped by site: the same `outlet`, or else the same URL host
(without "www."). Within a site, a short line that is not a sentence and occurs
in at least `min_documents` *different articles* is site chrome (a masthead, a
menu entry, a newsletter plug). Documents that are copies of one article count
once, so a title shared by two copies of the same report is never taken for
chrome. Documents with no site are never grouped.

What chrome reads of a document is its `SiteLines` (hashed keys of its candidate
lines and of its sentences), so a site's chrome can be found from kept records
of every page the site ever had, not only from the pages cleaned together: the
pipeline keeps them in the store and cleans a site's earlier pages again when a
newly arrived page changes the site's chrome. For that the answer must not
depend on the order pages arrive in: copies of one article are the connected
components of "shares at least half its sentences with" (found by an exact
prefix-filtered similarity join, not by comparing every pair), and a site's
chrome is a function of the set of its pages alone.
"""

from __future__ import annotations

import hashlib
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from urllib.parse import urlsplit

from indicia.clean.units import Unit, is_sentence, repeat_key, word_count
from indicia.records import SiteLines, SourceDocument

CHROME_MAX_WORDS = 12
SAME_ARTICLE_JACCARD = 0.5
_KEY_BYTES = 8  # 64-bit keys: a collision among one site's lines is vanishingly unlikely


def site_key(document: SourceDocument) -> str | None:
    """The outlet, or the URL host without "www.", casefolded; None when neither is known."""
    if document.outlet and document.outlet.strip():
        return "outlet:" + document.outlet.strip().casefold()
    if document.url:
        try:
            host = urlsplit(document.url).hostname or ""
        except ValueError:
            host = ""
        host = host.removeprefix("www.")
        if host:
            return "host:" + host
    return None


def line_key(text: str) -> str:
    """A short hash of the line's casefolded letters and digits ("" for a line with none)."""
    key = repeat_key(text)
    if not key:
        return ""
    return hashlib.blake2b(key.encode("utf-8"), digest_size=_KEY_BYTES).hexdigest()


def is_candidate(unit: Unit) -> bool:
    """A line that could be site chrome: short, not formatting marks, not a sentence."""
    return (
        not unit.markup and word_count(unit.text) <= CHROME_MAX_WORDS and not is_sentence(unit.text)
    )


def site_lines(document_id: str, site: str, units: Iterable[Unit]) -> SiteLines:
    """What site chrome reads of a document: the keys of `units` (those the line
    classifier kept) that are candidates, and of those that are sentences."""
    lines: set[str] = set()
    sentences: set[str] = set()
    for unit in units:
        if is_candidate(unit):
            lines.add(line_key(unit.text))
        elif is_sentence(unit.text):
            sentences.add(line_key(unit.text))
    lines.discard("")
    sentences.discard("")
    return SiteLines(document_id, site, tuple(sorted(lines)), tuple(sorted(sentences)))


def site_chrome(members: Sequence[SiteLines], min_documents: int = 2) -> frozenset[str]:
    """The line keys that are chrome of the site whose pages are `members`: those held
    by at least `min_documents` distinct articles. The same set whatever their order."""
    if len(members) < min_documents:
        return frozenset()
    # A line on fewer pages than that is on fewer articles: only the others need them.
    pages = Counter(itertools.chain.from_iterable(m.lines for m in members))
    recurring = {key for key, count in pages.items() if count >= min_documents}
    if not recurring:
        return frozenset()
    article_of = articles(members)
    holders: dict[str, set[int]] = defaultdict(set)
    for member, article in zip(members, article_of, strict=True):
        for key in recurring.intersection(member.lines):
            holders[key].add(article)
    return frozenset(key for key, held in holders.items() if len(held) >= min_documents)


def articles(members: Sequence[SiteLines]) -> list[int]:
    """For each member, its article: members joined (transitively) when one shares at
    least half the union of their sentences with another. A member without sentences
    is an article of its own. The grouping does not depend on the members' order."""
    parent = list(range(len(members)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)

    # Identical sentence sets are one article at no cost; the join runs over distinct sets.
    first_with: dict[frozenset[str], int] = {}
    for i, member in enumerate(members):
        sentences = frozenset(member.sentences)
        if not sentences:
            continue
        if sentences in first_with:
            join(i, first_with[sentences])
        else:
            first_with[sentences] = i
    distinct = list(first_with.items())
    # Prefix filtering: sets whose Jaccard reaches the threshold share a key among the
    # first |s| - ceil(t |s|) + 1 of their keys in one global order (rarest first), so
    # only those are compared; a key of one set alone is shared with none and skipped.
    frequency = Counter(itertools.chain.from_iterable(s for s, _ in distinct))
    shared = sorted((k for k, n in frequency.items() if n > 1), key=lambda k: (frequency[k], k))
    rank = {key: r for r, key in enumerate(shared)}
    by_prefix_key: dict[str, list[int]] = defaultdict(list)
    for j, (sentences, i) in enumerate(distinct):
        prefix = len(sentences) - math.ceil(SAME_ARTICLE_JACCARD * len(sentences)) + 1
        # keys of this set alone come first in the global order: they fill the prefix
        keys = sorted(rank.keys() & sentences, key=rank.__getitem__)
        keys = keys[: max(0, prefix - (len(sentences) - len(keys)))]
        compared: set[int] = set()
        for key in keys:
            for k in by_prefix_key[key]:
                if k in compared:
                    continue
                compared.add(k)
                other, o = distinct[k]
                if len(sentences & other) >= SAME_ARTICLE_JACCARD * len(sentences | other):
                    join(i, o)
            by_prefix_key[key].append(j)
    return [root(i) for i in range(len(members))]


__all__ = ["articles", "is_candidate", "line_key", "site_chrome", "site_key", "site_lines"]
