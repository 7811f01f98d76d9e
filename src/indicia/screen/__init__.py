"""screen: the dossier's people and organisations against sanctions lists.

Lists are read from their own formats (`lists`: OFAC SDN CSV and XML,
FollowTheMoney entity files), names made comparable across scripts and
romanisations (`names`), compared part by part (`matcher`), and every match at
or above the threshold kept as a candidate with its features (`screener`).
A candidate is never a finding: a reviewer accepts or rejects it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from indicia.records import Entity, ScreeningResult
from indicia.screen.lists import SanctionsList, read_list
from indicia.screen.screener import DEFAULT_THRESHOLD, ListIndex, screen_entities


@dataclass(frozen=True)
class ScreenOptions:
    lists: tuple[str, ...] = ()  # paths of list files; none means no screening
    threshold: float = DEFAULT_THRESHOLD


def screen(entities: Sequence[Entity], options: ScreenOptions) -> ScreeningResult:
    """Read the lists in `options` and screen `entities` against them."""
    lists = [read_list(path) for path in options.lists]
    return screen_with(entities, lists, options.threshold)


def screen_with(
    entities: Sequence[Entity], lists: Sequence[SanctionsList], threshold: float
) -> ScreeningResult:
    index = ListIndex.build(lists)
    candidates = screen_entities(entities, index, threshold)
    screened = sum(1 for e in entities if e.type in ("person", "organisation"))
    notes = [
        f"{screened} people and organisations screened at threshold {threshold:.2f}"
        "; a candidate is not a finding until a reviewer accepts it"
    ]
    unowned = [e.name for e in entities if e.role and not e.country]
    if unowned:
        notes.append(
            "named by role with no state in the text, so not screened: " + ", ".join(unowned)
        )
    return ScreeningResult(
        lists=tuple(s.describe() for s in lists),
        candidates=tuple(candidates),
        screened=screened,
        notes=tuple(notes),
    )


def describe_method(options: ScreenOptions) -> str:
    return (
        f"name parts compared across orders, scripts and romanisations (rigour), "
        f"threshold {options.threshold:.2f}; role-named state bodies against the same "
        "state's entries only"
    )


__all__ = [
    "DEFAULT_THRESHOLD",
    "ListIndex",
    "SanctionsList",
    "ScreenOptions",
    "describe_method",
    "read_list",
    "screen",
    "screen_with",
]
