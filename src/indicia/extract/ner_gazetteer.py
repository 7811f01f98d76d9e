"""The entity gazetteer and the text helpers both NER paths share.

Loads `data/entities.json` (canonical names, aliases, metonyms, demonyms, cue
words, junk) and the outlet names from `data/outlets.json`, and offers:
word tokens with offsets, longest-match gazetteer lookup over those tokens,
heading-line detection, and the junk test every candidate mention goes through.

It does not decide what a capitalised word is (that is `ner_rules`) nor run a
model (that is `ner_spacy`); it only knows names that are written down.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

from indicia.data import load_json
from indicia.records import Span

EntityType = Literal["person", "organisation", "place"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "organisation", "place")

# A word: letters/digits, with inner dots for abbreviations ("U.N.") and an
# optional final dot the lookup may drop again ("Russia." at a sentence end).
_TOKEN = re.compile(r"\w+(?:\.\w+)*\.?")
_SEPARATORS = re.compile(r"[\s\u00a0\-‐‑]+")
_MAX_NAME_TOKENS = 7
_CASED_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")
_NOT_CASED_LETTER = re.compile(r"[^A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Known:
    """A name the gazetteer knows; `type` is None for a demonym (never an entity)."""

    name: str
    type: EntityType | None
    # the state this capital or seat of power may stand for: it names the owner of a
    # role-named body ("Pyongyang's state security department"), never the mention itself
    metonym_state: str | None = None


@dataclass(frozen=True)
class ContextualAlias:
    """A surface that means `name` only in context (see data/entities.json)."""

    name: str
    context: re.Pattern[str]  # a word that, anywhere in the document, makes it `name`
    qualified: str  # the name when an owner precedes it: "Security Council of {owner}"


@dataclass(frozen=True)
class Hit:
    """A gazetteer match: text[start:end] is a surface form of `known`."""

    start: int
    end: int
    known: Known


@dataclass(frozen=True)
class RawMention:
    """A candidate mention before junk filtering, alias merging and metonymy."""

    start: int
    end: int
    type: EntityType
    source: str  # gazetteer | rules | dateline | spacy


def key(surface: str) -> str:
    """The lookup form of a surface: hyphens and runs of spaces become one space."""
    return _SEPARATORS.sub(" ", surface.replace("’", "'")).strip()


def tokens(text: str) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]


class Gazetteer:
    """Names, aliases and cue words from data/entities.json, ready for lookup."""

    def __init__(self, data: dict[str, Any], outlets: dict[str, Any]) -> None:
        self.names: dict[str, Known] = {}
        for demonym in data["demonyms"]:
            self.names[key(demonym)] = Known(demonym, None)
        ignored = set(data["outlets_ignored"])
        for outlet in outlets["outlets"]:
            for surface in [outlet["name"], *outlet["aliases"]]:
                if surface not in ignored and re.search(r"[A-Za-z]", surface):
                    self.names[key(surface)] = Known(outlet["name"], "organisation")
        for entry in data["entities"]:
            known = Known(entry["name"], entry["type"])
            for surface in [entry["name"], *entry["aliases"]]:
                self.names[key(surface)] = known
        self.contextual: dict[str, ContextualAlias] = {}
        for entry in data["contextual_aliases"]:
            words = "|".join(re.escape(w) for w in entry["context"])
            self.contextual[key(entry["surface"])] = ContextualAlias(
                entry["name"], re.compile(rf"(?<![\w.])(?:{words})(?!\w)"), entry["qualified"]
            )
            self.names[key(entry["surface"])] = Known(entry["surface"], entry["type"])
        for bloc in data["blocs"]:
            self.names[key(bloc)] = Known(bloc, None)  # "the West": a grouping, not a place
        for metonym in data["metonyms"]:
            surface = metonym["surface"]
            base = self.names.get(key(surface))
            if metonym.get("seat_of_government", False):
                # "the Kremlin", "Downing Street": the office that governs, named as written
                base = Known(surface, "organisation")
            elif base is None or base.type is None:
                base = Known(surface, "place")  # a capital the entity list lacks is still a place
            self.names[key(surface)] = Known(base.name, base.type, metonym_state=metonym["state"])
        self.locative_before = frozenset(data["locative_before"])
        self.titles = frozenset(key(t) for t in data["titles"])
        self.role_nouns = frozenset(data["role_nouns"])
        self.naming_cues = tuple(data["naming_cues"])
        self.speech_verbs = frozenset(data["speech_verbs"])
        self.organisation_cues = frozenset(data["organisation_cues"])
        self.place_cues = frozenset(data["place_cues"])
        self.place_after = frozenset(data["place_cues_after_lowercase"])
        self.place_before = tuple(data["place_cues_before_lowercase"])
        self.connectors = frozenset(data["connectors"])
        self.stop_capitalised = frozenset(data["stop_capitalised"])
        self.junk = frozenset(j.casefold() for j in data["junk"])
        self.not_acronyms = frozenset(data["not_acronyms"])
        self.place_nouns = frozenset(data["place_nouns_before"])
        self.direction_words = frozenset(data["direction_words"])
        self.member_roles = frozenset(data["member_roles"])
        self.not_entity_cues = frozenset(data["not_entity_cues"])
        self.calendar_words = frozenset(data["calendar_words"])

    def lookup(self, surface: str) -> Known | None:
        return self.names.get(key(surface))

    def find(self, text: str, toks: Sequence[Token] | None = None) -> list[Hit]:
        """Longest gazetteer matches, left to right, never overlapping."""
        toks = tokens(text) if toks is None else toks
        hits: list[Hit] = []
        i = 0
        while i < len(toks):
            hit, width = self._longest_at(text, toks, i)
            if hit is None:
                i += 1
                continue
            hits.append(hit)
            i += width
        return hits

    def _longest_at(self, text: str, toks: Sequence[Token], i: int) -> tuple[Hit | None, int]:
        if not toks[i].text[:1].isupper():
            return None, 0
        for j in range(min(len(toks), i + _MAX_NAME_TOKENS) - 1, i - 1, -1):
            start, end = toks[i].start, toks[j].end
            # a name never runs across a line break
            if "\n" in text[start:end]:
                continue
            for stop in (end, end - 1) if text[end - 1] == "." else (end,):
                known = self.names.get(key(text[start:stop]))
                if known is not None:
                    return Hit(start, stop, known), j - i + 1
        return None, 0

    def is_junk(self, surface: str) -> bool:
        """Page chrome and tagger noise that must never become an entity."""
        compact = re.sub(r"\s+", "", surface)
        # a name the rules or an English model found is written in a cased script;
        # names in other scripts come from `ner_places` and `ner_native`
        if len(compact) < 2 or not _CASED_LETTER.search(surface):
            return True
        if surface.casefold() in self.junk or surface in self.stop_capitalised:
            return True
        if not surface[:1].isupper() and not surface[:1].isdigit():
            return True
        if re.search(r"\b(?:1[89]|20)\d\d\b", surface):
            return True  # a date the model took for a name ("Mar 1 2012")
        # "SponsoredSponsored", "Powered by TaboolaPowered by Taboola": a string repeated
        if re.fullmatch(r"(.{2,}?)\1+", compact):
            return True
        # shouted chrome words ("RECOMMENDED", "READ MORE"); acronyms stay short
        letters = _NOT_CASED_LETTER.sub("", surface)
        shouted = letters.isupper() and len(letters) > 5 and " " not in surface.strip()
        if shouted and self.lookup(surface) is None:
            return True
        return bool(re.search(r"[\u3000-\u9fff\uac00-\ud7af]", surface))


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer(load_json("entities.json"), load_json("outlets.json"))


def heading_lines(text: str) -> list[Span]:
    """Lines that read as headings or menu items: short, Title Case, no final stop.

    Title Case turns ordinary words into capitalised runs ("Pyongyang's Iron Fist
    Clenches"), so inside a heading only names the gazetteer knows are kept.
    """
    spans: list[Span] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if _is_heading(line):
            spans.append(Span(start, end))
        start = end + 1
    return spans


_SMALL_WORDS = frozenset({
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to",
    "with", "vs", "via",
})  # fmt: skip


def _is_heading(line: str) -> bool:
    stripped = line.strip().lstrip("#-*• ").strip()
    # a question may be a heading ("Next Stop: Donbas?"); other end punctuation is prose
    if not stripped or stripped[-1] in '.!"”’:;,':
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", stripped) if w.lower() not in _SMALL_WORDS]
    if not words or len(words) > 16:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.75


def in_any(spans: Sequence[Span], start: int, end: int) -> bool:
    """Whether one of `spans` (sorted, not overlapping) holds text[start:end]."""
    i = bisect.bisect_right(spans, start, key=lambda s: s.start) - 1
    return i >= 0 and spans[i].start <= start and end <= spans[i].end


class Taken:
    """Non-overlapping spans already claimed, with an O(log n) overlap test."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def is_free(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] > start:
            return False
        return i >= len(self._starts) or self._starts[i] >= end

    def add(self, start: int, end: int) -> None:
        i = bisect.bisect_right(self._starts, start)
        self._starts.insert(i, start)
        self._ends.insert(i, end)


# cue words sit next to a name: a bounded window keeps one huge line from costing n²
_WINDOW = 120


def previous_words(text: str, start: int, count: int = 3) -> list[str]:
    """Up to `count` words before `start`, nearest last, lower-cased, same line only."""
    line_start = text.rfind("\n", max(0, start - _WINDOW), start) + 1
    words = re.findall(r"[\w'’]+", text[max(line_start, start - _WINDOW) : start])
    return [w.lower() for w in words[-count:]]


def next_words(text: str, end: int, count: int = 2) -> list[str]:
    """Up to `count` words after `end`, as written, same line only."""
    stop = min(len(text), end + _WINDOW)
    line_end = text.find("\n", end, stop)
    words = re.findall(r"[\w'’]+", text[end : line_end if line_end >= 0 else stop])
    return words[:count]


def iter_sentence_starts(text: str, sentences: Sequence[Span]) -> Iterator[int]:
    """Offsets of the first word of each sentence and of each line."""
    for sentence in sentences:
        match = _TOKEN.search(text, sentence.start, sentence.end)
        if match:
            yield match.start()
    start = 0
    for line in text.split("\n"):
        match = _TOKEN.search(line)
        if match:
            yield start + match.start()
        start += len(line) + 1
