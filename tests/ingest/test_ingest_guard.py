"""Failures from files and parsers become InputError with a reason a person can act on."""

from __future__ import annotations

import errno
import json
import zlib

import pytest

from indicia.errors import InputError
from indicia.ingest.guard import reason_for, translating


def _json_error() -> json.JSONDecodeError:
    try:
        json.loads('{"a": ')
    except json.JSONDecodeError as exc:
        return exc
    raise AssertionError("unreachable")


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        (FileNotFoundError(2, "No such file"), "file disappeared before it could be read"),
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(errno.ELOOP, "Too many levels of symbolic links"), "symlink loop"),
        (EOFError("Compressed file ended"), "gzip data is truncated"),
        (zlib.error("invalid distance"), "gzip data is corrupt (invalid distance)"),
        (RecursionError("maximum recursion depth"), "gzip data is nested too deeply"),
        (MemoryError(), "gzip data is too large to parse in memory"),
        (_json_error(), "invalid JSON at line 1 column 7"),
        (KeyError("Root"), "unreadable gzip data (KeyError: 'Root')"),
        (ValueError("x" * 500), "…"),
    ],
)
def test_reason_for(exc: BaseException, reason: str) -> None:
    assert reason in reason_for(exc, "gzip data")


def test_translating_keeps_input_errors_and_wraps_the_rest() -> None:
    with pytest.raises(InputError) as kept, translating("a.txt", "file"):
        raise InputError("a.txt#record-2", "a reason of our own")
    assert (kept.value.path, kept.value.reason) == ("a.txt#record-2", "a reason of our own")
    with pytest.raises(InputError) as wrapped, translating("b.pdf", "PDF"):
        raise IndexError("list index out of range")
    assert wrapped.value.path == "b.pdf"
    assert wrapped.value.reason == "unreadable PDF (IndexError: list index out of range)"
    assert isinstance(wrapped.value.__cause__, IndexError)


def test_parser_errors_are_named_by_the_parser() -> None:
    from pypdf.errors import PdfReadError

    assert reason_for(PdfReadError("startxref not found"), "PDF") == (
        "unreadable PDF: startxref not found"
    )
