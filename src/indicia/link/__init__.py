"""link: documents -> duplicates, rewrites, stories, origins.

Finds copies and rewrites, clusters documents into stories incrementally, and
builds the derived-from graph whose roots are a story's independent origins.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from indicia.records import CleanDocument, LinkResult, SourceDocument


@dataclass(frozen=True)
class LinkOptions:
    """Settings of the link stage; the defaults are the measured ones (bench/link.py)."""

    min_words: int = 20  # shorter documents are not linked (and said so in the notes)
    join_cosine: float = 0.2  # story join threshold, tuned on the ECB+ dev split
    align_cosine: float = 0.1  # a new story's document is aligned with stories this close
    max_aligned: int = 20  # documents of a story a new document is aligned with, at most


def link_documents(
    sources: Sequence[SourceDocument],
    cleaned: Sequence[CleanDocument],
    state: dict[str, Any] | None = None,
    options: LinkOptions | None = None,
) -> tuple[LinkResult, dict[str, Any]]:
    """Link `cleaned` (with their sources, same order) into stories.

    `state` is what the previous call returned; documents already linked in it keep
    their story. Returns the result for every document seen so far and the new state.
    """
    from indicia.link.linker import link_corpus

    return link_corpus(sources, cleaned, state, options or LinkOptions())


__all__ = ["LinkOptions", "link_documents"]
