"""RSS and Atom feeds: one document per entry, from its full content or else its summary.

feedparser parses the feed (given bytes, never a URL, so it fetches nothing).
Each entry becomes a document: HTML content is kept as a small HTML page, plain
text as text; title, link, author and date come from the entry, the outlet from
the feed's title, the language from the feed. An entry has no raw bytes of its
own, so its id hashes a canonical JSON form of its title, link and content.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import Any

from indicia.errors import InputError
from indicia.ingest.decode import decode
from indicia.ingest.document import ok_document, rejected_document
from indicia.ingest.guard import translating
from indicia.ingest.metadata import (
    Metadata,
    canonical_outlet,
    clean_field,
    clean_language,
    clean_url,
    iso_date,
    outlet_from_url,
)
from indicia.records import SourceDocument

_TAG = re.compile(r"<[A-Za-z][^>]*>")
_XML_ENCODING = re.compile(r"""(<\?xml[^>]*?encoding\s*=\s*["'])[^"']*(["'])""")


def _entry_body(entry: Any) -> tuple[str, bool] | None:
    """(body, is_html) from the entry's content, else its summary.

    RSS declares every description as HTML, so markup is judged by the tags present.
    """
    parts = [(p.get("value") or "", p.get("type") or "") for p in entry.get("content") or ()]
    detail = entry.get("summary_detail") or {}
    parts.append((entry.get("summary") or "", detail.get("type") or ""))
    for value, kind in parts:
        if not value.strip():
            continue
        if _TAG.search(value):
            return value, True
        return (html.unescape(value) if "html" in kind else value), False
    return None


def iter_feed(payload: bytes, source_path: str) -> Iterator[SourceDocument]:
    try:
        import feedparser
    except ImportError as exc:
        raise InputError(
            source_path, "feed support needs feedparser (pip install feedparser)"
        ) from exc

    try:
        with translating(source_path, "feed"):
            parsed = feedparser.parse(payload, sanitize_html=True, resolve_relative_uris=False)
    except InputError:
        # feedparser gives up on a feed with a stray undecodable byte; decode it ourselves
        # (with replacement) and offer it again as declared UTF-8.
        text = decode(payload, markup=True).text
        fixed = _XML_ENCODING.sub(r"\1utf-8\2", text, count=1).encode("utf-8")
        with translating(source_path, "feed"):
            parsed = feedparser.parse(fixed, sanitize_html=True, resolve_relative_uris=False)
    entries = list(parsed.entries)
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"unreadable feed: {problem}" if problem else "feed has no entries"
        raise InputError(source_path, reason)
    channel = parsed.feed
    feed_url = clean_url(channel.get("link"))
    outlet = canonical_outlet(channel.get("title")) or outlet_from_url(feed_url)
    language = clean_language(channel.get("language"))
    for number, entry in enumerate(entries, 1):
        record_path = f"{source_path}#record-{number}"
        body = _entry_body(entry)
        if body is None:
            yield rejected_document(record_path, "feed entry has no content or summary")
            continue
        value, is_html = body
        title = clean_field(entry.get("title"))
        link = clean_url(entry.get("link"))
        canonical = json.dumps(
            {"title": title, "link": link, "content": value}, ensure_ascii=False, sort_keys=True
        ).encode("utf-8")
        meta = Metadata(
            title=title,
            outlet=outlet_from_url(link) or outlet,
            url=link,
            author=clean_field(entry.get("author")),
            published=iso_date(entry.get("published_parsed") or entry.get("updated_parsed"))
            or iso_date(entry.get("published") or entry.get("updated")),
            language=clean_language(entry.get("language")) or language,
        )
        if is_html:
            head = f"<title>{html.escape(title)}</title>" if title else ""
            content = f'<html><head><meta charset="utf-8">{head}</head><body>{value}</body></html>'
            yield ok_document(canonical, record_path, "html", content, "utf-8", meta)
        else:
            yield ok_document(canonical, record_path, "text", value, "utf-8", meta)
