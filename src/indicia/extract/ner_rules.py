"""Rule-based named-entity recognition: the fallback that needs no model.

Two passes over word tokens: first the gazetteer (longest known name wins,
demonyms such as "North Korean" block a span without becoming entities), then
runs of capitalised words the gazetteer did not claim, typed by cues:

- organisation: the run holds a cue word ("Kookmin University", "Ministry of
  Labour and Welfare"), follows a membership role ("chairman of the Joint
  Chiefs of Staff"), or is made of short acronyms ("NGO", "EYP MCF");
- place: a cue word in the run ("South China Sea", "Fort Smith"), a lower-case
  cue after it ("Donetsk region") or before it ("the town of Bilozerske", "the
  capital Kabul"), a known place after a comma ("Spiro, Oklahoma"), a
  dateline ("HANOI, Vietnam"), or a lone name after a locative preposition
  ("in Bilozerske", "in eastern Oklahoma");
- organisation also: two or more name-shaped words after "the" ("told the
  Example Ledger"): people take no article, and "the Ledger said" names no person;
- person: a title or role before it ("Professor Kang", "security adviser
  Sergei Shoigu", "Interior Minister Wolfgang Peschorn"), a naming cue ("a
  worker named Tae", "identified as Jin"), a speech verb after it ("as Jin
  said"), an appositive ("Jin, one escapee"), or two to five name-shaped words
  with no other cue ("Kim Seung-chul"). Words count by spaces: "Flood-damaged"
  opening a sentence is one word, so it is no two-word name.

A lone capitalised word with none of these cues is left out: at a sentence
start it is usually an ordinary word. Inside headings (Title Case lines) only
gazetteer names are kept. Pseudonyms used as first names ("Tae") are persons
when a naming cue introduces them. Junk filtering, alias merging and metonymy
happen afterwards in `extract.entities`, the same for this path and spaCy's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import regex

from indicia.extract.ner_gazetteer import (
    EntityType,
    Gazetteer,
    Hit,
    RawMention,
    Token,
    heading_lines,
    in_any,
    iter_sentence_starts,
    key,
    next_words,
    previous_words,
    tokens,
)
from indicia.records import Span

# capitalised words of any cased script (Latin with accents, Cyrillic, Greek)
_NAME_WORD = regex.compile(r"(?:\p{Lu}\p{Ll}+|Mc\p{Lu}\p{Ll}+|\p{Lu}\.?)")
# an appositive role: its first word ("Jin, one escapee who fled") or, when the
# phrase closes within three words, its last ("Marta Ilves, the head librarian,")
_APPOSITIVE_FIRST = re.compile(r",\s+(?:a|an|one|the)\s+([\w-]+)\b")
_APPOSITIVE_HEAD = re.compile(r",\s+(?:a|an|one|the)\s+(?:[\w-]+ ){0,2}([\w-]+)\s*[,.;:)]")
_ACRONYM = regex.compile(r"\p{Lu}{2,5}")
_DATELINE_END = re.compile(r"\s*(?:,|\(|—|–|-\s)")
_HYPHENS = ("-", "‐", "‑")
_APOSTROPHES = ("'", "’")


@dataclass(frozen=True)
class LanguageCues:
    """What the rules need to know of the document's languages beyond English.

    `stop_words` (lower case) never start a name ("Die", "Selon", "Februar"). In a
    language that capitalises every noun (German), two capitalised words after an article,
    a determiner or an inflected adjective are a noun and a name, not a person:
    "die südkoreanische Konkurrenz Samsung"; `verb_endings` keep a past-tense
    verb ("sagte Anna Berg") from reading as such an adjective.
    """

    stop_words: frozenset[str] = frozenset()
    locatives: frozenset[str] = frozenset()  # "en Arizona": a lone name after one is a place
    determiners: frozenset[str] = frozenset()
    adjective_endings: tuple[str, ...] = ()
    verb_endings: tuple[str, ...] = ()

    def marks_a_noun(self, word: str) -> bool:
        """Whether a lower-case `word` before a capitalised run says the run opens with a noun."""
        if word in self.determiners or word.replace(",", "").isdigit():
            return bool(self.determiners)
        return (
            (
                len(word) > 3
                and word not in self.stop_words
                and word.endswith(self.adjective_endings)
                and not word.endswith(self.verb_endings)
                and word.islower()
            )
            if self.adjective_endings
            else False
        )


@dataclass(frozen=True)
class _Context:
    """What classifying a run needs to know about the document around it."""

    text: str
    toks: Sequence[Token]
    gaz: Gazetteer
    headings: Sequence[Span]
    starts: frozenset[int]  # offsets of sentence- and line-initial words
    place_starts: frozenset[int]  # offsets where a known place begins
    cues: LanguageCues = LanguageCues()  # the document's languages beyond English


def rule_mentions(
    text: str, sentences: Sequence[Span], gaz: Gazetteer, cues: LanguageCues | None = None
) -> list[RawMention]:
    """Candidate mentions in `text`: gazetteer names plus typed capitalised runs.

    `cues` carry what the document's languages beyond English change (see
    `LanguageCues`); without them the rules read English.
    """
    toks = tokens(text)
    hits = [h for h in gaz.find(text, toks) if not _names_a_longer_place(text, h, gaz)]
    hit_at = _hit_index(toks, hits)
    context = _Context(
        text=text,
        toks=toks,
        gaz=gaz,
        headings=heading_lines(text),
        starts=frozenset(iter_sentence_starts(text, sentences)),
        place_starts=frozenset(h.start for h in hits if h.known.type == "place"),
        cues=cues or LanguageCues(),
    )
    absorbed: set[int] = set()
    found: list[RawMention] = []
    for run in _capitalised_runs(text, toks, hit_at, gaz):
        following = run[-1] + 1
        if (
            following in hit_at
            and hits[hit_at[following]].known.type is None
            and text[toks[run[-1]].end : toks[following].start] == " "
        ):
            continue  # a modifier of a nationality word ("Upper Korean"): not a name
        run, absorbed_hits = _absorb_neighbours(text, toks, run, hit_at, hits, gaz)
        mentions = _classify(context, run)
        if mentions and absorbed_hits:
            absorbed.update(absorbed_hits)
        found.extend(mentions)
    for h, hit in enumerate(hits):
        if hit.known.type is not None and h not in absorbed:
            found.append(RawMention(hit.start, hit.end, hit.known.type, "gazetteer"))
    return sorted(found, key=lambda m: (m.start, -m.end))


def _names_a_longer_place(text: str, hit: Hit, gaz: Gazetteer) -> bool:
    """A place hit that heads a longer place name ("China" in "South China Sea")."""
    match = re.match(r" ([A-Z][a-z]+)", text[hit.end : hit.end + 20])
    return hit.known.type == "place" and match is not None and match.group(1) in gaz.place_cues


def _hit_index(toks: Sequence[Token], hits: Sequence[Hit]) -> dict[int, int]:
    """Token index -> index of the gazetteer hit that covers it."""
    hit_at: dict[int, int] = {}
    h = 0
    for t, token in enumerate(toks):
        while h < len(hits) and hits[h].end <= token.start:
            h += 1
        if h < len(hits) and hits[h].start <= token.start < hits[h].end:
            hit_at[t] = h
    return hit_at


def _is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def _ends_sentence(token: Token) -> bool:
    # "Russia." ends a run; an initial ("J.") or an abbreviation ("U.N.") does not
    return token.text.endswith(".") and len(token.text) > 2 and "." not in token.text[:-1]


def _joins(text: str, left: Token, right: Token, gaz: Gazetteer) -> bool:
    if right.text.rstrip(".") in gaz.calendar_words:
        return False  # "Kraft Plant Thursday": the day is no part of the name
    sep = text[left.end : right.start]
    if sep in _HYPHENS:
        return True  # "Seung-chul", "Dong-wan"
    if sep in _APOSTROPHES:
        return right.text != "s"  # "O'Brien", not a possessive
    return sep in (" ", "\u00a0") and _is_capitalised(right)


def _capitalised_runs(
    text: str, toks: Sequence[Token], hit_at: dict[int, int], gaz: Gazetteer
) -> list[list[int]]:
    runs: list[list[int]] = []
    i = 0
    while i < len(toks):
        if i in hit_at or not _is_capitalised(toks[i]):
            i += 1
            continue
        run = [i]
        j = i
        while j + 1 < len(toks) and j + 1 not in hit_at:
            if _ends_sentence(toks[j]) and key(toks[j].text) not in gaz.titles:
                break
            k = j + 1
            if _joins(text, toks[j], toks[k], gaz):
                run.append(k)
                j = k
                continue
            if (
                text[toks[j].end : toks[k].start] == " "
                and toks[k].text.lower() in gaz.connectors
                and k + 1 < len(toks)
                and k + 1 not in hit_at
                and text[toks[k].end : toks[k + 1].start] == " "
                and _is_capitalised(toks[k + 1])
            ):
                run.extend((k, k + 1))
                j = k + 1
                continue
            break
        runs.append(run)
        i = j + 1
    return runs


def _absorb_neighbours(
    text: str,
    toks: Sequence[Token],
    run: list[int],
    hit_at: dict[int, int],
    hits: Sequence[Hit],
    gaz: Gazetteer,
) -> tuple[list[int], set[int]]:
    """Grow an organisation run over a known name it is built on.

    "University of Seoul", "Russian Defence Ministry": the gazetteer claimed
    "Seoul" and "Russian", but with an organisation cue in the run the whole
    phrase is the name.
    """
    if not any(toks[k].text.rstrip(".") in gaz.organisation_cues for k in run):
        return run, set()
    absorbed: set[int] = set()
    before = run[0] - 1
    if before in hit_at and text[toks[before].end : toks[run[0]].start] == " ":
        h = hit_at[before]
        absorbed.add(h)
        first = before
        while hit_at.get(first - 1) == h:
            first -= 1
        run = [*range(first, before + 1), *run]
    after = run[-1] + 1
    if (
        after + 1 in hit_at
        and after < len(toks)
        and toks[after].text.lower() in ("of", "for")
        and text[toks[run[-1]].end : toks[after].start] == " "
    ):
        h = hit_at[after + 1]
        absorbed.add(h)
        width = 0
        while hit_at.get(after + 1 + width) == h:
            width += 1
        run = [*run, after, *range(after + 1, after + 1 + width)]
    return sorted(run), absorbed


def _title_width(toks: Sequence[Token], run: Sequence[int], at: int, gaz: Gazetteer) -> int:
    """How many tokens of a title start at run[at] (0 when none)."""
    first = toks[run[at]].text
    if at + 1 < len(run) and key(f"{first} {toks[run[at + 1]].text}") in gaz.titles:
        return 2
    return 1 if key(first) in gaz.titles or key(first.rstrip(".")) in gaz.titles else 0


def _strip_leading(
    toks: Sequence[Token], run: list[int], gaz: Gazetteer, stop_words: frozenset[str] = frozenset()
) -> tuple[list[int], bool]:
    """Drop sentence-initial function words and titles; say whether a title was seen."""
    titled = False
    while run:
        width = _title_width(toks, run, 0, gaz)
        first = toks[run[0]].text
        if width:
            run, titled = run[width:], True
        elif (
            first.rstrip(".") in gaz.stop_capitalised
            or first.lower() in gaz.connectors
            or first.casefold() in stop_words
        ):
            run = run[1:]
        else:
            break
    while run and toks[run[-1]].text.lower() in gaz.connectors:
        run = run[:-1]
    return run, titled


def _classify(context: _Context, run: list[int], titled: bool = False) -> list[RawMention]:
    toks, gaz = context.toks, context.gaz
    run, stripped_title = _strip_leading(toks, run, gaz, context.cues.stop_words)
    titled = titled or stripped_title
    if not run:
        return []
    start, end = toks[run[0]].start, _end_of(toks[run[-1]])
    if in_any(context.headings, start, end):
        return []
    if any(toks[k].text.rstrip(".") in gaz.not_entity_cues for k in run):
        return []  # a law, prize or event ("Marine Mammal Protection Act")
    # a title inside the run starts a person: "Interior Minister Wolfgang Peschorn"
    for at in range(1, len(run)):
        if _title_width(toks, run, at, gaz):
            return _classify(context, run[:at]) + _classify(context, run[at:], titled=True)
    before = previous_words(context.text, start, 3)
    if _follows_membership_role(before, gaz) and len(run) >= 2:
        return [RawMention(start, end, "organisation", "rules")]
    parts = _split_at_connectors(toks, run, gaz)
    mentions: list[RawMention] = []
    cued: tuple[tuple[EntityType, frozenset[str]], ...] = (
        ("organisation", gaz.organisation_cues),
        ("place", gaz.place_cues),
    )
    for cued_kind, cues in cued:
        first = _cue_part(toks, parts, cues)
        if first is not None:
            # "Ada Kowalczyk of Dunmore University": the name before the cue part is its own
            mentions.append(RawMention(toks[parts[first][0]].start, end, cued_kind, "rules"))
            parts = parts[:first]
            break
    for part in parts:
        part, part_titled = _strip_leading(toks, part, gaz, context.cues.stop_words)
        if not part:
            continue
        kind = _classify_part(context, part, titled or part_titled)
        if kind is not None:
            s, e = toks[part[0]].start, _end_of(toks[part[-1]])
            # a dateline is in capitals on purpose: tell the junk filter
            source = "dateline" if _is_dateline(context.text, s, e, context.text[s:e]) else "rules"
            mentions.append(RawMention(s, e, kind, source))
    return mentions


def _follows_membership_role(before: Sequence[str], gaz: Gazetteer) -> bool:
    words = list(before)
    if words and words[-1] == "the":
        words.pop()
    return len(words) >= 2 and words[-1] == "of" and words[-2] in gaz.member_roles


def _cue_part(
    toks: Sequence[Token], parts: Sequence[list[int]], cues: frozenset[str]
) -> int | None:
    """Index of the part where a cued name starts (an organisation's, a place's), if any.

    The name runs from the first part with a cue word to the end of the run
    ("Ministry of Labour and Welfare", "Gulf of Mexico"), and back over parts
    joined by "and" ("Relief and Works Agency"); a lone cue word is no name.
    """
    for index, part in enumerate(parts):
        words = [toks[k].text.rstrip(".") for k in part]
        if any(w in cues for w in words):
            while index > 0 and toks[parts[index][0] - 1].text.lower() in ("and", "&"):
                index -= 1
            whole = sum(len(p) for p in parts[index:])
            return index if whole >= 2 else None
    return None


# English connectors join two names ("Ada Kowalczyk of Dunmore University"); other
# particles sit inside one ("Braunau am Inn", "Ludwig van Beethoven")
_SPLITTING_CONNECTORS = frozenset({"of", "for", "and", "the", "&"})


def _split_at_connectors(toks: Sequence[Token], run: list[int], gaz: Gazetteer) -> list[list[int]]:
    parts: list[list[int]] = [[]]
    for k in run:
        if toks[k].text in _SPLITTING_CONNECTORS:
            parts.append([])
        else:
            parts[-1].append(k)
    return [p for p in parts if p]


def _end_of(token: Token) -> int:
    return token.end - 1 if _ends_sentence(token) else token.end


def _classify_part(context: _Context, part: list[int], titled: bool) -> EntityType | None:
    text, toks, gaz = context.text, context.toks, context.gaz
    start, end = toks[part[0]].start, _end_of(toks[part[-1]])
    words = [toks[k].text for k in part]
    before = previous_words(text, start, 3)
    if _place_cued(text, start, end, gaz):
        return "place"
    if all(_ACRONYM.fullmatch(w) and w not in gaz.not_acronyms for w in words):
        # capitals are an acronym ("NGO", "EYP MCF"), or a dateline ("HANOI, Vietnam")
        if len(words) == 1 and _is_dateline(text, start, end, words[0]):
            return "place"
        return "organisation"
    introduced = titled or (before and before[-1] in gaz.role_nouns)
    named = any(" ".join(before).endswith(cue) for cue in gaz.naming_cues)
    if introduced or named or _appositive_role(text, end, gaz):
        return "person"
    several = _word_count(text, toks, part) >= 2
    # people take no article: "told the Example Ledger" names an organisation, and
    # in "the Ledger said" the speaker is no person either
    article = bool(before) and before[-1] == "the"
    if several and article and _name_shaped(text, toks, part):
        return "organisation"
    # "as Jin said" names a person; a sentence-initial "Staff said" does not
    after = next_words(text, end, 1)
    speaks = bool(after) and after[0] in gaz.speech_verbs
    if speaks and not article and start not in context.starts:
        return "person"
    comma = re.match(r",\s+", text[end : end + 4])
    if comma and end + comma.end() in context.place_starts:
        return "place"  # "Spiro, Oklahoma"
    if several:
        two_words = _word_count(text, toks, part) == 2
        if two_words and before and context.cues.marks_a_noun(before[-1]):
            return None  # "die südkoreanische Konkurrenz Samsung": a noun, then a name
        return "person" if _name_shaped(text, toks, part) and len(words) <= 5 else None
    while before and before[-1] in gaz.direction_words:
        before.pop()  # "in eastern Oklahoma"
    locatives = (gaz.locative_before, context.cues.locatives)
    if start not in context.starts and before and any(before[-1] in words for words in locatives):
        return "place"
    if _is_dateline(text, start, end, words[0]):
        return "place"
    return None


def _place_cued(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Words around text[start:end] that make it a place: "Kursk region", "the town of X",
    "the capital Kabul"."""
    after = next_words(text, end, 1)
    if after and after[0] in gaz.place_after:
        return True
    before = previous_words(text, start, 3)
    if any(" ".join(before[-2:]).endswith(cue) for cue in gaz.place_before):
        return True
    nouns = re.search(r"\b([a-z]+) $", text[max(0, start - 20) : start])
    return bool(nouns and nouns.group(1) in gaz.place_nouns)


def cued_type(text: str, start: int, end: int, gaz: Gazetteer) -> EntityType | None:
    """The type the words around text[start:end] give it, when they are unambiguous.

    Used to overrule a model's label: "the town of Lindenmoor" and "Kursk region"
    are places; "Marta Ilves, the head librarian" and "librarian Marta Ilves"
    are people. A name that carries its own organisation cue word ("Kookmin
    University") is left to the recogniser, and so is anything without a cue.
    """
    words = text[start:end].split()
    if not words or any(w.rstrip(".") in gaz.organisation_cues for w in words):
        return None
    before = previous_words(text, start, 3)
    if _place_cued(text, start, end, gaz):
        return "place"
    toks = tokens(text[start:end])
    if not toks or not _name_shaped(text[start:end], toks, range(len(toks))):
        return None
    if before and before[-1] in gaz.role_nouns and text[start - 1 : start] == " ":
        return "person"  # "librarian Marta Ilves"; not "the leader's" or "chief, Ilves"
    if any(" ".join(before).endswith(cue) for cue in gaz.naming_cues):
        return "person"
    return "person" if _appositive_role(text, end, gaz) else None


def _word_count(text: str, toks: Sequence[Token], part: Sequence[int]) -> int:
    """Words in a run: "Flood-damaged" is one word, "Kang Dong-wan" two."""
    return 1 + sum(1 for a, b in pairwise(part) if text[toks[a].end : toks[b].start].strip() == "")


def _is_dateline(text: str, start: int, end: int, word: str) -> bool:
    """A place name in capitals opening a news report: "HANOI, Vietnam (AP) —"."""
    line_start = text.rfind("\n", 0, start) + 1
    return (
        word.isupper()
        and len(word) >= 3
        and not text[line_start:start].strip()
        and _DATELINE_END.match(text, end) is not None
    )


def _appositive_role(text: str, end: int, gaz: Gazetteer) -> bool:
    return any(
        (match := pattern.match(text, end)) is not None and match.group(1) in gaz.role_nouns
        for pattern in (_APPOSITIVE_FIRST, _APPOSITIVE_HEAD)
    )


def _name_shaped(text: str, toks: Sequence[Token], part: Sequence[int]) -> bool:
    for position, k in enumerate(part):
        word = toks[k].text.rstrip(".") if position == len(part) - 1 else toks[k].text
        joined = position > 0 and text[toks[part[position - 1]].end : toks[k].start] != " "
        if joined and word.isalpha():
            continue  # the second half of "Seung-chul" or "O'Brien"
        if not _NAME_WORD.fullmatch(word):
            return False
    return True
