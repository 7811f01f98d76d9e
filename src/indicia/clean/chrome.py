"""Cross-document site chrome: short lines that recur across articles of one site.

Documents are grouped by site: the same `outlet`, or else the same URL host
(without "www."). Within a group, a short line that is not a sentence and occurs
in at least `min_documents` *different articles* is site chrome (a masthead, a
menu entry, a newsletter plug). Documents that are copies of one article (they
share half their sentences) count once, so a title shared by two copies of the
same report is never taken for chrome. Documents with no site are never grouped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from urllib.parse import urlsplit

from indicia.clean.units import Unit, is_sentence, repeat_key, word_count
from indicia.records import SourceDocument

CHROME_MAX_WORDS = 12
SAME_ARTICLE_JACCARD = 0.5


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


def find_site_chrome(
    sites: Sequence[str | None],
    documents: Sequence[Sequence[tuple[int, Unit]]],
    min_documents: int = 2,
) -> list[set[int]]:
    """For each document, the indexes (as given) of its units that are site chrome."""
    chrome: list[set[int]] = [set() for _ in documents]
    groups: dict[str, list[int]] = defaultdict(list)
    for d, site in enumerate(sites):
        if site is not None:
            groups[site].append(d)
    for members in groups.values():
        if len(members) < min_documents:
            continue
        article_of = _articles(members, documents)
        holders: dict[str, set[int]] = defaultdict(set)
        for d in members:
            for _, unit in documents[d]:
                if _candidate(unit):
                    holders[repeat_key(unit.text)].add(article_of[d])
        recurring = {
            key for key, articles in holders.items() if key and len(articles) >= min_documents
        }
        if not recurring:
            continue
        for d in members:
            for index, unit in documents[d]:
                if _candidate(unit) and repeat_key(unit.text) in recurring:
                    chrome[d].add(index)
    return chrome


def _candidate(unit: Unit) -> bool:
    return (
        not unit.markup and word_count(unit.text) <= CHROME_MAX_WORDS and not is_sentence(unit.text)
    )


def _articles(
    members: Sequence[int], documents: Sequence[Sequence[tuple[int, Unit]]]
) -> dict[int, int]:
    """Group copies of one article (greedy, by the Jaccard of their sentence sets)."""
    article_of: dict[int, int] = {}
    representatives: list[frozenset[str]] = []
    for d in members:
        sentences = frozenset(repeat_key(u.text) for _, u in documents[d] if is_sentence(u.text))
        for a, other in enumerate(representatives):
            if (
                sentences
                and other
                and len(sentences & other) >= SAME_ARTICLE_JACCARD * len(sentences | other)
            ):
                article_of[d] = a
                break
        else:
            article_of[d] = len(representatives)
            representatives.append(sentences)
    return article_of


__all__ = ["find_site_chrome", "site_key"]
