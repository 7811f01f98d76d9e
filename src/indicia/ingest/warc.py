"""WARC and .warc.gz archives (the Common Crawl News layout): one document per HTML response.

warcio streams the archive record by record, so an archive of any size is read
in bounded memory; each payload is capped at the size limit. A `response` (or
`resource`) record whose body is HTML becomes a document: its URL is the
WARC-Target-URI, its charset the HTTP Content-Type's, and its WARC-Date caps the
publication date found in the page (a page is not published after it was
crawled). Request, metadata, redirect, error (404) and non-HTML records (robots.txt,
images) are skipped and counted by reason, for the run summary. A truncated or
damaged archive keeps every record read before the damage and ends with one
rejected entry that says where it broke.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterator
from typing import IO, Any

from indicia.errors import InputError
from indicia.ingest.document import rejected_document
from indicia.ingest.guard import translating
from indicia.ingest.html import read_html
from indicia.ingest.metadata import Metadata, clean_url, iso_date
from indicia.ingest.sniff import sniff
from indicia.records import SourceDocument

log = logging.getLogger(__name__)

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _charset(content_type: str | None) -> str | None:
    for part in (content_type or "").split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _skip_reason(record: Any) -> str | None:
    """Why a record is not a document, or None when it may be one."""
    if record.rec_type not in ("response", "resource"):
        return f"{record.rec_type} record"
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return f"HTTP status {status or 'unknown'}"
    return None


def iter_warc(
    stream: IO[bytes], source_path: str, max_bytes: int, tally: Counter[str] | None = None
) -> Iterator[SourceDocument]:
    """One document per HTML response; each record skipped is counted in `tally` by reason."""
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise InputError(source_path, "WARC support needs warcio (pip install warcio)") from exc

    skipped: Counter[str] = Counter()
    yielded = 0
    number = 0

    class QuietIterator(ArchiveIterator):  # type: ignore[misc]
        # warcio writes a warning about a bad record boundary straight to stderr; we count
        # those (err_count) and log them instead.
        INC_RECORD = ""

    with translating(source_path, "WARC"):
        archive = QuietIterator(stream, arc2warc=True)
        records = iter(archive)
    while True:
        try:
            with translating(source_path, "WARC"):
                record = next(records, None)
        except InputError as exc:
            # The parser's own words quote binary garbage; say where it broke instead.
            where = f"after record {number}" if number else "at its start"
            log.info("%s: WARC parse failed %s: %s", source_path, where, exc.reason)
            raise InputError(
                source_path,
                f"WARC is damaged or truncated {where}: the next record cannot be parsed",
            ) from exc
        if record is None:
            break
        number += 1
        record_path = f"{source_path}#record-{number}"
        skip = _skip_reason(record)
        if skip is not None:
            skipped[skip] += 1
            continue
        with translating(record_path, "WARC record"):
            payload = record.content_stream().read(max_bytes + 1)
            remaining = getattr(record.raw_stream, "limit", 0)
        if len(payload) > max_bytes:
            yielded += 1
            yield rejected_document(record_path, f"response body is larger than {max_bytes} bytes")
            continue
        if remaining:
            # The archive stops inside this record: keep what came before, report the damage.
            yielded += 1
            yield rejected_document(
                record_path,
                f"WARC is truncated: record {number} ends {remaining} bytes early",
            )
            break
        content_type = (
            record.http_headers.get_header("Content-Type") if record.http_headers else None
        )
        content_type = content_type or record.rec_headers.get_header("Content-Type") or ""
        is_html = content_type.split(";")[0].strip().lower() in _HTML_TYPES
        if not is_html and sniff(payload[:65536]).kind != "html":
            skipped[f"non-HTML {content_type.split(';')[0] or 'payload'}"] += 1
            continue
        # WARC 1.0 writers put the URI in angle brackets; 1.1 does not.
        url = clean_url((record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> "))
        crawled = iso_date(record.rec_headers.get_header("WARC-Date"))
        yielded += 1
        yield read_html(
            payload, record_path, _charset(content_type), given=Metadata(url=url), max_date=crawled
        )
    if skipped:
        log.info("%s: skipped %s", source_path, dict(skipped))
        if tally is not None:
            tally.update({f"WARC {reason}": count for reason, count in skipped.items()})
    if getattr(archive, "err_count", 0):
        log.warning(
            "%s: %d records did not end where their Content-Length said",
            source_path,
            archive.err_count,
        )
    if not yielded:
        raise InputError(source_path, f"WARC holds no HTML responses ({number} records read)")
