"""Screen the dossier's people and organisations against sanctions lists.

Every person and organisation entity is compared, by each of its names and
aliases, with the list entries of the same type that share a name part with
it (an index on the parts' first letters under the spelling and Korean keys
keeps this from comparing every pair). A candidate is kept when its score
reaches the threshold and is within 0.05 of the entity's best candidate;
each carries the features behind its score (which name parts matched,
through which alias, the entry's programs, countries and dates of birth) and
the entity's mentions as quotes.

A state body named by its role ("state security agency of North Korea") is
compared instead with the proper names such a body carries
(`data/role_names.json`: "Ministry of State Security", ...) on entries of the
same state only; without a state it is never matched. An entry whose own name
is such a generic name ("MINISTRY OF LABOR") is likewise matched only by a
role-named body of its state, never by a bare "Ministry of Labour".

Nothing here is a finding: a candidate stays a candidate until a reviewer
accepts or rejects it.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from indicia.data import load_json
from indicia.records import Entity, ListEntry, MatchFeature, ScreeningCandidate
from indicia.screen.lists import SanctionsList, country_caption, country_code
from indicia.screen.matcher import NameMatch, compare_names, part_pairs
from indicia.screen.names import has_hangul, korean_key, name_parts, spelling_key

DEFAULT_THRESHOLD = 0.88
_WEAK_ALIAS = 0.93  # a weak a.k.a. (a short or generic form) counts for less
_KOREAN = frozenset({"kp", "kr"})
_MAX_PER_ENTITY = 5
# entries far below an entity's best match are another person sharing its name parts
# ("Hani" beside "Rafi" of one family): a reviewer sees the close alternatives only
_MARGIN = 0.05
_SCREENED_TYPES = ("person", "organisation")


@dataclass(frozen=True)
class _Name:
    entry: int
    text: str
    parts: tuple[str, ...]
    kind: str  # name | alias | weak_alias


@dataclass
class ListIndex:
    """The entries of one or more lists, indexed by name-part prefixes."""

    entries: list[ListEntry] = field(default_factory=list)
    names: list[_Name] = field(default_factory=list)
    by_prefix: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    generic: dict[str, list[int]] = field(default_factory=dict)  # role list name -> entries

    @classmethod
    def build(cls, lists: Iterable[SanctionsList]) -> ListIndex:
        index = cls()
        generic_forms = {
            " ".join(name_parts(n, "organisation")): n
            for names in role_list_names().values()
            for n in names
        }
        prefixes: dict[tuple[str, str], list[int]] = defaultdict(list)
        for sanctions in lists:
            for entry in sanctions.entries:
                e = len(index.entries)
                index.entries.append(entry)
                written = [(entry.name, "name")]
                written += [(a, "alias") for a in entry.aliases]
                written += [(a, "weak_alias") for a in entry.weak_aliases]
                for text, kind in written:
                    parts = name_parts(text, entry.type)
                    if not parts:
                        continue
                    joined = " ".join(parts)
                    if entry.type == "organisation" and joined in generic_forms:
                        index.generic.setdefault(joined, []).append(e)
                        continue
                    n = len(index.names)
                    index.names.append(_Name(e, text, parts, kind))
                    for key in _block_keys(parts):
                        prefixes[(entry.type, key)].append(n)
        index.by_prefix = dict(prefixes)
        return index

    def candidates(self, kind: str, parts: Sequence[str]) -> set[int]:
        """Names sharing a part's first letters with enough of the query's parts.

        A person needs two parts in common (under the keys' first three letters),
        an organisation one: comparing every name with every entry would cost
        the list's size per query.
        """
        matched: dict[int, int] = defaultdict(int)
        for part in dict.fromkeys(parts):
            names: set[int] = set()
            for key in _block_keys([part]):
                names.update(self.by_prefix.get((kind, key), ()))
            for n in names:
                matched[n] += 1
        need = min(2, len(set(parts))) if kind == "person" else 1
        return {n for n, count in matched.items() if count >= need}


def _block_keys(parts: Sequence[str]) -> set[str]:
    keys: set[str] = set()
    for part in parts:
        if len(part) >= 2:
            keys.add("s" + spelling_key(part)[:3])
            keys.add("k" + korean_key(part)[:3])
    return keys


def screen_entities(
    entities: Sequence[Entity], index: ListIndex, threshold: float = DEFAULT_THRESHOLD
) -> list[ScreeningCandidate]:
    """Candidates for every person and organisation in `entities`, best first per entity."""
    found: list[ScreeningCandidate] = []
    for entity in entities:
        if entity.type not in _SCREENED_TYPES:
            continue
        if entity.role:
            found.extend(_screen_role(entity, index))
            continue
        found.extend(_screen_names(entity, index, threshold))
    return found


def _screen_names(entity: Entity, index: ListIndex, threshold: float) -> list[ScreeningCandidate]:
    best: dict[int, tuple[float, NameMatch, str, _Name]] = {}
    for written in dict.fromkeys([entity.name, *entity.aliases]):
        parts = name_parts(written, entity.type)
        if not parts:
            continue
        hangul = has_hangul(written)
        for n in index.candidates(entity.type, parts):
            listed = index.names[n]
            entry = index.entries[listed.entry]
            korean = hangul or bool(_KOREAN.intersection(entry.countries))
            match = compare_names(
                parts,
                listed.parts,
                person=entity.type == "person",
                korean=korean,
                family_first="," in listed.text,
            )
            if match is None:
                continue
            score = match.score * (_WEAK_ALIAS if listed.kind == "weak_alias" else 1.0)
            if score >= threshold and score > best.get(listed.entry, (0.0,))[0]:
                best[listed.entry] = (score, match, written, listed)
    ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0]))[:_MAX_PER_ENTITY]
    ranked = [kv for kv in ranked if kv[1][0] >= ranked[0][1][0] - _MARGIN]
    return [
        _candidate(entity, index.entries[e], listed.text, score, _name_features(m, w, listed))
        for e, (score, m, w, listed) in ranked
    ]


def _name_features(match: NameMatch, written: str, listed: _Name) -> list[MatchFeature]:
    pairs = ", ".join(f"{q or '-'}={c or '-'}" for q, c in part_pairs(match))
    how = {
        "exact": "the same parts",
        "fuzzy": "parts within a few edits",
        "spelling": "parts that differ only in spelling convention",
        "korean": "parts that differ only in Korean romanisation",
    }[match.via]
    features = [
        MatchFeature(
            "name_parts",
            f"{written!r} against {listed.text!r}: {how} ({pairs})",
            match.score,
        )
    ]
    if match.dropped:
        features.append(
            MatchFeature(
                "name_parts",
                "left out of the comparison: " + ", ".join(match.dropped),
                0.0,
            )
        )
    if listed.kind == "alias":
        features.append(MatchFeature("alias", f"matched the list's a.k.a. {listed.text!r}"))
    elif listed.kind == "weak_alias":
        features.append(
            MatchFeature(
                "weak_alias",
                f"matched only a weak a.k.a. {listed.text!r}",
                round(match.score * (_WEAK_ALIAS - 1.0), 4),
            )
        )
    return features


@cache
def role_list_names() -> dict[str, tuple[str, ...]]:
    """Kind of state body -> the proper names such bodies carry (data/role_names.json)."""
    return {k["kind"]: tuple(k["list_names"]) for k in load_json("role_names.json")["kinds"]}


def _screen_role(entity: Entity, index: ListIndex) -> list[ScreeningCandidate]:
    names = role_list_names().get(entity.role or "", ())
    code = country_code(entity.country) if entity.country else None
    if not names or code is None:
        return []
    kind = (entity.role or "").replace("_", " ")
    found = []
    for name in names:
        joined = " ".join(name_parts(name, "organisation"))
        for e in index.generic.get(joined, []):
            entry = index.entries[e]
            if code not in entry.countries:
                continue
            features = [
                MatchFeature(
                    "role",
                    f"named by its role: the {kind} body of "
                    f"{entity.country}; {entry.name!r} is a proper name such a body carries",
                    0.9,
                )
            ]
            found.append(_candidate(entity, entry, entry.name, 0.9, features, role_country=code))
    return found


def _candidate(
    entity: Entity,
    entry: ListEntry,
    matched: str,
    score: float,
    features: list[MatchFeature],
    role_country: str | None = None,
) -> ScreeningCandidate:
    features = [*features, *_entry_features(entry, role_country)]
    digest = hashlib.sha256(
        f"{entity.type}\x00{entity.name}\x00{entry.list_name}\x00{entry.entry_id}".encode()
    ).hexdigest()[:16]
    return ScreeningCandidate(
        id=digest,
        entity=entity.name,
        entity_type=entity.type,
        entry=entry,
        matched_name=matched,
        score=round(score, 4),
        features=tuple(features),
        evidence=entity.mentions,
    )


def _entry_features(entry: ListEntry, role_country: str | None) -> list[MatchFeature]:
    features = []
    if entry.programs:
        features.append(MatchFeature("program", "listed under " + ", ".join(entry.programs)))
    if entry.countries:
        states = ", ".join(country_caption(c) for c in entry.countries)
        if role_country:
            features.append(
                MatchFeature(
                    "country",
                    f"same state: the text's {country_caption(role_country)}"
                    f" and the entry's {states}",
                )
            )
        else:
            features.append(
                MatchFeature("country", f"entry's state: {states}; the documents do not say")
            )
    if entry.birth_dates:
        features.append(
            MatchFeature(
                "dates",
                "born " + "; ".join(entry.birth_dates) + " (the documents give no date to compare)",
            )
        )
    return features


__all__ = ["DEFAULT_THRESHOLD", "ListIndex", "screen_entities"]
