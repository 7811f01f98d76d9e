"""Provenance of one document: who published this copy, and which outlets it credits.

Publishing outlet, first hit wins:
1. `SourceDocument.outlet` (ingest metadata), mapped to its canonical name;
2. the URL's domain, against the domains in `data/outlets.json`;
3. the page's own boilerplate: an outlet named in text the clean stage removed
   (`CleanDocument.removals`, e.g. The Independent's donation appeal) or in a short
   header line, either through a self-reference phrase ("support The Independent")
   or, for a name written in another script (独立报), anywhere in such a line.
   A copy found this way is a copy of that outlet's article on someone else's site.

Attributions ("A BBC report reveals", "told the BBC", "have spoken to BBC News",
"according to Yonhap") are matched with the patterns in `data/provenance.json`,
only for outlets listed in `data/outlets.json`; "the broadcaster" and similar
words resolve to the outlet named last before them. Sources quoted inside a
report (intelligence services, official data, named experts) are not outlets
and are never matched: they are attributions of claims, not origins of the text.

It does not decide which document copied which; see `graph.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Literal
from urllib.parse import urlparse

from indicia.data import load_json
from indicia.records import CleanDocument, SourceDocument

PublisherSource = Literal["metadata", "url", "boilerplate"]


@dataclass(frozen=True)
class Attribution:
    outlet: str
    quote: str  # == text[start:end] of the cleaned text
    start: int
    end: int
    pattern: str


@dataclass(frozen=True)
class Publisher:
    outlet: str
    source: PublisherSource
    evidence: str  # the metadata value, the domain, or the boilerplate phrase


@dataclass(frozen=True)
class Provenance:
    publisher: Publisher | None
    attributions: tuple[Attribution, ...]

    @property
    def cited_outlets(self) -> tuple[str, ...]:
        """Outlets credited, in order of first mention, the publisher excluded."""
        own = self.publisher.outlet if self.publisher else None
        seen: dict[str, None] = {}
        for a in self.attributions:
            if a.outlet != own:
                seen.setdefault(a.outlet, None)
        return tuple(seen)


@dataclass(frozen=True)
class _Tables:
    alias_to_outlet: dict[str, str]  # lower-cased alias -> canonical name
    domain_to_outlet: dict[str, str]
    alias_mention_re: re.Pattern[str]  # any alias, longest first
    trigger_words: tuple[str, ...]  # lower-cased aliases and anaphora, for a quick pre-check
    attributions: tuple[tuple[str, re.Pattern[str]], ...]
    self_references: tuple[tuple[str, re.Pattern[str]], ...]
    anaphora: frozenset[str]
    foreign_alias_re: re.Pattern[str] | None  # aliases in a non-Latin script
    header_line_max: int


@cache
def _tables() -> _Tables:
    outlets = load_json("outlets.json")["outlets"]
    rules = load_json("provenance.json")
    alias_to_outlet: dict[str, str] = {}
    domain_to_outlet: dict[str, str] = {}
    for outlet in outlets:
        for alias in [outlet["name"], *outlet.get("aliases", [])]:
            alias_to_outlet.setdefault(alias.lower(), outlet["name"])
        for domain in outlet.get("domains", []):
            domain_to_outlet[domain.lower()] = outlet["name"]
    # Bare "AP" and "FT" are too ambiguous inside prose; they still count in metadata.
    prose_aliases = [a for a in alias_to_outlet if len(a) > 2 or not a.isascii()]
    aliases = sorted(prose_aliases, key=len, reverse=True)
    anaphora = [str(a) for a in rules.get("anaphora", [])]
    names = [re.escape(a).replace(r"\ ", r"\s+") for a in aliases]
    alias_re = "|".join(names)
    outlet_group = (
        "(?:the\\s+)?(?P<outlet>"
        + "|".join([*names, *(re.escape(a).replace(r"\ ", r"\s+") for a in anaphora)])
        + ")\\b"
    )

    def compile_rules(key: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
        return tuple(
            (r["name"], re.compile(r["pattern"].replace("{outlet}", outlet_group), re.I))
            for r in rules.get(key, [])
        )

    foreign = [re.escape(a) for a in aliases if not a.isascii()]
    return _Tables(
        alias_to_outlet=alias_to_outlet,
        domain_to_outlet=domain_to_outlet,
        trigger_words=tuple(sorted({a.lower() for a in [*aliases, *anaphora]})),
        alias_mention_re=re.compile(r"\b(?:" + alias_re + r")\b", re.I),
        attributions=compile_rules("attributions"),
        self_references=compile_rules("self_references"),
        anaphora=frozenset(a.lower() for a in anaphora),
        foreign_alias_re=re.compile("|".join(foreign)) if foreign else None,
        header_line_max=int(rules.get("header_line_max_chars", 80)),
    )


def canonical_outlet(name: str | None) -> str | None:
    """The canonical name of an outlet alias ("BBC News" -> "BBC"), else None."""
    if not name:
        return None
    return _tables().alias_to_outlet.get(re.sub(r"\s+", " ", name.strip()).lower())


def outlet_for_url(url: str | None) -> str | None:
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    domains = _tables().domain_to_outlet
    while host:
        if host in domains:
            return domains[host]
        _, _, host = host.partition(".")
    return None


def find_provenance(source: SourceDocument, clean: CleanDocument) -> Provenance:
    publisher = find_publisher(source, clean)
    own = publisher.outlet if publisher else None
    return Provenance(publisher, tuple(find_attributions(clean.text, own)))


def find_publisher(source: SourceDocument, clean: CleanDocument) -> Publisher | None:
    outlet = canonical_outlet(source.outlet)
    if outlet:
        return Publisher(outlet, "metadata", source.outlet or outlet)
    outlet = outlet_for_url(source.url)
    if outlet:
        return Publisher(outlet, "url", urlparse(source.url or "").hostname or "")
    removed = [r.text for r in clean.removals if r.kind not in _REPEATS]
    short_lines = [
        line.strip()
        for line in clean.text.splitlines()
        if 0 < len(line.strip()) <= _tables().header_line_max
    ]
    for text in [*removed, *short_lines, *_promo_lines(clean.text)]:
        found = _self_reference(text)
        if found:
            return found
    return None


_REPEATS = ("repeated_paragraph", "repeated_title")
# Sentences that talk about "our reporting", "your support", "donation": a page's
# appeal for money names its own publisher, not a source (used before the clean
# stage removes such appeals, and harmless after).
_PROMO_RE = re.compile(
    r"\b(?:your support|your donation|support (?:us|now)|our reporting|"
    r"our journalism|subscribe)\b",
    re.I,
)


def _promo_lines(text: str) -> list[str]:
    """The lines holding an appeal (found by keyword, then widened to the line)."""
    lines: dict[int, str] = {}
    for match in _PROMO_RE.finditer(text):
        start = text.rfind("\n", 0, match.start()) + 1
        end = text.find("\n", match.end())
        lines.setdefault(start, text[start : end if end >= 0 else len(text)])
    return list(lines.values())


def _self_reference(text: str) -> Publisher | None:
    tables = _tables()
    for _name, pattern in tables.self_references:
        for match in pattern.finditer(text):
            outlet = tables.alias_to_outlet.get(_squash(match.group("outlet")))
            if outlet:
                return Publisher(outlet, "boilerplate", _evidence(text, match.group()))
    # An outlet's name in another script in boilerplate or a header line labels the
    # page ("独立报-世界新闻"); prose in English would name it in English.
    if tables.foreign_alias_re and len(text) <= tables.header_line_max * 2:
        found = tables.foreign_alias_re.search(text)
        if found:
            outlet = tables.alias_to_outlet[found.group().lower()]
            return Publisher(outlet, "boilerplate", text.strip())
    return None


def _evidence(text: str, matched: str) -> str:
    """The whole line when it is short (a header names the page better whole)."""
    line = text.strip()
    return line if len(line) <= _tables().header_line_max * 2 else matched.strip()


def _squash(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).lower()


def find_attributions(text: str, own_outlet: str | None = None) -> list[Attribution]:
    """Explicit credits to outlets in `text`, in text order, anaphora resolved."""
    tables = _tables()
    lowered = text.lower()
    if not any(word in lowered for word in tables.trigger_words):
        return []  # no outlet named and no anaphor: most texts, checked cheaply
    hits: dict[tuple[int, int], Attribution] = {}
    mentions: list[tuple[int, str]] | None = None  # found only when an anaphor needs them
    for name, pattern in tables.attributions:
        for match in pattern.finditer(text):
            said = _squash(match.group("outlet"))
            if said in tables.anaphora:
                if mentions is None:
                    mentions = _mentions(text)
                outlet = _last_named(mentions, match.start(), own_outlet)
            else:
                outlet = tables.alias_to_outlet.get(said)
            if not outlet or outlet == own_outlet:
                continue
            start, end = match.start(), match.end()
            # Trim the white space a pattern may have taken at its edges.
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            key = (start, end)
            if not any(s <= start and end <= e for s, e in hits) and key not in hits:
                hits[key] = Attribution(outlet, text[start:end], start, end, name)
    return sorted(hits.values(), key=lambda a: a.start)


def _mentions(text: str) -> list[tuple[int, str]]:
    """Where each outlet is named in `text`."""
    tables = _tables()
    return [
        (m.start(), tables.alias_to_outlet[_squash(m.group())])
        for m in tables.alias_mention_re.finditer(text)
        if _squash(m.group()) in tables.alias_to_outlet
    ]


def _last_named(mentions: list[tuple[int, str]], before: int, own: str | None) -> str | None:
    for position, outlet in reversed(mentions):
        if position < before and outlet != own:
            return outlet
    return None
