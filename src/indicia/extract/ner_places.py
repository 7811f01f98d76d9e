"""Place names in every locale, from the Unicode CLDR data that `babel` ships.

A report in Korean writes 북한, one in Japanese 北朝鮮, one in Russian КНДР: all
three are the place the English gazetteer calls North Korea. This module reads
CLDR's territory names (countries, regions, continents) and, for locales not
written in Latin letters, its exemplar cities (the time-zone cities: 평양,
Москва, 東京), and maps each to one English name, the gazetteer's when it knows
the place, so that a place is the same entity in every language. CLDR's own
names are completed by the common short forms it lacks for a locale (米国 for the
United States in Japanese, США in Russian), listed by region code in
`data/entity_languages.json`.

Language names (朝鮮語, 한국어) and nationality forms (中国人, 한국인, "-인"/"人"
suffixes) block a span without becoming a place, like demonyms in English.

Matching follows the script, by dictionary lookup (no pattern of a thousand
alternatives): Han is looked up as a substring (no spaces between words:
対北朝鮮制裁 names North Korea); a katakana name is a whole katakana run; a
Hangul name starts a word (a particle or a compound noun may follow: 북한의,
북한노동자); Cyrillic words compare by stem, so names take the case endings of
Russian and Ukrainian (России, Катаре, Северной Кореи); an Arabic word may
carry a one-letter proclitic (وقطر); Latin names match whole words, German ones
with a genitive s (Nordkoreas). Offsets are exact: the span never includes a
particle, a proclitic or a suffix (it may include a case ending: the name as
written).

It finds only names CLDR or the alias table lists; it reads no English text
(the English gazetteer does) and guesses nothing about unknown names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from babel import Locale, UnknownLocaleError

from indicia.data import load_json
from indicia.extract.ner_gazetteer import Gazetteer, gazetteer

# locales read per language; Chinese in both scripts
_LOCALES: dict[str, tuple[str, ...]] = {
    "ko": ("ko",),
    "ja": ("ja",),
    "zh": ("zh", "zh_Hant"),
    "ru": ("ru",),
    "uk": ("uk",),
    "ar": ("ar",),
    "de": ("de",),
    "fr": ("fr",),
    "es": ("es",),
    "pt": ("pt",),
    "it": ("it",),
}
LANGUAGES = tuple(_LOCALES)  # English has the gazetteer and its rules
_LATIN_LOCALES = frozenset({"de", "fr", "es", "pt", "it"})
# CLDR codes that are no place a report names: the world, unknown, groupings
_SKIPPED = frozenset({"001", "ZZ", "EZ", "QO", "UN", "EU", "XA", "XB"})

_HAN = "\u3400-\u9fff\uf900-\ufaff"
_KANA = "\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9f"
_HANGUL = "\uac00-\ud7a3"
_IS_HAN = re.compile(f"[{_HAN}]")
_IS_KANA = re.compile(f"[{_KANA}]")
_IS_HANGUL = re.compile(f"[{_HANGUL}]")
_IS_CYRILLIC = re.compile("[\u0400-\u04ff]")
_IS_ARABIC = re.compile("[\u0600-\u06ff]")
_HAN_RUN = re.compile(f"[{_HAN}{_KANA}ー々〆ヶ]+")
_KATAKANA_RUN = re.compile(f"[{_KANA}ー]+")
_HANGUL_WORD = re.compile(f"[{_HANGUL}]+")
_WORD = re.compile(r"\w+")
_SEPARATOR = re.compile(r"[\s\-‐‑.]{1,3}")
_MAX_WORDS = 4


@cache
def _cyrillic_endings() -> tuple[str, ...]:
    """Russian and Ukrainian case endings, longest first: a word compares by what is left."""
    data: dict[str, Any] = load_json("entity_languages.json")
    endings = {e for lang in ("ru", "uk") for e in data[lang].get("case_endings", ())}
    return tuple(sorted(endings, key=lambda e: (-len(e), e)))


@dataclass(frozen=True)
class PlaceHit:
    """text[start:end] names the place `name` (English); `name` None: a language or nationality."""

    start: int
    end: int
    name: str | None
    type: str = "place"


@dataclass(frozen=True)
class _Table:
    unspaced: dict[str, str | None]  # Han, kana and Hangul surfaces -> English name
    longest_unspaced: int
    words: dict[tuple[str, ...], str]  # normalised words of a spaced name -> English name
    types: dict[str, str]  # English name -> place (or organisation, for a few)
    hangul_cities: frozenset[str]
    demonym_suffixes: tuple[str, ...]
    particles: tuple[str, ...]
    clitics: tuple[str, ...]
    genitive_s: bool


def languages_of(text: str, declared: Iterable[str | None]) -> tuple[str, ...]:
    """The languages whose place names are looked for: those declared plus the scripts seen."""
    found = [lang for lang in declared if lang in _LOCALES]
    if _IS_HANGUL.search(text):
        found.append("ko")
    if re.search("[\u3040-\u30ff]", text):
        found.append("ja")
    elif _IS_HAN.search(text):
        found.extend(("zh", "ja"))
    if _IS_CYRILLIC.search(text) and not {"ru", "uk"} & set(found):
        found.append("ru")
    if _IS_ARABIC.search(text):
        found.append("ar")
    return tuple(dict.fromkeys(found))


def find_places(text: str, languages: Iterable[str]) -> list[PlaceHit]:
    """Place names of `languages` in `text`, longest first, never overlapping."""
    hits: list[PlaceHit] = []
    for lang in languages:
        table = _table(lang)
        hits.extend(_find_unspaced(text, table))
        hits.extend(_find_words(text, table))
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[PlaceHit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


def _find_unspaced(text: str, table: _Table) -> Iterator[PlaceHit]:
    if not table.unspaced:
        return
    for run in _HAN_RUN.finditer(text):
        yield from _han_hits(text, run.start(), run.end(), table)
    for word in _HANGUL_WORD.finditer(text):
        yield from _hangul_hits(text, word.start(), word.end(), table)


def _han_hits(text: str, start: int, end: int, table: _Table) -> Iterator[PlaceHit]:
    i = start
    while i < end:
        for length in range(min(table.longest_unspaced, end - i), 1, -1):
            surface = text[i : i + length]
            if surface not in table.unspaced:
                continue
            if _IS_KANA.match(surface[0]) and (
                (i > start and _KATAKANA_RUN.match(text[i - 1]))
                or (i + length < end and _KATAKANA_RUN.match(text[i + length]))
            ):
                continue  # a katakana name is a whole katakana word, not part of one
            name = table.unspaced[surface]
            if name is not None and any(
                text.startswith(s, i + length) for s in table.demonym_suffixes
            ):
                name = None  # 中国人, 北朝鮮籍: a nationality, not the place
            yield _hit(i, i + length, name, table)
            i += length
            break
        else:
            i += 1


def _hangul_hits(text: str, start: int, end: int, table: _Table) -> Iterator[PlaceHit]:
    # a name starts the word; a space may sit inside it (남아프리카 공화국)
    stop = min(len(text), start + table.longest_unspaced)
    for length in range(stop - start, 1, -1):
        surface = text[start : start + length]
        if surface not in table.unspaced:
            continue
        after = _HANGUL_WORD.match(text, start + length)
        rest = after.group() if after else ""
        name = table.unspaced[surface]
        if name is not None and _is_nationality(rest, table):
            name = None
        elif surface in table.hangul_cities and not _only_particles(rest, table.particles):
            return  # a city name as the start of another word
        yield _hit(start, start + length, name, table)
        return


def _find_words(text: str, table: _Table) -> Iterator[PlaceHit]:
    if not table.words:
        return
    words = list(_WORD.finditer(text))
    i = 0
    while i < len(words):
        found = None
        if words[i].group()[:1].islower():
            i += 1  # no name starts with a lower-case word (`_lookup_words`): skip the widths
            continue
        for width in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            group = words[i : i + width]
            if not all(_SEPARATOR.fullmatch(text[a.end() : b.start()]) for a, b in pairwise(group)):
                continue
            found = _lookup_words(text, group, table)
            if found is not None:
                break
        if found is None:
            i += 1
            continue
        start, end, name = found
        yield _hit(start, end, name, table)
        i += width


def _lookup_words(
    text: str, group: list[re.Match[str]], table: _Table
) -> tuple[int, int, str] | None:
    start, end = group[0].start(), group[-1].end()
    first = group[0].group()
    if first[:1].islower():
        return None  # a name is capitalised where case is written ("la versión china")
    keys = [_normalise(w.group()) for w in group]
    name = table.words.get(tuple(keys))
    if name is not None:
        return start, end, name
    if table.clitics and len(first) > 3 and first[0] in table.clitics:
        name = table.words.get((_normalise(first[1:]), *keys[1:]))
        if name is not None:
            return start + 1, end, name
    last = group[-1].group()
    if table.genitive_s and len(last) > 3 and last.endswith("s"):
        name = table.words.get((*keys[:-1], _normalise(last[:-1])))
        if name is not None:
            return start, end, name
    return None


def _hit(start: int, end: int, name: str | None, table: _Table) -> PlaceHit:
    return PlaceHit(start, end, name, table.types.get(name, "place") if name else "place")


def _is_nationality(after: str, table: _Table) -> bool:
    for suffix in table.demonym_suffixes:
        if after.startswith(suffix) and _only_particles(after[len(suffix) :], table.particles):
            return True
    return False


def _only_particles(rest: str, particles: tuple[str, ...]) -> bool:
    """Whether `rest` is nothing but particles (조사) glued to a word: 의, 에서는, 들의."""
    while rest:
        for particle in particles:
            if rest.startswith(particle):
                rest = rest[len(particle) :]
                break
        else:
            return False
    return True


def _normalise(word: str) -> str:
    """A word as spaced names compare: case-folded; Cyrillic without its case ending."""
    folded = word.casefold().replace("ё", "е")
    if len(folded) >= 5 and _IS_CYRILLIC.match(folded):
        for ending in _cyrillic_endings():
            if folded.endswith(ending) and len(folded) - len(ending) >= 3:
                return folded[: -len(ending)]
    return folded


def place_type(name: str) -> str:
    """The type the tables give an English place name ('place', or 'organisation')."""
    for lang in _LOCALES:
        kind = _table(lang).types.get(name)
        if kind:
            return kind
    return "place"


@cache
def _table(lang: str) -> _Table:
    data: dict[str, Any] = load_json("entity_languages.json").get(lang, {})
    gaz = gazetteer()
    english = Locale.parse("en")
    names: dict[str, str | None] = {}
    types: dict[str, str] = {}
    hangul_cities: set[str] = set()
    for code in _LOCALES[lang]:
        try:
            locale = Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            continue
        for region, local in locale.territories.items():
            if region not in _SKIPPED and region in english.territories:
                _add(names, types, local, _english(english.territories[region], gaz), gaz)
        if lang not in _LATIN_LOCALES:
            for zone, zone_names in locale.time_zones.items():
                city = zone_names.get("city")
                if not city or zone.startswith(("Etc/", "Antarctica/")) or city in names:
                    continue
                en_city = english.time_zones.get(zone, {}).get("city")
                en_city = en_city or zone.rsplit("/", 1)[-1].replace("_", " ")
                _add(names, types, city, _english(en_city, gaz), gaz)
                if _IS_HANGUL.search(city):
                    hangul_cities.add(city)
            for language in locale.languages.values():
                # a language name (朝鮮語, 한국어) blocks the place name inside it
                if len(language) >= 2 and language not in names:
                    names[language] = None
    for region, aliases in data.get("place_aliases", {}).items():
        for alias in aliases:
            _add(names, types, alias, _english(english.territories[region], gaz), gaz)
    unspaced: dict[str, str | None] = {}
    words: dict[tuple[str, ...], str] = {}
    for surface, name in names.items():
        if _IS_HAN.search(surface) or _IS_KANA.search(surface) or _IS_HANGUL.search(surface):
            unspaced.setdefault(surface, name)
        elif name is not None:
            key = tuple(_normalise(w) for w in _WORD.findall(surface))
            if key:
                words.setdefault(key, name)
    return _Table(
        unspaced=unspaced,
        longest_unspaced=max((len(s) for s in unspaced), default=0),
        words=words,
        types=types,
        hangul_cities=frozenset(hangul_cities),
        demonym_suffixes=tuple(data.get("demonym_suffixes", ())),
        particles=tuple(sorted({*data.get("particles", ()), "들"}, key=len, reverse=True)),
        clitics=tuple(data.get("clitics", ())),
        genitive_s=bool(data.get("genitive_s", False)),
    )


def _add(
    names: dict[str, str | None], types: dict[str, str], local: str, name: str, gaz: Gazetteer
) -> None:
    local = " ".join(local.split())
    if len(local) < 2:
        return
    names.setdefault(local, name)
    known = gaz.lookup(name)
    types.setdefault(name, known.type if known is not None and known.type else "place")


def _english(name: str, gaz: Gazetteer) -> str:
    """The gazetteer's canonical name for CLDR's English name, when it lists the place."""
    name = re.sub(r"\s+SAR China$", "", name).replace("St. ", "Saint ").replace("&", "and")
    known = gaz.lookup(name)
    return known.name if known is not None and known.type is not None else name


__all__ = ["LANGUAGES", "PlaceHit", "find_places", "languages_of", "place_type"]
