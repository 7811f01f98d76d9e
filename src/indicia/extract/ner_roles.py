"""State bodies named by their role: "North Korea's state security department".

A report often names a ministry or a security service by what it does, not by
its proper name, and in its own language ("보위성", "Министерство труда",
"the labour ministry"). `data/role_names.json` lists kinds of state body
(state security, labour, defence, foreign affairs, public security) with the
phrases that name each kind per language; this module finds those phrases in
a cleaned text and the state the text says the body belongs to: a possessive
or a demonym before it ("North Korea's", "Russian"), a state name next to it
in scripts that join words ("북한 보위성", "朝鲜国家保卫省"), or "of" / a
genitive after it ("Ministry of Labour of Russia", "Минобороны России").

A mention found here is an organisation named after its kind and state
("state security agency of North Korea"), carrying `role` and `country`, so
that screening can compare it with the proper names such bodies carry on a
list ("Ministry of State Security") of the same state only. Without a state in
reach the mention keeps the kind's name with no country, and is never matched
to any state's body. It does not guess a state from the rest of the document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from indicia.data import load_json
from indicia.extract.ner_gazetteer import Gazetteer

# scripts written without spaces between words (or with particles glued on):
# a phrase there is found as a substring, elsewhere between word boundaries
_JOINED_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\u1100-\u11ff]")
_CLAUSE_BREAK = re.compile(r"[.!?;:。！？；\n()\[\]\"“”«»]")
_POSSESSIVE = re.compile(r"^(?:['’]s?|s['’])")
_WORD = re.compile(r"\w+")
_REACH = 40  # characters around a role phrase in which its state may be named


@dataclass(frozen=True)
class RoleKind:
    kind: str
    name: str  # "state security agency of {country}"
    list_names: tuple[str, ...]

    def display(self, country: str | None) -> str:
        if country:
            return self.name.format(country=country)
        return self.name.split(" {country}")[0].removesuffix(" of")


@dataclass(frozen=True)
class RoleMention:
    start: int
    end: int
    kind: RoleKind
    country: str | None

    @property
    def name(self) -> str:
        return self.kind.display(self.country)


@cache
def role_kinds() -> dict[str, RoleKind]:
    data = load_json("role_names.json")
    return {
        k["kind"]: RoleKind(k["kind"], k["name"], tuple(k["list_names"])) for k in data["kinds"]
    }


@cache
def _phrase_pattern() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str]]:
    """The role phrases as one pattern, the kind of each phrase, and where a phrase can
    start (its first letter; at a word's start unless written in a joined script)."""
    data: dict[str, Any] = load_json("role_names.json")
    owner: dict[str, str] = {}
    parts = []
    at_word: set[str] = set()
    anywhere: set[str] = set()
    for entry in data["kinds"]:
        for phrases in entry["phrases"].values():
            for phrase in phrases:
                owner[phrase.casefold()] = entry["kind"]
                body = re.escape(phrase).replace(r"\ ", r"\s+")
                if _JOINED_SCRIPT.search(phrase):
                    parts.append(body)
                    anywhere.update(_first_letters(phrase))
                else:
                    parts.append(rf"(?<!\w){body}(?!\w)")
                    at_word.update(_first_letters(phrase))
    # longest first, so "ministry of state security" wins over a shorter phrase in it
    parts.sort(key=len, reverse=True)
    starts = []
    if at_word:
        starts.append(rf"(?<!\w)[{''.join(sorted(at_word))}]")
    if anywhere:
        starts.append(f"[{''.join(sorted(anywhere))}]")
    return (
        re.compile("|".join(parts), re.IGNORECASE),
        owner,
        re.compile("|".join(starts) or "(?!)", re.IGNORECASE),
    )


def _first_letters(phrase: str) -> set[str]:
    """The first character of `phrase` in every case, as a class member (white space:
    any, as the phrase's pattern reads it)."""
    first = phrase[0]
    if first.isspace():
        return {r"\s"}
    return {re.escape(c) for c in (first, first.lower(), first.upper(), first.casefold()) if c}


@cache
def _state_pattern(gaz: Gazetteer) -> tuple[re.Pattern[str], dict[str, str]]:
    """Every surface of a place the gazetteer knows, and demonyms, -> the state's name."""
    states: dict[str, str] = {}
    places = {k: v for k, v in gaz.names.items() if v.type == "place"}
    for surface, known in places.items():
        states[surface.casefold()] = known.metonym_state or known.name
    names = sorted({known.name for known in places.values()}, key=len, reverse=True)
    for surface, known in gaz.names.items():
        if known.type is None:  # a demonym: "North Korean" -> North Korea
            for name in names:
                if len(name) >= 4 and surface.startswith(name[: max(4, len(name) - 1)]):
                    states[surface.casefold()] = name
                    break
    alternatives = sorted(states, key=len, reverse=True)
    body = "|".join(re.escape(s).replace(r"\ ", r"[\s\-]+") for s in alternatives)
    return re.compile(rf"(?<![\w-])(?:{body})(?![a-z])", re.IGNORECASE), states


def find_role_mentions(text: str, gaz: Gazetteer) -> Iterator[RoleMention]:
    """Each role phrase in `text`, with the state it belongs to when the text says."""
    pattern, owner, starts = _phrase_pattern()
    kinds = role_kinds()
    for match in _matches(pattern, starts, text):
        phrase = " ".join(match.group().split()).casefold()
        kind = kinds[owner[phrase]]
        yield RoleMention(
            match.start(), match.end(), kind, _owner(text, match.start(), match.end(), gaz)
        )


def _matches(
    pattern: re.Pattern[str], starts: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where `starts` says a match can
    begin: the same matches (the pattern never matches empty, and a match at a position
    reads the text before it as `finditer` does), without trying every phrase at every
    position of the text."""
    position = 0
    while (candidate := starts.search(text, position)) is not None:
        match = pattern.match(text, candidate.start())
        if match is not None:
            yield match
            position = match.end()
        else:
            position = candidate.start() + 1


def _owner(text: str, start: int, end: int, gaz: Gazetteer) -> str | None:
    pattern, states = _state_pattern(gaz)
    before = text[max(0, start - _REACH) : start]
    best: str | None = None
    for m in pattern.finditer(before):
        gap = before[m.end() :]
        gap = _POSSESSIVE.sub("", gap)
        # "North Korea's powerful state security service": at most two words between
        if not _CLAUSE_BREAK.search(gap) and len(_WORD.findall(gap)) <= 2:
            best = states.get(" ".join(m.group().split()).casefold())
    if best:
        return best
    after = text[end : end + _REACH]
    following = pattern.search(after)
    if following and not _CLAUSE_BREAK.search(after[: following.start()]):
        words = _WORD.findall(after[: following.start()])
        # "of", "de la", "della": short linking words only; a genitive needs none
        if len(words) <= 2 and all(len(w) <= 5 for w in words):
            return states.get(" ".join(following.group().split()).casefold())
    return None


__all__ = ["RoleKind", "RoleMention", "find_role_mentions", "role_kinds"]
