"""clean: SourceDocument -> CleanDocument (main text, removals, offset map).

HTML goes through a main-text extractor; text dumps through a line classifier
that drops site chrome; lines recurring across documents of one site are chrome
too; repeated paragraphs and titles are collapsed. Every removal is recorded with
its reason, and every cleaned span maps back to the source content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from indicia.records import CleanDocument, SourceDocument
from indicia.text.language import LanguageOptions


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


__all__ = ["CleanOptions", "clean_documents"]
