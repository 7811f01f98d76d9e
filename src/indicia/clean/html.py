"""HTML main text: trafilatura's extraction, located back in the HTML source.

`extract_html` asks trafilatura for the main text (comments left out, tables
kept) and turns each line of it into a unit. If trafilatura fails or finds
nothing, a readable-text fallback keeps the page's sentence-like text blocks,
and a note says so; no trafilatura error escapes this module.

What is mapped: each paragraph is searched, in order, in the page's visible
text (tags, comments, scripts and styles dropped, character references decoded,
invisible characters dropped, NFC), comparing with all whitespace removed; a
paragraph trafilatura gave a list bullet or table bars is also tried without
them. When found, its Segment spans the HTML source from the first to the last
character of that text, so for every HTML segment `segment_matches(
content[source_start:source_end], text[clean_start:clean_end])` holds: the
visible text of the source span is the paragraph, whitespace aside. On the 181
pages of the article-extraction benchmark 4,145 of 4,148 paragraphs are mapped.
What is not mapped (the paragraph has no Segment): text trafilatura rewrote
further, and text that exists only in attributes (alt, title).
Page text blocks that no kept paragraph touches are recorded as
`html_boilerplate` removals with their source spans.
"""

from __future__ import annotations

import bisect
import html as html_lib
import logging
import re
import unicodedata
from dataclasses import dataclass, field

import trafilatura

from indicia.clean.normalise import _is_invisible, clean_word, normalise_text
from indicia.clean.offsets import Piece
from indicia.clean.units import Unit, is_sentence, word_count
from indicia.records import Removal

log = logging.getLogger(__name__)

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(script|style|noscript|template|svg|math)\b.*?(?:</\1\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|</?([a-zA-Z][a-zA-Z0-9:-]*)(?:\s[^>]*)?/?>"
    r"|<![^>]*>|<\?[^>]*>"
    r"|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?",
    re.S | re.I,
)
_WORD = re.compile(r"\S+")
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "head",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "option",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "title",
        "tr",
        "ul",
        "button",
        "label",
        "select",
        "textarea",
        "iframe",
    }
)
_BULLET = re.compile(r"^[-*•]\s+")
_FALLBACK_MIN_WORDS = 6


@dataclass
class HtmlView:
    """The visible text of an HTML page with whitespace removed, mapped to the source.

    The view is a list of chunks: a run of text between two tags, one word of a run
    that needed cleaning, or one character reference. Chunk i is
    squeezed[starts[i]:starts[i + 1]] and came from html[source_starts[i]:source_ends[i]];
    `exact[i]` says it is that source with its whitespace removed, so offsets inside it
    map back by counting non-space characters. `shown[i]` is its visible text.
    """

    page: str = ""
    squeezed: str = ""
    starts: list[int] = field(default_factory=list)
    source_starts: list[int] = field(default_factory=list)
    source_ends: list[int] = field(default_factory=list)
    exact: list[bool] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    blocks: list[tuple[int, int, str]] = field(default_factory=list)  # chunk range, tag

    @classmethod
    def parse(cls, page: str) -> HtmlView:
        view = cls(page=page)
        parts: list[str] = []
        length = 0
        block_first = 0
        block_tag = ""

        def emit(squeezed: str, start: int, end: int, exact: bool, shown: str) -> None:
            nonlocal length
            view.starts.append(length)
            view.source_starts.append(start)
            view.source_ends.append(end)
            view.exact.append(exact)
            view.shown.append(shown)
            parts.append(squeezed)
            length += len(squeezed)

        def text(a: int, b: int) -> None:
            run = page[a:b]
            squeezed = "" if run.isspace() else "".join(run.split())
            if not squeezed:
                if view.shown and block_first < len(view.shown) and view.shown[-1][-1:] != " ":
                    view.shown[-1] += " "  # keeps words apart across an inline tag
                return
            if squeezed.isprintable() and (
                squeezed.isascii() or unicodedata.is_normalized("NFC", squeezed)
            ):
                emit(squeezed, a, b, True, run)
                return
            for match in _WORD.finditer(page, a, b):
                parts_of_word = _word_parts(match.group(), match.start())
                if parts_of_word:
                    if view.shown and block_first < len(view.shown) and view.shown[-1][-1:] != " ":
                        view.shown[-1] += " "
                    for part, part_start, part_end, exact in parts_of_word:
                        emit(part, part_start, part_end, exact, part)

        def boundary(tag: str) -> None:
            nonlocal block_first, block_tag
            if len(view.starts) > block_first:
                view.blocks.append((block_first, len(view.starts), block_tag))
            block_first = len(view.starts)
            block_tag = tag

        position = 0
        for token in _TOKEN.finditer(page):
            start, end = token.span()
            if start > position:
                text(position, start)
            position = end
            name = token.group(2)
            if name is not None:  # a tag: the usual token, so it is tested first
                if name in _BLOCK_TAGS or name.lower() in _BLOCK_TAGS:
                    boundary(name.lower())
            elif page[start] == "&":
                decoded = html_lib.unescape(token.group())
                word = clean_word("".join(decoded.split()))
                if word:
                    emit(word, start, end, False, decoded)
                elif view.shown and block_first < len(view.shown) and view.shown[-1][-1:] != " ":
                    view.shown[-1] += " "
        if position < len(page):
            text(position, len(page))
        boundary("")
        view.squeezed = "".join(parts)
        return view

    def locate(self, squeezed_text: str, hint: int) -> tuple[int, int] | None:
        """The squeezed range of `squeezed_text`, searching from `hint` first."""
        if not squeezed_text:
            return None
        found = self.squeezed.find(squeezed_text, hint)
        if found < 0 and hint:
            found = self.squeezed.find(squeezed_text, 0, hint + len(squeezed_text))
        if found < 0:
            return None
        return found, found + len(squeezed_text)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The HTML source span of squeezed[start:end] (end > start)."""
        first = bisect.bisect_right(self.starts, start) - 1
        last = bisect.bisect_right(self.starts, end - 1) - 1
        source_start = self.source_starts[first]
        if self.exact[first]:
            source_start += _nth_visible(self.shown[first], start - self.starts[first])
        source_end = self.source_ends[last]
        if self.exact[last]:
            chunk_end = self.starts[last + 1] if last + 1 < len(self.starts) else len(self.squeezed)
            if end == chunk_end:  # the usual case: the span ends where the chunk does
                offset = len(self.shown[last].rstrip()) - 1
            else:
                offset = _nth_visible(self.shown[last], end - 1 - self.starts[last])
            source_end = self.source_starts[last] + offset + 1
        return source_start, source_end

    def block_text(self, first: int, last: int) -> str:
        return normalise_text("".join(self.shown[first:last]))

    def block_span(self, first: int, last: int) -> tuple[int, int]:
        end = self.starts[last] if last < len(self.starts) else len(self.squeezed)
        return self.source_span(self.starts[first], end)


def _word_parts(raw: str, offset: int) -> list[tuple[str, int, int, bool]]:
    """A word that needs cleaning, as (cleaned text, source start, source end, exact) parts.

    The parts split the word between characters that clean on their own (a letter and
    the combining marks after it; an invisible character), and runs that need no
    cleaning stay exact, so a paragraph that starts or ends inside the word maps to
    exactly its own characters. When cleaning joins across those splits the whole word
    is one part.
    """
    clusters: list[tuple[int, int]] = []
    for i, char in enumerate(raw):
        if clusters and unicodedata.combining(char) and not _is_invisible(raw[i - 1]):
            clusters[-1] = (clusters[-1][0], i + 1)
        else:
            clusters.append((i, i + 1))
    parts: list[tuple[str, int, int, bool]] = []
    for start, end in clusters:
        cleaned = clean_word(raw[start:end])
        if not cleaned:
            continue
        exact = cleaned == raw[start:end]
        if parts and exact and parts[-1][3] and parts[-1][2] == offset + start:
            text, first, _, _ = parts[-1]
            parts[-1] = (text + cleaned, first, offset + end, True)
        else:
            parts.append((cleaned, offset + start, offset + end, exact))
    whole = clean_word(raw)
    if "".join(p[0] for p in parts) != whole:
        return [(whole, offset, offset + len(raw), whole == raw)] if whole else []
    return parts


def _nth_visible(text: str, n: int) -> int:
    """The index in `text` of its n-th (from 0) non-whitespace character."""
    if n == 0:
        return len(text) - len(text.lstrip())
    for match in _WORD.finditer(text):
        size = match.end() - match.start()
        if n < size:
            return match.start() + n
        n -= size
    raise IndexError(n)


def squeeze(text: str) -> str:
    """`text` with every whitespace character removed and each run cleaned as in the view."""
    return "".join(clean_word(word) for word in text.split())


@dataclass(frozen=True)
class HtmlExtraction:
    units: list[Unit]
    removals: list[Removal]
    notes: list[str]
    title: str | None = None


@dataclass(frozen=True)
class TrafilaturaSettings:
    favor_precision: bool = False
    favor_recall: bool = False
    include_tables: bool = True
    include_comments: bool = False


def run_trafilatura(page: str, settings: TrafilaturaSettings) -> tuple[str | None, str | None]:
    """trafilatura's main text, or None and the reason it gave none."""
    try:
        text = trafilatura.extract(
            page,
            include_comments=settings.include_comments,
            include_tables=settings.include_tables,
            favor_precision=settings.favor_precision,
            favor_recall=settings.favor_recall,
            output_format="txt",
        )
    # trafilatura and lxml raise many types on hostile markup (ValueError, lxml errors,
    # RecursionError on deep nesting); each becomes a recorded fallback, never a crash.
    except Exception as exc:
        log.warning("trafilatura failed: %s: %s", type(exc).__name__, exc)
        return None, f"trafilatura failed ({type(exc).__name__})"
    if not text or not text.strip():
        return None, "trafilatura found no main text"
    return text, None


def extract_html(page: str, settings: TrafilaturaSettings | None = None) -> HtmlExtraction:
    """Units of the page's main text, the page text left out, and notes on fallbacks."""
    settings = settings or TrafilaturaSettings()
    text, failure = run_trafilatura(page, settings)
    view = HtmlView.parse(page)
    notes: list[str] = []
    if text is None:
        notes.append(f"{failure}; kept the page's sentence-like text blocks instead")
        units = fallback_units(view)
    else:
        units = _located_units(text, view)
    covered = sorted((u.pieces[0].source_start, u.pieces[0].source_end) for u in units if u.pieces)
    removals = _unclaimed_blocks(view, covered)
    return HtmlExtraction(units, removals, notes, _title(view, units))


def _search_forms(paragraph: str) -> list[str]:
    """The squeezed forms a paragraph is looked for in: as is, then without what
    trafilatura adds (a list bullet, the bars between table cells)."""
    forms = [squeeze(paragraph)]
    if _BULLET.match(paragraph):
        forms.append(squeeze(_BULLET.sub("", paragraph)))
    if "|" in paragraph:
        forms.append(squeeze(paragraph.replace("|", " ")))
    return forms


def segment_matches(fragment: str, paragraph: str) -> bool:
    """The HTML segment contract: the visible text of `fragment` is `paragraph` in one
    of its search forms (whitespace removed, an added bullet or table bars left out)."""
    return HtmlView.parse(fragment).squeezed in _search_forms(paragraph)


def _located_units(text: str, view: HtmlView) -> list[Unit]:
    units: list[Unit] = []
    hint = 0
    for line in text.splitlines():
        paragraph = normalise_text(line)
        if not paragraph:
            continue
        found = None
        for form in _search_forms(paragraph):
            found = view.locate(form, hint)
            if found is not None:
                break
        if found is None:
            units.append(Unit(paragraph))
            continue
        hint = found[1]
        source_start, source_end = view.source_span(*found)
        piece = Piece(0, len(paragraph), source_start, source_end, exact=False)
        units.append(Unit(paragraph, (piece,), source_start, source_end))
    return units


def fallback_units(view: HtmlView) -> list[Unit]:
    """The readable-text fallback: the page's sentence-like text blocks of six words or more."""
    units: list[Unit] = []
    for first, last, tag in view.blocks:
        if tag == "title":
            continue
        paragraph = view.block_text(first, last)
        if not is_sentence(paragraph) or word_count(paragraph) < _FALLBACK_MIN_WORDS:
            continue
        source_start, source_end = view.block_span(first, last)
        piece = Piece(0, len(paragraph), source_start, source_end, exact=False)
        units.append(Unit(paragraph, (piece,), source_start, source_end))
    return units


def _unclaimed_blocks(view: HtmlView, covered: list[tuple[int, int]]) -> list[Removal]:
    starts = [start for start, _ in covered]
    reach: list[int] = []  # reach[i]: the furthest end among covered[: i + 1]
    for _, end in covered:
        reach.append(max(end, reach[-1]) if reach else end)
    removals: list[Removal] = []
    for first, last, _tag in view.blocks:
        source_start, source_end = view.block_span(first, last)
        i = bisect.bisect_left(starts, source_end) - 1
        if i >= 0 and reach[i] > source_start:
            continue  # a kept paragraph reaches into this block
        removals.append(
            Removal("html_boilerplate", view.block_text(first, last), source_start, source_end)
        )
    return removals


def _title(view: HtmlView, units: list[Unit]) -> str | None:
    """The page's headline: an h1 that is main text or part of the <title>, else a
    <title> of three words or more (without its site name), else such an h1, else
    whatever title or h1 there is.

    Sites often put their logo in an h1, so an h1 that trafilatura kept is the best sign.
    """
    headings: list[str] = []
    page_title: str | None = None
    for first, last, tag in view.blocks:
        if tag == "h1":
            headings.append(view.block_text(first, last))
        elif tag == "title" and page_title is None:
            page_title = view.block_text(first, last)
    kept = {unit.text for unit in units}
    for heading in headings:
        if heading in kept:
            return heading
    for heading in headings:
        # "<title>Headline - Site</title>" with <h1>Headline</h1>: the h1 without the site.
        if page_title and len(heading.split()) >= 3 and heading in page_title:
            return heading
    if page_title and len(page_title.split()) >= 3:
        return _without_site_name(page_title)
    for heading in headings:
        if len(heading.split()) >= 3:
            return heading
    return page_title or (headings[0] if headings else None)


_TITLE_SEPARATOR = re.compile(r"\s+[-|–—·:]\s+")


def _without_site_name(title: str) -> str:
    """ "Headline - Site" -> "Headline": the longest part, when it has three words or more."""
    parts = _TITLE_SEPARATOR.split(title)
    longest = max(parts, key=len)
    return longest if len(parts) > 1 and len(longest.split()) >= 3 else title


__all__ = [
    "HtmlExtraction",
    "HtmlView",
    "TrafilaturaSettings",
    "extract_html",
    "fallback_units",
    "run_trafilatura",
    "segment_matches",
    "squeeze",
]
