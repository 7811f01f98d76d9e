"""Named entities (people, organisations, places) in one cleaned document.

Two recognisers, one post-processing:

- `spacy`: spaCy's small English model (the optional `ner` extra, see
  `ner_spacy`), or its French one for a French document, with gazetteer names
  it missed added where they do not overlap. A document in a language spaCy
  has no model for (German, Korean, Russian ...) is read by the rules even
  then: the English model on such text finds more noise than names.
- `rules`: the gazetteer plus capitalised-run heuristics (`ner_rules`); needs
  nothing beyond the base install.

`ner_method(wanted)` says which one runs for `ExtractOptions.ner` (`auto`,
`spacy` or `rules`; default `auto` = spaCy when it is installed; the command
line fills it from INDICIA_NER); `ner_description()` gives the words the
dossier should show.

Both paths then go through the same steps, so they differ only in recall:
trimming ("the", possessive "'s", trailing punctuation), junk filtering (page
chrome like "SponsoredSponsored", "RECOMMENDED", "Undo"), gazetteer aliases
(Kim Jong-un -> Kim Jong Un; "Putin" -> Vladimir Putin) and types (a name the
gazetteer knows gets its listed type, whatever the recogniser said), context
types for names it does not know (`ner_rules.cued_type`: "the town of
Lindenmoor" is a place, "Marta Ilves, the head librarian" a person, whatever
the model said; other mentions of the same name in the document follow the
cued one), contextual aliases ("Russia's Security Council" is Russia's, named
"Security Council of Russia"; a bare "Security Council" is the UN body only in
a document that speaks of the UN or sanctions), surname references inside the
document ("Lankov" after "Andrei Lankov"), short organisation names ("the
Ledger" after "Example Ledger", when one organisation ends in that word and it
is no cue word like "University"), and metonymy.

Metonymy: a capital written for its state ("Pyongyang supplies Moscow") becomes
a mention of the state, named as the state (North Korea, Russia), type place,
with the capital kept as the mention's `text` (so the reconciled entity lists
"Pyongyang" as an alias). It stays the city after a locative preposition ("a
visit to Pyongyang", "from Seoul"), unless a governing noun precedes it ("the
government in Pyongyang"), and before a capitalised noun ("Seoul's Kookmin
University"). Seats of power ("the Kremlin") always mean the state. States are
typed `place`: the dossier has three types, and a country is a place.
Across documents, `reconcile.entities` lists a capital as the state's alias
only when the capital has no row of its own (each name shows in one row).

Demonyms and nationalities ("North Korean", spaCy's NORP) are never entities.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Literal

import stopwordsiso
from babel import Locale

from indicia.data import load_json
from indicia.errors import ConfigError
from indicia.extract import ner_spacy
from indicia.extract.ner_gazetteer import (
    EntityType,
    Gazetteer,
    RawMention,
    Taken,
    gazetteer,
    heading_lines,
    in_any,
    key,
)
from indicia.extract.ner_native import native_mentions
from indicia.extract.ner_places import find_places, languages_of
from indicia.extract.ner_roles import find_role_mentions
from indicia.extract.ner_rules import LanguageCues, cued_type, rule_mentions
from indicia.records import CleanDocument, EntityMention, Span

log = logging.getLogger(__name__)

NerMethod = Literal["spacy", "rules"]
NER_METHODS = ("auto", "spacy", "rules")
# languages written with capitals, whose function words may open a sentence as a name would
_CASED_LANGUAGES = frozenset({"de", "fr", "es", "pt", "it", "ru", "uk"})
_TRAILING = re.compile(r"(?:['’]s|['’]|[\s.,;:!?\"”“)\]])+$")
_LEADING = re.compile(r"^[\s\"“‘'(\[]+")


def ner_method(wanted: str = "auto") -> NerMethod:
    """The recogniser that runs for `wanted` (auto: spaCy when installed, else rules)."""
    wanted = wanted.strip().lower()
    if wanted == "rules":
        return "rules"
    if wanted == "spacy":
        if not ner_spacy.is_available():
            raise ConfigError(
                f"the spacy recogniser was asked for, but spaCy or {ner_spacy.MODEL} is not "
                "installed: pip install 'indicia[ner]'"
            )
        return "spacy"
    if wanted != "auto":
        raise ConfigError(f"the entity recogniser must be auto, spacy or rules, not {wanted!r}")
    return "spacy" if ner_spacy.is_available() else "rules"


def ner_description(method: NerMethod | None = None) -> str:
    """How entities were found, in words for the dossier's run summary."""
    method = method or ner_method()
    if method == "spacy":
        return (
            f"spacy ({ner_spacy.model_version()}) + gazetteer; "
            "rules + gazetteer for languages without a model"
        )
    if ner_spacy.is_available():
        return "rules + gazetteer (rules asked for; spaCy is installed)"
    return "rules + gazetteer (spaCy not installed; install the 'ner' extra for the model)"


def spacy_language(clean: CleanDocument, method: NerMethod) -> str | None:
    """The language whose spaCy model reads `clean`, or None when the rules read it."""
    if method == "spacy" and ner_spacy.has_model(clean.language):
        return clean.language or "en"
    return None


def find_entities(
    clean: CleanDocument,
    sentences: Sequence[Span],
    method: NerMethod | None = None,
    model_mentions: Sequence[RawMention] | None = None,
) -> tuple[EntityMention, ...]:
    """People, organisations and places in `clean.text`, with canonical names.

    `model_mentions`: what the spaCy model found in the text, when it was read already
    (with other documents' texts, `ner_spacy.spacy_mentions_many`)."""
    method = method or ner_method()
    gaz = gazetteer()
    text = clean.text
    languages = languages_of(text, (clean.language, *(s.language for s in clean.languages)))
    model_language = spacy_language(clean, method)
    if model_language is not None:
        raw = _spacy_candidates(text, gaz, model_language, model_mentions)
    else:
        raw = rule_mentions(text, sentences, gaz, _language_cues(languages))
    return tuple(_finalise(clean.document_id, text, raw, gaz, languages))


@cache
def _language_cues(languages: tuple[str, ...]) -> LanguageCues:
    """Function words of the document's languages, which never start a name ("Die", "Selon"),
    and, for German, the words after which a capitalised word is a noun."""
    words: set[str] = set()
    locatives: set[str] = set()
    determiners: set[str] = set()
    adjective: set[str] = set()
    verb: set[str] = set()
    data = load_json("entity_languages.json")
    for lang in languages:
        if lang in _CASED_LANGUAGES:
            words.update(w.casefold() for w in stopwordsiso.stopwords(lang))
            words.update(_calendar_words(lang))
        locatives.update(data.get(lang, {}).get("locatives", ()))
        nouns = data.get(lang, {}).get("not_name_before", {})
        determiners.update(nouns.get("determiners", ()))
        adjective.update(nouns.get("adjective_endings", ()))
        verb.update(nouns.get("verb_endings", ()))
    return LanguageCues(
        stop_words=frozenset(words),
        locatives=frozenset(locatives),
        determiners=frozenset(determiners),
        adjective_endings=tuple(sorted(adjective)),
        verb_endings=tuple(sorted(verb)),
    )


def _calendar_words(lang: str) -> set[str]:
    """Month and weekday names of `lang` (CLDR), lower case: "Februar", "lundi"."""
    locale = Locale.parse(lang)
    names: set[str] = set()
    for table in (locale.months, locale.days):
        for context in table.values():
            for width in ("wide", "abbreviated"):
                names.update(n.casefold().rstrip(".") for n in context.get(width, {}).values())
    return names


def _native_candidates(
    text: str, languages: Sequence[str], gaz: Gazetteer, roles: Sequence[Span]
) -> list[_Candidate]:
    """Places from CLDR and cued people and organisations, in the document's languages.

    A cued name that holds a place (日本経済新聞, a newspaper; 中國外交部) is the
    longer name and wins over the place inside it; a listed organisation word
    (国務省) wins over a place it overlaps (米国 in 米国務省). Otherwise a
    place from CLDR wins, as names the gazetteer knows do.
    """
    if not languages:
        return []
    blocked = Taken()
    for role in roles:  # a state body named by its role keeps its own mention
        blocked.add(role.start, role.end)
    places = [h for h in find_places(text, languages) if blocked.is_free(h.start, h.end)]
    native = native_mentions(text, languages, gaz, blocked)
    inside = {
        (p.start, p.end)
        for p in places
        for m in native
        if m.cue in ("suffix", "word")
        and m.start <= p.start
        and p.end <= m.end
        and (m.start, m.end) != (p.start, p.end)
    }
    found: list[_Candidate] = []
    for hit in places:
        if hit.name is not None and (hit.start, hit.end) not in inside:
            kind: EntityType = "organisation" if hit.type == "organisation" else "place"
            found.append(_Candidate(hit.start, hit.end, hit.name, kind, True))
    for m in native:
        known = gaz.lookup(m.name)
        holds_place = any(m.start <= s and e <= m.end for s, e in inside)
        if known is not None and known.type is not None:
            found.append(_Candidate(m.start, m.end, known.name, known.type, True))
        else:
            listed = m.cue == "word" or holds_place
            found.append(_Candidate(m.start, m.end, m.name, m.type, listed, cued=True))
    # a language or nationality word (朝鮮語, 中国人) blocks the names inside it
    nationality = [Span(h.start, h.end) for h in places if h.name is None]
    return [
        c
        for c in found
        if not any(n.start <= c.start and c.end <= n.end for n in nationality) or c.known
    ]


def _spacy_candidates(
    text: str,
    gaz: Gazetteer,
    language: str = "en",
    model_mentions: Sequence[RawMention] | None = None,
) -> list[RawMention]:
    headings = heading_lines(text)
    hits = gaz.find(text)
    demonyms = [Span(h.start, h.end) for h in hits if h.known.type is None]
    if model_mentions is None:
        model_mentions = ner_spacy.spacy_mentions(text, language)
    found = [
        m
        for m in model_mentions
        if not in_any(headings, m.start, m.end)
        # the model sometimes tags half of "North Korean" as a place
        and not in_any(demonyms, m.start, m.end)
    ]
    found.extend(
        RawMention(h.start, h.end, h.known.type, "gazetteer")
        for h in hits
        if h.known.type is not None
    )
    return found


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    name: str
    type: EntityType
    known: bool
    cued: bool = False  # the type came from words around the name, not the recogniser
    role: str | None = None  # a state body named by its role (see ner_roles)
    country: str | None = None


def _finalise(
    document: str,
    text: str,
    raw: Sequence[RawMention],
    gaz: Gazetteer,
    languages: Sequence[str] = (),
) -> list[EntityMention]:
    candidates = [c for r in raw if (c := _candidate(text, r, gaz)) is not None]
    candidates = [_in_context(text, c, gaz) for c in candidates]
    roles = list(find_role_mentions(text, gaz))
    # a state body named by its role ("North Korea's state security department")
    # unless a longer name runs on past it ("Ministry of Labour and Welfare")
    candidates.extend(
        _Candidate(
            r.start, r.end, r.name, "organisation", True, role=r.kind.kind, country=r.country
        )
        for r in roles
        if not any(c.start <= r.start and c.end > r.end for c in candidates)
    )
    candidates.extend(
        _native_candidates(text, languages, gaz, [Span(r.start, r.end) for r in roles])
    )
    # known names first, then longer spans: a gazetteer name splits a run the
    # model merged ("Kim Jong Un's North Korea") and wins ties on its type
    candidates.sort(key=lambda c: (not c.known, c.start - c.end, c.start))
    accepted: list[_Candidate] = []
    taken = Taken()
    for c in candidates:
        if taken.is_free(c.start, c.end):
            accepted.append(c)
            taken.add(c.start, c.end)
    accepted = _consistent_types(accepted)
    accepted = _merge_surnames(text, accepted, gaz)
    accepted = _merge_short_forms(text, accepted, gaz)
    accepted.sort(key=lambda c: (c.start, c.end))
    return [
        EntityMention(
            document, text[c.start : c.end], c.name, c.type, c.start, c.end, c.role, c.country
        )
        for c in accepted
    ]


def _trim(text: str, start: int, end: int, gaz: Gazetteer) -> tuple[int, int]:
    # a model span may run into a caption credit or across a line: cut there
    for stop in ("(", ")", "\n", "|"):
        cut = text.find(stop, start, end)
        if cut > start:
            end = cut
    lead = _LEADING.match(text, start, end)
    if lead:
        start = lead.end()
    tail = _TRAILING.search(text[start:end])
    if tail and tail.start() > 0:
        end = start + tail.start()
        # keep an abbreviation's own dot ("U.N.", "Inc.")
        if text[end : end + 1] == "." and gaz.lookup(text[start : end + 1]) is not None:
            end += 1
    if text.startswith(("the ", "The "), start) and gaz.lookup(text[start:end]) is None:
        start += 4
    return start, end


def _candidate(text: str, raw: RawMention, gaz: Gazetteer) -> _Candidate | None:
    start, end = _trim(text, raw.start, raw.end, gaz)
    surface = text[start:end]
    if end <= start or (gaz.is_junk(surface) and raw.source != "dateline"):
        return None
    if raw.type == "person" and any(ch.isdigit() for ch in surface):
        return None
    known = gaz.lookup(surface)
    if known is None:
        # context words overrule the recogniser: "the town of Lindenmoor" is a place
        # whatever the model said, "Marta Ilves, the head librarian" a person
        cue = cued_type(text, start, end, gaz)
        name = " ".join(surface.split())
        return _Candidate(start, end, name, cue or raw.type, False, cued=cue is not None)
    if known.type is None:
        return None  # a demonym
    # a capital or seat of power written for its state ("Moscow turns to them", "the
    # Kremlin said") stays the name as written: the dossier lists who and what the text
    # names, not a reading of it, so counts of Russia are counts of "Russia"
    return _Candidate(start, end, known.name, known.type, True)


_POSSESSIVE = re.compile(r"['’]s\s+$")
_OWNER = re.compile(r"([A-Z][\w.]*(?:[ \-][A-Z][\w.]*){0,3})['’]s\s+$")


def _in_context(text: str, c: _Candidate, gaz: Gazetteer) -> _Candidate:
    """Resolve a contextual alias ("Security Council"): whose body is it?

    "Russia's Security Council" is Russia's (named by the alias's `qualified`
    pattern), "the Russian Security Council" keeps its demonym, and a bare
    "Security Council" is the UN body only when the document speaks of the UN
    or sanctions; otherwise it stays as written.
    """
    alias = gaz.contextual.get(key(c.name)) if c.known else None
    if alias is None:
        return c
    window = text[max(0, c.start - 60) : c.start]
    if _POSSESSIVE.search(window):
        owner = _OWNER.search(window)
        if owner is None:
            return c  # "the country's Security Council": someone's, but whose is unsaid
        if alias.context.fullmatch(owner.group(1)):
            return replace(c, name=alias.name)  # "the UN's Security Council"
        return replace(c, name=alias.qualified.format(owner=_owner_name(owner.group(1), gaz)))
    demonym = re.search(r"([A-Z][\w-]*) $", window)
    if demonym and (known := gaz.lookup(demonym.group(1))) is not None and known.type is None:
        start = c.start - len(demonym.group(0))
        return replace(c, start=start, name=f"{demonym.group(1)} {c.name}")
    return replace(c, name=alias.name) if alias.context.search(text) else c


def _owner_name(owner: str, gaz: Gazetteer) -> str:
    """The longest known name ending the owner ("In June Russia" -> Russia), else its last word."""
    words = owner.split()
    for i in range(len(words)):
        known = gaz.lookup(" ".join(words[i:]))
        if known is not None and known.type is not None:
            return known.metonym_state or known.name
    return words[-1]


def _consistent_types(accepted: list[_Candidate]) -> list[_Candidate]:
    """One type per unknown name in a document: the type its context cues gave it.

    spaCy may call "Lindenmoor" a place in one sentence and an organisation in
    the next; where a cue ("the town of Lindenmoor") settled one mention, the
    others follow it. Names the gazetteer knows keep their listed type.
    """
    cued: dict[str, Counter[EntityType]] = defaultdict(Counter)
    for c in accepted:
        if c.cued and not c.known:
            cued[c.name][c.type] += 1
    if not cued:
        return accepted
    settled = {name: counts.most_common(1)[0][0] for name, counts in cued.items()}
    return [
        replace(c, type=settled[c.name]) if not c.known and c.name in settled else c
        for c in accepted
    ]


def _merge_short_forms(text: str, accepted: list[_Candidate], gaz: Gazetteer) -> list[_Candidate]:
    """Give "the Ledger" the organisation it shortens in this document ("Example Ledger").

    The short form is the last word of exactly one multi-word organisation
    named here, and no cue word of its own ("the University" could be any):
    mentions of it are renamed, and ones the recogniser missed are added when
    written with "the" before them.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    for c in accepted:
        parts = c.name.split()
        if c.type == "organisation" and len(parts) >= 2 and c.role is None:
            owners[parts[-1]].add(c.name)
    unique = {
        word: next(iter(names))
        for word, names in owners.items()
        if len(names) == 1
        and len(word) >= 3
        and word[:1].isupper()
        and word.rstrip(".") not in gaz.organisation_cues
        and word not in gaz.place_cues
        and gaz.lookup(word) is None
    }
    if not unique:
        return accepted
    merged = [
        replace(c, name=unique[c.name], type="organisation")
        if c.name in unique and not c.known and c.type != "place"
        else c
        for c in accepted
    ]
    taken = Taken()
    for c in merged:
        taken.add(c.start, c.end)
    for word, full in unique.items():
        for match in re.finditer(rf"\b[Tt]he ({re.escape(word)})(?![\w-])", text):
            s, e = match.span(1)
            if taken.is_free(s, e):
                merged.append(_Candidate(s, e, full, "organisation", False))
                taken.add(s, e)
    return merged


def _merge_surnames(text: str, accepted: list[_Candidate], gaz: Gazetteer) -> list[_Candidate]:
    """Give a lone surname the full name it refers to in this document.

    "Lankov" after "Andrei Lankov" is the same person. A lone word that could be
    either of two people ("the Kim regime": Kim Jong Un or Kim Seung-chul?) is
    left out: it names no one a reader could check. Surnames the recogniser
    missed are added as mentions too.
    """
    owners: dict[str, set[str]] = defaultdict(set)
    first_names: dict[str, set[str]] = defaultdict(set)
    for c in accepted:
        parts = c.name.split()
        if c.type != "person" or len(parts) < 2:
            continue
        owners[parts[-1]].add(c.name)
        first_names[parts[0]].add(c.name)
        if "-" in parts[-1]:  # Korean order: family name first ("Kang Dong-wan" -> "Kang")
            owners[parts[0]].add(c.name)
    unique = {
        surname: next(iter(names))
        for surname, names in owners.items()
        if len(names | first_names.get(surname, set())) == 1
    }
    merged = []
    for c in accepted:
        lone = " " not in c.name
        full = unique.get(c.name) if lone else None
        shared = owners.get(c.name, set()) | first_names.get(c.name, set())
        if lone and c.type == "person" and not c.known and len(shared) >= 2:
            continue
        if full is not None and (c.type == "person" or not c.known):
            merged.append(_Candidate(c.start, c.end, full, "person", c.known))
        else:
            merged.append(c)
    taken = Taken()
    for c in merged:
        taken.add(c.start, c.end)
    for surname, full in unique.items():
        if len(surname) < 3 or gaz.lookup(surname) is not None:
            continue
        for match in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            s, e = match.span()
            if taken.is_free(s, e):
                merged.append(_Candidate(s, e, full, "person", False))
                taken.add(s, e)
    return merged


__all__ = ["NER_METHODS", "NerMethod", "find_entities", "ner_description", "ner_method"]
