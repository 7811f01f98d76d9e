"""Build the cleaned text from kept paragraphs, with its Spans and Segments.

Paragraphs are joined with one blank line ("\\n\\n"); the separators map to nothing.
Each paragraph brings pieces (offsets relative to the paragraph) that become
Segments (offsets into the whole cleaned text). `to_source` turns a cleaned span
back into a source span.
This module does not normalise or classify anything.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from indicia.records import CleanDocument, Segment, Span

PARAGRAPH_SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Piece:
    """Paragraph text[start:end] came from content[source_start:source_end].

    `exact` means the two strings are equal; otherwise they are equal after the
    normalisation the piece's producer documents.
    """

    start: int
    end: int
    source_start: int
    source_end: int
    exact: bool = True


@dataclass(frozen=True)
class Paragraph:
    text: str
    pieces: tuple[Piece, ...] = ()


def assemble(paragraphs: Sequence[Paragraph]) -> tuple[str, tuple[Span, ...], tuple[Segment, ...]]:
    """The cleaned text, its paragraph spans and its segments."""
    parts: list[str] = []
    spans: list[Span] = []
    segments: list[Segment] = []
    offset = 0
    for paragraph in paragraphs:
        if parts:
            parts.append(PARAGRAPH_SEPARATOR)
            offset += len(PARAGRAPH_SEPARATOR)
        parts.append(paragraph.text)
        spans.append(Span(offset, offset + len(paragraph.text)))
        segments.extend(
            Segment(offset + p.start, offset + p.end, p.source_start, p.source_end)
            for p in paragraph.pieces
        )
        offset += len(paragraph.text)
    return "".join(parts), tuple(spans), tuple(segments)


def to_source(document: CleanDocument, start: int, end: int) -> tuple[int, int] | None:
    """The source span that cleaned text[start:end] came from, or None when unmapped.

    Inside one segment whose cleaned and source lengths agree (every exact segment,
    and one-for-one changes such as a no-break space made a space) the answer is
    exact to the character; otherwise the covering segments' outer bounds are given.
    """
    if start >= end:
        return None
    segments = document.segments
    starts = [s.clean_start for s in segments]
    first = bisect.bisect_right(starts, start) - 1
    if first < 0 or segments[first].clean_end <= start:
        return None
    last = bisect.bisect_left(starts, end) - 1
    if last < first:
        return None
    head, tail = segments[first], segments[last]
    if first == last and _linear(head):
        return (
            head.source_start + start - head.clean_start,
            head.source_start + end - head.clean_start,
        )
    source_start = head.source_start + (start - head.clean_start if _linear(head) else 0)
    source_end = (
        tail.source_start + min(end, tail.clean_end) - tail.clean_start
        if _linear(tail)
        else tail.source_end
    )
    return source_start, source_end


def _linear(segment: Segment) -> bool:
    return segment.clean_end - segment.clean_start == segment.source_end - segment.source_start


__all__ = ["PARAGRAPH_SEPARATOR", "Paragraph", "Piece", "assemble", "to_source"]
