"""Plain-text dumps and Markdown: decode them and read the metadata their lines carry.

Text copies of news pages carry metadata as lines near the top: a headline, and
often a dateline of separated fields such as `2025-08-12 00:00:00.0   <outlet>-<section>
<link label>`. This module finds that dateline (date -> YYYY-MM-DD, a field naming a
listed outlet in any language -> its canonical name), takes the headline above it
or else the first headline-like line near the top, and reads Markdown front matter
and `# Title`. It states only what the text states: no dateline, no date. The
content stays the full decoded text; removing chrome is the clean stage's job.
"""

from __future__ import annotations

import logging
import re
from functools import cache

from indicia.data import load_json
from indicia.errors import InputError
from indicia.ingest.decode import decode
from indicia.ingest.document import ok_document
from indicia.ingest.metadata import (
    Metadata,
    canonical_outlet,
    clean_field,
    clean_language,
    clean_url,
    iso_date,
    known_outlet,
)
from indicia.records import SourceDocument

log = logging.getLogger(__name__)

_TOP_LINES = 25  # datelines and headlines sit above the body
_HEADLINE_LINES = 8

_DATE = (
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}"
    r"|[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
)
_TIME = (
    r"(?:[T\s]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?"
    r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT|BST|[AaPp]\.?[Mm]\.?)?)?"
)
_DATE_FIELD = re.compile(rf"^(?:[\w ]{{0,20}}[:：]\s*)?({_DATE}){_TIME}$")
_FIELD_SPLIT = re.compile(r"\s{2,}|\t|\s*[|｜丨]\s*")
_OUTLET_PARTS = re.compile(r"\s*[-－—–·/:：]\s*")
_SENTENCE_END = re.compile(r"[.!?。！？:;,，；：]$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_FRONT_MATTER = re.compile(
    r"^(?:---|\+\+\+)[ \t]*\n(.{0,4000}?)\n(?:---|\+\+\+|\.\.\.)[ \t]*(?:\n|$)", re.S
)
_MD_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t]*#*[ \t]*$", re.M)
_HEADING_MARK = re.compile(r"^[ \t]*#{1,6}[ \t]+")


def _outlet_in_field(field: str) -> str | None:
    """A listed outlet named by a dateline field or one part of it (`独立报-世界新闻`)."""
    for candidate in (field, *_OUTLET_PARTS.split(field)):
        outlet = known_outlet(candidate)
        if outlet:
            return outlet
    return None


def _dateline(line: str) -> tuple[str, str | None] | None:
    """(date, outlet or None) when `line` is a dateline of short fields, one of them a date."""
    if len(line) > 200:
        return None
    fields = [f for f in _FIELD_SPLIT.split(line.strip()) if f]
    if not fields or any(len(f) > 80 for f in fields):
        return None
    for i, field in enumerate(fields):
        match = _DATE_FIELD.match(field)
        if match:
            date = iso_date(match.group(1))
            if date is None:
                continue
            outlets = (_outlet_in_field(f) for j, f in enumerate(fields) if j != i)
            return date, next((o for o in outlets if o), None)
    return None


def _headline(line: str) -> str | None:
    """The line as a title when it reads like a headline, else None."""
    marked = bool(_HEADING_MARK.match(line))
    text = clean_field(_HEADING_MARK.sub("", line))
    if text is None or len(text) > 250 or text.startswith(("- ", "* ", "[")):
        return None
    if marked:
        return text if len(text) >= 3 else None
    cjk = len(_CJK.findall(text))
    if cjk < 8 and len(text.split()) < 3:
        return None
    if _SENTENCE_END.search(text) or "|" in text or len(text) < 12:
        return None
    return text


@cache
def _signatures() -> tuple[tuple[str, re.Pattern[str]], ...]:
    table = load_json("outlet_signatures.json")["signatures"]
    return tuple(
        (str(entry["outlet"]), re.compile(pattern, re.M))
        for entry in table
        for pattern in entry["patterns"]
    )


def _signature_outlet(text: str) -> str | None:
    """A listed outlet whose own furniture (its appeal for support) the text carries."""
    for outlet, pattern in _signatures():
        if pattern.search(text):
            return outlet
    return None


def text_metadata(text: str) -> Metadata:
    """Title, date and outlet that a text dump states near its top."""
    lines = text[:100_000].splitlines()[:200]
    top = [(i, line) for i, line in enumerate(lines) if line.strip()][:_TOP_LINES]
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    for position, (_, line) in enumerate(top):
        found = _dateline(line)
        if found is None:
            continue
        published, outlet = found
        for _, above in reversed(top[:position]):
            title = _headline(above)
            if title:
                break
        break
    if title is None:
        for _, line in top[:_HEADLINE_LINES]:
            title = _headline(line)
            if title:
                break
    if outlet is None:
        outlet = _signature_outlet(text[:200_000])
    return Metadata(title=title, outlet=outlet, published=published)


def _front_matter(text: str) -> dict[str, str]:
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}
    fields: dict[str, str] = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip() and not key.startswith((" ", "\t")):
            fields[key.strip().lower()] = value.strip().strip("\"'")
    return fields


def markdown_metadata(text: str) -> Metadata:
    """Front matter (title, date, url, author, outlet, lang) and the first `# Title`."""
    fields = _front_matter(text)

    def first(*keys: str) -> str | None:
        return next((fields[k] for k in keys if fields.get(k)), None)

    heading = _MD_TITLE.search(text[:20_000])
    stated = Metadata(
        title=clean_field(first("title", "headline"))
        or (clean_field(heading.group(1)) if heading else None),
        outlet=canonical_outlet(first("outlet", "source", "site", "site_name", "publisher")),
        url=clean_url(first("url", "link", "canonical_url", "canonical", "source_url")),
        author=clean_field(first("author", "authors", "byline")),
        published=iso_date(first("date", "published", "publication_date", "pubdate")),
        language=clean_language(first("lang", "language")),
    )
    front = _FRONT_MATTER.match(text)
    body = text[front.end() :] if front else text
    return stated.fill(text_metadata(body))


def read_text(
    payload: bytes, source_path: str, markdown: bool = False, given: Metadata | None = None
) -> SourceDocument:
    """One text or Markdown document; `given` metadata (from a record) wins over the text's own."""
    decoded = decode(payload)
    if not decoded.text.strip():
        raise InputError(source_path, "no text: the file holds only whitespace")
    if decoded.replaced:
        log.warning(
            "%s: %d undecodable bytes replaced (read as %s)",
            source_path,
            decoded.replaced,
            decoded.encoding,
        )
    found = markdown_metadata(decoded.text) if markdown else text_metadata(decoded.text)
    meta = (given or Metadata()).fill(found)
    media_type = "markdown" if markdown else "text"
    return ok_document(payload, source_path, media_type, decoded.text, decoded.encoding, meta)
