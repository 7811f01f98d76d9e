"""The one place where errors from files and parsers become `InputError`.

Readers wrap every call into the file system or a third-party parser (gzip,
pypdf, warcio, feedparser, lxml/trafilatura, json) in `translating(path, what)`.
Whatever those raise leaves as `InputError(path, reason)` with a reason a person
can act on; the reader turns that into a rejected document. Nothing here
decides whether an input is acceptable, only how a failure is worded.
"""

from __future__ import annotations

import errno
import json
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager

from indicia.errors import InputError

log = logging.getLogger(__name__)

_MAX_DETAIL = 160


def _third_party_errors() -> tuple[type[BaseException], ...]:
    """Exception types of the parsers we call, for reasons that name the parser's complaint."""
    found: list[type[BaseException]] = []
    try:
        from pypdf.errors import PyPdfError

        found.append(PyPdfError)
    except ImportError:  # optional at run time: the PDF reader says so itself
        pass
    try:
        from warcio.exceptions import ArchiveLoadFailed

        found.append(ArchiveLoadFailed)
    except ImportError:
        pass
    try:
        from lxml.etree import LxmlError

        found.append(LxmlError)
    except ImportError:
        pass
    return tuple(found)


_PARSER_ERRORS = _third_party_errors()


def reason_for(exc: BaseException, what: str) -> str:
    """Words for why `what` (e.g. "PDF", "WARC", "gzip data") could not be read."""
    if isinstance(exc, InputError):
        return exc.reason
    if isinstance(exc, FileNotFoundError):
        return "file disappeared before it could be read"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return "symlink loop (the link points back at itself)"
    if isinstance(exc, EOFError):
        return f"{what} is truncated (the data ends early)"
    if isinstance(exc, zlib.error):
        return f"{what} is corrupt ({exc})"
    if isinstance(exc, OSError) and exc.strerror:
        return f"cannot read {what}: {exc.strerror}"
    if isinstance(exc, OSError):  # gzip.BadGzipFile and friends carry only a message
        return f"cannot read {what}: {exc}"
    if isinstance(exc, RecursionError):
        return f"{what} is nested too deeply to parse"
    if isinstance(exc, MemoryError):
        return f"{what} is too large to parse in memory"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
    if isinstance(exc, UnicodeError):
        return f"{what} has undecodable text ({exc})"
    detail = " ".join(str(exc).split()) or type(exc).__name__
    if len(detail) > _MAX_DETAIL:  # parsers quote whole lines of binary back at us
        detail = detail[: _MAX_DETAIL - 1] + "…"
    if isinstance(exc, _PARSER_ERRORS):
        return f"unreadable {what}: {detail}"
    return f"unreadable {what} ({type(exc).__name__}: {detail})"


@contextmanager
def translating(path: str, what: str) -> Iterator[None]:
    """Re-raise any failure inside the block as `InputError(path, reason)`."""
    try:
        yield
    except InputError:
        raise
    except Exception as exc:  # RecursionError and MemoryError included
        # Parsers raise anything from KeyError to struct.error on malformed input; every one
        # becomes a recorded rejection. The traceback is kept at debug level for bug reports.
        reason = reason_for(exc, what)
        log.debug("%s: %s", path, reason, exc_info=True)
        raise InputError(path, reason) from exc
