"""Build SourceDocument records: content-hash ids for read documents, stable ids for rejects.

A read document's id is the first 16 hex digits of the sha256 of its raw bytes
(for a record inside a container, of that record's payload), so the same bytes
always give the same id and ingesting them again is a no-op. A rejected input
has no trustworthy bytes; its id hashes the path and the reason instead, which
is just as stable across runs.
"""

from __future__ import annotations

import dataclasses
import hashlib

from indicia.ingest.metadata import Metadata
from indicia.records import SourceDocument


def display_path(path: str) -> str:
    r"""`path` as valid Unicode, each byte of a name that is not UTF-8 kept as `\xNN`.

    os.listdir smuggles undecodable name bytes through as lone surrogates, which no
    UTF-8 store or JSON file accepts; the document keeps every byte, written out, so
    the same name given again (`indicia forget PATH`) finds the same document.
    """
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def ok_document(
    payload: bytes,
    source_path: str,
    media_type: str,
    content: str,
    encoding: str | None,
    meta: Metadata,
) -> SourceDocument:
    digest = hashlib.sha256(payload).hexdigest()
    return SourceDocument(
        id=digest[:16],
        source_path=display_path(source_path),
        raw_sha256=digest,
        media_type=media_type,
        content=content,
        encoding=encoding,
        size_bytes=len(payload),
        title=meta.title,
        outlet=meta.outlet,
        url=meta.url,
        author=meta.author,
        published=meta.published,
        language=meta.language,
    )


def rejected_document(source_path: str, reason: str, size_bytes: int = 0) -> SourceDocument:
    source_path = display_path(source_path)
    digest = hashlib.sha256(f"rejected\0{source_path}\0{reason}".encode()).hexdigest()
    return SourceDocument(
        id=digest[:16],
        source_path=source_path,
        raw_sha256=digest,
        media_type="rejected",
        content="",
        size_bytes=size_bytes,
        status="rejected",
        error=reason,
    )


def with_identity(document: SourceDocument, raw: bytes) -> SourceDocument:
    """`document` with its id taken from `raw`: the bytes of the record it came from."""
    digest = hashlib.sha256(raw).hexdigest()
    return dataclasses.replace(document, id=digest[:16], raw_sha256=digest, size_bytes=len(raw))
