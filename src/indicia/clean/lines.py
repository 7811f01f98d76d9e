"""Split a text dump (plain text, Markdown, text from PDF) into units with exact offsets.

Each non-blank line is a unit, except in hard-wrapped text (most lines cut at a
similar width inside blank-line separated blocks), where each block is one unit.
Markdown heading markers ("### ") are dropped from the unit's text and offsets;
a line made only of formatting marks ("###", "---") becomes a markup unit.
Deciding what is boilerplate is `boilerplate`'s job, not this module's.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from indicia.clean.normalise import normalise_span
from indicia.clean.units import Unit
from indicia.data import load_json

_HEADING_MARK = re.compile(r"#{1,6}[ \t\u00a0]+")
_TERMINAL = re.compile(r"[.!?。！？:;]['\"”’)]*\s*$")

# Hard-wrapped text: lines broken at a fixed width, so most are of similar, modest length.
_WRAP_MIN, _WRAP_MAX = 30, 100
_WRAP_SHARE = 0.7
_WRAP_MIN_LINES = 3


@dataclass(frozen=True)
class _Line:
    start: int  # first non-blank character
    end: int  # after the last non-blank character
    blank: bool


def split_units(content: str) -> list[Unit]:
    """The units of `content`, in order; blank lines separate but are not units."""
    lines = _lines(content)
    if _hard_wrapped(content, lines):
        return _block_units(content, lines)
    units: list[Unit] = []
    for line in lines:
        if not line.blank:
            unit = _line_unit(content, line.start, line.end)
            if unit is not None:
                units.append(unit)
    return units


def _lines(content: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in content.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        if not stripped or not _visible(stripped):
            lines.append(_Line(offset, offset, True))
        else:
            lead = len(body) - len(body.lstrip())
            lines.append(_Line(offset + lead, offset + len(body.rstrip()), False))
        offset += len(raw)
    return lines


def _visible(text: str) -> bool:
    if text.isprintable():
        return True
    visible, _ = normalise_span(text, 0, len(text))
    return bool(visible)


def _markup_characters() -> str:
    return str(load_json("boilerplate.json")["markup_only"]["characters"])


def _line_unit(content: str, start: int, end: int) -> Unit | None:
    raw = content[start:end]
    marks = _markup_characters()
    if all(c in marks or c.isspace() for c in raw):
        return Unit(raw.strip(), (), start, end, markup=True)
    heading = _HEADING_MARK.match(raw)
    if heading:
        start += heading.end()
    text, pieces = normalise_span(content, start, end)
    if not text:
        return None
    return Unit(text, tuple(pieces), start, end, heading=heading is not None)


def _hard_wrapped(content: str, lines: list[_Line]) -> bool:
    # Only lines followed by another line of the same block say anything about wrapping.
    inner = [
        a.end - a.start
        for a, b in itertools.pairwise(lines)
        if not a.blank and not b.blank and not _TERMINAL.search(content[a.start : a.end])
    ]
    followed = sum(1 for a, b in itertools.pairwise(lines) if not a.blank and not b.blank)
    if followed < _WRAP_MIN_LINES:
        return False
    wrapped = sum(1 for n in inner if _WRAP_MIN <= n <= _WRAP_MAX)
    return wrapped >= _WRAP_SHARE * followed


def _block_units(content: str, lines: list[_Line]) -> list[Unit]:
    units: list[Unit] = []
    block: list[_Line] = []

    def flush() -> None:
        if not block:
            return
        first, last = block[0], block[-1]
        raw = content[first.start : first.end]
        # Headings and mark lines stay units of their own even inside a block.
        if len(block) == 1 or _HEADING_MARK.match(raw):
            for line in block:
                unit = _line_unit(content, line.start, line.end)
                if unit is not None:
                    units.append(unit)
        else:
            text, pieces = normalise_span(content, first.start, last.end)
            if text:
                units.append(Unit(text, tuple(pieces), first.start, last.end))
        block.clear()

    for line in lines:
        if line.blank:
            flush()
        else:
            block.append(line)
    flush()
    return units


__all__ = ["split_units"]
