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


def clause_of(
    text: str, sentence_start: int, sentence_end: int, start: int, end: int
) -> tuple[int, int]:
    """The bounds of the clause of the sentence that holds text[start:end]."""
    clause_start, clause_end = sentence_start, sentence_end
    for match in _CLAUSE.finditer(text, sentence_start, sentence_end):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


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
    figures: Sequence[tuple[int, int]] = (),
) -> Measure | None:
    """The measure of the figure at text[start:end] in the sentence, or None.

    Cues are read in the figure's own clause first; only when that clause has none
    is the rest of the sentence read, and then never a clause that holds another
    figure (its words describe that figure, not this one). `figures` are the other
    figures of the sentence."""
    clause = clause_of(text, sentence_start, sentence_end, start, end)
    sentence = (sentence_start, sentence_end)
    # a sentence-wide cue ("Kursk") names every figure of its sentence
    taken = [
        clause_of(text, sentence_start, sentence_end, s, e)
        for s, e in figures
        if (s, e) != (start, end)
    ]
    skip = [c for c in taken if c != clause]
    best = _nearest(
        text, sentence, start, end, unit, is_currency, document, only_wide=True, skip=skip
    )
    if best is None:
        best = _nearest(text, clause, start, end, unit, is_currency, document, clause=True)
    if best is None:
        best = _nearest(text, sentence, start, end, unit, is_currency, document, skip=skip)
    if best is None:
        return None
    rule = best[2]
    invert = bool(rule.invert_when is not None and rule.invert_when.search(text[clause[0] : start]))
    return Measure(rule.measure, rule.timeless, invert)


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
    in_context = _contexts_found(document)
    for order, rule in enumerate(rules()):
        if only_wide and not rule.sentence_wide:
            continue
        if not _unit_fits(rule, unit, is_currency):
            continue
        if not in_context[order]:
            continue
        cues = [(cue, False) for cue in rule.cues]
        if clause:
            cues += [(cue, True) for cue in rule.clause_cues]
        for cue, anywhere in cues:
            for match in cue.finditer(text, *bounds):
                if any(s <= match.start() < e for s, e in skip):
                    continue
                if anywhere or rule.sentence_wide or (match.start() < end and match.end() > start):
                    distance = 0
                else:
                    distance = max(match.start() - end, start - match.end())
                if best is None or (distance, order) < (best[0], best[1]):
                    best = (distance, order, rule)
    return best


@lru_cache(maxsize=4)
def _contexts_found(document: str) -> tuple[bool, ...]:
    """For each rule, whether its document-wide context occurs in `document`.

    Searched once per document rather than once per figure, rule and pass (a string
    caches its hash, so a lookup with the same document is cheap)."""
    return tuple(r.context is None or r.context.search(document) is not None for r in rules())


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
def _year_contexts_found(document: str) -> tuple[bool, ...]:
    """For each year entry, whether its context occurs in `document` (once per document)."""
    return tuple(c is None or c.search(document) is not None for _, c, _ in _years())


def year_figures(
    text: str, sentence_start: int, sentence_end: int, document: str
) -> list[YearFigure]:
    """Years in the sentence that are what is measured ("sanctions imposed in 2019");
    the first entry that fits a year wins."""
    found: dict[int, YearFigure] = {}
    for (pattern, _, measure), in_context in zip(
        _years(), _year_contexts_found(document), strict=True
    ):
        if not in_context:
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
