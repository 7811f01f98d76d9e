"""JSON and JSON Lines records: one document per record.

A record is an object with any of the fields title, text, html, url, date or
published, author, outlet or source (and the common spellings scrapers use, such
as `maintext`, `date_publish`, `source_domain`). A record with `html` becomes an
HTML document whose page metadata fills what the record leaves out; a record
with only `text` becomes a text document. JSON Lines are streamed line by line
(a bad line is one rejected record, not a lost file); a JSON document is parsed
whole, so it is bounded by the size limit. A record's id hashes its own bytes:
the line for JSON Lines, a canonical serialisation for an element of an array.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from indicia.errors import InputError
from indicia.ingest.decode import decode
from indicia.ingest.document import rejected_document, with_identity
from indicia.ingest.guard import reason_for, translating
from indicia.ingest.html import read_html
from indicia.ingest.metadata import (
    Metadata,
    canonical_outlet,
    clean_field,
    clean_language,
    clean_url,
    iso_date,
    known_outlet,
    outlet_from_url,
)
from indicia.ingest.text import read_text
from indicia.records import SourceDocument

_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "maintext", "article", "articleBody", "article_text"),
    "html": ("html", "raw_html", "content_html", "rawHtml"),
    "url": ("url", "link", "canonical_url", "source_url", "uri"),
    "date": (
        "published",
        "date",
        "date_publish",
        "datePublished",
        "publication_date",
        "published_at",
        "pubDate",
    ),
    "author": ("author", "authors", "byline", "creator"),
    "outlet": ("outlet", "source", "site_name", "sitename", "publisher", "source_domain", "site"),
    "language": ("language", "lang"),
}
_LIST_KEYS = ("articles", "items", "documents", "records", "data", "results", "entries")


def _get(record: dict[str, Any], field: str) -> Any:
    for key in _FIELDS[field]:
        value = record.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value: Any) -> str | None:
    """A string field; a list of names is joined, an object's `name` is taken."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("title")
    if isinstance(value, list):
        parts = [_text(v) for v in value]
        value = "; ".join(p for p in parts if p)
    return value if isinstance(value, str) and value.strip() else None


def _outlet(value: Any) -> str | None:
    name = _text(value)
    if name is None:
        return None
    if name.startswith(("http://", "https://")):
        return outlet_from_url(name)
    return known_outlet(name) or outlet_from_url("https://" + name) or canonical_outlet(name)


def record_metadata(record: dict[str, Any]) -> Metadata:
    url = clean_url(_text(_get(record, "url")))
    return Metadata(
        title=clean_field(_text(_get(record, "title"))),
        outlet=_outlet(_get(record, "outlet")) or outlet_from_url(url),
        url=url,
        author=clean_field(_text(_get(record, "author"))),
        published=iso_date(_text(_get(record, "date"))),
        language=clean_language(_text(_get(record, "language"))),
    )


def record_document(record: Any, raw: bytes, source_path: str) -> SourceDocument:
    """The document one record holds; raises InputError when it holds none."""
    if not isinstance(record, dict):
        raise InputError(source_path, f"JSON record is a {type(record).__name__}, not an object")
    meta = record_metadata(record)
    html = _text(_get(record, "html"))
    if html is not None:
        document = read_html(html.encode("utf-8"), source_path, "utf-8", given=meta)
        return with_identity(document, raw)
    text = _text(_get(record, "text"))
    if text is not None:
        return with_identity(read_text(text.encode("utf-8"), source_path, given=meta), raw)
    raise InputError(source_path, "JSON record has no text or html field")


def _guarded(record: Any, raw: bytes, source_path: str) -> SourceDocument:
    try:
        with translating(source_path, "JSON record"):
            return record_document(record, raw, source_path)
    except InputError as exc:
        return rejected_document(source_path, exc.reason)


def parse_json(payload: bytes, source_path: str) -> Any:
    """The parsed JSON value of a whole file (raises InputError when it is not JSON)."""
    with translating(source_path, "JSON"):
        return json.loads(decode(payload).text)


def iter_json(value: Any, payload: bytes, source_path: str) -> Iterator[SourceDocument]:
    """Documents from a parsed JSON file: one object, an array, or an object wrapping an array."""
    if isinstance(value, dict):
        inner = next((value[k] for k in _LIST_KEYS if isinstance(value.get(k), list)), None)
        if inner is None or _get(value, "text") or _get(value, "html"):
            yield _guarded(value, payload, source_path)
            return
        value = inner
    if not isinstance(value, list):
        raise InputError(source_path, f"JSON holds a {type(value).__name__}, not records")
    if not value:
        raise InputError(source_path, "JSON holds no records")
    for number, record in enumerate(value, 1):
        raw = json.dumps(record, ensure_ascii=False, sort_keys=True).encode("utf-8")
        yield _guarded(record, raw, f"{source_path}#record-{number}")


def iter_jsonl(stream: IO[bytes], source_path: str, max_bytes: int) -> Iterator[SourceDocument]:
    """Documents from a JSON Lines stream, one line in memory at a time.

    Records are numbered as they come (`#record-N`, blank lines skipped); a reason
    names the line of the file, counted from 1, so an editor finds it.
    """
    number = 0
    line_number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        line_number += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line without keeping it
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            number += 1
            yield rejected_document(
                f"{source_path}#record-{number}",
                f"record on line {line_number} is larger than {max_bytes} bytes",
            )
            continue
        if line_number == 1:
            line = line.removeprefix(b"\xef\xbb\xbf")
        raw = line.strip()
        if not raw:
            continue
        number += 1
        record_path = f"{source_path}#record-{number}"
        try:
            # The whole line is parsed (JSON allows the spaces around it): columns count
            # from the line's first character.
            record = json.loads(line.rstrip(b"\r\n").decode("utf-8", "replace"))
        except json.JSONDecodeError as exc:
            reason = f"invalid JSON on line {line_number}, column {exc.colno}: {exc.msg}"
            yield rejected_document(record_path, reason)
            continue
        except (ValueError, RecursionError) as exc:
            reason = f"line {line_number}: {reason_for(exc, 'JSON line')}"
            yield rejected_document(record_path, reason)
            continue
        yield _guarded(record, raw, record_path)
    if number == 0:
        raise InputError(source_path, "JSON Lines file holds no records")
