"""Entities across documents: one record per person, organisation or place.

Mentions merge when their canonical names agree after normalisation (case,
hyphens, spacing, a leading "the"): the extract stage already folded aliases
it knows (Kim Jong-un -> Kim Jong Un, "Pyongyang" acting for North Korea).
A lone surname that matches exactly one multi-word person in the corpus merges
into that person ("Lankov" -> Andrei Lankov); a word shared by two people
("Kim") stays on its own. Likewise a one-word organisation that is the last
word of exactly one longer organisation in the corpus merges into it ("the
Ledger" -> Example Ledger). The name shown is the canonical name most mentions
carry; `aliases` are the other surface forms seen; the type is the one most
mentions carry. Order is stable: most documents first, then most mentions,
then name.

Each name shows in one row only. A capital that stood for its state in one
document ("Pyongyang keeps the money" -> North Korea) and was the city in
another ("a visit to Pyongyang") gives two entities, North Korea and
Pyongyang; the state's row then does not repeat "Pyongyang" as an alias, since
the city has its own row. A capital used only for its state stays listed as
the state's alias, so a reader sees what was folded in. Aliases are written
without a leading "the" ("The Example Ledger" adds nothing to Example Ledger).

Across scripts, a name written in one script merges with a name of the same
type written in another when they sound the same (`names.sound_key`: 김정은,
Ким Чен Ын, キム・ジョンウン -> Kim Jong Un), and only then: the key has at
least three consonants, and within each script exactly one entity of that type
carries the key (two Latin names that sound alike, or two Hangul ones, leave
every name of that key on its own: a wrong merge of two people is worse than a
missed alias). Han names of a place or organisation that read the same in
pinyin (丹東, 丹东: traditional and simplified) count as one. The name shown is
then the Latin one when there is one.

It does not judge whether two different names are one entity beyond that:
no fuzzy matching within one script, so a misspelt name stays a separate entity.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from indicia.reconcile.names import is_latin, romanised, sound_keys
from indicia.records import DocumentEvidence, Entity, EntityMention, Evidence
from indicia.text.scripts import script_of

_TYPE_ORDER = {"person": 0, "organisation": 1, "place": 2}


def merge_key(name: str) -> str:
    """The form under which two canonical names count as the same entity."""
    folded = re.sub(r"[\s\u00a0\-‐‑]+", " ", name.replace("’", "'")).strip().casefold()
    return folded.removeprefix("the ")


def reconcile_entities(evidence: Sequence[DocumentEvidence]) -> tuple[Entity, ...]:
    groups: dict[str, list[EntityMention]] = defaultdict(list)
    for document in evidence:
        for mention in document.entities:
            groups[merge_key(mention.name)].append(mention)
    _merge_lone_surnames(groups)
    _merge_short_organisations(groups)
    _merge_across_scripts(groups)
    order = {d.document_id: i for i, d in reversed(list(enumerate(evidence)))}
    rows = set(groups)  # once: a set per entity made this quadratic in the entities
    entities = [_entity(k, mentions, order, rows) for k, mentions in groups.items()]
    counts = {merge_key(e.name): len(groups[k]) for k, e in zip(groups, entities, strict=True)}
    entities.sort(key=lambda e: (-len(e.documents), -counts[merge_key(e.name)], e.name, e.type))
    return tuple(entities)


def _merge_lone_surnames(groups: dict[str, list[EntityMention]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for k, mentions in groups.items():
        parts = k.split()
        if len(parts) >= 2 and _majority_type(mentions) == "person":
            owners[parts[-1]].add(k)
            owners[parts[0]].add(k)  # a family name first, or a first name shared by two
    for k in list(groups):
        if " " in k or _majority_type(groups[k]) != "person":
            continue
        full = owners.get(k, set())
        if len(full) == 1:
            (target,) = full
            # "Lankov" -> Andrei Lankov; "Kang" -> Kang Dong-wan (family name first)
            korean_order = any("-" in m.name.split()[-1] for m in groups[target])
            if target.split()[-1] == k or korean_order:
                groups[target].extend(groups.pop(k))


def _merge_short_organisations(groups: dict[str, list[EntityMention]]) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for k, mentions in groups.items():
        parts = k.split()
        role_named = any(m.role for m in mentions)  # "... of North Korea" is no short form
        if len(parts) >= 2 and _majority_type(mentions) == "organisation" and not role_named:
            owners[parts[-1]].add(k)
    for k in list(groups):
        if " " in k or _majority_type(groups[k]) != "organisation":
            continue
        full = owners.get(k, set())
        if len(full) == 1:
            groups[next(iter(full))].extend(groups.pop(k))


# a shorter skeleton ("pl": Apple, Paul, Pula) is too common to say two names are one
_MIN_SOUND_KEY = 3


def _merge_across_scripts(groups: dict[str, list[EntityMention]]) -> None:
    """Merge names in different scripts that sound the same (see the module docstring)."""
    keyed: dict[tuple[str, str], dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for k, mentions in groups.items():
        name = _own_name(k, mentions)
        if any(m.role for m in mentions):
            continue
        script = "latin" if is_latin(name) else (script_of(name) or "other")
        for key in sound_keys(name):
            if len(key) >= _MIN_SOUND_KEY:
                keyed[(_majority_type(mentions), key)][script].append(k)
    for (kind, _), scripts in keyed.items():
        if kind != "person" and "han" in scripts:
            _merge_han_variants(groups, scripts)
        if len(scripts) < 2 or any(len(members) > 1 for members in scripts.values()):
            continue  # one script only, or two names of one script that sound alike
        members = [m[0] for m in scripts.values()]
        target = (
            scripts["latin"][0]
            if "latin" in scripts
            else max(members, key=lambda k: (len(groups[k]), k))
        )
        for k in members:
            if k != target:
                groups[target].extend(groups.pop(k))


def _merge_han_variants(
    groups: dict[str, list[EntityMention]], scripts: dict[str, list[str]]
) -> None:
    """丹東 and 丹东: one place written in traditional and simplified characters.

    Han names of one place or organisation that read the same in pinyin are the
    same name in two character sets; people are left apart (two people's names
    may sound the same in Mandarin and be written differently).
    """
    members = [k for k in scripts["han"] if k in groups]
    readings = {romanised(_own_name(k, groups[k])) for k in members}
    if len(members) < 2 or len(readings) != 1:
        return
    target = max(members, key=lambda k: (len(groups[k]), k))
    for k in members:
        if k != target:
            groups[target].extend(groups.pop(k))
    scripts["han"] = [target]


def _own_name(key: str, mentions: Sequence[EntityMention]) -> str:
    names = Counter(m.name for m in mentions if merge_key(m.name) == key)
    return min(names, key=lambda n: (-names[n], n)) if names else mentions[0].name


def _majority_type(mentions: Sequence[EntityMention]) -> str:
    counts = Counter(m.type for m in mentions)
    return min(counts, key=lambda t: (-counts[t], _TYPE_ORDER.get(t, 9), t))


def _entity(
    key: str, mentions: Sequence[EntityMention], order: dict[str, int], rows: set[str]
) -> Entity:
    # the most used spelling of the group's own name, not of a surname it absorbed
    names = Counter(m.name for m in mentions if merge_key(m.name) == key)
    name = min(names, key=lambda n: (-names[n], n))
    surfaces = {" ".join(m.text.split()) for m in mentions} | {m.name for m in mentions}
    # spellings other than the name ("Kim Jong-un"), with no leading "the", and
    # none that is another row's name
    bare = {re.sub(r"^[Tt]he\s+", "", s) for s in surfaces}
    aliases = sorted(
        s for s in bare if s != name and (merge_key(s) == key or merge_key(s) not in rows)
    )
    # documents in the order the evidence lists them
    documents = tuple(sorted({m.document for m in mentions}, key=lambda d: (order.get(d, 0), d)))
    listed = sorted(mentions, key=lambda m: (order.get(m.document, 0), m.document, m.start))
    roles = Counter(m.role for m in mentions if m.role)
    countries = Counter(m.country for m in mentions if m.country)
    return Entity(
        name=name,
        type=_majority_type(mentions),
        aliases=tuple(aliases),
        documents=documents,
        mentions=tuple(Evidence(m.document, m.text, m.start, m.end) for m in listed),
        role=min(roles, key=lambda r: (-roles[r], r)) if roles else None,
        country=min(countries, key=lambda c: (-countries[c], c)) if countries else None,
    )


__all__ = ["merge_key", "reconcile_entities"]
