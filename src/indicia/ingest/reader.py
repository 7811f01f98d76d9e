"""Walk the inputs (files, folders, globs, `-` for stdin) and read each into documents.

This module finds inputs and hands each one to the reader for its kind: it
walks folders recursively in sorted order without following a symlink loop,
expands globs, opens each file without blocking (a FIFO is refused, not waited
on), sniffs the kind from the first bytes, rejects an oversized single document
from its size alone, and streams containers (WARC, JSON Lines) record by record.
Every failure, whatever raised it, leaves as one rejected document with a reason:
nothing here raises for a bad input. Format details live in the format modules.
"""

from __future__ import annotations

import gzip
import io
import logging
import os
import stat
import sys
import zlib
from collections import Counter
from collections.abc import Iterator, Sequence
from typing import IO

from indicia.errors import InputError
from indicia.ingest import IngestOptions
from indicia.ingest.document import rejected_document
from indicia.ingest.feed import iter_feed
from indicia.ingest.guard import reason_for, translating
from indicia.ingest.html import read_html
from indicia.ingest.json_records import iter_json, iter_jsonl, parse_json
from indicia.ingest.pdf import PdfLimits, read_pdf
from indicia.ingest.sniff import HEAD_BYTES, Sniffed, sniff
from indicia.ingest.text import read_text
from indicia.ingest.warc import iter_warc
from indicia.records import SourceDocument

log = logging.getLogger(__name__)

STDIN = "-"
STDIN_PATH = "<stdin>"
_GLOB_CHARS = frozenset("*?[")


def missing_inputs(paths: Sequence[str]) -> list[str]:
    """The given paths that name nothing: no file, folder or link, and no glob match."""
    import glob

    missing = []
    for given in paths:
        raw = os.fspath(given)
        if raw == STDIN or os.path.lexists(raw):
            continue
        if _GLOB_CHARS & set(raw) and glob.glob(raw, recursive=True):
            continue
        missing.append(raw)
    return missing


def read_paths(
    paths: Sequence[str], options: IngestOptions, skipped: Counter[str] | None = None
) -> Iterator[SourceDocument]:
    """Every document the paths hold; records that are no document are counted in `skipped`."""
    tally: Counter[str] = Counter() if skipped is None else skipped
    for given in paths:
        raw = os.fspath(given)  # a pathlib.Path is welcome too
        if raw == STDIN:
            yield from _guarded(STDIN_PATH, _read_stdin(options, tally))
        else:
            yield from _read_path(raw, options, tally)


def _guarded(path: str, documents: Iterator[SourceDocument]) -> Iterator[SourceDocument]:
    """The documents, then one rejected document if reading stopped on an error."""
    try:
        with translating(path, "input"):
            yield from documents
    except InputError as exc:
        yield rejected_document(exc.path, exc.reason)


def _missing_reason(raw: str) -> str:
    if os.path.islink(raw):
        return "broken symlink: its target does not exist"
    return "no such file or directory"


def _read_path(raw: str, options: IngestOptions, skipped: Counter[str]) -> Iterator[SourceDocument]:
    try:
        info = os.stat(raw)
    except FileNotFoundError:
        if _GLOB_CHARS & set(raw):
            yield from _read_glob(raw, options, skipped)
        else:
            yield rejected_document(raw, _missing_reason(raw))
        return
    except (OSError, ValueError) as exc:  # ELOOP, EACCES, a NUL in the name
        yield rejected_document(raw, reason_for(exc, "path"))
        return
    if stat.S_ISDIR(info.st_mode):
        yield from _walk(raw, options, skipped)
    else:
        yield from _guarded(raw, _read_file(raw, options, skipped))


def _read_glob(
    pattern: str, options: IngestOptions, skipped: Counter[str]
) -> Iterator[SourceDocument]:
    import glob

    matches = sorted(glob.glob(pattern, recursive=True))
    if not matches:
        yield rejected_document(pattern, "no file matches this pattern")
    for match in matches:
        yield from _read_path(match, options, skipped)


def _walk(root: str, options: IngestOptions, skipped: Counter[str]) -> Iterator[SourceDocument]:
    """Every file under `root`, depth first in name order; each folder is entered once."""
    seen: set[tuple[int, int]] = set()
    found = 0
    stack: list[Iterator[str]] = []

    def enter(folder: str) -> SourceDocument | None:
        try:
            info = os.stat(folder)
            key = (info.st_dev, info.st_ino)
            if key in seen:  # a symlink back into the tree: already read, do not loop
                log.info("%s: folder already walked (symlink loop), skipped", folder)
                return None
            seen.add(key)
            names = sorted(os.listdir(folder))
        except OSError as exc:
            return rejected_document(folder, reason_for(exc, "folder"))
        # Hidden files and folders (.git, .DS_Store) are tooling, not documents.
        stack.append(iter([os.path.join(folder, n) for n in names if not n.startswith(".")]))
        return None

    problem = enter(root)
    if problem is not None:
        yield problem
        return
    while stack:
        path = next(stack[-1], None)
        if path is None:
            stack.pop()
            continue
        if os.path.islink(path) and not options.follow_symlinks:
            log.info("%s: symlink not followed", path)
            continue
        try:
            info = os.stat(path)
        except FileNotFoundError:
            reason = (
                _missing_reason(path)
                if os.path.islink(path)
                else "file disappeared before it could be read"
            )
            found += 1
            yield rejected_document(path, reason)
            continue
        except OSError as exc:
            found += 1
            yield rejected_document(path, reason_for(exc, "file"))
            continue
        if stat.S_ISDIR(info.st_mode):
            problem = enter(path)
            if problem is not None:
                found += 1
                yield problem
            continue
        found += 1
        yield from _guarded(path, _read_file(path, options, skipped))
    if not found:
        yield rejected_document(root, "folder holds no files to read (hidden ones are skipped)")


def _read_file(
    path: str, options: IngestOptions, skipped: Counter[str]
) -> Iterator[SourceDocument]:
    # O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputError(path, "not a regular file (a pipe, socket or device)")
        yield from _read_stream(stream, path, info.st_size, options, skipped)


def _read_stdin(options: IngestOptions, skipped: Counter[str]) -> Iterator[SourceDocument]:
    # Standard input cannot be rewound, so it is read up to the limit (never past it).
    data = sys.stdin.buffer.read(options.max_bytes + 1)
    if len(data) > options.max_bytes:
        raise InputError(STDIN_PATH, f"standard input is larger than {_size(options.max_bytes)}")
    yield from _read_stream(io.BytesIO(data), STDIN_PATH, len(data), options, skipped)


def _size(count: int) -> str:
    return f"{count / 1024 / 1024:.1f} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def _read_stream(
    stream: IO[bytes], path: str, size: int, options: IngestOptions, skipped: Counter[str]
) -> Iterator[SourceDocument]:
    head = stream.read(HEAD_BYTES)
    if not head:
        raise InputError(path, "empty file")
    sniffed = sniff(head, path)
    compressed = sniffed.kind == "gzip"
    if compressed:
        with translating(path, "gzip data"):
            # Inflate only the head, tolerating a cut: a truncated .warc.gz still has
            # readable records before the cut.
            inner_head = zlib.decompressobj(wbits=31).decompress(head, HEAD_BYTES)
            if not inner_head:  # nothing inflated: let gzip itself say what is wrong
                stream.seek(0)
                with gzip.GzipFile(fileobj=stream) as inner:
                    inner_head = inner.read(HEAD_BYTES)
        if not inner_head:
            raise InputError(path, "gzip file holds no data")
        sniffed = sniff(inner_head, path.removesuffix(".gz"))
        if sniffed.kind == "gzip":
            raise InputError(path, "gzip inside gzip is not read")
    stream.seek(0)
    what = "gzip data" if compressed else "file"
    if sniffed.kind == "warc":
        for document in iter_warc(stream, path, options.max_bytes, skipped):
            yield _within_text_limit(document, options)
        return
    if sniffed.kind == "jsonl":
        with translating(path, what):
            lines: IO[bytes] = (
                gzip.GzipFile(fileobj=stream) if compressed else stream  # type: ignore[assignment]
            )
            for document in iter_jsonl(lines, path, options.max_bytes):
                yield _within_text_limit(document, options)
        return
    if not compressed and size > options.max_bytes:
        raise InputError(
            path,
            f"file is too large to read whole ({_size(size)}; the limit is "
            f"{_size(options.max_bytes)}, set by max_bytes)",
        )
    if sniffed.kind == "binary":
        raise InputError(path, f"not a document indicia reads: {sniffed.detail}")
    if sniffed.kind == "empty":
        raise InputError(path, "no text: the file holds only whitespace")
    if sniffed.kind == "xml":
        raise InputError(path, "XML that is neither a web page nor an RSS/Atom feed")
    with translating(path, what):
        source: IO[bytes] = (
            gzip.GzipFile(fileobj=stream) if compressed else stream  # type: ignore[assignment]
        )
        payload = source.read(options.max_bytes + 1)
    if len(payload) > options.max_bytes:
        raise InputError(
            path, f"gzip data decompresses to more than {_size(options.max_bytes)} (max_bytes)"
        )
    yield from _read_payload(payload, path, sniffed, options)


def _within_text_limit(document: SourceDocument, options: IngestOptions) -> SourceDocument:
    # Checked on the text itself: the file's size says little about what it unfolds into.
    if document.status != "ok":
        return document
    if document.media_type == "html":
        limit, what, name = options.max_html_chars, "HTML source", "max_html_chars"
    else:
        limit, what, name = options.max_text_chars, "text", "max_text_chars"
    if len(document.content) > limit:
        return rejected_document(
            document.source_path,
            f"{what} is longer than {limit:,} characters ({len(document.content):,}; {name})",
            document.size_bytes,
        )
    return document


def _read_payload(
    payload: bytes, path: str, sniffed: Sniffed, options: IngestOptions
) -> Iterator[SourceDocument]:
    for document in _read_kind(payload, path, sniffed, options):
        yield _within_text_limit(document, options)


def _read_kind(
    payload: bytes, path: str, sniffed: Sniffed, options: IngestOptions
) -> Iterator[SourceDocument]:
    kind = sniffed.kind
    if kind == "html":
        yield read_html(payload, path)
    elif kind == "pdf":
        limits = PdfLimits(
            max_pages=options.max_pdf_pages,
            max_content_bytes=options.max_pdf_content_bytes,
            max_page_content_bytes=options.max_pdf_page_content_bytes,
            max_operators=options.max_pdf_operators,
            max_page_form_draws=options.max_pdf_page_form_draws,
            max_text_chars=options.max_text_chars,
        )
        yield read_pdf(payload, path, limits)
    elif kind == "feed":
        yield from iter_feed(payload, path)
    elif kind == "json":
        try:
            value = parse_json(payload, path)
        except InputError:
            if path.lower().removesuffix(".gz").endswith(".json"):
                raise
            # Text that merely starts with a bracket ("[Updated] ...") is text, not JSON.
            yield read_text(payload, path)
            return
        yield from iter_json(value, payload, path)
    elif kind == "empty":
        raise InputError(path, "no text: the file holds only whitespace")
    elif kind == "binary":
        raise InputError(path, f"not a document indicia reads: {sniffed.detail}")
    elif kind == "xml":
        raise InputError(path, "XML that is neither a web page nor an RSS/Atom feed")
    else:
        yield read_text(payload, path, markdown=kind == "markdown")
