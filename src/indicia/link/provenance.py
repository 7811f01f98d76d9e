"""Provenance of one document: who published this copy, and which outlets it credits.

Publishing outlet, from trustworthy signals only, first hit wins:
1. the URL's domain, against the domains in `data/outlets.json`;
2. `SourceDocument.outlet` (ingest metadata: the page's publisher field, a
   dateline or byline), mapped to its canonical name when listed.
Nothing else names a publisher: not photo credits ("© Reuters"), captions,
donation appeals ("support independent journalism"), related links or any other
page furniture, which name outlets a page did not publish. A page on an unlisted
domain has no known publisher; it goes by its domain (`unknown_outlet_label`).

Attributions ("A BBC report reveals", "told the BBC", "laut dpa", "据BBC报道",
"BBC 코리아에 따르면", "по данным Би-би-си") are matched with the patterns of
`data/provenance.json`, every language's in every text (a cue in one language
does not fire in another), only for outlets listed in `data/outlets.json`, whose
aliases include their names in other scripts; "the broadcaster" and similar
words resolve to the outlet named last before them. Sources quoted inside a
report (intelligence services, named experts) are not outlets and are never
matched: they are attributions of claims, not origins of the text. Bodies that
publish the reports others retell (a research institute, a prosecutor's office)
are listed as outlets.

It does not decide which document copied which; see `graph.py`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import PurePath
from urllib.parse import urlparse

from indicia.data import load_json
from indicia.records import Attribution as Attribution  # re-exported: link's own names
from indicia.records import CleanDocument, SourceDocument
from indicia.records import Provenance as Provenance
from indicia.records import Publisher as Publisher


@dataclass(frozen=True)
class _Tables:
    alias_to_outlet: dict[str, str]  # lower-cased alias -> canonical name
    domain_to_outlet: dict[str, str]
    # lower-cased alias or anaphor, its first Latin, Greek or Cyrillic word (None when it
    # starts in another script) and its spellings, for a quick look at what a text names
    trigger_words: tuple[tuple[str, str | None, list[str]], ...]
    rules: tuple[tuple[str, str], ...]  # attribution rule name -> pattern with {outlet}
    anaphora: frozenset[str]
    relay_ranks: dict[str, int]  # outlet -> 0 agency, 1 news outlet, 2 institution


# How far along a chain an outlet sits: an agency relays news outlets, which retell
# the reports of institutions (see graph.py).
_RANKS = {"agency": 0, "platform": 0, "body": 2}


@cache
def _tables() -> _Tables:
    outlets = load_json("outlets.json")["outlets"]
    rules = load_json("provenance.json")
    alias_to_outlet: dict[str, str] = {}
    domain_to_outlet: dict[str, str] = {}
    ranks = {o["name"]: _RANKS.get(str(o.get("kind", "")), 1) for o in outlets}
    prose: dict[str, None] = {}
    for outlet in outlets:
        for alias in [outlet["name"], *outlet.get("aliases", [])]:
            alias_to_outlet.setdefault(alias.lower(), outlet["name"])
            # A host's or aggregator's name in prose is not a credit; bare "AP" and "FT"
            # are too ambiguous there. All still count in metadata.
            if (
                outlet.get("kind") != "platform"
                and (len(alias) > 2 or not alias.isascii())
                and alias_to_outlet[alias.lower()] == outlet["name"]
            ):
                prose.setdefault(alias, None)
        for domain in outlet.get("domains", []):
            domain_to_outlet.setdefault(domain.lower(), outlet["name"])
    aliases = sorted(prose, key=len, reverse=True)
    anaphora = [str(a) for a in rules.get("anaphora", [])]
    lowered: dict[str, list[str]] = {}
    for alias in [*aliases, *anaphora]:
        lowered.setdefault(alias.lower(), []).append(alias)
    return _Tables(
        alias_to_outlet=alias_to_outlet,
        domain_to_outlet=domain_to_outlet,
        trigger_words=tuple(
            (word, _head(word), spellings) for word, spellings in sorted(lowered.items())
        ),
        rules=tuple((str(r["name"]), str(r["pattern"])) for r in rules.get("attributions", [])),
        anaphora=frozenset(a.lower() for a in anaphora),
        relay_ranks=ranks,
    )


_WORD_RE = re.compile("[a-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff]+")


def _head(word: str) -> str | None:
    head = _WORD_RE.match(word)
    return head.group() if head else None


def _present(lowered: str, tables: _Tables) -> tuple[str, ...]:
    """Spellings of the aliases and anaphora that `lowered` holds. A name that starts
    with a Latin, Greek or Cyrillic word must find that word among the text's words
    (a cheap set look-up that skips "sta" inside "standard"); others are looked up as
    they are written."""
    words = set(_WORD_RE.findall(lowered))
    out: list[str] = []
    for word, head, spellings in tables.trigger_words:
        if head is not None and head not in words:
            continue
        if word in lowered:
            out.extend(spellings)
    return tuple(out)


# A named outlet is matched by the rules as a run of these two letters, written over
# its mention: the rules are compiled once, not once per outlet a text names, and an
# offset in the masked text is the same offset in the text. Both are letters (a rule's
# word edge next to a name holds as it did next to the name's own letters) of a
# caseless script no news text is written in.
_MASK_FIRST, _MASK_REST = "\U00010000", "\U00010001"


def _rules_naming(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The attribution rules, compiled with `name` (a pattern) as their outlet."""
    group = "(?:the\\s+)?(?P<outlet>" + name + ")"
    return tuple(
        (rule, re.compile(pattern.replace("{outlet}", group), re.I))
        for rule, pattern in _tables().rules
    )


@cache
def _rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The attribution rules, each compiled once with a masked name for its outlet."""
    return _rules_naming(f"{_MASK_FIRST}{_MASK_REST}*")


def _masked(text: str, spellings: list[str]) -> str | None:
    """`text` with each mention of `spellings` (longest first, never overlapping)
    written over by the mask; None when the text holds a mask letter itself."""
    if _MASK_FIRST in text or _MASK_REST in text:
        return None
    spans: list[tuple[int, int]] = []
    for spelling in spellings:
        for match in _mention_pattern(spelling).finditer(text):
            start, end = match.span()
            if start < end and not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
    pieces: list[str] = []
    at = 0
    for start, end in sorted(spans):
        pieces += [text[at:start], _MASK_FIRST, _MASK_REST * (end - start - 1)]
        at = end
    pieces.append(text[at:])
    return "".join(pieces)


@lru_cache(maxsize=256)
def _compiled(spelling: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The attribution rules for one alias or anaphor: only for a text that holds a
    mask letter of its own, which the masked rules cannot read."""
    return _rules_naming(_alias_pattern(spelling))


@lru_cache(maxsize=4096)
def _mention_pattern(spelling: str) -> re.Pattern[str]:
    """Where an alias or anaphor is named. Every attribution rule's match holds such a
    match, so a text where it has none needs none of the rules searched (or compiled)."""
    return re.compile(_alias_pattern(spelling), re.I)


# Letters of scripts that separate words by spaces and mark no prefixes on them:
# an alias must not start or end inside such a word ("AP" in "APPLE"). Other scripts
# glue names to particles ("据BBC报道", "BBC에 따르면", "لبي بي سي").
_WORD_LETTER = "A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"


def _alias_pattern(alias: str) -> str:
    """An alias as a pattern: any white space between its words, and a word edge at
    each end written in a script of `_WORD_LETTER`."""
    # Case counts ("the Independent", not "an independent inquiry"), except for the
    # first letter of a name of several words ("selon le Monde", "the Guardian").
    pattern = "(?-i:" + re.escape(alias).replace(r"\ ", r"\s+") + ")"
    if " " in alias and alias[0].lower() != alias[0].upper():
        first = f"[{re.escape(alias[0].upper())}{re.escape(alias[0].lower())}]"
        pattern = first + "(?-i:" + re.escape(alias[1:]).replace(r"\ ", r"\s+") + ")"
    # The edges are matched case-sensitively: the class holds both cases already, and
    # folding case over these ranges makes compiling slow.
    if re.match(f"[{_WORD_LETTER}]", alias[0]):
        pattern = f"(?-i:(?<![{_WORD_LETTER}]))" + pattern
    if re.match(f"[{_WORD_LETTER}]", alias[-1]):
        pattern += f"(?-i:(?![{_WORD_LETTER}]))"
    return pattern


def relay_ranks() -> dict[str, int]:
    """Listed outlet -> where it sits in a chain: 0 an agency (relays others), 1 a news
    outlet, 2 an institution whose own reports others retell."""
    return _tables().relay_ranks


def unknown_outlet_label(source: SourceDocument) -> str:
    """What an unlisted publisher goes by: the page's web domain, else its source."""
    host = ""
    if source.url:
        try:
            host = (urlparse(source.url).hostname or "").removeprefix("www.")
        except ValueError:
            host = ""
    return host or f"unknown outlet: {PurePath(source.source_path).name or source.id}"


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


@cache
def tables_version() -> str:
    """A digest of the tables provenance is read with (outlets, domains, rules): a kept
    provenance found under other tables is found again."""
    import hashlib
    import json

    tables = [load_json("outlets.json"), load_json("provenance.json")]
    text = json.dumps(tables, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def find_provenance(source: SourceDocument, clean: CleanDocument) -> Provenance:
    publisher = find_publisher(source, clean)
    own = publisher.outlet if publisher else None
    return Provenance(publisher, tuple(find_attributions(clean.text, own)))


def find_publisher(source: SourceDocument, clean: CleanDocument) -> Publisher | None:
    """The outlet that published this copy, from the URL or metadata (see the module doc).

    A listed domain wins over a declared name: a page's own address cannot be a
    credit line, while a site-name field sometimes holds one.
    """
    outlet = outlet_for_url(source.url)
    if outlet:
        return Publisher(outlet, "url", urlparse(source.url or "").hostname or "")
    if _squash(source.outlet or ""):
        outlet = canonical_outlet(source.outlet) or _plain_name(source.outlet or "")
        if outlet:
            return Publisher(outlet, "metadata", source.outlet or outlet)
    return None


def _plain_name(name: str) -> str | None:
    """A publisher name as declared, when it reads as a name (not an id or a sentence)."""
    name = re.sub(r"\s+", " ", name).strip()
    if not name or len(name) > 60 or re.fullmatch(r"[0-9a-f]{8,}", name.lower()):
        return None
    return name


def _squash(name: str) -> str:
    return re.sub(r"\s+", " ", name.strip()).lower()


def find_attributions(text: str, own_outlet: str | None = None) -> list[Attribution]:
    """Explicit credits to outlets in `text`, in text order, anaphora resolved."""
    tables = _tables()
    lowered = text.lower()
    present = _present(lowered, tables)
    if not present:
        return []  # no outlet named and no anaphor: most texts, checked cheaply
    named = [s for s in sorted(present, key=len, reverse=True) if _mention_pattern(s).search(text)]
    if not named:
        return []
    masked = _masked(text, named)
    if masked is None:
        searches = [(text, rules) for rules in map(_compiled, named)]
    else:
        searches = [(masked, _rules())]
    hits: dict[tuple[int, int], Attribution] = {}
    mentions: list[tuple[int, str]] | None = None  # found only when an anaphor needs them
    for searched, rules in searches:
        for name, pattern in rules:
            for match in pattern.finditer(searched):
                said = _squash(text[match.start("outlet") : match.end("outlet")])
                if said in tables.anaphora:
                    if mentions is None:
                        mentions = _mentions(text, [_mention_pattern(s) for s in named])
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


def _mentions(text: str, patterns: list[re.Pattern[str]]) -> list[tuple[int, str]]:
    """Where each outlet is named in `text`, in text order."""
    tables = _tables()
    found = [
        (m.start(), tables.alias_to_outlet[_squash(m.group())])
        for pattern in patterns
        for m in pattern.finditer(text)
        if _squash(m.group()) in tables.alias_to_outlet
    ]
    return sorted(found)


def _last_named(mentions: list[tuple[int, str]], before: int, own: str | None) -> str | None:
    for position, outlet in reversed(mentions):
        if position < before and outlet != own:
            return outlet
    return None
