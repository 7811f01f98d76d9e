"""Clean a batch of documents: choose units, classify, drop chrome and repeats, assemble.

The order is: units (HTML main text via `html`, text dumps via `lines`), the line
classifier (`boilerplate`), cross-document site chrome (`chrome`: found over the
batch, or given by the caller, who found it over every kept page of each site),
repeat collapse (`repeats`), then the cleaned text and offset map (`offsets`).
Each removed unit becomes a Removal with its kind and source span. This module
only wires those steps; it holds no cue and no threshold.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, field

from indicia.clean import CleanOptions
from indicia.clean.boilerplate import classify
from indicia.clean.chrome import is_candidate, line_key, site_chrome, site_key, site_lines
from indicia.clean.html import HtmlView, TrafilaturaSettings, extract_html, fallback_units
from indicia.clean.lines import split_units
from indicia.clean.offsets import Paragraph, assemble
from indicia.clean.repeats import collapse_repeats
from indicia.clean.units import Unit, is_headline, repeat_key, word_count
from indicia.errors import ConfigError
from indicia.records import CleanDocument, Removal, SiteLines, SourceDocument
from indicia.text.language import detect_languages

_TITLE_LOOKAHEAD = 3  # a headline counts as the title only among the first kept units


@dataclass
class PreparedDocument:
    """One document's units and their line classes, before the cross-document steps."""

    units: list[Unit]
    kinds: list[str | None]
    removals: list[Removal] = field(default_factory=list)  # found outside the units
    notes: list[str] = field(default_factory=list)
    title: str | None = None


_HTML_EXTRACTORS = ("trafilatura", "fallback")


def clean_batch(documents: Sequence[SourceDocument], options: CleanOptions) -> list[CleanDocument]:
    return finish_batch(documents, [prepare(document, options) for document in documents], options)


def prepare(document: SourceDocument, options: CleanOptions) -> PreparedDocument:
    """The per-document part of cleaning (extraction, line classes): no other document needed."""
    check_options(options)
    return _prepare(document, options)


def check_options(options: CleanOptions) -> None:
    if options.html_extractor not in _HTML_EXTRACTORS:
        raise ConfigError(
            f"html_extractor must be one of {', '.join(_HTML_EXTRACTORS)}, "
            f"not {options.html_extractor!r}"
        )


def finish_batch(
    documents: Sequence[SourceDocument],
    prepared: Sequence[PreparedDocument],
    options: CleanOptions,
    chrome: Mapping[str, Set[str]] | None = None,
) -> list[CleanDocument]:
    """Site chrome, then each document's text assembled. `chrome` holds each site's chrome
    line keys (found over every kept page of the site); without it, over this batch."""
    check_options(options)
    if chrome is None:
        chrome = batch_chrome(documents, prepared, options)
    for document, p in zip(documents, prepared, strict=True):
        site = site_key(document)
        drop = chrome.get(site, ()) if site is not None else ()
        if not drop:
            continue
        for i, unit in enumerate(p.units):
            if p.kinds[i] is None and is_candidate(unit) and line_key(unit.text) in drop:
                p.kinds[i] = "site_chrome"
    return [_finish(d, p, options) for d, p in zip(documents, prepared, strict=True)]


def lines_of(document: SourceDocument, prepared: PreparedDocument) -> SiteLines | None:
    """What site chrome reads of the document; None when it has no site."""
    site = site_key(document)
    if site is None:
        return None
    kept = (u for u, kind in zip(prepared.units, prepared.kinds, strict=True) if kind is None)
    return site_lines(document.id, site, kept)


def batch_chrome(
    documents: Sequence[SourceDocument], prepared: Sequence[PreparedDocument], options: CleanOptions
) -> dict[str, frozenset[str]]:
    """Each site's chrome found over the pages of this batch alone."""
    by_site: dict[str, list[SiteLines]] = defaultdict(list)
    for document, p in zip(documents, prepared, strict=True):
        lines = lines_of(document, p)
        if lines is not None:
            by_site[lines.site].append(lines)
    return {
        site: site_chrome(members, options.site_chrome_min_documents)
        for site, members in by_site.items()
    }


def _prepare(document: SourceDocument, options: CleanOptions) -> PreparedDocument:
    if document.status != "ok" or not document.content:
        return PreparedDocument([], [])
    if document.media_type == "html":
        if options.html_extractor == "fallback":
            units = fallback_units(HtmlView.parse(document.content))
            extraction_removals: list[Removal] = []
            notes = ["readable-text fallback chosen in options"]
            title = None
        else:
            settings = TrafilaturaSettings(favor_precision=options.favor_precision)
            extraction = extract_html(document.content, settings)
            units, extraction_removals = extraction.units, extraction.removals
            notes, title = extraction.notes, extraction.title
        kinds: list[str | None] = (
            classify(units) if options.classify_html_lines else [None] * len(units)
        )
        return PreparedDocument(units, kinds, extraction_removals, notes, title)
    units = split_units(document.content)
    return PreparedDocument(units, classify(units))


def _finish(document: SourceDocument, p: PreparedDocument, options: CleanOptions) -> CleanDocument:
    repeated_titles = collapse_repeats(p.units, p.kinds) if options.collapse_repeats else set()
    kept = [u for u, kind in zip(p.units, p.kinds, strict=True) if kind is None]
    text, spans, segments = assemble([Paragraph(u.text, u.pieces) for u in kept])
    removals = [
        Removal(kind, unit.text, unit.source_start, unit.source_end)
        for unit, kind in zip(p.units, p.kinds, strict=True)
        if kind is not None
    ]
    removals.extend(p.removals)
    removals.sort(key=lambda r: -1 if r.source_start is None else r.source_start)
    languages = detect_languages(text, spans, options.language)
    return CleanDocument(
        document_id=document.id,
        text=text,
        paragraphs=spans,
        segments=segments,
        removals=tuple(removals),
        language=languages.language,
        languages=languages.spans,
        title=p.title or _find_title(kept, repeated_titles),
        notes=tuple(p.notes),
    )


def _find_title(kept: Sequence[Unit], repeated_titles: set[str]) -> str | None:
    """A Markdown heading, else a headline that was repeated, else an early headline."""
    for unit in kept:
        if unit.heading:
            return unit.text
    for unit in kept:
        if repeat_key(unit.text) in repeated_titles:
            return unit.text
    for unit in kept[:_TITLE_LOOKAHEAD]:
        if is_headline(unit.text) and word_count(unit.text) >= 3:
            return unit.text
    return None


__all__ = [
    "PreparedDocument",
    "batch_chrome",
    "check_options",
    "clean_batch",
    "finish_batch",
    "lines_of",
    "prepare",
]
