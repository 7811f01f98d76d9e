"""How alike two names are, and which of their parts made them so.

`compare_names` scores a name from the documents against a name on a list,
0 to 1, forgiving what differs between spellings of one name and not what
differs between two people:

- order: "KIM, Tong-chol" and "Tong Chol Kim" are compared in every order of
  the list name's parts (up to three parts; a longer name in the order that best
  follows the text's parts, and in its own order);
- joins and splits: parts are compared joined, so "Jong-un", "Jong Un" and
  "Jongun" agree;
- omitted parts: a person's patronymic or middle names on the list may be
  missing from the text ("Sergei Shoigu" against "SHOIGU, Sergei
  Kuzhugetovich"), at a small cost each; every part the text gives must be
  matched, and at least two parts of a person's name, so a lone surname
  ("Kim") never matches anyone and "Kim Jong Un" never matches "Kim Jong";
  an organisation's name is compared whole (legal forms aside);
- typos and romanisation: Levenshtein similarity (rigour) on the joined parts,
  also on the spelling key and, where one side is Korean, on the Korean key
  (see `names`).

A part counts as matched when it equals a list part, or does under a key, or
is within one edit of it; the parts are returned so a reviewer sees which
ones carried the score.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rigour.text import levenshtein

from indicia.screen.names import korean_key, spelling_key

_DROP_LIST_PART = 0.03  # a list name's part the text does not give (a patronymic)
_KEY_COST = 0.02  # agreeing only under a spelling key costs a little
_MAX_PERMUTED = 3


@dataclass(frozen=True)
class NameMatch:
    score: float
    query_parts: tuple[str, ...]  # the text's parts compared
    list_parts: tuple[str, ...]  # the list's parts compared, in the order that matched
    dropped: tuple[str, ...]  # parts of either name left out of the comparison
    via: str  # exact | spelling | korean | fuzzy


@lru_cache(maxsize=1 << 18)
def _similarity(a: str, b: str) -> float:
    longest = max(len(a), len(b))
    if longest == 0:
        return 0.0
    return 1.0 - levenshtein(a, b) / longest


def _keyed(parts: Sequence[str], key: Callable[[str], str]) -> str:
    return "".join(key(p) for p in parts)


def _orders(query: tuple[str, ...], parts: tuple[str, ...]) -> list[tuple[str, ...]]:
    if len(parts) <= _MAX_PERMUTED:
        return list(itertools.permutations(parts))
    # a long name: the list's parts in the order that best follows the text's parts,
    # the list's own order, and family name moved last ("KIM, Tong Chol" -> Tong Chol Kim)
    free = list(parts)
    aligned: list[str] = []
    for q in query:
        if not free:
            break
        q_key = spelling_key(q)
        best = max(free, key=lambda c: _similarity(q_key, spelling_key(c)))
        aligned.append(best)
        free.remove(best)
    return [(*aligned, *free), parts, (*parts[1:], parts[0])]


def _subsets(
    parts: tuple[str, ...], most_dropped: int, least: int, protected: frozenset[int]
) -> list[tuple[str, ...]]:
    found = [parts]
    droppable = [i for i in range(len(parts)) if i not in protected]
    for dropped in range(1, most_dropped + 1):
        if len(parts) - dropped < least:
            break
        for gone in itertools.combinations(droppable, dropped):
            found.append(tuple(p for i, p in enumerate(parts) if i not in gone))
    return found


def compare_names(
    query: tuple[str, ...],
    listed: tuple[str, ...],
    *,
    person: bool,
    korean: bool,
    family_first: bool = False,
) -> NameMatch | None:
    """The best alignment of two names' parts, or None when none can be compared.

    `family_first`: the list wrote the family name first ("KIM, Tong-chol"), so
    only the given and middle names after it may be left out; otherwise the
    first and last parts stay. A Korean name's parts are syllables of one name:
    none is left out.
    """
    least = 2 if person else 1
    if len(query) < least or len(listed) < least:
        return None
    keys: list[tuple[str, Callable[[str], str]]] = [("spelling", spelling_key)]
    if korean:
        keys.append(("korean", korean_key))
    best: NameMatch | None = None
    q = query
    q_joined = "".join(q)
    q_keys = {name: _keyed(q, key) for name, key in keys}
    protected = frozenset({0} if family_first else {0, len(listed) - 1})
    most_dropped = 2 if person and not korean else 0
    for c in _subsets(listed, most_dropped, max(least, len(q) - 1), protected):
        cost = _DROP_LIST_PART * (len(listed) - len(c))
        if best is not None and 1.0 - cost <= best.score:
            continue
        for order in _orders(q, c):
            c_joined = "".join(order)
            score, via = _similarity(q_joined, c_joined), "exact"
            if score < 1.0:
                via = "fuzzy"
                for name, key in keys:
                    keyed = _similarity(q_keys[name], _keyed(order, key)) - _KEY_COST
                    if keyed > score:
                        score, via = keyed, name
            score -= cost
            if best is None or score > best.score:
                dropped = tuple(p for p in listed if p not in c)
                best = NameMatch(round(score, 4), q, order, dropped, via)
    if best is None or not _parts_agree(best, keys):
        return None
    return best


def _parts_agree(match: NameMatch, keys: Sequence[tuple[str, Callable[[str], str]]]) -> bool:
    """At least one part must match a part outright: joined strings can agree by chance."""
    for q in match.query_parts:
        for c in match.list_parts:
            if q == c or any(key(q) == key(c) for _, key in keys):
                return True
            if min(len(q), len(c)) >= 4 and _similarity(q, c) >= 0.75:
                return True
    return False


def part_pairs(match: NameMatch) -> list[tuple[str, str]]:
    """Which text part went with which list part, for the reviewer."""
    pairs: list[tuple[str, str]] = []
    free = list(match.list_parts)
    for q in match.query_parts:
        if not free:
            pairs.append((q, ""))
            continue
        best = max(free, key=lambda c: _similarity(spelling_key(q), spelling_key(c)))
        if _similarity(spelling_key(q), spelling_key(best)) >= 0.5 or len(free) == 1:
            pairs.append((q, best))
            free.remove(best)
        else:
            pairs.append((q, ""))
    pairs.extend(("", c) for c in free)
    return pairs


__all__ = ["NameMatch", "compare_names", "part_pairs"]
