"""What a figure measures, as a short normalised name ("shift length", "days off per
year"), read from the table in data/measures.json.

The table is data so a reviewer can add a measure without touching code. Cues are
read in the figure's own clause before the rest of its sentence, so that in "up to
50,000 could be sent in total, and more than 10,000 went in 2024" each figure takes
the words of its own clause. Also here:
qualitative comparisons ("outpacing local wages") that become bounds on a measure so
reconciliation can set them against figures. A figure that fits no entry gets no
measure here; `quantities.py` may still name it from the noun it counts.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from indicia.data import load_json


@dataclass(frozen=True)
class MeasureRule:
    measure: str
    units: frozenset[str]
    cues: tuple[re.Pattern[str], ...]
    context: re.Pattern[str] | None
    timeless: bool
    invert_when: re.Pattern[str] | None
    sentence_wide: bool = False
    clause_cues: tuple[re.Pattern[str], ...] = ()


@dataclass(frozen=True)
class Measure:
    name: str
    timeless: bool = False
    invert: bool = False


@dataclass(frozen=True)
class Comparison:
    """A comparison without a number, as a bound: text[start:end] says it."""

    measure: str
    unit: str
    start: int
    end: int
    low: float | None
    high: float | None
    qualifier: str


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def rules() -> tuple[MeasureRule, ...]:
    table: dict[str, Any] = load_json("measures.json")
    return tuple(
        MeasureRule(
            measure=entry["measure"],
            units=frozenset(entry["units"]),
            cues=tuple(_compile(c) for c in entry["cues"]),
            context=_compile(entry["context"]) if entry.get("context") else None,
            timeless=bool(entry.get("timeless", False)),
            invert_when=_compile(entry["invert_when"]) if entry.get("invert_when") else None,
            sentence_wide=bool(entry.get("sentence_wide", False)),
            clause_cues=tuple(_compile(c) for c in entry.get("clause_cues", ())),
        )
        for entry in table["measures"]
    )


@cache
def clock_measure() -> str:
    """The measure of a clock range no entry names ("" when the table gives none)."""
    table: dict[str, Any] = load_json("measures.json")
    return str(table.get("clock_measure", ""))


@cache
def _qualitative() -> tuple[tuple[re.Pattern[str], dict[str, Any]], ...]:
    table: dict[str, Any] = load_json("measures.json")
    return tuple((_compile(e["pattern"]), e) for e in table["qualitative"])


def _unit_fits(rule: MeasureRule, unit: str, is_currency: bool) -> bool:
    if is_currency:
        return "currency" in rule.units
    if unit == "":
        return "people" in rule.units
    return unit in rule.units


# Where a sentence falls into clauses that can each carry a figure of their own:
# "up to 50,000 could be sent in total, and says more than 10,000 went in 2024".
_CLAUSE = re.compile(r";|:\s|,\s+(?:and|but|while|whereas)\b|\s+[–—]\s+|, while\b")


def clauses(text: str, sentence_start: int, sentence_end: int) -> list[tuple[int, int]]:
    """The clauses of the sentence text[sentence_start:sentence_end], in order."""
    bounds = [sentence_start]
    for match in _CLAUSE.finditer(text, sentence_start, sentence_end):
        bounds.extend((match.start(), match.end()))
    bounds.append(sentence_end)
    return [(bounds[k], bounds[k + 1]) for k in range(0, len(bounds), 2)]


def clause_at(sentence_clauses: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The span from the clause that holds `start` to the one that holds `end`: a
    figure written across a clause mark ("6am - 2am") keeps both."""
    starts = [c[0] for c in sentence_clauses]
    first = max(0, bisect.bisect_right(starts, start) - 1)
    last = max(first, bisect.bisect_left(starts, end) - 1)
    return sentence_clauses[first][0], sentence_clauses[last][1]


def clause_of(
    text: str, sentence_start: int, sentence_end: int, start: int, end: int
) -> tuple[int, int]:
    """The bounds of the clause of the sentence that holds text[start:end]."""
    return clause_at(clauses(text, sentence_start, sentence_end), start, end)


# Cues are read at most this far from the figure (characters): the cost of naming a
# figure stays bounded however long its sentence is.
CUE_REACH = 400


def classify(
    text: str,
    sentence_start: int,
    sentence_end: int,
    start: int,
    end: int,
    unit: str,
    *,
    is_currency: bool,
    document: str,
    figure_clauses: Sequence[tuple[int, int]] = (),
    sentence_clauses: Sequence[tuple[int, int]] | None = None,
) -> Measure | None:
    """The measure of the figure at text[start:end] in the sentence, or None.

    Cues are read in the figure's own clause first; only when that clause has none
    is the rest of the sentence read, and then never a clause that holds another
    figure (its words describe that figure, not this one). `figure_clauses` are the
    clauses that hold the sentence's figures and `sentence_clauses` the sentence's
    clauses (`clauses`), computed once per sentence by the caller."""
    if sentence_clauses is None:
        sentence_clauses = clauses(text, sentence_start, sentence_end)
    clause = clause_at(sentence_clauses, start, end)
    sentence = (max(sentence_start, start - CUE_REACH), min(sentence_end, end + CUE_REACH))
    skip = sorted({c for c in figure_clauses if c != clause})
    best = _nearest(
        text, sentence, start, end, unit, is_currency, document, only_wide=True, skip=skip
    )
    if best is None:
        bounds = (max(clause[0], sentence[0]), min(clause[1], sentence[1]))
        best = _nearest(text, bounds, start, end, unit, is_currency, document, clause=True)
    if best is None:
        best = _nearest(text, sentence, start, end, unit, is_currency, document, skip=skip)
    if best is None:
        return None
    rule = best[2]
    invert = bool(
        rule.invert_when is not None
        and rule.invert_when.search(text, max(clause[0], start - CUE_REACH), start)
    )
    return Measure(rule.measure, rule.timeless, invert)


@lru_cache(maxsize=4)
def _contexts_in(document: str) -> frozenset[int]:
    """The rules (by order) whose `context` occurs in the document: read once per
    document, not once per figure."""
    return frozenset(
        order
        for order, rule in enumerate(rules())
        if rule.context is not None and rule.context.search(document)
    )


def _skipped(skip: Sequence[tuple[int, int]], position: int) -> bool:
    k = bisect.bisect_right(skip, (position, math.inf)) - 1
    return k >= 0 and skip[k][0] <= position < skip[k][1]


def _nearest(
    text: str,
    bounds: tuple[int, int],
    start: int,
    end: int,
    unit: str,
    is_currency: bool,
    document: str,
    *,
    clause: bool = False,
    skip: Sequence[tuple[int, int]] = (),
    only_wide: bool = False,
) -> tuple[int, int, MeasureRule] | None:
    """The rule whose cue in text[bounds] lies nearest the figure (ties: table order)."""
    best: tuple[int, int, MeasureRule] | None = None
    for order, rule in enumerate(rules()):
        if only_wide and not rule.sentence_wide:
            continue
        if not _unit_fits(rule, unit, is_currency):
            continue
        if rule.context is not None and order not in _contexts_in(document):
            continue
        cues = [(cue, False) for cue in rule.cues]
        if clause:
            cues += [(cue, True) for cue in rule.clause_cues]
        for cue, anywhere in cues:
            for match in cue.finditer(text, *bounds):
                if skip and _skipped(skip, match.start()):
                    continue
                touching = match.start() < end and match.end() > start
                if anywhere or rule.sentence_wide or touching or _names_figure(text, end, match):
                    distance = 0
                else:
                    distance = max(match.start() - end, start - match.end())
                if best is None or (distance, order) < (best[0], best[1]):
                    best = (distance, order, rule)
    return best


@cache
def _connected() -> re.Pattern[str]:
    """What may stand between a figure and the noun that names it: a connector of
    `noun_connectors` and at most one word more, or 的 with no space."""
    words = "|".join(re.escape(w) for w in load_json("measures.json")["noun_connectors"])
    return re.compile(rf"\s*(?:(?:{words})\s+(?:\w+\s+)?|的)", re.IGNORECASE)


def _names_figure(text: str, end: int, match: re.Match[str]) -> bool:
    """Whether the cue `match` names the figure ending at `end`: "$6.8 million in
    revenue", "US$500 in unpaid wages"."""
    return match.start() >= end and _connected().fullmatch(text, end, match.start()) is not None


def names_noun(measure: str, noun: str) -> bool:
    """Whether a cue of `measure` matches `noun`, the thing a count counts ("27
    factories" fits factories; "9 provinces" does not)."""
    return any(cue.search(noun) for rule in rules() if rule.measure == measure for cue in rule.cues)


@dataclass(frozen=True)
class YearFigure:
    """A year that is the measured thing: text[start:end] is the year."""

    measure: str
    start: int
    end: int
    year: int


@cache
def _years() -> tuple[tuple[re.Pattern[str], re.Pattern[str] | None, str], ...]:
    table: dict[str, Any] = load_json("measures.json")
    return tuple(
        (_compile(e["pattern"]), _compile(e["context"]) if e.get("context") else None,
         e["measure"])
        for e in table.get("years", [])
    )  # fmt: skip


@lru_cache(maxsize=4)
def _year_contexts_in(document: str) -> frozenset[int]:
    return frozenset(
        order
        for order, (_, context, _) in enumerate(_years())
        if context is not None and context.search(document)
    )


def year_figures(
    text: str, sentence_start: int, sentence_end: int, document: str
) -> list[YearFigure]:
    """Years in the sentence that are what is measured ("sanctions imposed in 2019");
    the first entry that fits a year wins."""
    found: dict[int, YearFigure] = {}
    present = _year_contexts_in(document)
    for order, (pattern, context, measure) in enumerate(_years()):
        if context is not None and order not in present:
            continue
        for match in pattern.finditer(text, sentence_start, sentence_end):
            group = next(g for g in ("year", "year2") if g in pattern.groupindex and match[g])
            start, end = match.span(group)
            if start not in found:
                found[start] = YearFigure(measure, start, end, int(match[group]))
    return sorted(found.values(), key=lambda y: y.start)


def comparisons(text: str, sentence_start: int, sentence_end: int) -> list[Comparison]:
    """Qualitative comparisons in the sentence text[sentence_start:sentence_end]."""
    found = []
    for pattern, entry in _qualitative():
        for match in pattern.finditer(text, sentence_start, sentence_end):
            found.append(
                Comparison(
                    measure=entry["measure"],
                    unit=entry["unit"],
                    start=match.start(),
                    end=match.end(),
                    low=entry.get("low"),
                    high=entry.get("high"),
                    qualifier=entry["qualifier"],
                )
            )
    return found
