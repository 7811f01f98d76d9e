"""clean: SourceDocument -> CleanDocument (main text, removals, offset map).

HTML goes through a main-text extractor; text dumps through a line classifier
that drops site chrome; lines recurring across documents of one site are chrome
too (found over a batch, or over every page of the site a store keeps, through
`site_lines` and `site_chrome`); repeated paragraphs and titles are collapsed.
Every removal is recorded with its reason, and every cleaned span maps back to
the source content.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from indicia.records import CleanDocument, SiteLines, SourceDocument
from indicia.text.language import LanguageOptions

if TYPE_CHECKING:
    from indicia.clean.cleaner import PreparedDocument as PreparedDocument


@dataclass(frozen=True)
class CleanOptions:
    """How cleaning runs; the defaults are the measured ones (see bench/clean.py)."""

    html_extractor: str = "trafilatura"  # "trafilatura", or "fallback" for the readable-text blocks
    collapse_repeats: bool = True
    # trafilatura's precision mode: +0.002 F1 on the article benchmark but -0.008 on its own
    # evaluation set and lower recall on both (bench/clean.py), so off: lost sentences cost more.
    favor_precision: bool = False
    classify_html_lines: bool = True  # run the line classifier over HTML main text too
    site_chrome_min_documents: int = 2  # distinct articles of one site a chrome line recurs in
    # the language of the cleaned text and of its paragraphs (never the markup's lang)
    language: LanguageOptions = field(default_factory=LanguageOptions)


def clean_documents(
    documents: Sequence[SourceDocument], options: CleanOptions | None = None
) -> list[CleanDocument]:
    """Clean a batch of ok documents; the batch is the context for cross-document chrome."""
    from indicia.clean.cleaner import clean_batch

    return clean_batch(documents, options or CleanOptions())


def prepare_document(document: SourceDocument, options: CleanOptions) -> PreparedDocument:
    """The per-document part of cleaning, which any worker may run on its own.

    `clean_documents(batch)` equals `finish_documents(batch, [prepare_document(d) ...])`:
    the split lets an engine run the costly part (HTML extraction, line classes) on
    every core while the cross-document part sees the whole batch.
    """
    from indicia.clean.cleaner import prepare

    return prepare(document, options)


def finish_documents(
    documents: Sequence[SourceDocument],
    prepared: Sequence[PreparedDocument],
    options: CleanOptions | None = None,
    chrome: Mapping[str, Set[str]] | None = None,
) -> list[CleanDocument]:
    """Each document's cleaned text, without the site chrome of its site.

    `chrome` maps a site (`site_key`) to the keys of its chrome lines, as
    `site_chrome` finds them over every page of the site the caller keeps; without
    it, the chrome is found over `documents` (the batch) alone.
    """
    from indicia.clean.cleaner import finish_batch

    return finish_batch(documents, prepared, options or CleanOptions(), chrome)


def site_lines(document: SourceDocument, prepared: PreparedDocument) -> SiteLines | None:
    """What site chrome reads of a prepared document, to keep for the pages that come
    after it; None when the document has no site (no outlet and no URL host)."""
    from indicia.clean.cleaner import lines_of

    return lines_of(document, prepared)


def site_chrome(
    members: Sequence[SiteLines], options: CleanOptions | None = None
) -> frozenset[str]:
    """The chrome line keys of one site whose pages' lines are `members`, whatever
    their order: lines held by `site_chrome_min_documents` distinct articles."""
    from indicia.clean.chrome import site_chrome as find

    return find(members, (options or CleanOptions()).site_chrome_min_documents)


def site_key(document: SourceDocument) -> str | None:
    """The site a document's chrome is learned with: its outlet, else its URL host."""
    from indicia.clean.chrome import site_key as key

    return key(document)


__all__ = [
    "CleanOptions",
    "clean_documents",
    "finish_documents",
    "prepare_document",
    "site_chrome",
    "site_key",
    "site_lines",
]
