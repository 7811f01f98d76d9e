"""The period a figure refers to: "in 2024", "since 2022", "last year", "this year".

Relative expressions are resolved against the article's publication date ("last
year" in an article dated 2025-08-12 is 2024). Without a date they stay unresolved:
the expression is kept as written (`Period.text`) and `Period.value` is None, so
reconciliation can resolve it later from a dated copy of the same story. Nothing
here guesses a date. Month-level periods ("in June") are not read.

A year the figure is reached by ("by 2030", "d'ici 2030", "2030年までに": data/periods.json)
is a horizon, "by 2030": a total up to that year, often a forecast or a target, which
is not the same figure as a count of that year or a count so far.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from indicia.data import load_json

_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_EXPRESSIONS = re.compile(
    rf"""
    (?P<since>\bsince\s+(?P<since_year>{_YEAR})\b)
  | (?P<range>\b(?:between\s+|from\s+)?(?P<range_a>{_YEAR})\s*(?:-|–|to|and|through)\s*
        (?P<range_b>{_YEAR})\b)
  | (?P<relative>\b(?:(?:in|during|over|for)\s+)?(?:the\s+)?(?P<rel>last|past|previous|this|
        current|next|coming)\s+year\b)
  | (?P<year>\b(?P<year_value>{_YEAR})\b)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


@dataclass(frozen=True)
class Period:
    """A period expression in a sentence: `value` is the normalised period ("2024",
    "since 2022", "2022-2024"), None while a relative expression is unresolved."""

    value: str | None
    text: str
    start: int
    end: int
    relative: int | None = None  # years from publication, for "last year" and the like

    @property
    def resolved(self) -> bool:
        return self.value is not None


def published_year(published: str | None) -> int | None:
    if not published:
        return None
    match = re.match(r"(\d{4})", published)
    return int(match.group(1)) if match else None


@cache
def _horizons() -> tuple[re.Pattern[str], ...]:
    patterns: list[str] = load_json("periods.json")["horizons"]
    year = rf"(?P<year>{_YEAR})"
    return tuple(re.compile(p.replace("{year}", year), re.IGNORECASE) for p in patterns)


# a year right before a horizon cue starts a range ("从2010到2020年"), not a horizon
_YEAR_BEFORE = re.compile(rf"{_YEAR}\s?年?\s?\Z")


def _horizon_periods(text: str, start: int, end: int) -> list[Period]:
    found = []
    for pattern in _horizons():
        for match in pattern.finditer(text, start, end):
            if _YEAR_BEFORE.search(text, max(start, match.start() - 12), match.start()):
                continue
            found.append(Period(f"by {match['year']}", match.group(), match.start(), match.end()))
    return found


_THAT_YEAR = re.compile(r"\b(?:that|the same|that same) year\b", re.IGNORECASE)


def find_periods(text: str, start: int, end: int, published: str | None) -> list[Period]:
    """Every period expression in text[start:end], resolved where possible."""
    year = published_year(published)
    periods = []
    for match in _EXPRESSIONS.finditer(text, start, end):
        if match.group("since"):
            value: str | None = f"since {match.group('since_year')}"
            relative = None
        elif match.group("range"):
            value = f"{match.group('range_a')}-{match.group('range_b')}"
            relative = None
        elif match.group("relative"):
            relative = _OFFSETS[match.group("rel").lower()]
            value = str(year + relative) if year is not None else None
        else:
            value = match.group("year_value")
            relative = None
        periods.append(Period(value, match.group(), match.start(), match.end(), relative))
    horizons = _horizon_periods(text, start, end)
    if horizons:
        # the year of a horizon is read as the horizon only
        periods = [p for p in periods if not any(h.start <= p.start < h.end for h in horizons)]
        periods += horizons
    # "since 2022, from about 20 that year": "that year" is the last year written before it
    for match in _THAT_YEAR.finditer(text, start, end):
        before = [p for p in periods if p.end <= match.start() and p.relative is None and p.value]
        last = re.search(r"(\d{4})$", before[-1].value or "") if before else None
        if last:
            periods.append(Period(last.group(1), match.group(), match.start(), match.end()))
    return sorted(periods, key=lambda p: p.start)


def resolve(text: str, published: str | None) -> str | None:
    """The period of a relative expression as written ("last year"), given a date."""
    year = published_year(published)
    match = _EXPRESSIONS.search(text)
    if year is None or match is None or not match.group("relative"):
        return None
    return str(year + _OFFSETS[match.group("rel").lower()])


def is_year(value: float) -> bool:
    return value.is_integer() and 1950 <= value <= 2049
