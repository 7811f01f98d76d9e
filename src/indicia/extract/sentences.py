"""Split cleaned text into sentences with offsets.

Rule-based and deterministic: a sentence ends at . ! ? (or their CJK forms),
optionally followed by closing quotes or brackets, then whitespace and an
upper-case letter, digit, quote or CJK character; paragraph breaks always end
one. Common abbreviations (Mr., U.N., e.g.) do not end a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from indicia.records import Span

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "vs", "etc", "e.g", "i.e", "no",
    "gen", "col", "lt", "sgt", "gov", "sen", "rep", "u.s", "u.n", "u.k", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp",
}  # fmt: skip

_BOUNDARY = re.compile(
    r"""(?<=[.!?。！？])["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9\u3000-\u9fff\uac00-\ud7af\u0400-\u042f])"""
)
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


def split_sentences(text: str) -> list[Span]:
    """Sentence spans of `text`, trimmed of surrounding whitespace, in order."""
    return list(_iter_sentences(text))


def _iter_sentences(text: str) -> Iterator[Span]:
    start = 0
    for block in _blocks(text):
        b_start, b_end = block
        start = b_start
        for match in _BOUNDARY.finditer(text, b_start, b_end):
            end = match.end()
            if _is_abbreviation(text, start, end):
                continue
            span = _trim(text, start, end)
            if span:
                yield span
            start = end
        span = _trim(text, start, b_end)
        if span:
            yield span


def _blocks(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH.finditer(text):
        yield start, match.start()
        start = match.end()
    yield start, len(text)


def _is_abbreviation(text: str, start: int, end: int) -> bool:
    head = text[start:end].rstrip("\"'”’)] ")
    if not head.endswith("."):
        return False
    word = re.search(r"([A-Za-z.]+)\.$", head)
    if not word:
        return False
    token = word.group(1).lower()
    # single initials ("J. Smith") and listed abbreviations do not end sentences
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _trim(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None
